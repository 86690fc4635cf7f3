import MetricsCore

/// The deals the search on top found, for one query and review date, and their rows.
struct SearchCache: Sendable {
    struct Key: Hashable, Sendable {
        let query: String, date: Day
    }
    let key: Key
    let result: DealSearchResult
    let rows: [DealRow]
}

/// `/` on the portfolio: deals of every client by id, name, account or owner, as you type.
/// The search is a screen of its own (its query is the nav entry's `filter`), so a deal opened
/// from it goes back to it with Esc, then to the portfolio.
extension AppState {
    /// The most deals a search lists (best first; the list scrolls through them): ranking and
    /// making the rows of every match would cost a keystroke on a large portfolio (`a` finds
    /// every deal), and the title says how many more there are.
    static let searchListed = 500

    func searchKey(_ entry: NavEntry) -> SearchCache.Key {
        SearchCache.Key(query: entry.filter, date: date)
    }

    /// The deals found for the search `entry`, best first, at most `searchListed`; `total`
    /// counts all. Deals not created by the review date are left out (they have no stage yet).
    public func searchResult(for entry: NavEntry) -> DealSearchResult {
        if let cache = searchCache, cache.key == searchKey(entry) { return cache.result }
        return computeSearch(searchKey(entry))
    }

    func computeSearch(_ key: SearchCache.Key) -> DealSearchResult {
        let clients = entries.indices.compactMap { c in entries[c].searchKeys.map { (client: c, keys: $0) } }
        // The stages as of the review date, taken out of the reviews once per keystroke, not per deal.
        let states = reviews.map { $0?.current.snapshot.states ?? [] }
        return DealSearch.find(key.query, in: clients, limit: Self.searchListed) { c, d in
            states[c].indices.contains(d) && states[c][d].stage >= 0
        }
    }

    /// Keeps the results of the search on top, and their rows, ready for the next render and key.
    mutating func refreshSearchCache() {
        guard top.screen == .search else { searchCache = nil; return }
        let key = searchKey(top)
        if searchCache?.key != key {
            let result = computeSearch(key)
            searchCache = SearchCache(key: key, result: result, rows: rows(of: result))
        }
    }

    /// The rows of the deals found (sanitized, with their stage as of the review date).
    func searchRows(for entry: NavEntry) -> [DealRow] {
        if let cache = searchCache, cache.key == searchKey(entry) { return cache.rows }
        return rows(of: searchResult(for: entry))
    }

    func rows(of result: DealSearchResult) -> [DealRow] {
        result.hits.compactMap { hit in reviews[hit.client].map { row(client: hit.client, deal: hit.deal, review: $0) } }
    }

    /// `/`: on the portfolio opens the search, typing; on the search types its query again.
    mutating func openSearch() {
        if top.screen != .search { push(.search) }
        input = .search(top.filter)
    }

    /// Keys while the search's query is typed: characters edit it and the results follow;
    /// ↓ ↑ (and pages) move in them; Enter opens the deal selected; Esc closes the search.
    mutating func handleSearchInput(_ key: Key, _ text: String) {
        let page = max(1, topUnit.visibleRows(size) - 1)
        switch key {
        case .char(let c): setSearch(text + String(c))
        case .paste(let p): setSearch(text + Self.oneLine(p))
        case .backspace: setSearch(String(text.dropLast()))
        // As in the filter, the forms and a shell: Ctrl-U clears the line, Ctrl-W its last word.
        case .ctrl("u"): setSearch("")
        case .ctrl("w"): setSearch(Self.withoutLastWord(text))
        case .down: move(by: 1)
        case .up: move(by: -1)
        case .pageDown: move(by: page)
        case .pageUp: move(by: -page)
        case .escape:
            input = nil
            back()
        case .enter:
            input = nil
            openSearchHit()
        default: break
        }
    }

    static func withoutLastWord(_ text: String) -> String {
        var t = Substring(text)
        while t.last == " " { t.removeLast() }
        while let c = t.last, c != " " { t.removeLast() }
        return String(t)
    }

    mutating func setSearch(_ text: String) {
        input = .search(text)
        top.filter = text
        top.selection = 0
        top.scroll = 0
        refreshSearchCache()
    }

    /// Enter on the search: the story of the deal selected, on top of the search.
    mutating func openSearchHit() {
        let hits = searchResult(for: top).hits
        guard let hit = hits[safe: top.selection] else {
            status = top.filter.isEmpty ? "Type an id, a deal's name, an account or an owner: / searches again." : "No deal matches \"\(sanitizedForDisplay(top.filter))\": / searches again."
            return
        }
        push(.story(client: hit.client, deal: hit.deal))
    }
}
