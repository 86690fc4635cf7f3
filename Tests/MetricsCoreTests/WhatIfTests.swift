import Foundation
import Testing
@testable import MetricsCore

/// The what-if of the KPI autopsy on a small engagement worked out by hand.
///
/// t = 2026-11-23, fiscal Q4 2026 = Oct 1 … Dec 31, so QTD (the autopsy window) = Oct 1 … Nov 23
/// and T90 = Aug 26 … Nov 23. Bookings target for Q4: 100,000. Dashboard: win_rate,
/// pipeline_coverage, sales_cycle_days, nrr (nrr reads no deal: no what-if moves it).
///
/// | deal | amount | history | notes |
/// | --- | ---: | --- | --- |
/// | W1 | 10,000 | lead Sep 1, won Oct 11 | cycle 40 d |
/// | W2 | 20,000 | lead Sep 3, won Nov 2 | cycle 60 d |
/// | L1 | 30,000 | lead Sep 21, proposal Oct 5, lost Nov 10 | |
/// | L2 | 5,000 | lead Aug 1, lost Sep 15 | in T90, not in QTD: no row |
/// | L3 | 5,000 | lead Sep 1, lost Oct 25 | |
/// | LS | 8,000 | lead Oct 1, proposal Oct 10, lost Nov 12 | slipped Oct 20: Oct 31 → Nov 30 |
/// | S1 | 50,000 | lead Sep 10, proposal Oct 1, open | slipped Oct 15: Dec 10 → Jan 20 2027 |
/// | O1 | 140,000 | lead Oct 1, proposal Nov 1, open | expected Dec 15 |
/// | W0 | 1,000 | lead Jul 1, won Aug 20 | cycle 50 d; before T90, so only a baseline |
///
/// As of t: win rate T90 = 2 won ÷ (2 + 4 lost) = 0.3333 → yellow (0.30 ≤ v < 0.40).
/// Coverage = pipeline closing in Q4 (O1 140,000; S1 now closes in January) ÷ (100,000 − won
/// QTD 30,000) = 140,000 ÷ 70,000 = 2.0 → yellow (2.0 ≤ v < 3.0). Cycle = (40 + 60) ÷ 2 = 50 d → green.
@Suite struct WhatIfTests {
    static let asOf = Day("2026-11-23")!

    static func engagement() -> Engagement {
        var ls = Build.deal("LS", 8000, [("lead", "2026-10-01"), ("proposal", "2026-10-10"), ("lost", "2026-11-12")], expected: "2026-11-30")
        ls.closeDateChanges = [CloseDateChange(on: Build.day("2026-10-20"), from: Build.day("2026-10-31"), to: Build.day("2026-11-30"))]
        var s1 = Build.deal("S1", 50000, [("lead", "2026-09-10"), ("proposal", "2026-10-01")], expected: "2027-01-20")
        s1.closeDateChanges = [CloseDateChange(on: Build.day("2026-10-15"), from: Build.day("2026-12-10"), to: Build.day("2027-01-20"))]
        var e = Build.engagement(deals: [
            Build.deal("W1", 10000, [("lead", "2026-09-01"), ("won", "2026-10-11")]),
            Build.deal("W2", 20000, [("lead", "2026-09-03"), ("won", "2026-11-02")]),
            Build.deal("L1", 30000, [("lead", "2026-09-21"), ("proposal", "2026-10-05"), ("lost", "2026-11-10")]),
            Build.deal("L2", 5000, [("lead", "2026-08-01"), ("lost", "2026-09-15")]),
            Build.deal("L3", 5000, [("lead", "2026-09-01"), ("lost", "2026-10-25")]),
            ls, s1,
            Build.deal("O1", 140_000, [("lead", "2026-10-01"), ("proposal", "2026-11-01")], expected: "2026-12-15"),
            Build.deal("W0", 1000, [("lead", "2026-07-01"), ("won", "2026-08-20")]),
        ])
        e.dashboard = ["win_rate", "pipeline_coverage", "sales_cycle_days", "nrr"]
        e.targets.bookings = ["2026-Q4": 100_000]
        return e
    }

    static let review = EngagementReview(index: EngagementIndex(engagement()), asOf: asOf)

    func row(_ id: String) -> AutopsyRow { Self.review.autopsy.rows.first { $0.dealID == id }! }
    func whatIf(_ id: String) -> WhatIf? { Self.review.whatIfs().first { $0.dealID == id } }

    @Test func theRealDateAsWorkedOut() {
        let r = Self.review
        #expect(r.kpi(.winRate).value == 2.0 / 6 && r.kpi(.winRate).status == .yellow)
        #expect(r.kpi(.pipelineCoverage).value == 2.0 && r.kpi(.pipelineCoverage).status == .yellow)
        #expect(r.kpi(.salesCycleDays).value == 50 && r.kpi(.salesCycleDays).status == .green)
        // L2 was lost before the quarter: not on the autopsy list, so no what-if.
        #expect(r.autopsy.rows.map(\.dealID).sorted() == ["L1", "L3", "LS", "S1"])
    }

    /// L1 won on Nov 10, the day it was lost.
    @Test func aLostDealsWhatIfMovesWinRateAndCoverage() throws {
        let w = try #require(whatIf("L1"))
        #expect(w.wonOn == Day("2026-11-10")!)
        // Win rate: 3 won ÷ (3 + 3 lost) = 0.5 → green. Coverage: won QTD 30,000 + 30,000 = 60,000,
        // so 140,000 ÷ (100,000 − 60,000) = 3.5 → green. Cycle: L1 from Sep 21 to Nov 10 is 50 d,
        // (40 + 60 + 50) ÷ 3 = 50: unchanged, so not listed; nrr is never recomputed.
        #expect(w.changes.map(\.kpi) == [.winRate, .pipelineCoverage])
        let win = w.changes[0], cov = w.changes[1]
        #expect(win.before.value == 2.0 / 6 && win.before.status == .yellow && win.after.value == 0.5 && win.after.status == .green)
        #expect(cov.before.value == 2.0 && cov.before.status == .yellow && cov.after.value == 3.5 && cov.after.status == .green)
        // Thresholds stay those of the real date.
        #expect(cov.after.thresholds == .pair(ThresholdPair(green: 3.0, red: 2.0)))
        #expect(w.sentence(ValueFormatter(currency: "USD")) == "Had L1 been won on 2026-11-10: Win 33.3% yellow → 50.0% green, Cov 2.00x yellow → 3.50x green")
    }

    /// With a Q4 target of 61,000, L1's 30,000 leaves 1,000 of it: coverage 140,000 ÷ 31,000 =
    /// 4.52x becomes 140,000 ÷ 1,000 = 140x. The words say ">10x" (the figure only says "covered
    /// many times over"); the value, as the JSON writes it, stays exact.
    @Test func aCoverageAboveTenTimesIsShownAsMoreThanTen() throws {
        var e = Self.engagement()
        e.targets.bookings = ["2026-Q4": 61_000]
        let w = try #require(EngagementReview(index: EngagementIndex(e), asOf: Self.asOf).whatIfs().first { $0.dealID == "L1" })
        let cov = try #require(w.changes.first { $0.kpi == .pipelineCoverage })
        #expect(cov.before.value == 140_000.0 / 31_000 && cov.after.value == 140 && cov.after.status == .green)
        #expect(w.sentence(ValueFormatter(currency: "USD")) == "Had L1 been won on 2026-11-10: Win 33.3% yellow → 50.0% green, Cov 4.52x green → >10x green")
        #expect(w.sentence(ValueFormatter(currency: "USD", glyphs: .ascii), arrow: "->").hasSuffix("Cov 4.52x green -> >10x green"))
    }

    /// LS was lost on Nov 12 and slipped on Oct 20 (from Oct 31): the lost day wins.
    @Test func aDealBothLostAndSlippedIsWonOnTheDayItWasLost() throws {
        #expect(row("LS").causes == [.lost, .slipped])
        let w = try #require(whatIf("LS"))
        #expect(w.wonOn == Day("2026-11-12")!)
        // Win rate 3 ÷ 6 = 0.5 → green. Coverage 140,000 ÷ (100,000 − 38,000) = 2.2581 → still yellow.
        // Cycle: Oct 1 → Nov 12 is 42 d, (40 + 60 + 42) ÷ 3 = 47.33 → green (won on Oct 31 it would be
        // 30 d and 43.33).
        #expect(w.changes.map(\.kpi) == [.winRate, .pipelineCoverage, .salesCycleDays])
        #expect(w.changes[1].after.value == 140_000.0 / 62_000 && w.changes[1].after.status == .yellow)
        #expect(w.changes[2].before.value == 50 && w.changes[2].after.value == 142.0 / 3 && w.changes[2].after.status == .green)
    }

    /// S1 slipped on Oct 15 from Dec 10: it would have been won after t, so it has no what-if.
    @Test func aSlipFromADateAfterTheReviewHasNoWhatIf() {
        #expect(row("S1").causes.contains(.slipped))
        #expect(Self.review.whatIfDay(row("S1")) == nil)
        #expect(Self.review.whatIf(row("S1")) == nil)
        #expect(Self.review.whatIfs().map(\.dealID) == ["L1", "LS", "L3"])   // the autopsy's order: amount, largest first
    }

    /// An open deal that slipped only by being overdue is won on its expected close.
    @Test func anOverdueDealIsWonOnItsExpectedClose() throws {
        var e = Self.engagement()
        // O1 now expected Nov 20, three days before t: overdue, so slipped; no close-date change.
        e.deals[7].expectedClose = Build.day("2026-11-20")
        let r = EngagementReview(index: EngagementIndex(e), asOf: Self.asOf)
        let o1 = try #require(r.autopsy.rows.first { $0.dealID == "O1" })
        #expect(r.whatIfDay(o1) == Day("2026-11-20")!)
        // O1 leaves the pipeline and its 140,000 is won: won QTD 170,000 ≥ 100,000, the target is met
        // (coverage has no value and is green). Win rate 3 ÷ 7 = 0.4286 → green; cycle Oct 1 → Nov 20
        // is 50 d: (40 + 60 + 50) ÷ 3 = 50, unchanged.
        let w = try #require(r.whatIf(o1))
        #expect(w.changes.map(\.kpi) == [.winRate, .pipelineCoverage])
        #expect(w.changes[0].after.value == 3.0 / 7 && w.changes[0].after.status == .green)
        #expect(w.changes[1].before.value == 140_000.0 / 70_000 && w.changes[1].after.value == nil && w.changes[1].after.status == .green)
    }

    /// Under an improvement target the what-if keeps the goal and baseline of the real date.
    @Test func anImprovementTargetKeepsItsGoalAndBaseline() throws {
        var e = Self.engagement()
        e.targets.improvements = ["sales_cycle_days": Improvement(quarter: "2026-Q4", change: -0.1)]
        let r = EngagementReview(index: EngagementIndex(e), asOf: Self.asOf)
        // Baseline: the cycle as of Sep 30 (T90 = Jul 3 … Sep 30: W0 alone, 50 d); goal 50 × 0.9 = 45.
        // Now 50 d: not ≤ 45, not > 50 → yellow. L3 won on Oct 25: (40 + 60 + 54) ÷ 3 = 51.33 > 50 → red.
        #expect(r.kpi(.salesCycleDays).status == .yellow && r.kpi(.salesCycleDays).improvement?.baseline == 50)
        let l3 = try #require(r.whatIfs().first { $0.dealID == "L3" })
        let cycle = try #require(l3.changes.first { $0.kpi == .salesCycleDays })
        #expect(cycle.after.value == 154.0 / 3 && cycle.after.status == .red)
        #expect(cycle.after.improvement == cycle.before.improvement && cycle.after.thresholds == cycle.before.thresholds)
    }

    @Test func theAutopsyProposesRuleBasedKPIsThenWhatIfOnesDashboardFirst() {
        // L1's rules find only win_rate (lost in T90; already lost a week before, so no coverage
        // impact; no forecasts here). Its what-if adds pipeline_coverage.
        #expect(row("L1").impacts.map(\.kpi) == [.winRate])
        #expect(Self.review.proposedKPIs(deal: row("L1").deal) == [.winRate, .pipelineCoverage])
        // S1 (slipped, stalled, no what-if): the rules' KPIs, the dashboard's first.
        let s1 = row("S1")
        #expect(s1.impacts.map(\.kpi) == [.pipelineCoverage, .salesCycleDays, .salesCycleDays, .pipelineVelocity, .stalledShare])
        #expect(Self.review.proposedKPIs(deal: s1.deal) == [.pipelineCoverage, .salesCycleDays, .pipelineVelocity, .stalledShare])
    }

    /// `what_if` in the JSON report: deals by id, dashboard KPIs that change, `[before, after, status, status]`.
    @Test func theJSONReportsWhatIfShape() throws {
        let portfolio = Portfolio(files: [LoadedFile(file: "w.json", engagement: Self.engagement(), problems: [])])
        let text = ReportJSON.render(portfolio, reviews: portfolio.reviews(asOf: Self.asOf), asOf: Self.asOf)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let e = (json["engagements"] as! [[String: Any]])[0]
        let whatIf = e["what_if"] as! [String: [String: [Any]]]
        #expect(Set(whatIf.keys) == ["L1", "L3", "LS"])
        #expect(whatIf["L1"]!.keys.sorted() == ["pipeline_coverage", "win_rate"])
        let win = whatIf["L1"]!["win_rate"]!
        #expect(win[0] as? Double == 2.0 / 6 && win[1] as? Double == 0.5 && win[2] as? String == "yellow" && win[3] as? String == "green")
        let cov = whatIf["L1"]!["pipeline_coverage"]!
        #expect(cov[0] as? Double == 2 && cov[1] as? Double == 3.5 && cov[2] as? String == "yellow" && cov[3] as? String == "green")
        // L3 won on Oct 25: 3 ÷ 6 = 0.5; coverage 140,000 ÷ (70,000 − 5,000) = 2.1538; cycle Sep 1 → Oct 25
        // is 54 d, (40 + 60 + 54) ÷ 3 = 51.33.
        #expect(whatIf["L3"]!.keys.sorted() == ["pipeline_coverage", "sales_cycle_days", "win_rate"])
        #expect(whatIf["L3"]!["sales_cycle_days"]![1] as? Double == 154.0 / 3)
        // Deal ids in order, the KPIs in dashboard order, and the key last as in the spec.
        #expect(text.contains(#""what_if": {\#n        "L1": {\#n          "win_rate": [0.3333333333333333, 0.5, "yellow", "green"],\#n          "pipeline_coverage": [2, 3.5, "yellow", "green"]\#n        },\#n        "L3": {"#))
        #expect(text.range(of: #""forecast": {"#)!.lowerBound < text.range(of: #""what_if": {"#)!.lowerBound)
    }

    @Test func noWhatIfIsAnEmptyObject() throws {
        var e = Self.engagement()
        e.deals.removeAll { ["L1", "L3", "LS"].contains($0.id) }
        let portfolio = Portfolio(files: [LoadedFile(file: "w.json", engagement: e, problems: [])])
        let text = ReportJSON.render(portfolio, reviews: portfolio.reviews(asOf: Self.asOf), asOf: Self.asOf)
        #expect(text.contains(#""what_if": {}\#n"#))
    }
}
