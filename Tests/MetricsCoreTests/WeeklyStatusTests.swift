import Testing
@testable import MetricsCore

/// The weekly status and its guards (kpis.md, "Status and escalation"), one rule at a time.
@Suite struct WeeklyStatusTests {
    static let f = ValueFormatter(currency: "USD")

    /// A judged KPI: win rate (↑, 40% / 30%), sales cycle (↓, 60 / 90 d), coverage (↑, 3 / 2).
    func k(_ id: KPIID, _ value: Double?, _ status: KPIStatus) -> KPIResult {
        let pairs: [KPIID: ThresholdPair] = [.winRate: ThresholdPair(green: 0.40, red: 0.30), .salesCycleDays: ThresholdPair(green: 60, red: 90),
                                             .pipelineCoverage: ThresholdPair(green: 3, red: 2), .stalledShare: ThresholdPair(green: 0.10, red: 0.25)]
        return KPIResult(id: id, value: value, reason: value == nil ? "no closed deals" : nil, status: status,
                         thresholds: status == .noTarget ? .none : pairs[id].map { .pair($0) } ?? .none, breakdown: [], flaggedDeals: [])
    }

    var calmStalls: KPIResult { k(.stalledShare, 0.05, .green) }

    @Test func theWorstDashboardStatusWithItsKPIs() {
        let s = WeeklyStatus(dashboard: [k(.winRate, 0.45, .green), k(.salesCycleDays, 75, .yellow), k(.pipelineCoverage, 2.5, .yellow)],
                             stalledShare: calmStalls, staleDays: 0, formatter: Self.f)
        #expect(s.status == .yellow && s.action == "Schedule a 30-minute call")
        #expect(s.reasons == [
            StatusReason(kind: .kpi, kpi: .salesCycleDays, message: "Sales cycle length 75.0 d is yellow (target ≤60.0 d, red >90.0 d)"),
            StatusReason(kind: .kpi, kpi: .pipelineCoverage, message: "Pipeline coverage 2.50x is yellow (target ≥3.00x, red <2.00x)"),
        ])
    }

    /// 3 of 4 without data: more than half, so `no_data` whatever the one green says.
    @Test func moreThanHalfWithoutDataIsNoData() {
        let s = WeeklyStatus(dashboard: [k(.winRate, 0.45, .green), k(.salesCycleDays, nil, .noData), k(.pipelineCoverage, nil, .noData), k(.acv, nil, .noData)],
                             stalledShare: calmStalls, staleDays: 0, formatter: Self.f)
        #expect(s.status == .noData && s.action == "Fix the data before the review")
        #expect(s.reasons.map(\.kind) == [.noData, .kpi])
        #expect(s.reasons[0].message == "3 of 4 dashboard KPIs have no data: Sales cycle length, Pipeline coverage, Average contract value")
        #expect(s.reasons[1].message == "Win rate 45.0% is green (target ≥40.0%, red <30.0%)")
    }

    /// Exactly half without data is not "more than half"; `no_target` counts as having data.
    @Test func halfWithoutDataOrNoTargetsAreNotTheGuard() {
        let half = WeeklyStatus(dashboard: [k(.winRate, 0.45, .green), k(.salesCycleDays, 50, .green), k(.pipelineCoverage, nil, .noData), k(.acv, nil, .noData)],
                                stalledShare: calmStalls, staleDays: 0, formatter: Self.f)
        #expect(half.status == .green)
        let noTargets = WeeklyStatus(dashboard: [k(.winRate, 0.45, .green), k(.acv, 30_000, .noTarget), k(.avgDealSize, 20_000, .noTarget), k(.pipelineCoverage, nil, .noData)],
                                     stalledShare: calmStalls, staleDays: 0, formatter: Self.f)
        #expect(noTargets.status == .green && noTargets.reasons.map(\.kind) == [.kpi])
    }

    /// A red stalled share lifts green to yellow, and is the decisive reason.
    @Test func aRedStalledShareLiftsGreenToYellow() {
        let stalled = k(.stalledShare, 0.76, .red)
        let s = WeeklyStatus(dashboard: [k(.winRate, 0.45, .green), k(.salesCycleDays, 50, .green)], stalledShare: stalled, staleDays: 0, formatter: Self.f)
        #expect(s.status == .yellow)
        #expect(s.reasons.first == StatusReason(kind: .stalledShare, kpi: .stalledShare,
                                                message: "green lifted to yellow: Stalled pipeline 76.0% is red (target ≤10.0%, red >25.0%)"))
        #expect(s.reasons.count == 3)
        // A red status stays red: the guard changes nothing, so it is not a reason.
        let red = WeeklyStatus(dashboard: [k(.winRate, 0.20, .red)], stalledShare: stalled, staleDays: 0, formatter: Self.f)
        #expect(red.status == .red && red.reasons.map(\.kind) == [.kpi])
    }

    /// Stale data (over 7 days) lifts green to yellow; 7 days is not stale. After the stalled
    /// guard made it yellow, staleness changes nothing and is not listed.
    @Test func staleDataLiftsGreenToYellow() {
        let green = [k(.winRate, 0.45, .green)]
        #expect(WeeklyStatus(dashboard: green, stalledShare: calmStalls, staleDays: 7, formatter: Self.f).status == .green)
        let stale = WeeklyStatus(dashboard: green, stalledShare: calmStalls, staleDays: 10, formatter: Self.f)
        #expect(stale.status == .yellow && stale.reasons.first?.message == "green lifted to yellow: the data is 10 days old (over 7)")
        let both = WeeklyStatus(dashboard: green, stalledShare: k(.stalledShare, 0.5, .red), staleDays: 10, formatter: Self.f)
        #expect(both.reasons.map(\.kind) == [.stalledShare, .kpi])
    }

    /// The demo as of 2026-11-23: TalentLoop (4 red dashboard KPIs) before Cortexa AI (2 red),
    /// Ledgerly (5 yellow) before Northwind (3 yellow), then BrightSignal (green).
    @Test func thePortfolioOrder() {
        let asOf = Day("2026-11-23")!
        let reviews = DemoPortfolio.engagements(anchor: asOf).map { EngagementReview(index: EngagementIndex($0), asOf: asOf) }
        let order = reviews.sorted(by: EngagementReview.portfolioPrecedes).map(\.engagement.client.id)
        #expect(order == ["talentloop", "cortexa-ai", "ledgerly", "northwind-advisory", "brightsignal"])
        #expect(reviews.map { $0.dashboardCount(at: $0.weeklyStatus) } == reviews.map { r in r.verdict.reasons.filter { $0.kind == .kpi }.count })
        #expect([KPIStatus.red, .noData, .yellow, .green].map(WeeklyStatus.portfolioRank) == [0, 1, 2, 3])
    }
}

/// The registry is the catalog: one entry per KPI id, in catalog order, and every place that
/// names a KPI (definition, short label, value) reads it.
@Suite struct KPIRegistryTests {
    @Test func oneEntryPerIDInOrder() {
        #expect(KPIRegistry.all.map(\.id) == KPIID.allCases)
        #expect(KPICatalog.all.map(\.id) == KPIID.allCases)
        #expect(Set(KPIRegistry.all.map(\.shortLabel)).count == 30)
        #expect(KPIID.pipelineVelocity.shortLabel == "Vel" && KPICatalog.definition(.nrr).name == "Net revenue retention")
    }
}
