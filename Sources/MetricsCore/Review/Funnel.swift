/// One open stage of the pipeline funnel as of a date.
public struct FunnelStage: Sendable {
    public let stageIndex: Int
    public let id: String
    public let name: String
    public let probability: Double?
    /// Open deals in the stage at `t`, by deal index.
    public let deals: [Int]
    public let amount: Double
    /// Σ amount × probability; `nil` when the stage has no probability.
    public let weightedAmount: Double?
    /// Of the deals that left this stage in T90, the share that moved forward (not to lost).
    public let conversion: Double?
    /// Median days the open deals have been in the stage.
    public let medianDaysInStage: Double?
    public let stalledCount: Int
    public let stalledAmount: Double
    public let stallThresholdDays: Int
    public var count: Int { deals.count }
}

/// The pipeline funnel: every non-outcome stage, in funnel order.
public enum Funnel {
    public static func build(_ ctx: KPIContext) -> [FunnelStage] {
        let ix = ctx.index, snap = ctx.snapshot
        var byStage = Array(repeating: [Int](), count: ix.stages.count)
        for d in snap.open { byStage[snap.states[d].stage].append(d) }
        // Stage exits in T90: moves out of a stage, forward or to lost.
        var exits = Array(repeating: 0, count: ix.stages.count), forward = exits
        let w = ctx.windows.t90
        for d in 0..<ix.deals.count {
            let s = ix.historyStart[d], e = ix.historyStart[d + 1]
            var k = s
            while k + 1 < e {
                let left = Day(ordinal: ix.historyOn[k + 1])
                if w.contains(left) {
                    let from = ix.historyStage[k], to = ix.historyStage[k + 1]
                    exits[from] += 1
                    if !ix.isLostStage[to] && to > from { forward[from] += 1 }
                }
                k += 1
            }
        }
        return ix.stages.indices.filter { !ix.isOutcomeStage[$0] }.map { i in
            let deals = byStage[i]
            let stage = ix.stages[i]
            let amount = ctx.amount(deals)
            let stalled = deals.filter { snap.isStalled[$0] }
            return FunnelStage(stageIndex: i, id: stage.id, name: stage.name, probability: stage.probability, deals: deals,
                               amount: amount, weightedAmount: stage.probability.map { amount * $0 },
                               conversion: exits[i] > 0 ? Double(forward[i]) / Double(exits[i]) : nil,
                               medianDaysInStage: median(deals.map { Double(snap.daysInStage($0)) }),
                               stalledCount: stalled.count, stalledAmount: ctx.amount(stalled),
                               stallThresholdDays: snap.stallThresholds[i])
        }
    }

    /// The stage with the most stalled value at `t`: the week's biggest bottleneck.
    public static func bottleneck(_ funnel: [FunnelStage]) -> FunnelStage? {
        funnel.filter { $0.stalledCount > 0 }.max { ($0.stalledAmount, -$0.stageIndex) < ($1.stalledAmount, -$1.stageIndex) }
    }
}
