import Foundation
import MetricsCore

/// Money as exports write it: `$1,234.50`, `USD 485,000.00`, `1.234,50 €`, `1 234`, `13884,00`.
///
/// `decimalComma` is the column's convention (`AmountPlan`): a value that does not read in it is
/// nil, as is one that reads in neither (`1,2,3`). Without one, a value that reads both ways
/// (`1,234`, `1.234`) is read with a decimal point.
public func parseAmount(_ raw: String, decimalComma: Bool? = nil) -> Double? {
    switch readAmount(raw, decimalComma: decimalComma) {
    case .value(let v): return v
    case .negative(let v): return v
    case .notAmount, .otherConvention: return nil
    }
}

/// An amount as read in its column, or why it is not one.
enum AmountReading: Equatable {
    case value(Double)
    /// `-500`, `(500)`: a credit note or refund.
    case negative(Double)
    /// Not a number in either convention (`12k`, `1,2,3`).
    case notAmount
    /// A number only with the other decimal separator than the column's (`12,50` among `1,234.56`).
    case otherConvention
}

func readAmount(_ raw: String, decimalComma: Bool?) -> AmountReading {
    if let plain = plainNumber(raw, decimalComma: decimalComma) { return .value(plain) }
    guard let text = amountDigits(raw) else { return .notAmount }
    let negative = isNegative(text)
    let ways = AmountWays(unsignedDigits(text))
    let read: Double?
    switch decimalComma {
    case true?: read = ways.comma
    case false?: read = ways.point
    case nil: read = ways.point ?? ways.comma
    }
    guard let v = read else { return ways.point == nil && ways.comma == nil ? .notAmount : .otherConvention }
    return negative && v != 0 ? .negative(-v) : .value(v)
}

/// Whether an amount's text is negative: `-500`, `(500)` (accounting), `-(500)`.
private func isNegative(_ text: String) -> Bool {
    text.hasPrefix("-") || (text.hasPrefix("(") && text.hasSuffix(")") && text.count > 2)
}

/// An amount's text without its sign: `-500`, `(500)`, `-(500)` → `500`.
func unsignedDigits(_ text: String) -> String {
    var text = Substring(text)
    if text.hasPrefix("-") { text = text.dropFirst() }
    if text.hasPrefix("(") && text.hasSuffix(")") && text.count > 2 { text = text.dropFirst().dropLast() }
    return String(text)
}

/// The value of a number's digits read with a decimal point (`1,234.5`: commas group thousands)
/// and with a decimal comma (`1.234,5`); nil where it does not read so. Groups are of three
/// digits after a first of one to three that does not start with 0; a decimal part is not empty.
struct AmountWays {
    var point: Double?, comma: Double?

    init(_ digits: String) {
        let bytes = Array(digits.utf8)
        point = Self.read(bytes, decimal: UInt8(ascii: "."), group: UInt8(ascii: ","))
        comma = Self.read(bytes, decimal: UInt8(ascii: ","), group: UInt8(ascii: "."))
    }

    /// Whether the text says which separator is decimal: it reads only one way.
    var decimalComma: Bool? { point == nil && comma != nil ? true : (comma == nil && point != nil ? false : nil) }

    static func read(_ bytes: [UInt8], decimal: UInt8, group: UInt8) -> Double? {
        var whole: [UInt8] = [], fraction: [UInt8] = []
        var inFraction = false, groupLength = 0, grouped = false, firstGroup = true
        for b in bytes {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inFraction { fraction.append(b) } else { whole.append(b); groupLength += 1 }
            case decimal:
                guard !inFraction, !whole.isEmpty, !grouped || groupLength == 3 else { return nil }
                inFraction = true
            case group:
                // A group mark in the decimals, or after a group that is not of three digits.
                guard !inFraction, groupLength > 0 else { return nil }
                if firstGroup { guard groupLength <= 3, whole.first != UInt8(ascii: "0") else { return nil } } else { guard groupLength == 3 else { return nil } }
                grouped = true; firstGroup = false; groupLength = 0
            default:
                return nil
            }
        }
        guard !whole.isEmpty, !grouped || inFraction || groupLength == 3, !inFraction || !fraction.isEmpty else { return nil }
        var text = String(decoding: whole, as: UTF8.self)
        if inFraction { text += "." + String(decoding: fraction, as: UTF8.self) }
        return Double(text)
    }
}

/// `1054` or `100000.0` read without building strings (most cells of a large export).
private func plainNumber(_ raw: String, decimalComma: Bool?) -> Double? {
    var dot = -1, count = 0
    for b in raw.utf8 {
        if b == UInt8(ascii: ".") && dot < 0 { dot = count } else if b &- 48 >= 10 { return nil }
        count += 1
    }
    guard count > 0, dot != 0, dot != count - 1 else { return nil }
    // A dot before exactly three digits may group thousands: the general path decides.
    if dot > 0 && (decimalComma == true || count - dot - 1 == 3) { return nil }
    return Double(raw)
}

/// The amount's text without its currency code or symbol and spaces.
func amountDigits(_ raw: String) -> String? {
    var text = trimmed(raw)
    guard !text.isEmpty else { return nil }
    // Drop a currency code before or after (`USD 485,000.00`, `12 EUR`), symbols and spaces.
    let words = text.split(separator: " ")
    if words.count == 2 {
        if isCurrencyCode(words[0]) { text = String(words[1]) } else if isCurrencyCode(words[1]) { text = String(words[0]) }
    }
    return String(text.unicodeScalars.filter { u in
        !(currencySymbols[u] != nil || u == " " || u == "\u{A0}" || u == "\u{202F}" || u == "'")
    }.map(Character.init))
}

private let currencySymbols: [Unicode.Scalar: String] = ["$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"]

private func isCurrencyCode(_ s: Substring) -> Bool { s.count == 3 && s.allSatisfy { $0.isASCII && $0.isUppercase } }

/// A probability written as `90%`, `90` or `0.9`, as a fraction. `percent` is what the column
/// says as a whole (a value over 1 anywhere means every value is a percentage, so `1` is 1%).
public func parseProbability(_ raw: String, percent: Bool? = nil) -> Double? {
    let text = trimmed(raw)
    let hasSign = text.hasSuffix("%")
    guard let v = parseAmount(hasSign ? String(text.dropLast()) : text) else { return nil }
    return hasSign || (percent ?? (v > 1)) ? v / 100 : v
}

/// `text` on one line, or nil when it is one already: each run of line breaks and tabs (with the
/// spaces beside it) becomes one space, and one at either end goes.
func oneLine(_ text: String) -> String? {
    guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0xC2 || $0 == 0xE2 }),
          text.unicodeScalars.contains(where: isLineBreak) else { return nil }
    var out = String.UnicodeScalarView(), broken = false
    for u in text.unicodeScalars {
        if isLineBreak(u) {
            broken = true
            while out.last == " " { out.removeLast() }
        } else if !(broken && u == " ") {
            if broken && !out.isEmpty { out.append(" ") }
            broken = false
            out.append(u)
        }
    }
    return String(out)
}

/// Tab, LF, VT, FF, CR, NEL and the Unicode line and paragraph separators.
private func isLineBreak(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x09...0x0D, 0x85, 0x2028, 0x2029: true
    default: false
    }
}

/// A yes/no cell (`IsWon`, `Is Closed Won`): `true`/`false`, `1`/`0`, `yes`/`no` and the like;
/// or a deal's status as Pipedrive writes it (`Deal - Status`: `won`, `lost`, `open`, any case),
/// read for the flag it answers: won is won and closed, lost is closed but not won, open neither.
func parseFlag(_ raw: String, closed: Bool = false) -> Bool? {
    // The exports' usual values without a lowercased copy (read twice a row on large imports).
    switch raw {
    case "true", "TRUE", "True", "1": return true
    case "false", "FALSE", "False", "0": return false
    default: break
    }
    switch trimmed(raw).lowercased() {
    case "true", "1", "yes", "y", "ja", "oui", "wahr", "si", "sí", "waar", "won": return true
    case "false", "0", "no", "n", "nee", "non", "falsch", "nein", "onwaar", "open": return false
    case "lost": return closed
    default: return nil
    }
}

/// What a row's won and closed flags say of its deal; nil when they do not settle it (not won,
/// with no word on closed: open or lost).
enum FlagOutcome: Sendable, Equatable {
    case won, lost, open

    init?(won: Bool?, closed: Bool?) {
        if won == true { self = .won; return }
        if closed == true {
            guard won == false else { return nil }
            self = .lost
            return
        }
        if closed == false { self = .open; return }
        return nil
    }
}

/// An id from a display name: `Darcel Schlecht` → `darcel-schlecht`.
public func slug(_ name: String) -> String {
    var out = ""
    for c in name.lowercased() {
        if c.isLetter || c.isNumber { out.append(c) } else if !out.isEmpty && out.last != "-" { out.append("-") }
    }
    while out.last == "-" { out.removeLast() }
    return out.isEmpty ? "x" : out
}

/// A problem that stops an import, said in one line.
public struct ImportError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
