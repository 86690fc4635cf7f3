import MetricsCore

/// How an export writes dates: the order of day, month and year (the separator, `-` `/` or
/// `.`, and zero padding are read whatever they are). A year written first (`2023-04-03`) is
/// always read as year-month-day; a time after the date (` 14:05`, `T14:05:00Z`) is ignored.
public struct DateFormat: Sendable, Equatable, CustomStringConvertible {
    public enum Order: Sendable { case ymd, dmy, mdy }
    public let order: Order
    /// The pattern as the export writes it (`d-M-yyyy`, `MM/dd/yyyy`), for messages.
    public let description: String

    public init(order: Order, separator: Character = "-", padded: Bool = true) {
        self.order = order
        let d = padded ? "dd" : "d", m = padded ? "MM" : "M", s = String(separator)
        switch order {
        case .ymd: description = ["yyyy", m, d].joined(separator: s)
        case .dmy: description = [d, m, "yyyy"].joined(separator: s)
        case .mdy: description = [m, d, "yyyy"].joined(separator: s)
        }
    }

    public static let iso = DateFormat(order: .ymd)
    public static let us = DateFormat(order: .mdy, separator: "/")
    public static let european = DateFormat(order: .dmy, separator: "/")
    public static let dotted = DateFormat(order: .dmy, separator: ".")

    /// A pattern such as `d-M-yyyy`, `dd/MM/yyyy`, `M/d/yyyy` or `yyyy-MM-dd` (a time part after
    /// a space is allowed and ignored).
    public init(pattern: String) throws(ImportError) {
        let datePart = pattern.split(separator: " ").first.map(String.init) ?? ""
        let separators: Set<Character> = ["-", "/", "."]
        let pieces = datePart.split(omittingEmptySubsequences: false) { separators.contains($0) }
        let usage = "write the order of d, M and yyyy with - / or . (d-M-yyyy, M/d/yyyy, yyyy-MM-dd)"
        guard pieces.count == 3, let sep = datePart.first(where: { separators.contains($0) }) else {
            throw ImportError("\"\(pattern)\" is not a date pattern; \(usage)")
        }
        var kinds: [Character] = []
        for p in pieces {
            guard let c = p.first, p.allSatisfy({ $0 == c }) else { throw ImportError("\"\(pattern)\" is not a date pattern; \(usage)") }
            switch c {
            case "y", "Y":
                guard p.count == 4 else {
                    throw ImportError("\"\(pattern)\": two-digit years are not read (17-7-18 could be 1918 or 2018); export dates with four-digit years (yyyy)")
                }
                kinds.append("y")
            case "d", "D": guard p.count <= 2 else { throw ImportError("\"\(pattern)\" is not a date pattern; \(usage)") }; kinds.append("d")
            case "M": guard p.count <= 2 else { throw ImportError("\"\(pattern)\" is not a date pattern; \(usage)") }; kinds.append("M")
            case "m": throw ImportError("\"\(pattern)\": m is minutes; the month is M (\(usage))")
            default: throw ImportError("\"\(pattern)\" is not a date pattern; \(usage)")
            }
        }
        let padded = pieces.contains { $0.count == 2 }
        switch String(kinds) {
        case "yMd": self.init(order: .ymd, separator: sep, padded: padded)
        case "dMy": self.init(order: .dmy, separator: sep, padded: padded)
        case "Mdy": self.init(order: .mdy, separator: sep, padded: padded)
        default: throw ImportError("\"\(pattern)\" is not a date pattern; \(usage)")
        }
    }

    /// Parses one date, or `nil` when the text is not a real date in this order.
    public func parse(_ raw: String) -> Day? {
        guard let shape = DateShape(raw) else { return nil }
        return shape.day(order)
    }

    /// Why a value is not read, added to a bad row's message when it helps.
    func hint(_ raw: String) -> String {
        guard let shape = DateShape(raw) else { return "" }
        return shape.cDigits == 2 ? "; two-digit years are not read" : ""
    }

    /// The format of a file decided from all its date values: a first field over 12 means day
    /// first, a second field over 12 month first. Refused when no value settles it (every value
    /// reads both ways), when values disagree, or when years have two digits; each message names
    /// the rows that make it so.
    static func detect(_ evidence: DateEvidence) -> Result<DateFormat, ImportError> {
        let e = evidence
        if e.readable == 0 {
            if let (row, column, text) = e.twoDigitYear {
                return .failure(ImportError("dates like \(shown(text)) (row \(row), \(column)) have a two-digit year, which Redline does not guess; export them with four-digit years (yyyy)"))
            }
            if let (row, column, text) = e.unreadable.first {
                return .failure(ImportError("cannot read dates like \(shown(text)) (row \(row), \(column)); give --date-format (d-M-yyyy, M/d/yyyy, yyyy-MM-dd)"))
            }
            return .success(.iso)
        }
        guard e.other > 0 else { return .success(.iso) }
        let sep = e.separator ?? "/"
        switch (e.dayFirst.isEmpty, e.monthFirst.isEmpty) {
        case (false, true): return .success(DateFormat(order: .dmy, separator: sep, padded: e.padded))
        case (true, false): return .success(DateFormat(order: .mdy, separator: sep, padded: e.padded))
        case (false, false):
            return .failure(ImportError("dates disagree: day first in \(list(e.dayFirst)), month first in \(list(e.monthFirst)); fix the export or give --date-format"))
        case (true, true):
            guard !e.ambiguous.isEmpty else { return .success(DateFormat(order: .dmy, separator: sep, padded: e.padded)) }
            let d = DateFormat(order: .dmy, separator: sep, padded: e.padded), m = DateFormat(order: .mdy, separator: sep, padded: e.padded)
            return .failure(ImportError("dates could be day-month or month-day: no value has a day over 12 (\(list(e.ambiguous))); give --date-format \(d) or \(m)"))
        }
    }

    private static func list(_ samples: [(Int, String, String)]) -> String {
        samples.prefix(3).map { "row \($0.0) \(shown($0.2))" }.joined(separator: ", ") + (samples.count > 3 ? ", …" : "")
    }
}

/// What a file's date values say about their format, gathered in one pass.
struct DateEvidence {
    var readable = 0, other = 0
    var padded = true
    var separator: Character?
    /// Up to a few (row, column, text) samples of each kind.
    var dayFirst: [(Int, String, String)] = [], monthFirst: [(Int, String, String)] = [], ambiguous: [(Int, String, String)] = []
    var unreadable: [(Int, String, String)] = []
    var twoDigitYear: (Int, String, String)?

    mutating func add(_ text: String, row: Int, column: String) {
        guard let s = DateShape(text) else {
            if unreadable.count < 3 { unreadable.append((row, column, text)) }
            return
        }
        if s.cDigits == 2 && s.aDigits <= 2 {
            if twoDigitYear == nil { twoDigitYear = (row, column, text) }
            return
        }
        // Year first: always year-month-day (an impossible date is the row's own problem later).
        if s.aDigits == 4 { readable += 1; return }
        let dmy = s.day(.dmy), mdy = s.day(.mdy)
        guard dmy != nil || mdy != nil else {
            if unreadable.count < 3 { unreadable.append((row, column, text)) }
            return
        }
        readable += 1
        other += 1
        if separator == nil { separator = Character(Unicode.Scalar(s.separator)) }
        if s.aDigits == 1 || s.bDigits == 1 { padded = false }
        if dmy != nil && mdy == nil {
            if dayFirst.count < 4 { dayFirst.append((row, column, text)) }
        } else if mdy != nil && dmy == nil {
            if monthFirst.count < 4 { monthFirst.append((row, column, text)) }
        } else if dmy != mdy, ambiguous.count < 4 {
            ambiguous.append((row, column, text))
        }
    }
}

/// The three numbers of a date as written (`17-7-2018 14:05` → 17, 7, 2018), read from bytes.
struct DateShape {
    var a = 0, b = 0, c = 0
    var aDigits = 0, bDigits = 0, cDigits = 0
    var separator: UInt8 = 0

    init?(_ raw: String) {
        var raw = raw
        guard let shape = raw.withUTF8({ DateShape(bytes: $0) }) else { return nil }
        self = shape
    }

    private init?(bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0, n = bytes.count
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        while n > i, bytes[n - 1] == 0x20 || bytes[n - 1] == 0x09 { n -= 1 }
        func number(_ value: inout Int, _ digits: inout Int) -> Bool {
            while i < n, case let d = bytes[i] &- 48, d < 10 {
                value = value * 10 + Int(d); digits += 1; i += 1
                if digits > 4 { return false }
            }
            return digits > 0
        }
        guard number(&a, &aDigits), i < n else { return nil }
        separator = bytes[i]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") else { return nil }
        i += 1
        guard number(&b, &bDigits), bDigits <= 2, i < n, bytes[i] == separator else { return nil }
        i += 1
        guard number(&c, &cDigits) else { return nil }
        // A time may follow after a space or a `T`; nothing else may.
        if i < n, bytes[i] != 0x20, bytes[i] != UInt8(ascii: "T") { return nil }
        if aDigits == 4 { guard cDigits <= 2 else { return nil } } else { guard aDigits <= 2, cDigits == 4 || cDigits == 2 else { return nil } }
    }

    func day(_ order: DateFormat.Order) -> Day? {
        if aDigits == 4 { return Day(year: a, month: b, day: c) }
        guard cDigits == 4 else { return nil }
        switch order {
        case .ymd: return nil
        case .dmy: return Day(year: c, month: b, day: a)
        case .mdy: return Day(year: c, month: a, day: b)
        }
    }
}

/// Untrusted text from an export, quoted and cut to about 80 characters for a message.
/// Quoted as JSON writes it, so a control character or a bidi control in the export shows as
/// its visible JSON escape instead of being stripped on the way out (an amount with an escape
/// sequence inside, stripped, would read as a valid number).
public func shown(_ text: String, limit: Int = 80) -> String { jsonQuoted(bounded(text, limit: limit)) }

/// Untrusted text cut to about 80 characters (a header named in a warning's kind).
public func bounded(_ text: String, limit: Int = 80) -> String {
    text.count <= limit ? text : "\(text.prefix(limit - 1))…"
}
