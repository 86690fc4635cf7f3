/// Where every deal stands as of one review date: the time-travel rules of format 1.
public struct Snapshot: Sendable {
    /// The state of one deal as of the snapshot's date.
    public struct DealState: Sendable {
        /// Stage index at `t`, or -1 when the deal does not exist at `t`.
        public var stage: Int
        /// The day the deal entered that stage.
        public var enteredOn: Day
        /// The expected close date at `t` (close-date changes after `t` undone).
        public var expectedClose: Day?
        /// Gone from the CRM while open (`gone_on ≤ t`): out of the pipeline, neither open nor
        /// closed; `stage` is still the stage it was in.
        public var isGone = false
        public var exists: Bool { stage >= 0 }
    }

    public let asOf: Day
    public let states: [DealState]
    /// Indices of deals won, lost and open at `t`.
    public let won: [Int]
    public let lost: [Int]
    public let open: [Int]
    /// Indices of deals gone from the CRM while open, by `t`: in none of the three lists above.
    public let gone: [Int]
    /// Stall threshold in days per stage at `t` (outcome stages: 0, unused).
    public let stallThresholds: [Int]
    /// Open deals stalled at `t`, by deal index.
    public let isStalled: [Bool]

    public init(_ ix: EngagementIndex, asOf t: Day) {
        asOf = t
        let deals = ix.deals
        var states: [DealState] = []
        states.reserveCapacity(deals.count)
        var won: [Int] = [], lost: [Int] = [], open: [Int] = [], gone: [Int] = []
        let tOrdinal = t.ordinal
        for d in 0..<deals.count {
            var stage = -1, entered = 0
            if ix.createdOn[d] <= tOrdinal {
                var k = ix.historyStart[d]
                let e = ix.historyStart[d + 1]
                while k < e && ix.historyOn[k] <= tOrdinal { stage = ix.historyStage[k]; entered = ix.historyOn[k]; k += 1 }
            }
            var expected = deals[d].expectedClose
            if ix.hasCloseDateChanges[d] {
                var earliest: CloseDateChange?
                for c in deals[d].closeDateChanges where c.on > t {
                    if earliest == nil || c.on < earliest!.on { earliest = c }
                }
                if let earliest { expected = earliest.from }
            }
            let isGone = stage >= 0 && ix.goneFrom[d] <= tOrdinal
            states.append(DealState(stage: stage, enteredOn: Day(ordinal: entered), expectedClose: expected, isGone: isGone))
            guard stage >= 0 else { continue }
            // The one place that takes a gone deal out: every KPI and view selects from these lists.
            if isGone { gone.append(d) } else if stage == ix.wonStage { won.append(d) } else if ix.isLostStage[stage] { lost.append(d) } else if !ix.isOutcomeStage[stage] { open.append(d) }
        }
        self.states = states
        self.won = won; self.lost = lost; self.open = open; self.gone = gone
        let thresholds = StallRules.thresholds(ix, asOf: t)
        stallThresholds = thresholds
        var stalled = Array(repeating: false, count: deals.count)
        let noActivity = ix.engagement.terms.noActivityDays ?? StallRules.defaultNoActivityDays
        for d in open {
            if ix.stallAckUntil[d] >= tOrdinal { continue }
            let s = states[d]
            if t - s.enteredOn > thresholds[s.stage] { stalled[d] = true; continue }
            let last = ix.lastActivityOn[d]
            if last != Int.min, last <= tOrdinal, tOrdinal - last > noActivity { stalled[d] = true }
        }
        isStalled = stalled
    }

    /// Open deals stalled at `t`, by deal index.
    public var stalled: [Int] { open.filter { isStalled[$0] } }

    /// Why open deal `d` is stalled at `t`, in words, by the rule that made it so (kpis.md: too
    /// long in its stage, else too long without activity); nil when it is not stalled.
    public func stallReason(_ d: Int, _ ix: EngagementIndex) -> String? {
        guard isStalled[d] else { return nil }
        let s = states[d], inStage = asOf - s.enteredOn
        if inStage > stallThresholds[s.stage] { return "\(inStage) days in its stage (limit \(stallThresholds[s.stage]))" }
        let noActivity = ix.engagement.terms.noActivityDays ?? StallRules.defaultNoActivityDays
        return "no activity for \(asOf.ordinal - ix.lastActivityOn[d]) days (limit \(noActivity))"
    }

    public func closedOn(_ d: Int) -> Day { states[d].enteredOn }
    public func daysInStage(_ d: Int) -> Int { asOf - states[d].enteredOn }

    /// Days since deal `d`'s last activity as of `t`; nil when the file has none, or only one
    /// after `t` (a review of an earlier week cannot know the activity before it).
    public func daysIdle(_ d: Int, _ ix: EngagementIndex) -> Int? {
        let last = ix.lastActivityOn[d]
        guard last != Int.min, last <= asOf.ordinal else { return nil }
        return asOf.ordinal - last
    }
}

/// The stall rules of `kpis.md`: per-stage thresholds and the no-activity rule.
public enum StallRules {
    public static let defaultNoActivityDays = 21
    public static let fallbackThreshold = 30
    public static let minimumExitsForMedian = 5

    /// Threshold per stage at `t`: the stage's own value, else the engagement's, else
    /// `max(14, ceil(1.5 × median))` of the stage's exits in `t−365 … t−1`, else 30.
    public static func thresholds(_ ix: EngagementIndex, asOf t: Day) -> [Int] {
        let stages = ix.stages
        var result = Array(repeating: 0, count: stages.count)
        var needMedian = Array(repeating: false, count: stages.count)
        for (i, s) in stages.enumerated() where s.outcome == nil {
            if let own = s.stallAfterDays { result[i] = own } else if let all = ix.engagement.terms.stallAfterDays { result[i] = all } else { needMedian[i] = true }
        }
        guard needMedian.contains(true) else { return result }
        var exits = Array(repeating: [Int](), count: stages.count)
        let from = (t - 365).ordinal, to = (t - 1).ordinal
        ix.forEachStageExit { stage, entered, left in
            if needMedian[stage] && left >= from && left <= to { exits[stage].append(left - entered) }
        }
        for i in stages.indices where needMedian[i] {
            if exits[i].count < minimumExitsForMedian {
                result[i] = fallbackThreshold
            } else {
                let m = integerMedian(exits[i])
                result[i] = max(14, Int((1.5 * m).rounded(.up)))
            }
        }
        return result
    }
}

/// The median; of an even count, the mean of the two middle values.
public func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    let mid = s.count / 2
    return s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/// The median of non-negative day counts by counting, O(n + largest): stage exits of a big
/// portfolio number in the hundreds of thousands and sorting them dominated a recompute.
func integerMedian(_ values: [Int]) -> Double {
    let largest = values.max()!
    guard values.allSatisfy({ $0 >= 0 }), largest < 1_000_000 else { return median(values.map(Double.init))! }
    var counts = [Int](repeating: 0, count: largest + 1)
    for v in values { counts[v] += 1 }
    func nth(_ k: Int) -> Int {
        var seen = 0
        for (value, c) in counts.enumerated() {
            seen += c
            if seen > k { return value }
        }
        return largest
    }
    let n = values.count
    return n % 2 == 1 ? Double(nth(n / 2)) : Double(nth(n / 2 - 1) + nth(n / 2)) / 2
}

extension Snapshot {
    /// How deal `d` is closed on this snapshot's day (`won on 2026-11-12`, `lost on …`, `no longer
    /// in the pipeline`), or nil while it is open: what the cockpit and `redline ack` say of a
    /// deal that has no stall or next step any more.
    public func howClosed(_ d: Int) -> String? {
        if open.contains(d) { return nil }
        return won.contains(d) ? "won on \(closedOn(d))" : lost.contains(d) ? "lost on \(closedOn(d))" : "no longer in the pipeline"
    }
}
