import Testing
@testable import MetricsCore

/// Stall thresholds (stage, engagement, median rule, fallback), the no-activity rule and `stall_ack`.
@Suite struct StallRuleTests {
    /// `count` deals that each spent `days[i]` in lead before moving to proposal, leaving before `t`.
    func exits(_ days: [Int]) -> [Deal] {
        days.enumerated().map { i, d in
            let start = Build.day("2026-06-01") + i
            return Deal(id: "X\(i)", name: "X", amount: 1, created: start, expectedClose: Build.day("2026-12-31"),
                        stageHistory: [StageEntry(stage: "lead", on: start), StageEntry(stage: "proposal", on: start + d)])
        }
    }

    func thresholds(_ deals: [Deal], asOf: String = "2026-11-23", configure: (inout Engagement) -> Void = { _ in }) -> [Int] {
        var e = Build.engagement(deals: deals)
        configure(&e)
        return StallRules.thresholds(EngagementIndex(e), asOf: Build.day(asOf))
    }

    @Test func fewerThanFiveExitsFallBackToThirty() {
        #expect(thresholds(exits([10, 10, 10, 10]))[0] == 30)
    }

    @Test func exactlyFiveExitsUseTheMedian() {
        // median 20 → ceil(1.5 × 20) = 30; with median 24 → 36.
        #expect(thresholds(exits([10, 20, 20, 30, 40]))[0] == 30)
        #expect(thresholds(exits([10, 24, 24, 30, 40]))[0] == 36)
    }

    @Test func medianOfAnEvenCountAndTheFloorOf14() {
        #expect(thresholds(exits([10, 21, 22, 40, 41, 50]))[0] == 47) // median 31 → 46.5 → 47
        #expect(thresholds(exits([2, 3, 4, 5, 6]))[0] == 14)          // 1.5 × 4 = 6 → at least 14
    }

    @Test func exitsOutsideTheYearBeforeDoNotCount() {
        // The moves happen in June 2026; a year later they are out of t−365 … t−1.
        #expect(thresholds(exits([10, 10, 10, 10, 10]), asOf: "2027-07-01")[0] == 30)
        // On the day of the move itself the exit is not yet counted (window ends at t−1).
        #expect(thresholds(exits([10, 10, 10, 10, 10]), asOf: "2026-06-11")[0] == 30)
        #expect(thresholds(exits([10, 10, 10, 10, 10]), asOf: "2026-06-16")[0] == 15)
    }

    @Test func stageAndEngagementThresholdsWin() {
        let deals = exits([10, 10, 10, 10, 10])
        #expect(thresholds(deals) { $0.terms.stallAfterDays = 45 }[0] == 45)
        #expect(thresholds(deals) { $0.terms.stallAfterDays = 45; $0.stages[0].stallAfterDays = 7 }[0] == 7)
    }

    func stalled(_ deal: Deal, asOf: String, configure: (inout Engagement) -> Void = { _ in }) -> Bool {
        var e = Build.engagement(deals: [deal])
        configure(&e)
        return Snapshot(EngagementIndex(e), asOf: Build.day(asOf)).isStalled[0]
    }

    @Test func daysInStageIsStrictlyGreaterThanTheThreshold() {
        let deal = Build.deal("D", 1, [("lead", "2026-11-01")], expected: "2026-12-31")
        #expect(!stalled(deal, asOf: "2026-12-01")) // 30 days
        #expect(stalled(deal, asOf: "2026-12-02"))  // 31 days
    }

    @Test func noActivityRule() {
        let deal = Build.deal("D", 1, [("lead", "2026-11-01")], expected: "2026-12-31", lastActivity: "2026-11-02")
        #expect(!stalled(deal, asOf: "2026-11-23"))  // 21 days without activity: not more than 21
        #expect(stalled(deal, asOf: "2026-11-24") { $0.stages[0].stallAfterDays = 100 }) // 22 days idle
        #expect(!stalled(deal, asOf: "2026-11-24") { $0.stages[0].stallAfterDays = 100; $0.terms.noActivityDays = 30 })
    }

    @Test func lastActivityAfterTheReviewDateNeverStalls() {
        let deal = Build.deal("D", 1, [("lead", "2026-11-01")], expected: "2026-12-31", lastActivity: "2026-12-20")
        #expect(!stalled(deal, asOf: "2026-11-25") { $0.stages[0].stallAfterDays = 100 })
    }

    @Test func stallAckHidesTheStallUntilItsDateInclusive() {
        var deal = Build.deal("D", 1, [("lead", "2026-09-01")], expected: "2026-12-31")
        deal.stallAck = StallAck(until: Build.day("2026-11-30"), note: "known")
        #expect(!stalled(deal, asOf: "2026-11-30"))
        #expect(stalled(deal, asOf: "2026-12-01"))
    }
}
