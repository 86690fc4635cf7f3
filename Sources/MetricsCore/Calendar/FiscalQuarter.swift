/// A fiscal quarter, `YYYY-Qn`, where `YYYY` names the fiscal year by the calendar year it ends in.
public struct FiscalQuarter: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var fiscalYear: Int
    public var quarter: Int
    /// First calendar month of the fiscal year (1–12).
    public var startMonth: Int

    public init(fiscalYear: Int, quarter: Int, startMonth: Int) {
        self.fiscalYear = fiscalYear; self.quarter = quarter; self.startMonth = startMonth
    }

    /// The fiscal quarter that contains `day`.
    public init(containing day: Day, startMonth: Int) {
        self.init(containing: day.month, startMonth: startMonth)
    }

    /// The fiscal quarter that contains `month`.
    public init(containing month: YearMonth, startMonth: Int) {
        let offset = (month.month - startMonth + 12) % 12
        let startYear = month.month >= startMonth ? month.year : month.year - 1
        self.init(fiscalYear: startMonth == 1 ? startYear : startYear + 1, quarter: offset / 3 + 1, startMonth: startMonth)
    }

    public static func < (a: FiscalQuarter, b: FiscalQuarter) -> Bool { a.firstMonth < b.firstMonth }

    /// The first calendar month of the quarter.
    public var firstMonth: YearMonth {
        let startYear = startMonth == 1 ? fiscalYear : fiscalYear - 1
        return YearMonth(year: startYear, month: startMonth) + 3 * (quarter - 1)
    }
    public var months: [YearMonth] { [firstMonth, firstMonth + 1, firstMonth + 2] }
    public var firstDay: Day { firstMonth.firstDay }
    public var lastDay: Day { (firstMonth + 2).lastDay }
    public var dayCount: Int { lastDay - firstDay + 1 }
    public var window: DayWindow { DayWindow(firstDay, lastDay) }

    public var next: FiscalQuarter { FiscalQuarter(containing: firstMonth + 3, startMonth: startMonth) }
    public var previous: FiscalQuarter { FiscalQuarter(containing: firstMonth - 3, startMonth: startMonth) }

    /// `2027-Q1`: the key of `targets.bookings`, `targets.net_new_arr` and rep quotas.
    public var description: String { "\(pad(fiscalYear, 4))-Q\(quarter)" }

    /// `Nov–Jan` (`Nov-Jan` in ASCII): the calendar months the quarter spans. The fiscal year is
    /// named by the calendar year it ends in, so without them `2027-Q4` of a year that starts in
    /// February (November 2026 to January 2027) reads as a year off.
    public func monthSpan(_ glyphs: Glyphs = .unicode) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return names[firstMonth.month - 1] + (glyphs.isASCII ? "-" : "–") + names[(firstMonth + 2).month - 1]
    }

    /// `2027-Q4 (Nov–Jan)`: the quarter as shown where its dates are not beside it.
    public func labelWithMonths(_ glyphs: Glyphs = .unicode) -> String { "\(description) (\(monthSpan(glyphs)))" }

    /// The fraction of the quarter elapsed at `day`, counting `day` itself.
    public func pace(at day: Day) -> Double { Double(day - firstDay + 1) / Double(dayCount) }
}

/// A closed range of days, both ends included.
public struct DayWindow: Hashable, Sendable, CustomStringConvertible {
    public var start: Day
    public var end: Day
    public init(_ start: Day, _ end: Day) { self.start = start; self.end = end }
    @inlinable public func contains(_ day: Day) -> Bool { day >= start && day <= end }
    public var description: String { "\(start) … \(end)" }
}
