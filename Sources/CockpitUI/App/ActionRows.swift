import MetricsCore

/// A row of the actions screen: one of last week's or this week's actions.
public struct ActionRow: Sendable, Equatable {
    public let ref: ActionRef
    public let status: String
    public let kpi: String?
    public let owner: String?
    public let isThisWeek: Bool
}

extension AppState {
    /// Last week's actions (to mark done or dropped), then this week's (planned), of the week on screen.
    func actionRows(client: Int) -> [ActionRow] {
        guard let e = entries[client].index?.engagement else { return [] }
        let thisWeek = date.isoWeek, lastWeek = (date - 7).isoWeek
        return [lastWeek, thisWeek].flatMap { week in
            e.actions.filter { $0.week == week }.enumerated().map { n, a in
                ActionRow(ref: ActionRef(week: week, ordinal: n, text: a.text), status: a.status, kpi: a.kpi, owner: a.owner, isThisWeek: week == thisWeek)
            }
        }
    }

    /// Records this week's rolling forecast into the client's file (the forecast view's R), through
    /// the same locked, merged save as every edit.
    mutating func recordForecast() -> [Effect] {
        guard case .forecast(let client) = top.screen else { return [] }
        if let why = whyNotEditable(client) { status = why; return [] }
        // A forecast is made on its day: recording one while reviewing another week would date
        // it back, and forecast_accuracy would later score it as made then.
        guard date == anchor else {
            status = "R records the forecast of \(anchor), the review date; you are looking at \(date): t comes back first."
            return []
        }
        status = "Saving…"
        return [.save(SaveRequest(client: client, path: entries[client].file.file, edit: .recordForecast(asOf: date)))]
    }

    /// Sets the status of the selected action (D done, X dropped, P planned again).
    mutating func markAction(_ newStatus: String) -> [Effect] {
        guard case .actions(let client) = top.screen else { return [] }
        guard let row = actionRows(client: client)[safe: top.selection] else { status = "No action selected: o plans one."; return [] }
        if let why = whyNotEditable(client) { status = why; return [] }
        guard row.status != newStatus else { status = "Already \(newStatus)."; return [] }
        status = "Saving…"
        return [.save(SaveRequest(client: client, path: entries[client].file.file, edit: .setActionStatus(row.ref, base: row.status, mine: newStatus)))]
    }
}
