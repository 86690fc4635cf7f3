import Foundation

/// Glyph sets for text output: Unicode, or ASCII when the locale is not UTF-8.
///
/// Every glyph that carries meaning has an ASCII form: a comparison (`≥` `>=`), a product
/// (`×` `x`), a subtraction (`−` `-`), "nothing" (`—` `-`), a range (`…` `...`), an arrow.
public struct Glyphs: Sendable {
    public let green: String, yellow: String, red: String, none: String
    public let up: String, down: String, flat: String, unknownTrend: String
    public let ellipsis: String, arrowRight: String
    public let atLeast: String, atMost: String, times: String, minus: String, dash: String, range: String
    /// Only ASCII is printed (currency signs become codes: `EUR 412k`).
    public let isASCII: Bool

    public static let unicode = Glyphs(green: "●", yellow: "▲", red: "■", none: "○", up: "↑", down: "↓", flat: "→",
                                       unknownTrend: "·", ellipsis: "…", arrowRight: "→",
                                       atLeast: "≥", atMost: "≤", times: "×", minus: "−", dash: "—", range: "…", isASCII: false)
    public static let ascii = Glyphs(green: "+", yellow: "~", red: "!", none: "-", up: "^", down: "v", flat: "=",
                                     unknownTrend: ".", ellipsis: "...", arrowRight: "->",
                                     atLeast: ">=", atMost: "<=", times: "x", minus: "-", dash: "-", range: "...", isASCII: true)

    /// Free text (a message, a reason computed elsewhere) with its meaningful glyphs in this
    /// set's form; text of the other set is left as it is.
    public func text(_ s: String) -> String {
        guard isASCII, s.unicodeScalars.contains(where: { !$0.isASCII }) else { return s }
        var out = s
        for (u, a) in Self.transliteration { out = out.replacingOccurrences(of: u, with: a) }
        return out
    }

    static let transliteration: [(String, String)] = [
        ("≥", ">="), ("≤", "<="), ("×", "x"), ("−", "-"), ("—", "-"), ("–", "-"), ("…", "..."), ("→", "->"), ("←", "<-"),
        ("↑", "^"), ("↓", "v"), ("·", "|"), ("›", ">"), ("€", "EUR "), ("£", "GBP "), ("●", "+"), ("▲", "~"), ("■", "!"), ("○", "-"),
    ]

    /// Glyph and word: a status is never told by colour alone.
    public func status(_ s: KPIStatus) -> String {
        switch s {
        case .green: return "\(green) green"
        case .yellow: return "\(yellow) yellow"
        case .red: return "\(red) red"
        case .noTarget: return "\(none) no target"
        case .noData: return "\(none) no data"
        }
    }

    /// The trend arrow from last week's value to this week's.
    public func trend(_ now: Double?, _ before: Double?) -> String {
        guard let now, let before else { return unknownTrend }
        let tolerance = max(abs(before), abs(now)) * 1e-9
        if now > before + tolerance { return up }
        if now < before - tolerance { return down }
        return flat
    }
}

/// Human formatting of KPI values in their unit and the engagement's currency.
public struct ValueFormatter: Sendable {
    public let currency: String
    public let glyphs: Glyphs
    public init(currency: String, glyphs: Glyphs = .unicode) { self.currency = currency; self.glyphs = glyphs }

    public func format(_ value: Double?, _ unit: KPIUnit) -> String {
        guard let v = value, v.isFinite else { return glyphs.dash }
        switch unit {
        case .ratio: return "\(decimals(v * 100, 1))%"
        case .multiple: return "\(decimals(v, 2))x"
        case .money: return money(v)
        case .moneyPerDay: return "\(money(v))/day"
        case .days: return "\(decimals(v, 1)) d"
        case .months: return "\(decimals(v, 1)) mo"
        case .plain: return decimals(v, 2)
        }
    }

    /// `$412k`, `$1.25M`, `EUR 412k`.
    public func money(_ v: Double) -> String {
        let sign = v < 0 ? "-" : ""
        let a = abs(v)
        let native = currencySymbol(currency)
        let symbol = glyphs.isASCII && !native.unicodeScalars.allSatisfy(\.isASCII) ? "\(currency) " : native
        let body: String
        if a >= 1e15 { body = scientific(a) }   // beyond any file's amount: a sum of many, or a ratio
        else if a >= 1_000_000 { body = "\(decimals(a / 1_000_000, 2))M" }
        else if a >= 10_000 { body = "\(decimals(a / 1000, 0))k" }
        else if a >= 1000 { body = "\(decimals(a / 1000, 1))k" }
        else { body = decimals(a, 0) }
        return sign + symbol + body
    }

    /// The threshold pair or pacing target as a short text.
    public func thresholds(_ t: AppliedThresholds, _ def: KPIDefinition) -> String {
        switch t {
        case .none: return glyphs.dash
        case .pair(let p):
            let cmp = def.direction == .higherIsBetter ? glyphs.atLeast : glyphs.atMost
            let g = p.green.map { "\(cmp)\(format($0, def.unit))" }
            let r = p.red.map { "red \(def.direction == .higherIsBetter ? "<" : ">")\(format($0, def.unit))" }
            return [g, r].compactMap { $0 }.joined(separator: ", ")
        case .paced(let target, let pace):
            return "\(money(target * pace)) by now (\(money(target)) \(glyphs.times) \(decimals(pace * 100, 0))%)"
        }
    }
}

/// Fixed decimals without Foundation's locale: `decimals(3.14159, 2)` is `3.14`.
public func decimals(_ v: Double, _ places: Int) -> String {
    guard v.isFinite else { return "—" }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let n = (abs(v) * scale).rounded()
    // Past 2^53 a Double has no exact units (and past Int.max the conversion would trap).
    guard n < 9_007_199_254_740_992 else { return scientific(v) }
    let whole = Int(n / scale)
    let fraction = Int(n - Double(whole) * scale)
    let sign = v < 0 && n != 0 ? "-" : ""
    guard places > 0 else { return sign + grouped(whole) }
    let f = String(fraction)
    return sign + grouped(whole) + "." + String(repeating: "0", count: places - f.count) + f
}

/// `1.2e25`: a number too large for fixed decimals, with two significant digits.
func scientific(_ v: Double) -> String {
    guard v.isFinite, abs(v) >= 1 else { return v.isFinite ? decimals(v, 2) : "—" }
    var exponent = Int(log10(abs(v)).rounded(.down))
    var mantissa = abs(v) / pow(10, Double(exponent))
    // log10 may land one off at exact powers, and 9.96 would round to 10.0.
    if mantissa < 1 { mantissa *= 10; exponent -= 1 }
    if mantissa >= 9.95 { mantissa /= 10; exponent += 1 }
    return (v < 0 ? "-" : "") + decimals(mantissa, 1) + "e\(exponent)"
}

/// `1234567` → `1,234,567`.
public func grouped(_ n: Int) -> String {
    let s = String(n)
    var out = ""
    for (i, c) in s.enumerated() {
        if i > 0 && (s.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return out
}
