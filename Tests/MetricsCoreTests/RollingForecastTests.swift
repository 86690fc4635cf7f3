import Testing
@testable import MetricsCore

/// The rolling forecast of kpis.md on a fixture worked by hand (t = 2026-11-18, fiscal year =
/// calendar year, so M0 = 2026-11 and M1 = 2026-12 are in 2026-Q4, M2 = 2027-01 in 2027-Q1).
@Suite struct RollingForecastTests {
    static let stages = [
        Stage(id: "lead", name: "Lead", probability: 0.2),
        Stage(id: "proposal", name: "Proposal", probability: 0.5),
        Stage(id: "demo", name: "Demo"),   // no probability
        Stage(id: "won", name: "Won", outcome: .won),
        Stage(id: "lost", name: "Lost", outcome: .lost),
    ]

    func fixture(created: String = "2026-03-01") -> Engagement {
        var deals: [Deal] = []
        // Closed in t−364 … t: 12 went through lead (6 won) → lead's win rate 6/12 = 0.5.
        // 8 went through proposal (6 won, 2 lost): under 10 closed → no rate for proposal.
        for (i, wonOn) in ["2026-11-05", "2026-10-20", "2026-06-01", "2026-06-01", "2026-06-01", "2026-06-01"].enumerated() {
            deals.append(Build.deal("C\(i + 1)", 1000, [("lead", created), ("proposal", "2026-04-01"), ("won", wonOn)]))
        }
        for i in 7...8 { deals.append(Build.deal("C\(i)", 1000, [("lead", created), ("proposal", "2026-04-01"), ("lost", "2026-07-01")])) }
        // Four skipped proposal: they count for lead only.
        for i in 9...12 { deals.append(Build.deal("C\(i)", 1000, [("lead", created), ("lost", "2026-08-01")])) }
        // Won before t−364 (2025-11-19): not counted.
        deals.append(Build.deal("OLD", 1000, [("lead", "2025-01-01"), ("won", "2025-06-01")]))
        // Open at t.
        deals.append(Build.deal("O1", 10_000, [("lead", "2026-09-01")], expected: "2026-11-25"))       // M0, p 0.5 (lead's rate): 5,000
        var o2 = Build.deal("O2", 20_000, [("proposal", "2026-09-01")], expected: "2026-12-10")      // M1, p 0.3 (deal's): 6,000
        o2.probability = 0.3
        deals.append(o2)
        deals.append(Build.deal("O3", 8_000, [("proposal", "2026-09-01")], expected: "2027-01-15"))    // M2, p 0.5 (stage's): 4,000
        deals.append(Build.deal("O4", 2_000, [("lead", "2026-09-01")], expected: "2026-11-01"))        // overdue → M0, p 0.5: 1,000
        deals.append(Build.deal("O5", 9_000, [("proposal", "2026-09-01")]))                           // no expected close: excluded
        deals.append(Build.deal("O6", 9_000, [("proposal", "2026-09-01")], expected: "2027-03-01"))    // beyond M2: not counted
        deals.append(Build.deal("O7", 5_000, [("demo", "2026-09-01")], expected: "2026-12-20"))        // M1, p 0: unweighted
        var e = Build.engagement(deals: deals, stages: Self.stages)
        e.targets.bookings["2026-Q4"] = 30_000   // 10,000 a month in Nov and Dec; Jan is in 2027-Q1 (no target)
        return e
    }

    @Test func threeMonthsWorkedByHand() {
        let f = RollingForecast(Build.context(fixture(), "2026-11-18"))
        #expect(f.stageWinRates.map(\.stage) == ["lead", "proposal", "demo"])
        #expect(f.stageWinRates.map(\.rate) == [0.5, nil, nil])
        // M0: won 1,000 (C1 on 2026-11-05) + 5,000 (O1) + 1,000 (O4) = 7,000; target 10,000 → 0.7.
        // M1: 6,000 (O2) + 0 (O7) = 6,000 → 0.6. M2: 4,000 (O3), no target.
        #expect(f.months.map(\.month.description) == ["2026-11", "2026-12", "2027-01"])
        #expect(f.months.map(\.won) == [1000, 0, 0])
        #expect(f.months.map(\.expected) == [6000, 6000, 4000])
        #expect(f.months.map(\.forecast) == [7000, 6000, 4000])
        #expect(f.months.map(\.target) == [10_000, 10_000, nil])
        #expect(f.months.map(\.ratio) == [0.7, 0.6, nil])
        #expect(f.months.map(\.deals.count) == [3, 2, 1])
        #expect(f.excluded == 1 && f.unweighted == 1)
        #expect(f.provisional == false)
    }

    /// Under 60 days of data (first deal created 30 days before t), or a stale export: provisional.
    @Test func provisionalUnder60DaysOrStale() {
        let young = fixture(created: "2026-10-19")   // t − created = 30
        var onlyYoung = young
        onlyYoung.deals = young.deals.filter { $0.id != "OLD" && !$0.id.hasPrefix("O") }
        #expect(RollingForecast(Build.context(onlyYoung, "2026-11-18")).provisional)
        var stale = fixture()
        stale.dataAsOf = Day("2026-11-10")!   // 8 days before t
        #expect(RollingForecast(Build.context(stale, "2026-11-18")).provisional)
        stale.dataAsOf = Day("2026-11-11")!   // 7 days: not stale
        #expect(!RollingForecast(Build.context(stale, "2026-11-18")).provisional)
    }
}
