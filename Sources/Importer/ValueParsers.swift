import Foundation
import MetricsCore

/// Money as exports write it: `$1,234.50`, `USD 485,000.00`, `1.234,50 €`, `1 234`, `13884,00`.
///
/// `decimalComma` is what the file's other amounts say (`AmountScan`): with it, `1.234` is
/// 1,234 in a file that writes `13884,00`; without it, a lone comma before three digits groups
/// thousands and a lone dot is the decimal point.
public func parseAmount(_ raw: String, decimalComma: Bool? = nil) -> Double? {
    if let plain = plainNumber(raw, decimalComma: decimalComma) { return plain }
    guard var text = amountDigits(raw) else { return nil }
    var negative = false
    if text.hasPrefix("(") && text.hasSuffix(")") { negative = true; text = String(text.dropFirst().dropLast()) }
    if text.hasPrefix("-") { negative.toggle(); text.removeFirst() }
    guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { return nil }
    let lastDot = text.lastIndex(of: "."), lastComma = text.lastIndex(of: ",")
    let normalized: String
    switch (lastDot, lastComma) {
    case let (dot?, comma?):
        // Both: the last one is the decimal separator.
        normalized = dot > comma ? text.replacingOccurrences(of: ",", with: "")
                                 : text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
    case (nil, let comma?):
        let decimals = text.distance(from: comma, to: text.endIndex) - 1
        let commas = text.filter { $0 == "," }.count
        // `1,234` and `1,234,567` group thousands; `12,5` and `0,75` are decimals.
        let isDecimal = commas == 1 && (decimalComma ?? (decimals != 3))
        normalized = isDecimal ? text.replacingOccurrences(of: ",", with: ".") : text.replacingOccurrences(of: ",", with: "")
    case (let dot?, nil):
        let dots = text.filter { $0 == "." }.count
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        // `1.234.567` groups thousands; so does `1.234` in a file with decimal commas.
        let grouped = decimals == 3 && (dots > 1 || (decimalComma == true && !text.hasPrefix("0.")))
        normalized = grouped ? text.replacingOccurrences(of: ".", with: "") : text
    default:
        normalized = text
    }
    guard let v = Double(normalized) else { return nil }
    return negative ? -v : v
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
private func amountDigits(_ raw: String) -> String? {
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

/// A yes/no cell (`IsWon`, `Is Closed Won`): `true`/`false`, `1`/`0`, `yes`/`no` and the like.
func parseFlag(_ raw: String) -> Bool? {
    switch trimmed(raw).lowercased() {
    case "true", "1", "yes", "y", "ja", "oui", "wahr", "si", "sí", "waar": return true
    case "false", "0", "no", "n", "nee", "non", "falsch", "nein", "onwaar": return false
    default: return nil
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
