/// Why an engagement's weekly status is what it is (kpis.md, "Status and escalation").
public struct StatusReason: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case kpi
        case noData = "no_data"
        case stalledShare = "stalled_share"
        case stale
    }

    public let kind: Kind
    public let kpi: KPIID?
    public let message: String
}

/// The weekly status of an engagement with its reasons: the worst status of its dashboard KPIs,
/// then three guards, in this order, so a status never looks healthier than the data behind it:
/// not enough data (`no_data`), a red `stalled_share` (green becomes yellow), stale data (green
/// becomes yellow).
public struct WeeklyStatus: Sendable {
    public let status: KPIStatus
    /// The decisive reasons first: a guard that changed the status, then the dashboard KPIs at
    /// the worst status (before the guards).
    public let reasons: [StatusReason]

    /// The status's review action; `no_data` asks to fix the data first.
    public var action: String { status.action ?? WeeklyStatus.fixTheData }
    public static let fixTheData = "Fix the data before the review"

    /// "Why this colour" in one short line for people: the guards' messages, then the KPIs at
    /// the worst status by name and value (the table beside it has their targets).
    public let summary: String

    public init(dashboard: [KPIResult], stalledShare: KPIResult, staleDays: Int?, formatter f: ValueFormatter) {
        let worst = dashboard.map(\.status).filter { $0.severity > 0 }.max()
        var kpiReasons = dashboard.filter { worst != nil && $0.status == worst }.map { k in
            StatusReason(kind: .kpi, kpi: k.id, message: Self.describe(k, f))
        }
        var status = worst ?? .noData
        var guards: [StatusReason] = []
        let missing = dashboard.filter { $0.status == .noData }
        if missing.count * 2 > dashboard.count {
            // Guard 1: more than half the dashboard without data (no_target counts as data).
            status = .noData
            let names = missing.map { $0.definition.name(in: f.currency) }.joined(separator: ", ")
            guards.append(StatusReason(kind: .noData, kpi: nil,
                                       message: "\(missing.count) of \(dashboard.count) dashboard KPIs have no data: \(names)"))
        } else {
            if status == .green, stalledShare.status == .red {
                status = .yellow
                guards.append(StatusReason(kind: .stalledShare, kpi: .stalledShare,
                                           message: "green lifted to yellow: " + Self.describe(stalledShare, f)))
            }
            if status == .green, let days = staleDays, days > 7 {
                status = .yellow
                guards.append(StatusReason(kind: .stale, kpi: nil,
                                           message: "green lifted to yellow: the data is \(days) days old (over 7)"))
            }
        }
        if worst == nil && guards.isEmpty {
            kpiReasons = [StatusReason(kind: .noData, kpi: nil, message: "no dashboard KPI has a target to judge it by")]
        }
        self.status = status
        reasons = guards + kpiReasons
        let judged = dashboard.filter { worst != nil && $0.status == worst }
        let kpiPart = judged.isEmpty ? kpiReasons.map(\.message)
            : ["\(worst!.rawValue): " + judged.map { k in "\(k.definition.name(in: f.currency)) \(k.value.map { f.format($0, k.definition.unit) } ?? "no data")" }.joined(separator: ", ")]
        summary = (guards.map(\.message) + kpiPart).joined(separator: "; ")
    }

    /// `Win rate 22.0% is red (red <30.0%)`.
    static func describe(_ k: KPIResult, _ f: ValueFormatter) -> String {
        let def = k.definition
        let value = k.value.map { f.format($0, def.unit) } ?? "has no data"
        let verb = k.value == nil ? "" : " is \(k.status.rawValue.replacingOccurrences(of: "_", with: " "))"
        let against = f.target(k)
        return "\(def.name(in: f.currency)) \(value)\(verb)" + (against == f.glyphs.dash || k.value == nil ? "" : " (target \(against))")
    }

    /// The portfolio order of kpis.md: red, `no_data`, yellow, green; within a status, more
    /// dashboard KPIs at that status first, then the larger stalled pipeline, then the client id.
    public static func portfolioRank(_ s: KPIStatus) -> Int {
        switch s {
        case .red: return 0
        case .noData: return 1
        case .yellow: return 2
        case .green: return 3
        case .noTarget: return 4
        }
    }
}

extension EngagementReview {
    /// True when `a` comes before `b` in a portfolio (kpis.md's order).
    public static func portfolioPrecedes(_ a: EngagementReview, _ b: EngagementReview) -> Bool {
        let ra = WeeklyStatus.portfolioRank(a.weeklyStatus), rb = WeeklyStatus.portfolioRank(b.weeklyStatus)
        if ra != rb { return ra < rb }
        let ca = a.dashboardCount(at: a.weeklyStatus), cb = b.dashboardCount(at: b.weeklyStatus)
        if ca != cb { return ca > cb }
        if a.stalledAmount != b.stalledAmount { return a.stalledAmount > b.stalledAmount }
        return a.engagement.client.id < b.engagement.client.id
    }

    func dashboardCount(at status: KPIStatus) -> Int { dashboard.filter { kpi($0).status == status }.count }
}
