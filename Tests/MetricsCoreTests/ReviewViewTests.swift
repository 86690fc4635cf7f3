import Testing
@testable import MetricsCore

/// The derived views: funnel, bottleneck, waterfall, KPI autopsy rows, weekly actions.
@Suite struct ReviewViewTests {
    let review = Fixtures.review()

    @Test func funnelPerStage() {
        let f = review.funnel
        #expect(f.map(\.id) == ["lead", "proposal", "negotiation"])
        #expect(f.map(\.count) == [1, 3, 1])
        #expect(f.map(\.amount) == [20_000, 140_000, 80_000])
        #expect(f.map(\.weightedAmount) == [4_000, 70_000, 64_000])
        #expect(f.map(\.medianDaysInStage) == [22, 53, 83])
        #expect(f.map(\.stalledCount) == [0, 1, 1])           // D-8 is acknowledged
        #expect(f.map(\.stallThresholdDays) == [29, 30, 30])  // lead: 9 exits, median 19
        #expect(f[0].conversion == 1.0)                       // 6 lead exits in T90, all forward
        #expect(f[1].conversion == 2.0 / 3.0)                 // D-1, D-2 won; D-3 lost
        #expect(f[2].conversion == nil)
        #expect(review.bottleneck?.id == "proposal")          // 100k stalled against 80k
    }

    @Test func autopsyRows() {
        let rows = review.autopsy.rows
        #expect(rows.map(\.dealID) == ["D-5", "D-7", "D-4", "D-3", "D-10"])
        #expect(rows.map { $0.causes.map(\.rawValue) } == [["slipped", "stalled"], ["slipped", "stalled"], ["churned_within_90_days"], ["lost"], ["slipped"]])
        let d3 = rows[3]
        #expect(d3.impacts.map(\.kpi) == [.winRate, .forecastAccuracy])
        #expect(d3.impacts[0].detail == "win rate 75% with it, 100% without")
        #expect(d3.impacts[0].delta == -0.25)
        #expect(d3.written?.rootCause == "No budget owner")
        #expect(rows[1].written == nil)                       // D-7's autopsy is dated after the review
        let d10 = rows[4]
        #expect(d10.impacts.map(\.kpi) == [.pipelineCoverage, .salesCycleDays])
        #expect(d10.impacts[0].detail == "slipped out of 2026-Q4 (2026-12-20 → 2027-01-15)")
        #expect(d10.impacts[0].delta == -30_000.0 / 136_000.0)
        #expect(d10.impacts[1].delta == 26)
        #expect(rows[0].impacts.map(\.kpi) == [.salesCycleDays, .salesCycleDays, .pipelineVelocity, .stalledShare])
        #expect(rows[0].impacts[1].detail == "23 days over the 30-day limit of Proposal")
        #expect(rows[1].impacts[0].detail == "overdue by 13 days")
        #expect(rows[2].impacts.map(\.delta) == [-10_000])
        #expect(review.autopsy.lostReasons.map(\.reason) == ["price"])
        #expect(review.autopsy.lostReasons.map(\.amount) == [30_000])
    }

    @Test func weeklyActions() {
        #expect(review.actionsDoneLastWeek.map(\.text) == ["Cleaned close dates"])
        #expect(review.actionsThisWeek.map(\.text) == ["Review D-7 with the CEO"])
    }

    @Test func waterfallPutsEachDealInOneBucketAndReconciles() {
        func change(_ on: String, _ from: String, _ to: String) -> CloseDateChange {
            CloseDateChange(on: Build.day(on), from: Build.day(from), to: Build.day(to))
        }
        var pushed = Build.deal("P", 5_000, [("lead", "2026-11-01")], expected: "2027-01-20")
        pushed.closeDateChanges = [change("2026-11-20", "2026-12-01", "2027-01-20")]
        var pulled = Build.deal("I", 6_000, [("lead", "2026-11-01")], expected: "2026-12-05")
        pulled.closeDateChanges = [change("2026-11-21", "2027-01-10", "2026-12-05")]
        let e = Build.engagement(deals: [
            Build.deal("A", 1_000, [("lead", "2026-11-01"), ("proposal", "2026-11-18")], expected: "2026-12-20"),
            Build.deal("B", 2_000, [("lead", "2026-11-18")], expected: "2026-12-20"),
            Build.deal("C", 3_000, [("lead", "2026-11-01"), ("won", "2026-11-20")]),
            Build.deal("L", 4_000, [("lead", "2026-11-01"), ("lost", "2026-11-19")]),
            pushed, pulled,
            Build.deal("S", 7_000, [("lead", "2026-09-01")], expected: "2026-12-20"),
            Build.deal("U", 8_000, [("lead", "2026-11-10")], expected: "2026-12-20"),
            Build.deal("X", 9_000, [("lead", "2026-11-17"), ("won", "2026-11-19")]),
        ])
        let w = Waterfall(previous: Build.context(e, "2026-11-16"), current: Build.context(e, "2026-11-23"))
        #expect(w.startAmount == 34_000)
        #expect(w.endAmount == 29_000)
        #expect(w.reconciledEnd == w.endAmount)
        let names = Dictionary(uniqueKeysWithValues: w.rows.map { ($0.bucket, $0.deals.map { e.deals[$0].id }) })
        #expect(names == [.new: ["B"], .advanced: ["A"], .pulledIn: ["I"], .pushedOut: ["P"], .won: ["C"], .lost: ["L"],
                          .stalled: ["S"], .unchanged: ["U"]])
        #expect(w.rows.map(\.amount) == [2_000, 1_000, 6_000, 5_000, 3_000, 4_000, 7_000, 8_000])
    }

    @Test func waterfallReconcilesOnTheDemo() {
        for file in DemoPortfolio.portfolio(anchor: Day("2026-11-23")!).files {
            let r = EngagementReview(index: EngagementIndex(file.engagement!), asOf: Day("2026-11-23")!)
            #expect(abs(r.waterfall.reconciledEnd - r.waterfall.endAmount) < 1e-6)
            let all = r.waterfall.rows.flatMap(\.deals)
            #expect(Set(all).count == all.count, "a deal is in two buckets")
        }
    }
}
