import Dispatch

/// The what-if of the KPI autopsy (`kpis.md`): the client's dashboard as of `t` had one lost or
/// slipped deal been won, everything else as it is, thresholds included.
public struct WhatIf: Sendable {
    public let deal: Int
    public let dealID: String
    /// The day the deal is won in the what-if.
    public let wonOn: Day
    /// The dashboard KPIs whose value changes, in dashboard order (none is possible).
    public let changes: [Change]

    public struct Change: Sendable {
        public let before: KPIResult
        public let after: KPIResult
        public var kpi: KPIID { before.id }
    }

    /// From this many what-ifs on, they are computed on two threads.
    static let parallelThreshold = 200

    /// KPIs whose formulas read no deal's stage or close (account revenue, the funnel, spend,
    /// POVs, creation dates): no what-if moves them, so none recomputes them.
    static let unmoved: Set<KPIID> = [.nrr, .grr, .logoRetention, .arr, .top3Concentration, .povToPipeline,
                                      .pqlToPaid, .costPerQualifiedMeeting, .inboundToOpportunity]
}

extension EngagementReview {
    /// The day `row`'s deal is won in its what-if, nil when it has none (that day is after `t`).
    public func whatIfDay(_ row: AutopsyRow) -> Day? { winDay(row).flatMap { $0 <= asOf ? $0 : nil } }

    /// The day `row`'s deal would be won, after `t` or not: a lost deal (slipped or not) on the
    /// day it entered its lost stage; a slipped deal on the expected close it had before its
    /// first slip in the window (the `from` of its first later date set there, else, slipped by
    /// being overdue only, its expected close at `t`). Nil for deals on the list for other causes.
    public func winDay(_ row: AutopsyRow) -> Day? {
        if row.causes.contains(.lost) { return current.snapshot.closedOn(row.deal) }
        guard row.causes.contains(.slipped) else { return nil }
        let window = autopsy.window, t = asOf
        // The earliest `on`; among the same `on`, the first in the array (kpis.md).
        let first = index.deals[row.deal].closeDateChanges.filter { $0.isSlip(in: window, asOf: t) }.min { $0.on < $1.on }
        return first?.from ?? current.snapshot.states[row.deal].expectedClose
    }

    /// One deal's what-if, nil when it has none; what the cockpit shows for the deal on screen.
    public func whatIf(_ row: AutopsyRow) -> WhatIf? { whatIf(row, real: nil) }

    /// The what-if of every deal of the autopsy that has one, in the autopsy's order: the real
    /// date's selections are made once and shared (the JSON report and `redline autopsy list`).
    public func whatIfs() -> [WhatIf] { whatIfs(real: nil) }

    /// The selections every what-if shares, nil when there is no what-if: a report can make them
    /// while it writes something else.
    func whatIfSelections() -> RealSelections? {
        autopsy.rows.contains { whatIfDay($0) != nil } ? RealSelections(current) : nil
    }

    /// `real`: the selections of `whatIfSelections()`, made here when nil.
    func whatIfs(real given: RealSelections?) -> [WhatIf] {
        let rows = autopsy.rows.filter { whatIfDay($0) != nil }
        guard !rows.isEmpty else { return [] }
        let real = given ?? RealSelections(current)
        // Each what-if only reads the review: many of them are shared between two threads.
        let chunks = rows.count >= WhatIf.parallelThreshold ? 2 : 1
        let size = (rows.count + chunks - 1) / chunks
        var results = [[WhatIf]](repeating: [], count: chunks)
        let review = self
        results.withUnsafeMutableBufferPointer { buffer in
            // Each chunk writes only its own slot.
            let out = UncheckedSendable(value: buffer)
            let work: @Sendable (Int) -> Void = { c in
                out.value[c] = rows[(c * size)..<min(rows.count, (c + 1) * size)].compactMap { review.whatIf($0, real: real) }
            }
            if chunks == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
        }
        return results.flatMap { $0 }
    }

    func whatIf(_ row: AutopsyRow, real: RealSelections?) -> WhatIf? {
        guard index.wonStage >= 0, let day = whatIfDay(row) else { return nil }
        var state = current.snapshot.states[row.deal]
        state.stage = index.wonStage
        state.enteredOn = day
        let ctx = KPIContext(current, whatIf: WhatIfPatch(deal: row.deal, state: state, real: real))
        let ids = dashboard.filter { !WhatIf.unmoved.contains($0) }
        let changes = zip(ids, KPIEngine.measure(ids, ctx)).compactMap { id, m -> WhatIf.Change? in
            let before = kpi(id)
            // The real date's thresholds, and its improvement goal and baseline as they were.
            var after = KPIEngine.judge(id, m, against: before.thresholds)
            if let target = before.improvement { after = KPIEngine.improve(after, target) }
            return after.value == before.value ? nil : WhatIf.Change(before: before, after: after)
        }
        return WhatIf(deal: row.deal, dealID: row.dealID, wonOn: day, changes: changes)
    }

    /// The KPIs a written autopsy of `row` proposes: those the autopsy's rules find it hurt,
    /// then those its what-if moves; the dashboard's first, each group in the order found.
    public func proposedKPIs(_ row: AutopsyRow, whatIf: WhatIf?) -> [KPIID] {
        var ids: [KPIID] = []
        for id in row.impacts.map(\.kpi) + (whatIf?.changes.map(\.kpi) ?? []) where !ids.contains(id) { ids.append(id) }
        let onDashboard = Set(dashboard)
        return ids.filter { onDashboard.contains($0) } + ids.filter { !onDashboard.contains($0) }
    }

    /// The proposal for deal `d`, empty when it is not on the autopsy list.
    public func proposedKPIs(deal d: Int) -> [KPIID] {
        guard let row = autopsy.rows.first(where: { $0.deal == d }) else { return [] }
        return proposedKPIs(row, whatIf: whatIf(row))
    }
}
