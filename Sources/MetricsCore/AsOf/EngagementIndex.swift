/// Date-independent facts of an engagement, computed once per load and shared by every review date.
///
/// Stage ids become stage indices and each deal's history is flattened into two arrays, so a
/// snapshot as of any date is a tight loop over integers.
public struct EngagementIndex: Sendable {
    public let engagement: Engagement
    /// Stage id → position in funnel order.
    public let stageIndex: [String: Int]
    public let wonStage: Int
    public let isLostStage: [Bool]
    public let isOutcomeStage: [Bool]
    /// Flattened stage histories: deal `d` owns entries `historyStart[d] ..< historyStart[d + 1]`.
    let historyStart: [Int]
    let historyStage: [Int]
    let historyOn: [Int]
    /// Deal id → position in `deals`.
    public let dealIndex: IDTable
    /// Hot per-deal fields as flat arrays, so date loops never copy a whole `Deal`.
    public let amount: [Double]
    public let annualized: [Double]
    let createdOn: [Int]
    let cycleStartOn: [Int]
    /// `Int.min` when absent.
    let lastActivityOn: [Int]
    let stallAckUntil: [Int]
    let hasCloseDateChanges: [Bool]
    let isNewBusiness: [Bool]
    let isNewLogo: [Bool]
    let isInbound: [Bool]
    /// The day from which the deal is gone from the pipeline: its `gone_on` when it was open
    /// that day (a deal already closed then keeps counting as closed), else `Int.max`.
    let goneFrom: [Int]
    /// Deals with a churn, a POV or a founder flag: the few that those KPIs read.
    let withChurn: [Int]
    let withPOV: [Int]

    public init(_ engagement: Engagement) {
        self.engagement = engagement
        var stageIndex: [String: Int] = [:]
        for (i, s) in engagement.stages.enumerated() { stageIndex[s.id] = i }
        self.stageIndex = stageIndex
        wonStage = engagement.stages.firstIndex { $0.outcome == .won } ?? -1
        isLostStage = engagement.stages.map { $0.outcome == .lost }
        isOutcomeStage = engagement.stages.map { $0.outcome != nil }
        // Two independent halves, on the machine's two cores from this size on.
        let (histories, columns) = engagement.deals.count >= 20_000
            ? inParallel({ Histories(engagement) }, { Columns(engagement) })
            : (Histories(engagement), Columns(engagement))
        historyStart = histories.start; historyStage = histories.stage; historyOn = histories.on
        goneFrom = histories.goneFrom
        dealIndex = columns.dealIndex
        amount = columns.amount; annualized = columns.annualized; createdOn = columns.createdOn; cycleStartOn = columns.cycleStartOn
        lastActivityOn = columns.lastActivityOn; stallAckUntil = columns.stallAckUntil; hasCloseDateChanges = columns.hasCloseDateChanges
        isNewBusiness = columns.isNewBusiness; isNewLogo = columns.isNewLogo; isInbound = columns.isInbound
        withChurn = columns.withChurn; withPOV = columns.withPOV
    }

    /// The flattened stage histories, and the day each deal is gone from the pipeline.
    private struct Histories: Sendable {
        var start: [Int] = [0], stage: [Int] = [], on: [Int] = []
        var goneFrom: [Int] = []

        init(_ engagement: Engagement) {
            let all = engagement.deals
            let total = all.reduce(0) { $0 + $1.stageHistory.count }
            start.reserveCapacity(all.count + 1); stage.reserveCapacity(total); on.reserveCapacity(total)
            // Stage ids found by their bytes: hashing a `String` per entry showed in profiles.
            let stageKeys = KeyTable(engagement.stages.map(\.id))
            defer { stageKeys.deallocate() }
            // Indices, not `for deal in`: each copy of a `Deal` retains and releases all its strings.
            for d in all.indices {
                all[d].stageHistory.withUnsafeBufferPointer { history in
                    for entry in history {
                        var id = entry.stage
                        let k = id.withUTF8 { stageKeys.number(of: $0) }
                        stage.append(k >= 0 ? k : 0)
                        on.append(entry.on.ordinal)
                    }
                }
                start.append(stage.count)
            }
            goneFrom = [Int](repeating: Int.max, count: all.count)
            for d in all.indices {
                guard let gone = all[d].goneOn?.ordinal, all[d].created.ordinal <= gone else { continue }
                // Open on `gone_on`: its stage that day (the last entry on or before it) is not an outcome.
                var stageThen = -1
                for k in start[d]..<start[d + 1] where on[k] <= gone { stageThen = stage[k] }
                if stageThen >= 0 && engagement.stages[stageThen].outcome == nil { goneFrom[d] = gone }
            }
        }
    }

    /// Each deal's position by id, and its hot fields as flat arrays.
    private struct Columns: Sendable {
        var dealIndex = IDTable()
        var amount = [Double](), annualized = [Double](), createdOn = [Int](), cycleStartOn = [Int]()
        var lastActivityOn = [Int](), stallAckUntil = [Int](), hasCloseDateChanges = [Bool]()
        var isNewBusiness = [Bool](), isNewLogo = [Bool](), isInbound = [Bool]()
        var withChurn: [Int] = [], withPOV: [Int] = []

        init(_ engagement: Engagement) {
            let all = engagement.deals
            let n = all.count
            dealIndex = IDTable(minimumCapacity: n)
            amount.reserveCapacity(n); annualized.reserveCapacity(n); createdOn.reserveCapacity(n); cycleStartOn.reserveCapacity(n)
            lastActivityOn.reserveCapacity(n); stallAckUntil.reserveCapacity(n); hasCloseDateChanges.reserveCapacity(n)
            isNewBusiness.reserveCapacity(n); isNewLogo.reserveCapacity(n); isInbound.reserveCapacity(n)
            // One pass by index over the deals: a `map` over `[Deal]` copied each deal (retaining all
            // its strings) per column.
            // From the last: an id given twice finds its last deal, as a dictionary filled in order did.
            for d in stride(from: n - 1, through: 0, by: -1) { dealIndex.insert(all[d].id, at: d) }
            for d in 0..<n {
                amount.append(all[d].amount)
                annualized.append(all[d].annualizedValue)
                createdOn.append(all[d].created.ordinal)
                cycleStartOn.append(all[d].cycleStart.ordinal)
                lastActivityOn.append(all[d].lastActivity?.ordinal ?? Int.min)
                stallAckUntil.append(all[d].stallAck?.until.ordinal ?? Int.min)
                hasCloseDateChanges.append(!all[d].closeDateChanges.isEmpty)
                let kind = all[d].kind
                isNewBusiness.append(kind != .renewal)
                isNewLogo.append(kind == .newLogo)
                isInbound.append(all[d].source == "inbound")
                if all[d].churn != nil { withChurn.append(d) }
                if all[d].pov?.ended != nil { withPOV.append(d) }
            }
        }
    }

    public var stages: [Stage] { engagement.stages }
    public var deals: [Deal] { engagement.deals }
    public var fiscalStartMonth: Int { engagement.client.fiscalYearStartMonth }

    /// Each move of a deal from one stage entry to the next: stage left, day entered, day left.
    func forEachStageExit(_ body: (_ stage: Int, _ entered: Int, _ left: Int) -> Void) {
        for d in 0..<(historyStart.count - 1) {
            let s = historyStart[d], e = historyStart[d + 1]
            var k = s
            while k + 1 < e {
                body(historyStage[k], historyOn[k], historyOn[k + 1])
                k += 1
            }
        }
    }
}
