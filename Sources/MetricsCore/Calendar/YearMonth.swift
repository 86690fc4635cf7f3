/// A calendar month, `YYYY-MM`; the key of spend, funnel, forecasts and account revenue.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Months since year 0: `year * 12 + month - 1`, so months add and subtract as integers.
    public var index: Int

    public init(year: Int, month: Int) { index = year * 12 + month - 1 }
    public init(index: Int) { self.index = index }

    public var year: Int { index >= 0 ? index / 12 : (index - 11) / 12 }
    public var month: Int { index - year * 12 + 1 }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }
    public static func + (a: YearMonth, months: Int) -> YearMonth { YearMonth(index: a.index + months) }
    public static func - (a: YearMonth, months: Int) -> YearMonth { YearMonth(index: a.index - months) }

    public var firstDay: Day { Day(ordinal: Day.ordinal(year: year, month: month, day: 1)) }
    public var lastDay: Day { (self + 1).firstDay - 1 }

    public var description: String { "\(pad(year, 4))-\(pad(month, 2))" }

    /// Parses exactly `YYYY-MM`.
    public init?(_ text: String) {
        var text = text
        guard let month = text.withUTF8({ YearMonth(utf8: $0) }) else { return nil }
        self = month
    }

    /// Parses exactly `YYYY-MM` from UTF-8 bytes (a file's month keys, without a `String` each).
    public init?(utf8 u: UnsafeBufferPointer<UInt8>) {
        guard u.count == 7, u[4] == UInt8(ascii: "-") else { return nil }
        var y = 0, m = 0
        for i in 0..<4 { let c = u[i] &- 48; guard c < 10 else { return nil }; y = y * 10 + Int(c) }
        for i in 5..<7 { let c = u[i] &- 48; guard c < 10 else { return nil }; m = m * 10 + Int(c) }
        guard (1...12).contains(m) else { return nil }
        self.init(year: y, month: m)
    }
}
