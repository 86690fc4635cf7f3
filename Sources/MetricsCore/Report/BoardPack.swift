/// The quarterly board pack of one client (docs/board-pack.md): the quarter judged at its end
/// (or on the review date while it runs) against the previous quarter's end. A pure value:
/// the engagement, the quarter and the review date in, every figure the renderers show out.
public struct BoardPack: Sendable {
    /// A KPI on the judging day beside its value on `comparedOn` in the previous quarter.
    public struct Change: Sendable {
        public let now: KPIResult
        public let before: KPIResult
        public var id: KPIID { now.id }
        /// now − before, when both have a value.
        public var delta: Double? { now.value.flatMap { n in before.value.map { n - $0 } } }
    }

    /// Won amount in the quarter (up to the judging day) against the quarter's bookings target.
    public struct Bookings: Sendable, Equatable {
        public let won: Double
        public let deals: Int
        public let target: Double?
        public var ratio: Double? { target.flatMap { $0 > 0 ? won / $0 : nil } }
    }

    /// One month of the quarter: the forecast recorded for it against what was won in it.
    public struct MonthForecast: Sendable, Equatable {
        public let month: YearMonth
        /// The forecast that counts (docs/decisions.md): the latest made on or before the month's
        /// first day, else the latest made inside the month; nil when none was recorded.
        public let forecast: Double?
        public let madeOn: Day?
        /// Won amount closed in the month up to the judging day; nil for a month not begun.
        public let actual: Double?
        /// The month ended on or before the judging day.
        public let complete: Bool
        /// The month's share of the quarter's bookings target (÷ 3), as the rolling forecast's.
        public let target: Double?
        /// `max(0, 1 − |A − F| / A)` of forecast_accuracy, for a complete month with A > 0.
        public var accuracy: Double? {
            guard complete, let f = forecast, let a = actual, a > 0 else { return nil }
            return max(0, 1 - abs(a - f) / a)
        }
    }

    /// A deal won or lost in the quarter.
    public struct ClosedDeal: Sendable, Equatable {
        public let id: String
        public let name: String
        public let account: String?
        public let amount: Double
        public let closedOn: Day
        public let lostReason: String?
    }

    /// An improvement target of the quarter, judged on the judging day.
    public struct ImprovementResult: Sendable {
        public enum Verdict: String, Sendable { case met, missed, noBaseline = "no_baseline", noData = "no_data" }
        public let kpi: KPIResult
        public let target: ImprovementTarget
        public var verdict: Verdict {
            guard target.goal != nil else { return .noBaseline }
            guard kpi.value != nil else { return .noData }
            return kpi.status == .green ? .met : .missed
        }
    }

    /// A written autopsy's systemic change and where it stands on the judging day.
    public struct SystemicChange: Sendable {
        public let dealID: String
        public let dealName: String
        public let amount: Double
        public let why: String
        public let autopsy: Autopsy
        public let state: ChangeState
    }

    public static let largestShown = 5

    public let quarter: FiscalQuarter
    /// The review date the pack was asked for.
    public let asOf: Day
    /// The quarter's last day, or the review date while the quarter runs.
    public let judgedOn: Day
    public var complete: Bool { judgedOn == quarter.lastDay }
    public var previousEnd: Day { quarter.previous.lastDay }
    /// The day of the previous quarter the KPIs are compared with: its end for a complete
    /// quarter; while the quarter runs, as many days into the previous quarter as the judging
    /// day is into this one (like for like: a quarter to date against a whole quarter reads as
    /// a collapse on every paced KPI).
    public var comparedOn: Day { Self.comparedOn(quarter, judgedOn: judgedOn) }

    static func comparedOn(_ q: FiscalQuarter, judgedOn d: Day) -> Day {
        d == q.lastDay ? q.previous.lastDay : min(q.previous.lastDay, q.previous.firstDay + (d - q.firstDay))
    }
    /// The review as of the judging day: status, funnel, the quarter's autopsy.
    public let review: EngagementReview
    /// Every KPI of the catalog on `comparedOn`.
    public let previousQuarter: [KPIResult]
    public let dashboard: [Change]
    public let bookings: Bookings
    public let months: [MonthForecast]
    /// nrr, grr, logo_retention.
    public let retention: [Change]
    public let largestWins: [ClosedDeal]
    public let largestLosses: [ClosedDeal]
    public let improvements: [ImprovementResult]
    public let systemicChanges: [SystemicChange]
    /// pipeline_coverage_next on the judging day.
    public let nextQuarterCoverage: Change
    /// Open pipeline at the previous quarter's end → on the judging day.
    public let waterfall: Waterfall

    public var engagement: Engagement { review.engagement }

    /// Why a pack cannot be made for `label` on `asOf`, or nil.
    public static func problem(_ label: QuarterLabel, startMonth: Int, asOf: Day) -> String? {
        let q = label.quarter(startMonth: startMonth)
        return q.firstDay > asOf ? "\(label) starts on \(q.firstDay), after the review date \(asOf)" : nil
    }

    /// `quarter` must have begun by `asOf` (see `problem`).
    public init(index: EngagementIndex, quarter q: FiscalQuarter, asOf: Day) {
        precondition(q.firstDay <= asOf, "a board pack of a quarter that has not begun")
        quarter = q
        self.asOf = asOf
        let d = min(q.lastDay, asOf)
        judgedOn = d
        let r = EngagementReview(index: index, asOf: d)
        review = r
        let ctx = r.current
        let before = KPIEngine.compute(KPIContext(index: index, asOf: Self.comparedOn(q, judgedOn: d)))
        previousQuarter = before
        func change(_ id: KPIID) -> Change { Change(now: r.kpi(id), before: before[KPIID.allCases.firstIndex(of: id)!]) }
        dashboard = r.dashboard.map(change)
        retention = [KPIID.nrr, .grr, .logoRetention].map(change)
        nextQuarterCoverage = change(.pipelineCoverageNext)

        let e = index.engagement
        let inQuarter = DayWindow(q.firstDay, d)
        let won = ctx.won(in: inQuarter), lost = ctx.lost(in: inQuarter)
        let target = e.targets.bookings[q.description]
        bookings = Bookings(won: ctx.amount(won), deals: won.count, target: target)
        months = q.months.map { m in Self.month(m, ctx: ctx, judgedOn: d, target: target.map { $0 / 3 }) }
        largestWins = Self.largest(won, ctx)
        largestLosses = Self.largest(lost, ctx)

        improvements = KPIID.allCases.compactMap { id in
            let k = r.kpi(id)
            guard let imp = k.improvement, imp.quarter == q.description else { return nil }
            return ImprovementResult(kpi: k, target: imp)
        }
        systemicChanges = r.autopsy.rows.compactMap { row in
            row.written.map { w in
                SystemicChange(dealID: row.dealID, dealName: row.name, amount: row.amount, why: row.why, autopsy: w, state: w.changeState(on: d))
            }
        }
        waterfall = Waterfall(previous: KPIContext(index: index, asOf: q.previous.lastDay), current: ctx)
    }

    /// The forecast that counts for `m` and the amount won in it, as of `d`.
    static func month(_ m: YearMonth, ctx: KPIContext, judgedOn d: Day, target: Double?) -> MonthForecast {
        // Forecasts made after `d` do not exist yet; one made after the month ended is hindsight.
        let known = ctx.engagement.forecasts.filter { $0.month == m && $0.madeOn <= d && $0.madeOn <= m.lastDay }
        let before = known.filter { $0.madeOn <= m.firstDay }
        // The latest; ties: the later in the file (as forecast_accuracy).
        let chosen = (before.isEmpty ? known : before).reduce(nil as Forecast?) { best, f in best.map { f.madeOn >= $0.madeOn ? f : $0 } ?? f }
        let begun = m.firstDay <= d
        let actual = begun ? ctx.amount(ctx.won(in: DayWindow(m.firstDay, min(m.lastDay, d)))) : nil
        return MonthForecast(month: m, forecast: chosen?.amount, madeOn: chosen?.madeOn, actual: actual,
                             complete: m.lastDay <= d, target: target)
    }

    /// The largest deals of a list: by amount, then id.
    static func largest(_ ids: [Int], _ ctx: KPIContext) -> [ClosedDeal] {
        let deals = ctx.deals
        return ids.sorted { a, b in
            ctx.index.amount[a] != ctx.index.amount[b] ? ctx.index.amount[a] > ctx.index.amount[b] : naturalLess(deals[a].id, deals[b].id)
        }.prefix(largestShown).map { i in
            let deal = deals[i]
            return ClosedDeal(id: deal.id, name: deal.name, account: deal.account, amount: deal.amount,
                              closedOn: ctx.snapshot.closedOn(i), lostReason: ctx.snapshot.lost.contains(i) ? deal.lostReason : nil)
        }
    }
}

/// The changes of written autopsies by state.
extension BoardPack {
    public func changeCount(_ state: ChangeState) -> Int { systemicChanges.filter { $0.state == state }.count }
}
