/// KPI values week by week: the review at `t`, `t − 7`, … `t − 77` (12 weeks, oldest first),
/// for the charts of the HTML reports. Values only: a status needs thresholds of its own week.
public struct KPIHistory: Sendable {
    public let days: [Day]
    public let values: [KPIID: [Double?]]

    public static let weeks = 12

    public init(index: EngagementIndex, endingOn t: Day, kpis: [KPIID], weeks: Int = KPIHistory.weeks) {
        days = (0..<weeks).reversed().map { t - 7 * $0 }
        var out: [KPIID: [Double?]] = [:]
        for day in days {
            // Improvement targets change statuses, never values: skip their baselines.
            let results = KPIEngine.compute(KPIContext(index: index, asOf: day), improvements: false)
            for id in kpis { out[id, default: []].append(results[KPIID.allCases.firstIndex(of: id)!].value) }
        }
        values = out
    }
}
