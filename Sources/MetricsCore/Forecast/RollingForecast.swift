/// The rolling 90-day revenue forecast of kpis.md ("The rolling forecast") as of a date: the
/// month of `t` (M0) and the next two, from the pipeline and the stage win rates of the last
/// 365 days, against each month's share of the quarter's bookings target.
public struct RollingForecast: Sendable {
    public struct Month: Sendable, Equatable {
        public let month: YearMonth
        /// Won amount of deals closed in the month on or before `t` (only M0 can have any).
        public let won: Double
        /// Σ amount × p of the deals open at `t` expected to close in the month (overdue ones in M0).
        public let expected: Double
        public var forecast: Double { won + expected }
        /// The month's share of its fiscal quarter's bookings target; nil without one.
        public let target: Double?
        public var ratio: Double? { target.flatMap { $0 > 0 ? forecast / $0 : nil } }
        /// Deals behind the month: won in it, or open and expected in it.
        public let deals: [Int]
    }

    /// Where a deal's chance `p` came from.
    public enum ChanceSource: String, Sendable { case stageWinRate = "stage win rate", deal = "deal probability", stage = "stage probability", none }

    public let asOf: Day
    public let months: [Month]
    /// Under 60 days of data, or stale data: said plainly wherever the forecast is shown.
    public let provisional: Bool
    /// Open deals without an expected close: left out.
    public let excluded: Int
    /// Open deals counted with p = 0 (no stage win rate nor any probability).
    public let unweighted: Int
    /// Per open stage (funnel order): won ÷ closed of the deals that went through it in the
    /// last 365 days, nil under 10 closed.
    public let stageWinRates: [(stage: String, rate: Double?)]
    /// p of each open deal at `t` and where it came from, by deal index.
    public let chance: [Int: (p: Double, source: ChanceSource)]

    public static let minimumClosed = 10
    public static let minimumHistoryDays = 60

    public init(_ ctx: KPIContext) {
        let ix = ctx.index, snap = ctx.snapshot, t = ctx.t, deals = ix.deals
        asOf = t
        // Stage win rates: deals closed in t−364 … t, each counted once for every stage it had
        // an entry for before closing (a stage it skipped does not count it).
        let stageCount = ix.stages.count
        var closed = Array(repeating: 0, count: stageCount), won = Array(repeating: 0, count: stageCount)
        let from = (t - 364).ordinal
        for (list, isWon) in [(snap.won, true), (snap.lost, false)] {
            for d in list {
                let closedOn = snap.closedOn(d).ordinal
                guard closedOn >= from, closedOn <= t.ordinal else { continue }
                var seen = Set<Int>()
                for k in ix.historyStart[d]..<ix.historyStart[d + 1] where ix.historyOn[k] <= closedOn {
                    let s = ix.historyStage[k]
                    guard !ix.isOutcomeStage[s], seen.insert(s).inserted else { continue }
                    closed[s] += 1
                    if isWon { won[s] += 1 }
                }
            }
        }
        let rates: [Double?] = (0..<stageCount).map { s in closed[s] >= Self.minimumClosed ? Double(won[s]) / Double(closed[s]) : nil }
        stageWinRates = (0..<stageCount).filter { !ix.isOutcomeStage[$0] }.map { (ix.stages[$0].id, rates[$0]) }

        let m0 = t.month
        let window = [m0, m0 + 1, m0 + 2]
        var wonAmount = [0.0, 0.0, 0.0], expected = [0.0, 0.0, 0.0]
        var members: [[Int]] = [[], [], []]
        for d in snap.won where snap.closedOn(d) >= m0.firstDay && snap.closedOn(d) <= t {
            wonAmount[0] += ix.amount[d]
            members[0].append(d)
        }
        var chance: [Int: (Double, ChanceSource)] = [:]
        var excluded = 0, unweighted = 0
        for d in snap.open {
            let stage = snap.states[d].stage
            let p: (Double, ChanceSource)
            if let r = rates[stage] { p = (r, .stageWinRate) }
            else if let q = deals[d].probability { p = (q, .deal) }
            else if let q = ix.stages[stage].probability { p = (q, .stage) }
            else { p = (0, .none); unweighted += 1 }
            chance[d] = p
            guard let close = snap.states[d].expectedClose else { excluded += 1; continue }
            let slot = close < t ? 0 : window.firstIndex(of: close.month)
            guard let slot else { continue }
            expected[slot] += ix.amount[d] * p.0
            members[slot].append(d)
        }
        self.chance = chance
        self.excluded = excluded
        self.unweighted = unweighted
        let e = ix.engagement
        months = (0..<3).map { i in
            let quarter = FiscalQuarter(containing: window[i], startMonth: ix.fiscalStartMonth)
            return Month(month: window[i], won: wonAmount[i], expected: expected[i],
                         target: e.targets.bookings[quarter.description].map { $0 / 3 }, deals: members[i])
        }
        let earliest = deals.map(\.created).min()
        let stale = e.dataAsOf.map { t - $0 > 7 } ?? false
        provisional = stale || earliest.map { t - $0 < Self.minimumHistoryDays } ?? true
    }
}
