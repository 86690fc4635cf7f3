import Testing
@testable import MetricsCore

/// The what-if's shortcut (the real date's selections with one deal moved) against the plain
/// reading of kpis.md: a copy of the engagement whose deal is won on that day, loaded and
/// recomputed from scratch. Every KPI of the catalog must agree bit for bit on every demo
/// deal that has a what-if, stalled_share aside (the copy recomputes the stall medians; the
/// what-if keeps them, decisions.md).
@Suite struct WhatIfReferenceTests {
    /// The engagement with deal `d` won on `day`: its entries after that day dropped, a won entry appended.
    static func wonCopy(_ e: Engagement, deal d: Int, on day: Day) -> Engagement {
        var copy = e
        let outcome = Set(e.stages.filter { $0.outcome != nil }.map(\.id))
        let won = e.stages.first { $0.outcome == .won }!.id
        var history = copy.deals[d].stageHistory.filter { $0.on < day || ($0.on == day && !outcome.contains($0.stage)) }
        history.append(StageEntry(stage: won, on: day))
        copy.deals[d].stageHistory = history
        return copy
    }

    @Test func theShortcutAgreesWithARecomputedCopyOnTheDemo() {
        let asOf = Day("2026-11-23")!
        var checked = 0, moved = 0
        for file in DemoPortfolio.portfolio(anchor: asOf).files {
            let e = file.engagement!
            let review = EngagementReview(index: EngagementIndex(e), asOf: asOf)
            let real = RealSelections(review.current)
            for row in review.autopsy.rows {
                guard let day = review.whatIfDay(row) else { continue }
                let copy = KPIEngine.compute(KPIContext(index: EngagementIndex(Self.wonCopy(e, deal: row.deal, on: day)), asOf: asOf))
                var state = review.current.snapshot.states[row.deal]
                state.stage = review.index.wonStage
                state.enteredOn = day
                for shared in [real, nil] as [RealSelections?] {
                    let ctx = KPIContext(review.current, whatIf: WhatIfPatch(deal: row.deal, state: state, real: shared))
                    let shortcut = KPIEngine.compute(ctx)
                    for (a, b) in zip(shortcut, copy) where a.id != .stalledShare {
                        #expect(a.value == b.value && a.status == b.status, "\(e.client.id) \(row.dealID) won \(day): \(a.id) \(String(describing: a.value)) vs \(String(describing: b.value))")
                    }
                }
                // The KPIs a what-if skips do not move.
                for (a, b) in zip(review.kpis, copy) where WhatIf.unmoved.contains(a.id) { #expect(a.value == b.value) }
                checked += 1
                if !(review.whatIf(row)?.changes.isEmpty ?? true) { moved += 1 }
            }
        }
        #expect(checked > 50 && moved > 20)   // the demo has lost and slipped deals enough to mean something
    }

    /// The JSON report's path (selections shared, two threads) gives what the cockpit's one-deal
    /// path gives, deal by deal, on a portfolio large enough to be split.
    @Test func allAtOnceEqualsOneByOne() {
        let asOf = Day("2026-11-23")!
        let review = EngagementReview(index: EngagementIndex(DemoPortfolio.synthetic(deals: 3000, anchor: asOf)), asOf: asOf)
        let all = review.whatIfs()
        let single = review.autopsy.rows.compactMap { review.whatIf($0) }
        #expect(all.count >= WhatIf.parallelThreshold)
        #expect(all.map(\.dealID) == single.map(\.dealID) && all.map(\.wonOn) == single.map(\.wonOn))
        for (a, b) in zip(all, single) {
            #expect(a.changes.map(\.kpi) == b.changes.map(\.kpi))
            for (x, y) in zip(a.changes, b.changes) { #expect(x.after.value == y.after.value && x.after.status == y.after.status) }
        }
    }
}
