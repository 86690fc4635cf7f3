/// Everything a KPI formula reads: the engagement, the review date, its windows and snapshot.
///
/// Selections ("won in W", "open at t", "stalled at t") live here so each KPI holds only its
/// formula and its `no_data` reasons.
public struct KPIContext: Sendable {
    public let index: EngagementIndex
    public let snapshot: Snapshot
    public let windows: ReviewWindows
    /// Set on a what-if's context (`WhatIf.swift`): one deal won on a day, the rest as at `t`.
    let whatIf: WhatIfPatch?

    public init(index: EngagementIndex, asOf t: Day) {
        self.index = index
        snapshot = Snapshot(index, asOf: t)
        windows = ReviewWindows(asOf: t, fiscalStartMonth: index.fiscalStartMonth)
        whatIf = nil
    }

    /// The context of `real` with `patch` applied: the snapshot is shared, not rebuilt.
    init(_ real: KPIContext, whatIf patch: WhatIfPatch) {
        index = real.index
        snapshot = real.snapshot
        windows = real.windows
        whatIf = patch
    }

    /// Breakdowns and flagged deals: a what-if compares values only, and grouping by segment
    /// would be most of its cost.
    var showsDetails: Bool { whatIf == nil }

    public var t: Day { windows.t }
    public var engagement: Engagement { index.engagement }
    public var deals: [Deal] { index.deals }

    /// Deals won at `t` with `closed_on` in `window`.
    public func won(in window: DayWindow) -> [Int] { whatIf?.won(in: window, self) ?? realWon(in: window) }
    /// Deals lost at `t` with `closed_on` in `window`.
    public func lost(in window: DayWindow) -> [Int] { whatIf?.lost(in: window, self) ?? realLost(in: window) }
    // The selections of the snapshot itself, which a what-if patches.
    func realWon(in window: DayWindow) -> [Int] { snapshot.won.filter { window.contains(snapshot.closedOn($0)) } }
    func realLost(in window: DayWindow) -> [Int] { snapshot.lost.filter { window.contains(snapshot.closedOn($0)) } }

    /// Deal `d` at `t` (a what-if's deal in its won state). KPI formulas read deals through
    /// these accessors, never `snapshot` directly, so that a what-if reaches every formula.
    public func state(_ d: Int) -> Snapshot.DealState { whatIf?.deal == d ? whatIf!.state : snapshot.states[d] }
    public func closedOn(_ d: Int) -> Day { state(d).enteredOn }
    /// Open deals at `t`, by deal index.
    public var open: [Int] { whatIf?.open(self) ?? snapshot.open }
    /// Open deals stalled at `t`, by deal index.
    public var stalled: [Int] { whatIf?.stalled(self) ?? snapshot.stalled }
    /// Deals won at `t` whose `closed_on` month is one of `months` (consecutive months).
    public func won(inMonths months: [YearMonth]) -> [Int] { won(in: Self.days(of: months)) }

    /// The days of consecutive months, first day to last.
    static func days(of months: [YearMonth]) -> DayWindow { DayWindow(months.first!.firstDay, months.last!.lastDay) }

    public func amount(_ ids: [Int]) -> Double { ids.reduce(0) { $0 + index.amount[$1] } }
    public func annualized(_ ids: [Int]) -> Double { ids.reduce(0) { $0 + index.annualized[$1] } }
    public func cycleDays(_ d: Int) -> Int { closedOn(d).ordinal - index.cycleStartOn[d] }
    public func meanCycleDays(_ ids: [Int]) -> Double? {
        ids.isEmpty ? nil : Double(ids.reduce(0) { $0 + cycleDays($1) }) / Double(ids.count)
    }

    /// Open deals at `t` whose expected close at `t` falls in `quarter`.
    public func pipeline(closingIn quarter: FiscalQuarter) -> [Int] { whatIf?.pipeline(closingIn: quarter, self) ?? realPipeline(closingIn: quarter) }
    func realPipeline(closingIn quarter: FiscalQuarter) -> [Int] {
        let w = quarter.window
        return snapshot.open.filter { snapshot.states[$0].expectedClose.map(w.contains) ?? false }
    }

    /// Did deal `d` slip in `window` (as of `t`)? A later close date set in the window, or overdue at `t`.
    public func slipped(_ d: Int, in window: DayWindow) -> Bool {
        if let whatIf, whatIf.deal == d { return whatIf.dealSlipped(in: window, self) }
        let state = snapshot.states[d]
        // A gone deal is out of the pipeline: it cannot slip.
        guard state.exists, !state.isGone else { return false }
        if !index.isOutcomeStage[state.stage], let expected = state.expectedClose, expected < t { return true }
        guard index.hasCloseDateChanges[d] else { return false }
        return deals[d].closeDateChanges.contains { $0.on <= t && window.contains($0.on) && $0.to > $0.from }
    }

    /// Deals that slipped in `window`, by deal index, in file order.
    public func slippedDeals(in window: DayWindow) -> [Int] { whatIf?.slippedDeals(in: window, self) ?? realSlippedDeals(in: window) }
    func realSlippedDeals(in window: DayWindow) -> [Int] {
        deals.indices.filter { d in
            (index.hasCloseDateChanges[d] || snapshot.states[d].expectedClose.map { $0 < t } == true) && slipped(d, in: window)
        }
    }

    /// The sum of a monthly series over `months`, or the first month that is missing.
    func sum(_ months: [YearMonth], _ value: (YearMonth) -> Double?) -> Result<Double, MissingMonth> {
        var total = 0.0
        for m in months {
            guard let v = value(m) else { return .failure(MissingMonth(month: m)) }
            total += v
        }
        return .success(total)
    }

    func spend(_ months: [YearMonth]) -> Result<Double, MissingMonth> { sum(months) { engagement.spend[$0] } }

    /// A window as people read it: `2026-08-26 … 2026-11-23`.
    func describe(_ w: DayWindow) -> String { "\(w.start) … \(w.end)" }
    func describe(_ months: [YearMonth]) -> String {
        months.count == 1 ? "\(months[0])" : "\(months.first!) … \(months.last!)"
    }
}

/// A month a series needs and does not have.
struct MissingMonth: Error { let month: YearMonth }
