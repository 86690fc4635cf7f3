/// KPI values week by week: the review at `t`, `t − 7`, … `t − 77` (12 weeks, oldest first),
/// for the charts of the HTML reports. Values only: a status needs thresholds of its own week.
public struct KPIHistory: Sendable {
    public let days: [Day]
    public let values: [KPIID: [Double?]]

    public static let weeks = 12

    public init(index: EngagementIndex, endingOn t: Day, kpis: [KPIID], weeks: Int = KPIHistory.weeks) {
        let days = (0..<weeks).reversed().map { t - 7 * $0 }
        self.days = days
        // The weeks are independent: computed two at a time, kept in week order. Improvement
        // targets change statuses, never values: their baselines are skipped.
        let weekly = concurrentMap(days) { day in KPIEngine.compute(KPIContext(index: index, asOf: day), improvements: false) }
        var out: [KPIID: [Double?]] = [:]
        for results in weekly {
            for id in kpis { out[id, default: []].append(results[KPIID.allCases.firstIndex(of: id)!].value) }
        }
        values = out
    }
}
