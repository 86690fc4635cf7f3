import Testing
@testable import MetricsCore

/// The edge cases of kpis.md: empty windows, targets met, missing data, fiscal years, overrides.
@Suite struct KPIEdgeCaseTests {
    @Test func emptyWindowsAreNoDataWithAReason() {
        let e = Build.engagement()
        let win = Build.kpi(e, "2026-11-23", .winRate)
        #expect(win.value == nil && win.status == .noData)
        #expect(win.reason == "no deals won or lost in 2026-08-26 … 2026-11-23")
        #expect(Build.kpi(e, "2026-11-23", .avgDealSize).reason == "no deals won in 2026-08-26 … 2026-11-23")
        #expect(Build.kpi(e, "2026-11-23", .sccr).reason == "no deals won in 2026-Q4 to date")
        #expect(Build.kpi(e, "2026-11-23", .autopsyCoverage).reason == "no deals lost or slipped in 2026-Q4 to date")
        #expect(Build.kpi(e, "2026-11-23", .stalledShare).reason == "no open pipeline at 2026-11-23")
        #expect(Build.kpi(e, "2026-11-23", .pipelineVelocity).reason == "win_rate: no deals won or lost in 2026-08-26 … 2026-11-23")
        #expect(Build.kpi(e, "2026-11-23", .cacPaybackMonths).reason == "client.gross_margin is not set")
        #expect(Build.kpi(e, "2026-11-23", .nrr).reason == "no account revenue for 2025-10")
        #expect(Build.kpi(e, "2026-11-23", .quotaAttainment).reason == "no active rep has a quota for 2026-Q4")
        #expect(Build.kpi(e, "2026-11-23", .revenuePerRep).reason == "no reps active at 2026-11-23")
        #expect(Build.kpi(e, "2026-11-23", .pqlToPaid).reason == "no funnel pql_converted for 2026-08")
        #expect(Build.kpi(e, "2026-11-23", .forecastAccuracy).reason == "no forecast for a month up to 2026-10")
        #expect(Build.kpi(e, "2026-11-23", .c2re).reason == "no spend for 2026-10")
    }

    @Test func remainingTargetMetIsGreenWithoutValue() {
        var e = Build.engagement(deals: [Build.deal("W", 5000, [("lead", "2026-10-01"), ("won", "2026-10-20")])])
        e.targets.bookings["2026-Q4"] = 5000
        for id in [KPIID.pipelineCoverage, .weightedPipelineCoverage] {
            let k = Build.kpi(e, "2026-11-23", id)
            #expect(k.value == nil)
            #expect(k.status == .green)
            #expect(k.reason == "target met")
        }
    }

    @Test func coverageWithoutTargetAndNextQuarterTargetZero() {
        var e = Build.engagement()
        #expect(Build.kpi(e, "2026-11-23", .pipelineCoverage).reason == "no bookings target for 2026-Q4")
        e.targets.bookings["2027-Q1"] = 0
        let next = Build.kpi(e, "2026-11-23", .pipelineCoverageNext)
        #expect(next.status == .noData)
        #expect(next.reason == "the bookings target for 2027-Q1 is not above 0")
    }

    @Test func weightedCoverageNeedsAProbability() {
        var stages = Build.stages
        stages[1].probability = nil
        var e = Build.engagement(deals: [Build.deal("O", 1000, [("lead", "2026-10-01"), ("proposal", "2026-10-05")], expected: "2026-12-01")], stages: stages)
        e.targets.bookings["2026-Q4"] = 10_000
        #expect(Build.kpi(e, "2026-11-23", .pipelineCoverage).value == 0.1)
        let weighted = Build.kpi(e, "2026-11-23", .weightedPipelineCoverage)
        #expect(weighted.status == .noData)
        #expect(weighted.reason == "stage \"proposal\" has no probability")
    }

    @Test func fiscalYearStartingInFebruary() {
        // FY2027 runs 2026-02-01 … 2027-01-31; 2026-11-23 is in 2027-Q4 (Nov–Jan).
        var e = Build.engagement(fiscalStart: 2, deals: [
            Build.deal("W", 10_000, [("lead", "2026-10-15"), ("won", "2026-11-02")]),
            Build.deal("O", 30_000, [("lead", "2026-11-01")], expected: "2027-01-20"),
        ])
        e.targets.bookings["2027-Q4"] = 40_000
        e.targets.netNewARR["2027-Q4"] = 46_000
        let ctx = Build.context(e, "2026-11-23")
        #expect(ctx.windows.quarter.description == "2027-Q4")
        #expect(ctx.windows.qtd == DayWindow(Build.day("2026-11-01"), Build.day("2026-11-23")))
        #expect(Build.kpi(e, "2026-11-23", .pipelineCoverage).value == 1.0) // 30k / (40k - 10k)
        let nna = Build.kpi(e, "2026-11-23", .netNewARR)
        #expect(nna.value == 10_000)
        #expect(nna.thresholds == .paced(target: 46_000, pace: 23.0 / 92.0)) // Nov 1 … Jan 31 has 92 days
        #expect(nna.status == .yellow)                                        // 10k / (46k × 0.25) = 0.87
    }

    @Test func pacedStatusBoundaries() {
        #expect(KPIStatus.judgePaced(100, target: 200, pace: 0.5) == .green)
        #expect(KPIStatus.judgePaced(80, target: 200, pace: 0.5) == .yellow)
        #expect(KPIStatus.judgePaced(79.9, target: 200, pace: 0.5) == .red)
        #expect(KPIStatus.judgePaced(0, target: 0, pace: 0.5) == .green)
    }

    @Test func pacedKPIWithoutTargetHasNoTarget() {
        let e = Build.engagement()
        let k = Build.kpi(e, "2026-11-23", .netNewARR)
        #expect(k.value == 0)
        #expect(k.status == .noTarget)
        #expect(k.thresholds == .none)
    }

    @Test func closeDateMovedOutOfTheQuarter() {
        var deal = Build.deal("S", 50_000, [("lead", "2026-10-01")], expected: "2027-01-10", lastActivity: "2026-11-20")
        deal.closeDateChanges = [CloseDateChange(on: Build.day("2026-11-20"), from: Build.day("2026-12-10"), to: Build.day("2027-01-10"))]
        var e = Build.engagement(deals: [deal])
        e.targets.bookings["2026-Q4"] = 100_000
        // Before the move the deal was in Q4's pipeline; after it, next quarter's.
        #expect(Build.kpi(e, "2026-11-19", .pipelineCoverage).value == 0.5)
        #expect(Build.kpi(e, "2026-11-20", .pipelineCoverage).value == 0)
        let ctx = Build.context(e, "2026-11-23")
        #expect(ctx.slipped(0, in: ctx.windows.qtd))
        #expect(!Build.context(e, "2026-11-19").slipped(0, in: ctx.windows.qtd))
    }

    @Test func sameDayCloseDateChangesUseTheFirstInTheArray() {
        var deal = Build.deal("S", 1, [("lead", "2026-10-01")], expected: "2026-12-30")
        deal.closeDateChanges = [
            CloseDateChange(on: Build.day("2026-11-20"), from: Build.day("2026-12-01"), to: Build.day("2026-12-15")),
            CloseDateChange(on: Build.day("2026-11-20"), from: Build.day("2026-12-15"), to: Build.day("2026-12-30")),
        ]
        let snap = Snapshot(EngagementIndex(Build.engagement(deals: [deal])), asOf: Build.day("2026-11-19"))
        #expect(snap.states[0].expectedClose == Build.day("2026-12-01"))
    }

    @Test func thresholdOverridesPerSide() {
        var e = Build.engagement(deals: [
            Build.deal("W", 1, [("lead", "2026-10-01"), ("won", "2026-10-20")]),
            Build.deal("L", 1, [("lead", "2026-10-01"), ("lost", "2026-10-20")]),
        ])
        #expect(Build.kpi(e, "2026-11-23", .winRate).status == .green) // 0.5 ≥ 0.40
        e.targets.kpis["win_rate"] = ThresholdOverride(green: 0.6)
        let k = Build.kpi(e, "2026-11-23", .winRate)
        #expect(k.thresholds == .pair(ThresholdPair(green: 0.6, red: 0.3)))
        #expect(k.status == .yellow)
        e.targets.kpis["avg_deal_size"] = ThresholdOverride(green: 2, red: 0.5)
        #expect(Build.kpi(e, "2026-11-23", .avgDealSize).status == .yellow) // a KPI with no default gets thresholds
    }

    @Test func industryThresholdsOverrideTheDefaultColumn() {
        let hr = Build.engagement(industry: "hr_tech")
        #expect(KPICatalog.thresholds(.pipelineCoverage, for: hr) == ThresholdPair(green: 4, red: 3))
        #expect(KPICatalog.thresholds(.pipelineCoverage, for: Build.engagement()) == ThresholdPair(green: 3, red: 2))
        #expect(KPICatalog.thresholds(.arr, for: hr) == nil)
    }

    @Test func dashboardDropsUnknownIdsAndDuplicates() {
        var e = Build.engagement(industry: "martech")
        e.dashboard = ["nrr", "bogus", "nrr", "win_rate"]
        #expect(KPICatalog.dashboard(for: e) == [.nrr, .winRate])
        e.dashboard = []
        #expect(KPICatalog.dashboard(for: e) == KPICatalog.preset(for: .martech))
        e.client.industryName = "space_mining"
        e.dashboard = nil
        #expect(KPICatalog.dashboard(for: e) == KPICatalog.preset(for: .saas))
    }

    @Test func forecastMonthWithoutWinsIsNoDataWithoutSteppingBack() {
        var e = Build.engagement(deals: [Build.deal("W", 10, [("lead", "2026-08-01"), ("won", "2026-09-10")])])
        e.forecasts = [Forecast(month: YearMonth("2026-09")!, amount: 10, madeOn: Build.day("2026-08-25")),
                       Forecast(month: YearMonth("2026-10")!, amount: 10, madeOn: Build.day("2026-09-25"))]
        let k = Build.kpi(e, "2026-11-23", .forecastAccuracy)
        #expect(k.value == nil)
        #expect(k.reason == "no deals won in 2026-10, the latest forecast month")
        // A forecast made after the review date does not exist yet: 2026-09 is then the latest.
        e.forecasts[1].madeOn = Build.day("2026-11-30")
        #expect(Build.kpi(e, "2026-11-23", .forecastAccuracy).value == 1.0)
    }

    @Test func aMissingSpendMonthIsNoDataNamingIt() {
        var e = Build.engagement()
        e.client.grossMargin = 0.5
        e.spend = [YearMonth("2026-08")!: 1, YearMonth("2026-10")!: 1]
        #expect(Build.kpi(e, "2026-11-23", .cacPaybackMonths).reason == "no spend for 2026-09")
    }

    @Test func trailingRetentionAndARR() {
        var e = Build.engagement(industry: "professional_services")
        #expect(e.client.retentionBasis == .trailing)
        var a = Account(id: "a", name: "A"), b = Account(id: "b", name: "B")
        // P12M = 2024-11 … 2025-10, T12M = 2025-11 … 2026-10 for t = 2026-11-23.
        for k in 0..<24 {
            let m = YearMonth("2024-11")! + k
            a.revenue[m] = k < 12 ? 100 : 150
            b.revenue[m] = k < 12 ? 100 : (k < 18 ? 50 : 0)
        }
        e.accounts = [a, b]
        #expect(Build.kpi(e, "2026-11-23", .nrr).value == (1800.0 + 300) / 2400) // a 1800 now, b 300 now
        #expect(Build.kpi(e, "2026-11-23", .grr).value == (1200.0 + 300) / 2400)
        #expect(Build.kpi(e, "2026-11-23", .logoRetention).value == 1.0)
        #expect(Build.kpi(e, "2026-11-23", .arr).reason == "ARR needs recurring revenue; this client's retention_basis is trailing")
        #expect(Build.kpi(e, "2026-11-23", .top3Concentration).value == 1.0) // fewer than 3 accounts
    }

    @Test func cycleUsesFirstMeetingWhenPresent() {
        let e = Build.engagement(deals: [Build.deal("W", 1, [("lead", "2026-10-01"), ("won", "2026-10-31")], firstMeeting: "2026-10-11")])
        #expect(Build.kpi(e, "2026-11-23", .salesCycleDays).value == 20)
    }
}
