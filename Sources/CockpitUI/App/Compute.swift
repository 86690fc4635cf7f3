import MetricsCore

/// Work too heavy for the input thread on a large portfolio: the runtime runs it in the
/// background and hands the result back as a message, so keys keep working meanwhile.
public enum ComputeRequest: Sendable, Hashable {
    /// Every review as of a date (a week step).
    case reviews(Day)
    /// A client's 12-week KPI history for the dashboard's sparklines.
    case history(client: Int, date: Day)
    /// A client's monthly deep dive (the KPI autopsy by month) as of a review date.
    case deepDive(client: Int, month: YearMonth, date: Day)
}

/// The answer to a `ComputeRequest`.
public enum ComputeResult: Sendable {
    case reviews(Day, [EngagementReview?])
    case history(client: Int, date: Day, [KPIID: [Double?]])
    case deepDive(client: Int, month: YearMonth, date: Day, MonthlyDeepDive?)
}

extension AppState {
    /// Does the work of a request; pure, safe on any thread.
    public static func compute(_ request: ComputeRequest, entries: [PortfolioEntry]) -> ComputeResult {
        switch request {
        case .reviews(let day):
            return .reviews(day, entries.map { $0.index.map { EngagementReview(index: $0, asOf: day) } })
        case .history(let client, let day):
            guard let index = entries[client].index else { return .history(client: client, date: day, [:]) }
            let history = KPIHistory(index: index, endingOn: day, kpis: KPICatalog.dashboard(for: index.engagement))
            return .history(client: client, date: day, history.values)
        case .deepDive(let client, let month, let day):
            return .deepDive(client: client, month: month, date: day, entries[client].index.map { MonthlyDeepDive($0, month: month, asOf: day) })
        }
    }

    /// Applies a finished computation if it is still wanted (the user may have moved on).
    mutating func apply(_ result: ComputeResult) {
        switch result {
        case .reviews(let day, let computed):
            guard pendingDate == day else { return }
            pendingDate = nil
            install(date: day, reviews: computed)
            status = day == anchor ? "Back to \(anchor)."
                : day > anchor ? "The week of \(day) is after the data (\(anchor)): nothing recorded since, so deals only age and stall; t comes back."
                : "Reviewing the week of \(day) (\(day.isoWeek)); t comes back."
        case .history(let client, let day, let values):
            pendingHistories.remove(client)
            guard day == date else { return }
            histories[client] = values
        case .deepDive(let client, let month, let day, let dive):
            let key = DeepDiveKey(client: client, month: month)
            pendingDeepDives.remove(key)
            guard day == date, let dive else { return }
            deepDives[key] = dive
            // The month view's place, kept while it was computed, within the list now.
            for i in stack.indices where stack[i].screen == .autopsy(client: client) && isMonthView(stack[i].screen) {
                stack[i].selection = min(stack[i].selection, max(0, AutopsyMonthView.itemCount(dive) - 1))
            }
        }
    }
}
