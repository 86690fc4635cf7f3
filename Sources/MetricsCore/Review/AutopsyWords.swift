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
    // Counted in place: filtering copied every row of a large autopsy to count a few.
    public var writtenCount: Int { rows.indices.reduce(0) { rows[$1].written != nil ? $0 + 1 : $0 } }
    public func overdueCount(on date: Day) -> Int {
        rows.indices.reduce(0) { rows[$1].written?.changeState(on: date) == .overdue ? $0 + 1 : $0 }
    }
}

extension KPIStatus {
    /// A status as a word in a sentence: "red", "no data".
    public var word: String {
        switch self {
        case .noTarget: return "no target"
        case .noData: return "no data"
        default: return rawValue
        }
    }
}

extension WhatIf.Change {
    /// "NNARR $354k red → $420k yellow"; "Cov 2.50x yellow → target met" when winning the deal
    /// meets the quarter's target (a coverage with nothing left to cover has no value).
    public func phrase(_ f: ValueFormatter, arrow: String = "→") -> String {
        "\(kpi.shortLabel) \(Self.shown(before, f)) \(arrow) \(Self.shown(after, f))"
    }

    /// A coverage above this many times its target is shown as ">10x": a won deal that leaves a
    /// sliver of the quarter's target divides the pipeline by the sliver (0.62x → 20.61x), and
    /// the figure says only "covered many times over". The JSON keeps the exact value.
    public static let coverageShownUpTo = 10.0
    static let coverages: Set<KPIID> = [.pipelineCoverage, .weightedPipelineCoverage, .pipelineCoverageNext]

    static func shown(_ r: KPIResult, _ f: ValueFormatter) -> String {
        // Green without a value is only ever "target met" (KPIs with no data are `no_data`).
        if r.value == nil && r.status == .green { return "target met" }
        if let v = r.value, v > coverageShownUpTo, coverages.contains(r.id) { return ">\(decimals(coverageShownUpTo, 0))x \(r.status.word)" }
        return "\(f.format(r.value, r.definition.unit)) \(r.status.word)"
    }
}

extension WhatIf {
    /// "Had D-1042 been won on 2026-11-05: NNARR $354k red → $420k yellow", each KPI that
    /// changes, or "…: no dashboard KPI would change". The condition first, as a person says it.
    /// `escape` makes the id safe for the output.
    public func sentence(_ f: ValueFormatter, arrow: String = "→", escape: (String) -> String = sanitizedForDisplay) -> String {
        let moved = changes.isEmpty ? "no dashboard KPI would change" : changes.map { $0.phrase(f, arrow: arrow) }.joined(separator: ", ")
        return "Had \(escape(dealID)) been won on \(wonOn): \(moved)"
    }
}
