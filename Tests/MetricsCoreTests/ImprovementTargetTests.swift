import Testing
@testable import MetricsCore

/// Improvement targets (kpis.md): judged against the previous quarter's value, worked by hand.
@Suite struct ImprovementTargetTests {
    /// Win rate (T90 = t−89 … t). As of 2026-09-30, the last day of 2026-Q3: W1, W2 won, L1, L2
    /// lost → baseline 2/4 = 0.5. As of t = 2026-11-18 (2026-Q4; T90 from 2026-08-21): the same
    /// four plus W3, W4 won → 4/6 = 0.667.
    func fixture(_ change: Double, quarter: String = "2026-Q4") -> Engagement {
        var e = Build.engagement(deals: [
            Build.deal("W1", 1000, [("lead", "2026-06-01"), ("won", "2026-09-10")]),
            Build.deal("W2", 1000, [("lead", "2026-06-01"), ("won", "2026-09-15")]),
            Build.deal("L1", 1000, [("lead", "2026-06-01"), ("lost", "2026-09-12")]),
            Build.deal("L2", 1000, [("lead", "2026-06-01"), ("lost", "2026-09-20")]),
            Build.deal("W3", 1000, [("lead", "2026-06-01"), ("won", "2026-11-01")]),
            Build.deal("W4", 1000, [("lead", "2026-06-01"), ("won", "2026-11-10")]),
        ])
        e.targets.improvements["win_rate"] = Improvement(quarter: quarter, change: change)
        return e
    }

    @Test func goalAndBaselineFromThePreviousQuarter() {
        // +20%: goal 0.5 × 1.2 = 0.6; 0.667 ≥ 0.6 → green.
        let k = Build.kpi(fixture(0.2), "2026-11-18", .winRate)
        #expect(abs(k.value! - 4.0 / 6.0) < 1e-12)
        #expect(k.improvement == ImprovementTarget(quarter: "2026-Q4", change: 0.2, baseline: 0.5))
        #expect(abs(k.improvement!.goal! - 0.6) < 1e-12)
        #expect(k.status == .green)
        #expect(k.thresholds == .pair(ThresholdPair(green: 0.5 * 1.2, red: 0.5)))
        #expect(ValueFormatter(currency: "USD").target(k) == "+20% on 2026-Q4: goal 60.0%, baseline 50.0%")
        // +40%: goal 0.7; 0.5 ≤ 0.667 < 0.7 → yellow (better than the baseline, short of the goal).
        #expect(Build.kpi(fixture(0.4), "2026-11-18", .winRate).status == .yellow)
    }

    /// Outside its quarter the entry does nothing: the default thresholds (40% / 30%) judge.
    @Test func onlyInItsQuarter() {
        let k = Build.kpi(fixture(0.4, quarter: "2027-Q1"), "2026-11-18", .winRate)
        #expect(k.improvement == nil && k.thresholds == .pair(ThresholdPair(green: 0.40, red: 0.30)) && k.status == .green)
    }

    /// No deal closed in Q3's T90: no baseline, so `no_data` with the reason, the value still shown.
    @Test func withoutABaselineTheStatusIsNoData() {
        var e = fixture(0.2)
        e.deals = e.deals.filter { $0.id == "W3" || $0.id == "W4" }
        let k = Build.kpi(e, "2026-11-18", .winRate)
        #expect(k.value == 1.0 && k.status == .noData && k.reason == "no baseline for the improvement target")
        #expect(ValueFormatter(currency: "USD").target(k) == "+20% on 2026-Q4: no baseline for the improvement target")
    }

    /// The loader keeps goals that improve their KPI and warns of the others.
    @Test func changesThatDoNotImproveAreWarnings() {
        let file = Fixtures.load("""
        {"format": "redline.engagement/1", "client": {"id": "c", "name": "C", "industry": "saas"},
         "stages": [{"id": "lead"}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}], "deals": [],
         "targets": {"improvements": {
           "pipeline_velocity": {"quarter": "2026-Q4", "change": 0.15},
           "cac_payback_months": {"quarter": "2026-Q4", "change": 0.1},
           "win_rate": {"quarter": "Q4", "change": 0.1},
           "mrr": {"quarter": "2026-Q4", "change": 0.1}}}}
        """)
        #expect(file.engagement?.targets.improvements == ["pipeline_velocity": Improvement(quarter: "2026-Q4", change: 0.15)])
        #expect(file.warnings.map(\.message) == [
            "a change of 0.1 does not improve cac_payback_months (lower is better); this improvement target is ignored",
            "expected a fiscal quarter YYYY-Qn, found \"Q4\"; this improvement target is ignored",
            "unknown KPI id \"mrr\"; this improvement target is ignored",
        ])
    }
}
