import Testing
@testable import MetricsCore

/// The quarterly board pack on a fixture worked by hand: fiscal year = calendar year, so
/// 2026-Q4 is 2026-10-01 … 2026-12-31 and the previous quarter ends on 2026-09-30.
@Suite struct BoardPackTests {
    static func fixture() -> Engagement {
        var deals = [
            Build.deal("W0", 40_000, [("lead", "2026-07-01"), ("won", "2026-09-15")], expected: "2026-09-15"),   // previous quarter, cycle 76 d
            Build.deal("L0", 10_000, [("lead", "2026-06-01"), ("lost", "2026-08-01")], expected: "2026-08-01"),
            Build.deal("W1", 30_000, [("lead", "2026-08-01"), ("won", "2026-10-10")], expected: "2026-10-10"),   // cycle 70 d
            Build.deal("W2", 50_000, [("lead", "2026-09-01"), ("won", "2026-11-05")], expected: "2026-11-05"),   // cycle 65 d
            Build.deal("W3", 20_000, [("lead", "2026-10-01"), ("won", "2026-12-20")], expected: "2026-12-20"),   // cycle 80 d
            Build.deal("L1", 25_000, [("lead", "2026-09-10"), ("lost", "2026-11-12")], expected: "2026-11-15"),
            Build.deal("O1", 60_000, [("proposal", "2026-10-15")], expected: "2027-02-15"),
            Build.deal("O2", 15_000, [("lead", "2026-10-15")], expected: "2027-01-10"),
        ]
        deals[2].account = "acct-a"
        deals[5].lostReason = "price"
        var e = Build.engagement(deals: deals)
        e.terms.stallAfterDays = 30   // O1 and O2 are stalled from 2026-11-14 on
        e.targets.bookings = ["2026-Q4": 120_000, "2027-Q1": 100_000]
        e.targets.improvements = ["win_rate": Improvement(quarter: "2026-Q4", change: 0.25),
                                  "avg_deal_size": Improvement(quarter: "2026-Q4", change: 0.5),
                                  "arr": Improvement(quarter: "2026-Q3", change: 0.1)]   // another quarter: not in the pack
        e.forecasts = [
            Forecast(month: YearMonth("2026-10")!, amount: 25_000, madeOn: Build.day("2026-09-28")),   // before October: counts
            Forecast(month: YearMonth("2026-10")!, amount: 35_000, madeOn: Build.day("2026-10-05")),   // inside: one before exists
            Forecast(month: YearMonth("2026-11")!, amount: 40_000, madeOn: Build.day("2026-11-10")),   // inside, none before: counts
            Forecast(month: YearMonth("2026-11")!, amount: 50_000, madeOn: Build.day("2026-12-02")),   // after November: hindsight
        ]
        e.autopsies = [
            Autopsy(deal: "L1", writtenOn: Build.day("2026-11-14"), kpis: ["win_rate"], rootCause: "No budget owner",
                    systemicChange: "Name the budget owner at discovery", owner: "Jordan", due: Build.day("2026-12-01"), status: "open"),
            Autopsy(deal: "O1", writtenOn: Build.day("2026-12-05"), kpis: ["sales_cycle_days"], rootCause: "Legal queue",
                    systemicChange: "Send the MSA at proposal", owner: "Jordan", due: Build.day("2026-12-20"), status: "done"),
        ]
        return e
    }

    static func pack(asOf: String) -> BoardPack {
        let e = fixture()
        return BoardPack(index: EngagementIndex(e), quarter: QuarterLabel("2026-Q4")!.quarter(startMonth: 1), asOf: Build.day(asOf))
    }

    @Test func aCompleteQuarterJudgedAtItsEnd() {
        let p = Self.pack(asOf: "2027-01-15")
        #expect(p.judgedOn == Build.day("2026-12-31") && p.complete && p.previousEnd == Build.day("2026-09-30"))
        // Won in Q4: W1 30,000 + W2 50,000 + W3 20,000 = 100,000 of 120,000 → 0.8333.
        #expect(p.bookings == BoardPack.Bookings(won: 100_000, deals: 3, target: 120_000))
        #expect(abs(p.bookings.ratio! - 100_000.0 / 120_000) < 1e-12)
        // October: 25,000 made 09-28 (not the 35,000 made inside it) vs 30,000 won → 1 − 5,000/30,000.
        // November: none before it, so the 40,000 made 11-10; the 12-02 one came after the month → vs 50,000 → 0.8.
        // December: no forecast; 20,000 won.
        #expect(p.months.map(\.forecast) == [25_000, 40_000, nil])
        #expect(p.months.map(\.madeOn) == [Build.day("2026-09-28"), Build.day("2026-11-10"), nil])
        #expect(p.months.map(\.actual) == [30_000, 50_000, 20_000])
        #expect(p.months.map(\.complete) == [true, true, true])
        #expect(p.months.map(\.target) == [40_000, 40_000, 40_000])
        #expect(abs(p.months[0].accuracy! - 25_000.0 / 30_000) < 1e-12 && p.months[1].accuracy == 0.8 && p.months[2].accuracy == nil)
        #expect(p.largestWins.map(\.id) == ["W2", "W1", "W3"])
        #expect(p.largestWins[1].account == "acct-a" && p.largestWins[1].closedOn == Build.day("2026-10-10"))
        #expect(p.largestLosses.map(\.id) == ["L1"] && p.largestLosses[0].lostReason == "price")
        // Win rate T90 at 09-30: W0 won, L0 lost → 0.5; at 12-31: W1, W2, W3 won, L1 lost → 0.75.
        let win = p.dashboard.first { $0.id == .winRate }!
        #expect(win.before.value == 0.5 && win.now.value == 0.75 && win.delta == 0.25)
        // Sales cycle at 12-31: (70 + 65 + 80) / 3 = 71.67 d; at 09-30: 76 d.
        let cycle = p.dashboard.first { $0.id == .salesCycleDays }!
        #expect(abs(cycle.now.value! - 215.0 / 3) < 1e-9 && cycle.before.value == 76)
        #expect(p.dashboard.map(\.id) == KPICatalog.preset(for: .saas))
        // Improvements of 2026-Q4 only, catalog order. Win rate: baseline 0.5, goal 0.625, 0.75 → met.
        // ADS: baseline 40,000 (W0), goal 60,000, 33,333 → missed.
        #expect(p.improvements.map(\.kpi.id) == [.winRate, .avgDealSize])
        #expect(p.improvements.map(\.verdict) == [.met, .missed])
        #expect(p.improvements[0].target.goal == 0.625 && p.improvements[1].target.baseline == 40_000)
        // No account revenue: retention has no data.
        #expect(p.retention.map(\.id) == [.nrr, .grr, .logoRetention] && p.retention.allSatisfy { $0.now.status == .noData })
        // Next quarter at 12-31: O1 60,000 + O2 15,000 closing in 2027-Q1 ÷ 100,000 = 0.75; at 09-30 (Q4 next):
        // W1 30,000 + W2 50,000 + L1 25,000 open then, closing in Q4, ÷ 120,000 = 0.875.
        #expect(p.nextQuarterCoverage.now.value == 0.75 && p.nextQuarterCoverage.before.value == 0.875)
        // Written autopsies, largest deal first: O1's change done; L1's open past its due date 12-01 → overdue.
        #expect(p.systemicChanges.map(\.dealID) == ["O1", "L1"])
        #expect(p.systemicChanges.map(\.state) == [.done, .overdue])
        #expect(p.changeCount(.overdue) == 1 && p.changeCount(.done) == 1 && p.changeCount(.open) == 0)
        // The quarter's waterfall: open at 09-30 W1, W2, L1 = 105,000; + new O1, O2 75,000 − won 80,000 − lost 25,000 = 75,000.
        #expect(p.waterfall.startAmount == 105_000 && p.waterfall.endAmount == 75_000)
        #expect(p.waterfall.rows.first { $0.bucket == .won }?.amount == 80_000)
        #expect(p.waterfall.reconciledEnd == 75_000)
    }

    /// A complete quarter is compared with the previous one's end; a running one with the same
    /// day of the previous quarter (as many days in), never past that quarter's end.
    @Test func theComparisonIsLikeForLike() {
        #expect(Self.pack(asOf: "2027-01-15").comparedOn == Build.day("2026-09-30"))
        #expect(Self.pack(asOf: "2026-11-20").comparedOn == Build.day("2026-08-20"))
        #expect(Self.pack(asOf: "2026-10-01").comparedOn == Build.day("2026-07-01"))
        // Fiscal year from February: 2026 Q2 is May–July (92 days), Q1 February–April (89 days).
        let q = QuarterLabel("2027-Q2")!.quarter(startMonth: 2)
        #expect(q.firstDay == Build.day("2026-05-01") && q.previous.lastDay == Build.day("2026-04-30"))
        #expect(BoardPack.comparedOn(q, judgedOn: Build.day("2026-07-29")) == Build.day("2026-04-30"))   // day 90: February 1 + 89 is past April
        #expect(BoardPack.comparedOn(q, judgedOn: Build.day("2026-07-27")) == Build.day("2026-04-29"))   // day 88: February 1 + 87
    }

    /// A running quarter is judged on the review date: November to date, December not begun.
    @Test func aRunningQuarterJudgedOnTheReviewDate() {
        let p = Self.pack(asOf: "2026-11-20")
        #expect(p.judgedOn == Build.day("2026-11-20") && !p.complete)
        #expect(p.bookings.won == 80_000 && p.bookings.deals == 2)
        #expect(p.months.map(\.actual) == [30_000, 50_000, nil])
        #expect(p.months.map(\.complete) == [true, false, false])
        #expect(p.months.map(\.forecast) == [25_000, 40_000, nil])
        #expect(p.months[1].accuracy == nil)   // a month to date is not judged
        #expect(p.largestWins.map(\.id) == ["W2", "W1"])
        // O1's autopsy is written on 12-05: not yet. L1's change is due 12-01: open.
        #expect(p.systemicChanges.map(\.dealID) == ["L1"] && p.systemicChanges[0].state == .open)
    }

    @Test func quarterLabels() {
        #expect(QuarterLabel("2026-Q4")?.description == "2026-Q4")
        for bad in ["2026-Q5", "2026-Q0", "2026Q4", "26-Q4", "2026-q4", ""] { #expect(QuarterLabel(bad) == nil, "\(bad)") }
        // A fiscal year from February: 2027-Q4 is November 2026 to January 2027.
        let q = QuarterLabel("2027-Q4")!.quarter(startMonth: 2)
        #expect(q.firstDay == Build.day("2026-11-01") && q.lastDay == Build.day("2027-01-31"))
        #expect(BoardPack.problem(QuarterLabel("2027-Q1")!, startMonth: 1, asOf: Build.day("2026-11-20"))
                == "2027-Q1 starts on 2027-01-01, after the review date 2026-11-20")
        #expect(BoardPack.problem(QuarterLabel("2026-Q4")!, startMonth: 1, asOf: Build.day("2026-10-01")) == nil)
    }
}
