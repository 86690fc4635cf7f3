/// `redline report --format csv`: one row per client × dashboard KPI, for a spreadsheet.
/// RFC 4180 fields; numbers plain (no currency sign, no thousands separator, no exponent) so a
/// spreadsheet reads them as numbers; data text sanitized and kept from becoming a formula.
public enum ReportCSV {
    public static let header = ["client", "name", "kpi", "value", "unit", "status", "green", "red", "previous_week", "as_of"]

    /// Clients in the order of the paths given, as the JSON report; rejected files have no rows
    /// (the command says so on standard error and exits 1).
    public static func render(_ portfolio: Portfolio, reviews: [EngagementReview?], asOf: Day) -> String {
        var out = header.joined(separator: ",") + "\n"
        for review in reviews.compactMap({ $0 }) {
            let c = review.engagement.client
            for id in review.dashboard {
                let k = review.kpi(id)
                let (green, red) = greenAndRed(k)
                let cells = [csvText(c.id), csvText(c.name), id.rawValue, csvNumber(k.value), csvText(unit(k.definition.unit, currency: c.currency)),
                             k.status.rawValue, csvNumber(green), csvNumber(red), csvNumber(review.previousKPI(id).value), asOf.description]
                // LF ends a record: every byte printed passes `Output`, which keeps no CR; CSV readers take LF.
                out += cells.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// The values a status is judged by, in the KPI's own unit: a pair as it is; an improvement
    /// target as goal and baseline (its pair already); a paced KPI as target × pace and 0.8 of it.
    static func greenAndRed(_ k: KPIResult) -> (Double?, Double?) {
        switch k.thresholds {
        case .none: return (nil, nil)
        case .pair(let p): return (p.green, p.red)
        case .paced(let target, let pace): return (target * pace, 0.8 * target * pace)
        }
    }

    /// `ratio`, `multiple`, `days`, `months`, `number`; money in the engagement's currency code (`USD`, `USD/day`).
    static func unit(_ u: KPIUnit, currency: String) -> String {
        switch u {
        case .ratio: return "ratio"
        case .multiple: return "multiple"
        case .money: return currency
        case .moneyPerDay: return currency + "/day"
        case .days: return "days"
        case .months: return "months"
        case .plain: return "number"
        }
    }
}

/// A text field of a CSV file: sanitized for display, an apostrophe before a leading `=` `+`
/// `-` `@` (OWASP's defence against formula injection, so a spreadsheet shows it as text),
/// and quoted (RFC 4180) when it holds a comma, a quote or edge spaces.
public func csvText(_ text: String) -> String {
    var s = sanitizedForDisplay(text)
    if let first = s.first, "=+-@\t\r".contains(first) { s = "'" + s }
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.first == " " || s.last == " " else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// A number as a spreadsheet reads it: `1234.5`, `-0.096`, `0.000015`; empty for none.
public func csvNumber(_ v: Double?) -> String {
    guard let v, v.isFinite else { return "" }
    return plainNumber(v)
}

/// The shortest exact decimal (as in the JSON report) written without an exponent.
func plainNumber(_ v: Double) -> String {
    let s = jsonNumber(v)
    guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(s[s.index(after: e)...]) else { return s }
    var mantissa = String(s[..<e])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
    var digits = Array(mantissa.filter { $0 != "." })
    let newPoint = point + exponent
    var body: String
    if newPoint <= 0 {
        body = "0." + String(repeating: "0", count: -newPoint) + String(digits)
    } else if newPoint >= digits.count {
        body = String(digits) + String(repeating: "0", count: newPoint - digits.count)
    } else {
        digits.insert(".", at: newPoint)
        body = String(digits)
    }
    while body.hasPrefix("0") && body.count > 1 && !body.hasPrefix("0.") { body.removeFirst() }
    return (negative ? "-" : "") + body
}
