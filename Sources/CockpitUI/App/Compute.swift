import MetricsCore

/// Work too heavy for the input thread on a large portfolio: the runtime runs it in the
/// background and hands the result back as a message, so keys keep working meanwhile.
///
/// A request carries the files it is about, as they were when `update` asked: the runtime's
/// own copy of the entries is the portfolio as the cockpit opened, and a save or a reload since
/// has changed them (a week step then showed the numbers from before the edit). Its `version`
/// says which files those were: a result for files changed since is thrown away (`apply`).
public struct ComputeRequest: Sendable, Hashable {
    public enum Work: Sendable, Hashable {
        /// Every review as of a date (a week step).
        case reviews(Day)
        /// A client's 12-week KPI history for the dashboard's sparklines.
        case history(client: Int, date: Day)
        /// A client's monthly deep dive (the KPI autopsy by month) as of a review date.
        case deepDive(client: Int, month: YearMonth, date: Day)
    }
    public let work: Work
    /// `AppState.filesVersion` when it was asked.
    public let version: Int
    /// The entries as they were when it was asked (nil: the ones `compute` is given).
    let entries: [PortfolioEntry]?

    init(_ work: Work, version: Int, entries: [PortfolioEntry]?) {
        self.work = work
        self.version = version
        self.entries = entries
    }

    public static func reviews(_ day: Day, version: Int = 0) -> ComputeRequest { ComputeRequest(.reviews(day), version: version, entries: nil) }
    public static func history(client: Int, date: Day, version: Int = 0) -> ComputeRequest {
        ComputeRequest(.history(client: client, date: date), version: version, entries: nil)
    }
    public static func deepDive(client: Int, month: YearMonth, date: Day, version: Int = 0) -> ComputeRequest {
        ComputeRequest(.deepDive(client: client, month: month, date: date), version: version, entries: nil)
    }

    /// The same work for the same files: the entries are those of the version.
    public static func == (a: ComputeRequest, b: ComputeRequest) -> Bool { a.work == b.work && a.version == b.version }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(work)
        hasher.combine(version)
    }
}

/// The answer to a `ComputeRequest`, for the version of the files it was asked for.
public enum ComputeResult: Sendable {
    case reviews(Day, [EngagementReview?], version: Int)
    case history(client: Int, date: Day, [KPIID: [Double?]], version: Int)
    case deepDive(client: Int, month: YearMonth, date: Day, MonthlyDeepDive?, version: Int)
}

extension AppState {
    /// A request for work on the files shown now.
    func request(_ work: ComputeRequest.Work) -> ComputeRequest { ComputeRequest(work, version: filesVersion, entries: entries) }

    /// Does the work of a request, on the entries it carries (else on `entries`); pure, safe on
    /// any thread.
    public static func compute(_ request: ComputeRequest, entries given: [PortfolioEntry]) -> ComputeResult {
        let entries = request.entries ?? given, version = request.version
        switch request.work {
        case .reviews(let day):
            return .reviews(day, entries.map { $0.index.map { EngagementReview(index: $0, asOf: day) } }, version: version)
        case .history(let client, let day):
            guard let index = entries[client].index else { return .history(client: client, date: day, [:], version: version) }
            let history = KPIHistory(index: index, endingOn: day, kpis: KPICatalog.dashboard(for: index.engagement))
            return .history(client: client, date: day, history.values, version: version)
        case .deepDive(let client, let month, let day):
            return .deepDive(client: client, month: month, date: day, entries[client].index.map { MonthlyDeepDive($0, month: month, asOf: day) }, version: version)
        }
    }

    /// Applies a finished computation if it is still wanted (the user may have moved on) and
    /// was made from the files shown now (a save or a reload since asks for it again).
    mutating func apply(_ result: ComputeResult) {
        switch result {
        case .reviews(let day, let computed, let version):
            guard pendingDate == day, version == filesVersion else { return }
            pendingDate = nil
            install(date: day, reviews: computed)
            status = day == anchor ? "Back to \(anchor)."
                : day > anchor ? "The week of \(day) is after the data (\(anchor)): nothing recorded since, so deals only age and stall; t comes back."
                : "Reviewing the week of \(day) (\(day.isoWeek)); t comes back."
        // One of another date or older files: a new date or a reload dropped its pending mark
        // (`install`), and the mark of the one asked since stays.
        case .history(let client, let day, let values, let version):
            guard day == date, version == filesVersion else { return }
            pendingHistories.remove(client)
            histories[client] = values
        case .deepDive(let client, let month, let day, let dive, let version):
            guard day == date, version == filesVersion else { return }
            let key = DeepDiveKey(client: client, month: month)
            pendingDeepDives.remove(key)
            guard let dive else { return }
            deepDives[key] = dive
            // The month view's place, kept while it was computed, within the list now.
            for i in stack.indices where stack[i].screen == .autopsy(client: client) && isMonthView(stack[i].screen) {
                stack[i].selection = min(stack[i].selection, max(0, AutopsyMonthView.itemCount(dive) - 1))
            }
        }
    }
}
