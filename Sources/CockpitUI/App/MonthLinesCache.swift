import MetricsCore

/// Where the items of the KPI autopsy by month fall on its lines, kept between keys like the
/// story's line count: the scroll and a click need it, and laying the month out (its texts
/// wrap) is not for every key. Kept when the month view opens, its month or width changes, or
/// its deep dive arrives.
struct MonthLinesCache: Sendable {
    struct Key: Hashable, Sendable {
        let client: Int, month: YearMonth, date: Day, width: Int
    }
    let key: Key
    /// Each line's item (nil for rules and notes) and whether it is a section's rule.
    let places: [AutopsyMonthView.Place]
}

extension AppState {
    func monthLinesKey(client: Int) -> MonthLinesCache.Key? {
        autopsyMonth.map { MonthLinesCache.Key(client: client, month: $0, date: date, width: size.width) }
    }

    /// The month view's line places, from the cache when it is the one on top, else laid out now
    /// (a state rendered without `update`, as the tests do).
    func monthPlaces(client: Int) -> [AutopsyMonthView.Place]? {
        if let cache = monthLinesCache, cache.key == monthLinesKey(client: client) { return cache.places }
        return deepDive(client).map { AutopsyMonthView.places(AutopsyMonthView.lines($0, glyphs: .ascii, width: size.width)) }
    }

    mutating func refreshMonthLinesCache() {
        guard case .autopsy(let client) = top.screen, let key = monthLinesKey(client: client), let dive = deepDive(client) else {
            monthLinesCache = nil
            return
        }
        if monthLinesCache?.key != key {
            monthLinesCache = MonthLinesCache(key: key, places: AutopsyMonthView.places(AutopsyMonthView.lines(dive, glyphs: .ascii, width: size.width)))
        }
    }
}
