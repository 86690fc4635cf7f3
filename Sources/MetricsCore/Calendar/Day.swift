/// A calendar date with no time and no zone, stored as days since 1970-01-01.
///
/// Dates in engagement files are whole days, so every window and difference in the
/// metrics core is integer day arithmetic on this type.
public struct Day: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01 (negative before it).
    public var ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Creates a day from its civil components, or `nil` when they name no real date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(year: year, month: month) else { return nil }
        self.ordinal = Day.ordinal(year: year, month: month, day: day)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    public static func + (lhs: Day, days: Int) -> Day { Day(ordinal: lhs.ordinal + days) }
    public static func - (lhs: Day, days: Int) -> Day { Day(ordinal: lhs.ordinal - days) }
    /// Whole days from `rhs` to `lhs`.
    public static func - (lhs: Day, rhs: Day) -> Int { lhs.ordinal - rhs.ordinal }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil year, month and day.
    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let w = (ordinal + 3) % 7
        return (w < 0 ? w + 7 : w) + 1
    }

    /// The Monday of this day's ISO week.
    public var startOfISOWeek: Day { self - (isoWeekday - 1) }

    /// The month this day is in.
    public var month: YearMonth {
        let c = components
        return YearMonth(year: c.year, month: c.month)
    }

    /// The ISO 8601 week (`2026-W48`) this day is in.
    public var isoWeek: ISOWeek {
        let thursday = self + (4 - isoWeekday)
        let year = thursday.components.year
        let jan1 = Day(ordinal: Day.ordinal(year: year, month: 1, day: 1))
        return ISOWeek(year: year, week: (thursday - jan1) / 7 + 1)
    }

    /// Parses exactly `YYYY-MM-DD` naming a real date.
    public init?(_ text: String) {
        var text = text
        guard let day = text.withUTF8({ Day(utf8: $0) }) else { return nil }
        self = day
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
    public init?(utf8 b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                let c = b[i] &- 48
                guard c < 10 else { return nil }
                v = v * 10 + Int(c)
            }
            return v
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

extension Day: CustomStringConvertible {
    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// An ISO 8601 week, Monday to Sunday: `2026-W48`.
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var week: Int
    public init(year: Int, week: Int) { self.year = year; self.week = week }
    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }
    public var description: String { "\(pad(year, 4))-W\(pad(week, 2))" }

    /// Parses `YYYY-Www` naming a week that exists.
    public init?(_ text: String) {
        guard case .success(let week) = ISOWeek.parse(text) else { return nil }
        self = week
    }

    /// Why a text is not an ISO week, for messages.
    public enum Invalid: Error, Equatable, Sendable {
        /// Not `YYYY-Www` with `ww` from 01 to 53.
        case notAWeek
        /// Week 53 of a year that has 52.
        case noWeek53(year: Int)

        /// `nil` for `notAWeek` (the caller's "expected YYYY-Www" says it), else the reason.
        public var reason: String? {
            if case .noWeek53(let year) = self { return "\(pad(year, 4)) has 52 ISO weeks" }
            return nil
        }
    }

    /// Parses `YYYY-Www`: four digits, `-W`, two digits; week 53 only in the years that have it.
    public static func parse(_ text: String) -> Result<ISOWeek, Invalid> {
        let u = Array(text.utf8)
        guard u.count == 8, u[4] == UInt8(ascii: "-"), u[5] == UInt8(ascii: "W") else { return .failure(.notAWeek) }
        var y = 0, w = 0
        for i in 0..<4 { let c = u[i] &- 48; guard c < 10 else { return .failure(.notAWeek) }; y = y * 10 + Int(c) }
        for i in 6..<8 { let c = u[i] &- 48; guard c < 10 else { return .failure(.notAWeek) }; w = w * 10 + Int(c) }
        guard (1...53).contains(w) else { return .failure(.notAWeek) }
        if w == 53 && weeks(in: y) == 52 { return .failure(.noWeek53(year: y)) }
        return .success(ISOWeek(year: y, week: w))
    }

    /// 52 or 53: a year has week 53 when its December 28 (always in its last week) is in it.
    public static func weeks(in year: Int) -> Int {
        Day(ordinal: Day.ordinal(year: year, month: 12, day: 28)).isoWeek.week
    }
}
