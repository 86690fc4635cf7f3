extension Improvement {
    /// Why this goal cannot be a target for `kpi`, if it cannot: a quarter that is not
    /// `YYYY-Qn`, or a change that does not improve the KPI (≤ 0 for ↑, ≥ 0 for ↓, or below -100%).
    public func problem(for kpi: KPIID) -> String? {
        if !isQuarterLabel(quarter) { return "\(jsonQuoted(quarter)) is not a fiscal quarter; expected YYYY-Qn, e.g. 2026-Q4" }
        let up = KPICatalog.definition(kpi).direction == .higherIsBetter
        if !change.isFinite || change <= -1 { return "a change of \(change) is not a fraction above -1 (0.15 means +15%)" }
        if up ? change <= 0 : change >= 0 {
            return "a change of \(formatBound(change)) does not improve \(kpi.rawValue): \(up ? "higher" : "lower") is better, so the change must be \(up ? "positive" : "negative")"
        }
        return nil
    }

    /// The edits that set `targets.improvements.<kpi>` to this goal, adding the objects that are missing.
    /// New objects are written over several lines, as the rest of a pretty-printed file (the
    /// editor re-indents them, or keeps them on one line in a minified file).
    public func edits(for kpi: KPIID, in document: JSONDocument) -> [JSONEdit] {
        let entry = "{\"quarter\": \(jsonQuoted(quarter)), \"change\": \(jsonNumber(change))}"
        let key = jsonQuoted(kpi.rawValue)
        if document.node(at: ["targets"]) == nil {
            return [.insert([], key: "targets", json: "{\n  \"improvements\": {\n    \(key): \(entry)\n  }\n}")]
        }
        if document.node(at: ["targets", "improvements"]) == nil {
            return [.insert(["targets"], key: "improvements", json: "{\n  \(key): \(entry)\n}")]
        }
        return [document.setting(["targets", "improvements"], key: kpi.rawValue, json: entry)]
    }

    /// The edits that remove `kpi`'s improvement target, and the objects it leaves empty
    /// (`improvements`, then `targets` if it held nothing else): removing the only target
    /// gives back the file as it was before it was set.
    public static func removal(for kpi: KPIID, in document: JSONDocument) -> [JSONEdit] {
        let path: [JSONDocument.Step] = ["targets", "improvements", .key(kpi.rawValue)]
        guard document.node(at: path) != nil else { return [] }
        guard let improvements = document.node(at: ["targets", "improvements"]), document.nodes[improvements].count == 1 else { return [.remove(path)] }
        if let targets = document.node(at: ["targets"]), document.nodes[targets].count == 1 { return [.remove(["targets"])] }
        return [.remove(["targets", "improvements"])]
    }
}

extension Improvement {
    /// `+15% on 2026-Q4`, `(none)`: how a merge conflict names a target (to 4 decimals of a percent).
    public static func label(_ goal: Improvement?) -> String {
        guard let goal else { return "(none)" }
        return "\(goal.change > 0 ? "+" : "-")\(trimmedPercent(abs(goal.change), places: 4))% on \(goal.quarter)"
    }

    /// The change as a person types it, in percent: `15` for 0.15, `-22` for -0.22, `12.5`.
    public var percentText: String { (change < 0 ? "-" : "") + Self.trimmedPercent(abs(change), places: 4) }

    /// A change typed in percent (`15`, `+15`, `-22`, `12.5%`) as the fraction the file holds
    /// (0.15); nil when it is not a finite number.
    public static func change(percent text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") { t.removeLast(); t = t.trimmingCharacters(in: .whitespaces) }
        if t.hasPrefix("+") { t.removeFirst() }
        if t.hasPrefix("−") { t = "-" + t.dropFirst() }
        // Digits and one point only: no exponents, no "nan" or "inf".
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), let v = Double(t), v.isFinite else { return nil }
        return v / 100
    }

    static func trimmedPercent(_ fraction: Double, places: Int) -> String {
        var s = decimals(fraction * 100, places)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}

extension KPIEngine {
    /// The baseline an improvement target for `quarter` is judged against: the KPI as of the last
    /// day of the previous fiscal quarter. When that day is after `asOf` (a goal for the next
    /// quarter), the value so far, as of `asOf`; `day` says which day it was measured on.
    public static func baseline(_ kpi: KPIID, for quarter: FiscalQuarter, index: EngagementIndex, asOf: Day) -> (value: Double?, day: Day) {
        let day = min(quarter.previous.lastDay, asOf)
        return (measure([kpi], KPIContext(index: index, asOf: day))[0].value, day)
    }
}
