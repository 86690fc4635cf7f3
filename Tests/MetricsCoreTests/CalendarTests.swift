import Testing
@testable import MetricsCore

@Suite struct CalendarTests {
    @Test(arguments: [("2024-02-29", true), ("2025-02-29", false), ("2026-02-30", false), ("2026-04-31", false),
                      ("2026-13-01", false), ("2026-1-01", false), ("20261101", false), ("2026-11-23", true), ("1900-02-29", false), ("2000-02-29", true)])
    func parsesOnlyRealDates(text: String, valid: Bool) {
        #expect((Day(text) != nil) == valid)
        if valid { #expect(Day(text)!.description == text) }
    }

    @Test func arithmeticAndWeekdays() {
        let t = Day("2026-11-23")!
        #expect(t.isoWeekday == 1)          // a Monday
        #expect((t - 89).description == "2026-08-26")
        #expect(Day("2026-03-01")! - Day("2026-02-01")! == 28)
        #expect(Day("1970-01-01")!.ordinal == 0)
        #expect(Day("1969-12-31")!.ordinal == -1)
    }

    @Test(arguments: [("2026-11-23", "2026-W48"), ("2021-01-03", "2020-W53"), ("2024-12-30", "2025-W01"), ("2026-01-01", "2026-W01"), ("2027-01-01", "2026-W53")])
    func isoWeeks(day: String, week: String) {
        #expect(Day(day)!.isoWeek.description == week)
    }

    @Test func calendarFiscalQuarters() {
        let q = FiscalQuarter(containing: Day("2026-11-23")!, startMonth: 1)
        #expect(q.description == "2026-Q4")
        #expect(q.firstDay.description == "2026-10-01" && q.lastDay.description == "2026-12-31")
        #expect(q.dayCount == 92)
        #expect(q.pace(at: Day("2026-11-23")!) == 54.0 / 92.0)
        #expect(q.previous.description == "2026-Q3" && q.next.description == "2027-Q1")
    }

    @Test func fiscalYearStartingInFebruaryIsNamedByItsEndYear() {
        // FY2027 runs 2026-02-01 … 2027-01-31; 2027-Q1 is Feb–Apr 2026.
        #expect(FiscalQuarter(containing: Day("2026-02-01")!, startMonth: 2).description == "2027-Q1")
        #expect(FiscalQuarter(containing: Day("2026-01-31")!, startMonth: 2).description == "2026-Q4")
        #expect(FiscalQuarter(containing: Day("2026-11-23")!, startMonth: 2).description == "2027-Q4")
        let q1 = FiscalQuarter(fiscalYear: 2027, quarter: 1, startMonth: 2)
        #expect(q1.firstDay.description == "2026-02-01" && q1.lastDay.description == "2026-04-30")
        #expect(FiscalQuarter(fiscalYear: 2027, quarter: 4, startMonth: 2).next.description == "2028-Q1")
        #expect(FiscalQuarter(containing: Day("2026-07-15")!, startMonth: 7).description == "2027-Q1")
    }

    /// A quarter shown without its dates says its months: `2027-Q4` of a year starting in
    /// February, on 2026-11-30, looked a year off to a new user.
    @Test func aQuarterNamesItsMonths() {
        let q4 = FiscalQuarter(containing: Day("2026-11-30")!, startMonth: 2)
        #expect(q4.labelWithMonths() == "2027-Q4 (Nov–Jan)" && q4.monthSpan(.ascii) == "Nov-Jan")
        #expect(q4.next.labelWithMonths(.ascii) == "2028-Q1 (Feb-Apr)")
        #expect(FiscalQuarter(containing: Day("2026-11-30")!, startMonth: 1).labelWithMonths() == "2026-Q4 (Oct–Dec)")
        #expect(FiscalQuarter(fiscalYear: 2027, quarter: 2, startMonth: 12).monthSpan() == "Mar–May")
        #expect(FiscalQuarter(fiscalYear: 2027, quarter: 1, startMonth: 11).monthSpan() == "Nov–Jan")
    }

    @Test func windows() {
        let w = ReviewWindows(asOf: Day("2026-11-22")!, fiscalStartMonth: 1)
        #expect(w.m.description == "2026-10")
        #expect(w.t3m.map(\.description) == ["2026-08", "2026-09", "2026-10"])
        #expect(w.t12m.first?.description == "2025-11" && w.t12m.last?.description == "2026-10")
        #expect(w.p12m.first?.description == "2024-11" && w.p12m.last?.description == "2025-10")
        // M is the calendar month before t's month, also on a month's last day.
        #expect(ReviewWindows(asOf: Day("2026-11-30")!, fiscalStartMonth: 1).m.description == "2026-10")
        #expect(ReviewWindows(asOf: Day("2026-01-15")!, fiscalStartMonth: 1).m.description == "2025-12")
    }

    @Test func naturalOrderOfIds() {
        #expect(["D-12", "D-7", "D-100", "A-2", "D-07"].sorted(by: naturalLess) == ["A-2", "D-7", "D-07", "D-12", "D-100"])
    }

    @Test func week53OnlyInYearsThatHaveIt() {
        #expect([2015, 2020, 2026, 2032].map(ISOWeek.weeks(in:)) == [53, 53, 53, 53])
        #expect([2021, 2025, 2027, 2028].map(ISOWeek.weeks(in:)) == [52, 52, 52, 52])
        #expect(ISOWeek("2026-W53") == ISOWeek(year: 2026, week: 53))
        #expect(ISOWeek("2027-W53") == nil)
        #expect(ISOWeek.parse("2027-W53") == .failure(.noWeek53(year: 2027)))
        #expect(ISOWeek.Invalid.noWeek53(year: 2027).reason == "2027 has 52 ISO weeks")
        for bad in ["2026-W00", "2026-W54", "2026-W+5", "+026-W05", "2026-w05", "2026-W5", "2026-W055", " 2026-W05"] {
            #expect(ISOWeek.parse(bad) == .failure(.notAWeek), "\(bad)")
        }
    }
}
