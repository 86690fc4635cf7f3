/// What a what-if changes in a `KPIContext`: one deal is won on a day, every other deal stays as
/// the snapshot at `t` has it (stall thresholds included).
///
/// Each selection a KPI formula reads is the real date's, with that one deal taken out and put
/// back where its won state belongs, in deal order as a new snapshot would list it, so the
/// sums come out bit for bit as a recompute of the changed engagement would give them. A
/// what-if thus costs the size of the windows its KPIs read, not a snapshot of every deal.
struct WhatIfPatch: Sendable {
    let deal: Int
    /// The deal's state at `t` in the what-if: the won stage, entered on the won day.
    let state: Snapshot.DealState
    /// The real date's selections, shared by all its what-ifs; nil selects them per call.
    let real: RealSelections?

    func won(in window: DayWindow, _ ctx: KPIContext) -> [Int] {
        placed(real?.won[window] ?? ctx.realWon(in: window), window.contains(state.enteredOn))
    }
    func lost(in window: DayWindow, _ ctx: KPIContext) -> [Int] { placed(real?.lost[window] ?? ctx.realLost(in: window), false) }
    func open(_ ctx: KPIContext) -> [Int] { placed(ctx.snapshot.open, false) }
    func stalled(_ ctx: KPIContext) -> [Int] { placed(real?.stalled ?? ctx.snapshot.stalled, false) }
    func pipeline(closingIn quarter: FiscalQuarter, _ ctx: KPIContext) -> [Int] {
        placed(real?.pipeline[quarter] ?? ctx.realPipeline(closingIn: quarter), false)
    }
    func slippedDeals(in window: DayWindow, _ ctx: KPIContext) -> [Int] {
        placed(real?.slipped[window] ?? ctx.realSlippedDeals(in: window), dealSlipped(in: window, ctx))
    }

    /// A won deal is never overdue: it slipped in `window` only by a later close date set there.
    func dealSlipped(in window: DayWindow, _ ctx: KPIContext) -> Bool {
        ctx.deals[deal].closeDateChanges.contains { $0.isSlip(in: window, asOf: ctx.t) }
    }

    /// `list` (ascending deal indices) with the deal in it or not.
    func placed(_ list: [Int], _ present: Bool) -> [Int] {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < deal { lo = mid + 1 } else { hi = mid }
        }
        let there = lo < list.count && list[lo] == deal
        if there == present { return list }
        var out = list
        if present { out.insert(deal, at: lo) } else { out.remove(at: lo) }
        return out
    }
}

/// The selections of a review date that the KPI formulas read, made once for all its what-ifs.
/// A window not made here is selected per call: slower, never different.
struct RealSelections: Sendable {
    let won: [DayWindow: [Int]]
    let lost: [DayWindow: [Int]]
    let pipeline: [FiscalQuarter: [Int]]
    let slipped: [DayWindow: [Int]]
    let stalled: [Int]
    /// Counts and sums of the selections above, continued from a what-if's deal (`SelectionSums.swift`).
    let sums: [Selection: SelectionSums]

    init(_ ctx: KPIContext) {
        let w = ctx.windows
        // The windows of the catalog's formulas, and each month a forecast was made for.
        var windows = [w.t90, w.qtd, w.previousQuarter.window, KPIContext.days(of: w.t3m), KPIContext.days(of: w.t12m), KPIContext.days(of: [w.m])]
        for f in ctx.engagement.forecasts where f.madeOn <= ctx.t && f.month <= w.m { windows.append(KPIContext.days(of: [f.month])) }
        var won: [DayWindow: [Int]] = [:], lost: [DayWindow: [Int]] = [:]
        for window in windows where won[window] == nil {
            won[window] = ctx.realWon(in: window)
            lost[window] = ctx.realLost(in: window)
        }
        self.won = won
        self.lost = lost
        pipeline = [w.quarter: ctx.realPipeline(closingIn: w.quarter), w.quarter.next: ctx.realPipeline(closingIn: w.quarter.next)]
        slipped = [w.qtd: ctx.realSlippedDeals(in: w.qtd)]
        stalled = ctx.snapshot.stalled
        var sums: [Selection: SelectionSums] = [:]
        for window in won.keys { sums[.won(window)] = SelectionSums(.won(window), ctx) }
        for window in lost.keys { sums[.lost(window)] = SelectionSums(.lost(window), ctx) }
        for quarter in pipeline.keys { sums[.pipeline(quarter)] = SelectionSums(.pipeline(quarter), ctx) }
        sums[.open] = SelectionSums(.open, ctx)
        sums[.stalled] = SelectionSums(.stalled, ctx)
        self.sums = sums
    }
}

extension CloseDateChange {
    /// A slip of `kpis.md`: set in `window` (and by `t`) to a later date.
    func isSlip(in window: DayWindow, asOf t: Day) -> Bool { on <= t && window.contains(on) && to > from }
}
