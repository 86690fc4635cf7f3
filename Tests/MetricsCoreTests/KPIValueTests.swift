import Testing
@testable import MetricsCore

/// Every KPI of the catalog against the hand-computed values of `Fixtures.kpiBasic` (docs/kpi-fixture.md).
@Suite struct KPIValueTests {
    let review = Fixtures.review()

    func value(_ id: KPIID) -> Double? { review.kpi(id).value }

    func expect(_ id: KPIID, _ expected: Double, _ status: KPIStatus, sourceLocation: SourceLocation = #_sourceLocation) {
        let k = review.kpi(id)
        #expect(k.value != nil, "\(id.rawValue) is null: \(k.reason ?? "")", sourceLocation: sourceLocation)
        if let v = k.value { #expect(abs(v - expected) < 1e-9, "\(id.rawValue) = \(v), expected \(expected)", sourceLocation: sourceLocation) }
        #expect(k.status == status, "\(id.rawValue) status \(k.status)", sourceLocation: sourceLocation)
    }

    @Test func conversion() {
        expect(.winRate, 3.0 / 4.0, .green)                  // won D-1, D-2, D-9; lost D-3 in T90
        expect(.avgDealSize, 124_000.0 / 3.0, .noTarget)      // (40k + 60k + 24k) / 3
        expect(.acv, 94_000.0 / 3.0, .noTarget)               // D-2 is 60k over 24 months: 30k a year
        expect(.salesCycleDays, 143.0 / 3.0, .green)          // 40 + 71 + 32 days
        expect(.sccr, 55.0 / 91.0, .green)                    // PQ mean 91 (71, 111), QTD mean 36 (40, 32)
        expect(.povToPipeline, 0.5, .yellow)                  // D-7 converted, D-3 failed; D-2 ended before T90
        expect(.founderFreeCloseRate, 0.5, .noTarget)         // D-1 false, D-2 true, D-9 null
    }

    @Test func segmentsBreakdown() {
        let acv = review.kpi(.acv).breakdown
        #expect(acv.map(\.label) == ["(none)", "enterprise", "smb"])
        #expect(acv.map(\.value) == [24_000, 30_000, 40_000])
    }

    @Test func pipeline() {
        expect(.pipelineCoverage, 190_000.0 / 136_000.0, .red)        // D-5 + D-7 (overdue, in Q4) + D-8; remaining 200k - 64k
        expect(.weightedPipelineCoverage, 119_000.0 / 136_000.0, .red) // 50k + 64k + 5k
        expect(.pipelineCoverageNext, 1.0, .red)                      // D-6 20k + D-10 30k over 50k
        expect(.pipelineVelocity, 465_000.0 / 143.0, .noTarget)       // 5 open × 0.75 × 41,333.33 / 47.67
        expect(.forecastAccuracy, 0.25, .red)                         // F = 70k (made 09-28), A = 40k
        expect(.stalledShare, 180_000.0 / 240_000.0, .red)            // D-5 and D-7 stalled
    }

    @Test func retention() {
        expect(.nrr, 2_700.0 / 3_500.0, .red)
        expect(.grr, 2_500.0 / 3_500.0, .red)
        expect(.logoRetention, 2.0 / 3.0, .red)
        expect(.arr, 42_000, .noTarget)
        let top3 = review.kpi(.top3Concentration)
        #expect(top3.value == nil)
        #expect(top3.status == .noData)
        #expect(top3.reason == "no account revenue for 2025-11")
    }

    @Test func efficiency() {
        expect(.netNewARR, 30_000, .red)           // D-1 40k ARR - D-4 churn 10k on 10-10
        expect(.nnarr, 40_000, .red)               // D-1 only; D-4 was won in Q3
        expect(.c2re, 25_000.0 / 40_000.0, .green) // (20k spend + 5k fee) / D-1
        expect(.cacPaybackMonths, 7.5, .green)     // 60k / ((50k + 30k + 40k) / 12 × 0.8)
        expect(.magicNumber, 80_000.0 / 30_000.0, .green)
        expect(.grossMargin, 0.38, .red)           // (20k + 18k) / 100k
        #expect(review.kpi(.grossMargin).flaggedDeals == ["D-5"])
    }

    @Test func pacedThresholds() {
        #expect(review.kpi(.netNewARR).thresholds == .paced(target: 100_000, pace: 54.0 / 92.0))
        #expect(review.kpi(.nnarr).thresholds == .paced(target: 100_000, pace: 54.0 / 92.0))
    }

    @Test func funnelAndTeam() {
        expect(.pqlToPaid, 0.15, .noTarget)
        expect(.costPerQualifiedMeeting, 1_000, .noTarget)
        expect(.inboundToOpportunity, 0.1, .noTarget)   // D-1, D-3, D-9 over 30 leads
        expect(.quotaAttainment, 0.5, .green)           // sam 40k ≥ 35,217; ana 24k < 29,348
        expect(.revenuePerRep, 75_000, .noTarget)       // 150k closed in T12M over sam and ana
        expect(.autopsyCoverage, 0.25, .red)            // D-3 covered of D-3, D-5, D-7, D-10
        let reps = review.kpi(.quotaAttainment).breakdown
        #expect(reps.map(\.label) == ["Sam", "Ana"])
        #expect(reps.map(\.value) == [40_000.0 / 60_000.0, 24_000.0 / 50_000.0])
    }

    @Test func everyKPIIsReportedInCatalogOrder() {
        #expect(review.kpis.map(\.id) == KPIID.allCases)
        #expect(KPIID.allCases.count == 30)
    }

    @Test func previousWeekTimeTravels() {
        // At 2026-11-16 the T90 window starts 2026-08-19, so D-4 (won 08-20) counts: 4 won, 1 lost.
        #expect(review.previousKPI(.winRate).value == 0.8)
        // D-10's close date was still 2026-12-20 a week ago: in this quarter's pipeline then.
        #expect(review.previousKPI(.pipelineCoverage).value == 220_000.0 / 136_000.0)
    }

    @Test func weeklyStatusIsTheWorstDashboardStatus() {
        #expect(review.dashboard == [.netNewARR, .nrr, .winRate, .pipelineCoverage, .salesCycleDays, .cacPaybackMonths])
        #expect(review.weeklyStatus == .red)
        #expect(review.action == "Emergency meeting with product & finance")
        #expect(review.stalledDeals == ["D-5", "D-7"])
        #expect(review.slippedDeals == ["D-5", "D-7", "D-10"])
    }
}
