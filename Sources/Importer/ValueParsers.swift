import Foundation
import MetricsCore

/// How dates are written in an export.
public enum DateFormat: String, Sendable, CaseIterable {
    case iso = "yyyy-MM-dd"
    case us = "MM/dd/yyyy"
    case european = "dd/MM/yyyy"
    case dotted = "dd.MM.yyyy"

    /// Parses one date; a time after the date (` 14:30`, `T14:30:00Z`) is ignored.
    public func parse(_ raw: String) -> Day? {
        let text = trimmed(raw)
        switch self {
        case .iso:
            guard text.count >= 10 else { return nil }
            if text.count > 10, ![" ", "T"].contains(text[text.index(text.startIndex, offsetBy: 10)]) { return nil }
            return Day(String(text.prefix(10)))
        case .us, .european, .dotted:
            let core = text.split(separator: " ").first.map(String.init) ?? ""
            let parts = core.split(separator: self == .dotted ? "." : "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[2].count == 4, let a = Int(parts[0]), let b = Int(parts[1]), let y = Int(parts[2]) else { return nil }
            return self == .us ? Day(year: y, month: a, day: b) : Day(year: y, month: b, day: a)
        }
    }

    /// Picks the format that reads the most values of the date columns (a few bad values are
    /// reported row by row later), and refuses when month/day and day/month read them equally.
    public static func detect(_ values: [String]) -> Result<DateFormat, ImportError> {
        let samples = values.map(trimmed).filter { !$0.isEmpty }
        guard !samples.isEmpty else { return .success(.iso) }
        let counts = DateFormat.allCases.map { f in (f, samples.filter { f.parse($0) != nil }.count) }
        let best = counts.map(\.1).max()!
        guard best > 0 else {
            return .failure(ImportError("cannot read dates like \"\(samples[0])\"; give --date-format (yyyy-MM-dd, MM/dd/yyyy, dd/MM/yyyy or dd.MM.yyyy)"))
        }
        let winners = counts.filter { $0.1 == best }.map(\.0)
        if winners.contains(.us) && winners.contains(.european) {
            let example = samples.first { DateFormat.us.parse($0) != nil && DateFormat.us.parse($0) != DateFormat.european.parse($0) } ?? samples[0]
            return .failure(ImportError("dates like \(example) could be month/day or day/month; give --date-format MM/dd/yyyy or dd/MM/yyyy"))
        }
        return .success(winners[0])
    }
}

/// Money as exports write it: `$1,234.50`, `USD 485,000.00`, `1.234,50 €`, `1 234`.
public func parseAmount(_ raw: String) -> Double? {
    var text = trimmed(raw)
    guard !text.isEmpty else { return nil }
    var negative = false
    if text.hasPrefix("(") && text.hasSuffix(")") { negative = true; text = String(text.dropFirst().dropLast()) }
    // Drop a currency code before or after (`USD 485,000.00`, `12 EUR`), symbols and spaces.
    let words = text.split(separator: " ")
    if words.count == 2 {
        if words[0].count == 3 && words[0].allSatisfy(\.isUppercase) { text = String(words[1]) }
        else if words[1].count == 3 && words[1].allSatisfy(\.isUppercase) { text = String(words[0]) }
    }
    text = String(text.unicodeScalars.filter { u in
        !(u == "$" || u == "€" || u == "£" || u == "¥" || u == " " || u == "\u{A0}" || u == "\u{202F}" || u == "'")
    }.map(Character.init))
    if text.hasPrefix("-") { negative.toggle(); text.removeFirst() }
    guard !text.isEmpty, text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }) else { return nil }
    let lastDot = text.lastIndex(of: "."), lastComma = text.lastIndex(of: ",")
    var normalized: String
    switch (lastDot, lastComma) {
    case let (dot?, comma?):
        // Both: the last one is the decimal separator.
        normalized = dot > comma ? text.replacingOccurrences(of: ",", with: "")
                                 : text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
    case (nil, let comma?):
        let decimals = text.distance(from: comma, to: text.endIndex) - 1
        let commas = text.filter { $0 == "," }.count
        // `1,234` and `1,234,567` group thousands; `12,5` and `0,75` are decimals.
        normalized = commas == 1 && decimals != 3 ? text.replacingOccurrences(of: ",", with: ".") : text.replacingOccurrences(of: ",", with: "")
    case (let dot?, nil):
        let dots = text.filter { $0 == "." }.count
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        normalized = dots > 1 && decimals == 3 ? text.replacingOccurrences(of: ".", with: "") : text
    default:
        normalized = text
    }
    guard let v = Double(normalized) else { return nil }
    return negative ? -v : v
}

/// A probability written as `90%`, `90` or `0.9`, as a fraction.
public func parseProbability(_ raw: String) -> Double? {
    let text = trimmed(raw)
    let percent = text.hasSuffix("%")
    guard let v = parseAmount(percent ? String(text.dropLast()) : text) else { return nil }
    return percent || v > 1 ? v / 100 : v
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
