/// Words for the KPI autopsy, shared by the cockpit and the reports.
extension AutopsyCause {
    /// "lost", "slipped", "stalled", "low margin", "early churn".
    public var word: String {
        switch self {
        case .lost: return "lost"
        case .slipped: return "slipped"
        case .stalled: return "stalled"
        case .lowMarginWin: return "low margin"
        case .earlyChurn: return "early churn"
        }
    }
}

extension AutopsyRow {
    /// Why the deal is on the list: "lost", "slipped+stalled".
    public var why: String { causes.map(\.word).joined(separator: "+") }
    /// The KPIs it hurt, each once, in the order found.
    public var kpisHurt: [String] { impacts.map(\.kpi.rawValue).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
}

/// Where a written autopsy's systemic change stands on a date.
public enum ChangeState: String, Sendable {
    case open, done, overdue
}

extension Autopsy {
    /// Done; overdue when still open after its due date; open otherwise.
    public func changeState(on date: Day) -> ChangeState {
        if status == "done" { return .done }
        return (due.map { $0 < date } ?? false) ? .overdue : .open
    }
}

extension AutopsyReport {
    public var writtenCount: Int { rows.filter { $0.written != nil }.count }
    public func overdueCount(on date: Day) -> Int { rows.filter { $0.written?.changeState(on: date) == .overdue }.count }
}
