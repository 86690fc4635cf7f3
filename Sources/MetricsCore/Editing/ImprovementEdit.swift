/// How a change was typed, so a message answers in the user's own unit: `-15%` to whoever
/// typed `-15%`, `-0.15` (the file's fraction) to whoever typed that.
public enum ChangeUnit: Sendable {
    case percent, fraction

    /// `change` in this unit: `+1,500%`, `-15%`; `0.1`, `-1.5`.
    public func spell(_ change: Double) -> String {
        switch self {
        case .percent: return (change > 0 ? "+" : change < 0 ? "-" : "") + Improvement.trimmedPercent(abs(change), places: 4) + "%"
        case .fraction: return formatBound(change)
        }
    }
}

extension Improvement {
    /// Why this goal cannot be a target for `kpi`, if it cannot: a quarter that is not
    /// `YYYY-Qn`, or a change that does not improve the KPI (≤ 0 for ↑, ≥ 0 for ↓, or below -100%).
    /// The change is named as it was `typed`.
    public func problem(for kpi: KPIID, typed unit: ChangeUnit = .fraction) -> String? {
        if !isQuarterLabel(quarter) { return "\(jsonQuoted(quarter)) is not a fiscal quarter; expected YYYY-Qn, e.g. 2026-Q4" }
        let up = KPICatalog.definition(kpi).direction == .higherIsBetter
        if !change.isFinite || change <= -1 {
            return unit == .percent ? "a change of \(unit.spell(change)) is not above -100% (-100% would make the goal zero)"
                                    : "a change of \(unit.spell(change)) is not a fraction above -1 (0.15 means +15%)"
        }
        if up ? change <= 0 : change >= 0 {
            return "a change of \(unit.spell(change)) does not improve \(kpi.rawValue): \(up ? "higher" : "lower") is better, so the change must be \(up ? "positive" : "negative")"
        }
        return nil
    }

    /// Why a goal for the fiscal quarter `q` (labelled `label`) judges nothing on `reviewDate`:
    /// the quarter ended before it. Read in the client's fiscal year (`client` names it).
    public static func quarterOver(_ label: String, _ q: FiscalQuarter, client: String, reviewDate: Day) -> String? {
        guard q.lastDay < reviewDate else { return nil }
        return "\(label) ended on \(q.lastDay) in \(sanitizedForDisplay(client))'s fiscal year, before the review date \(reviewDate): "
            + "a target is for the quarter running or one to come"
    }

    /// The goal this change makes of `baseline` when it is above what `kpi` can ever be (a
    /// rate's 100%), with that top; nil when it can be reached or there is no baseline (the
    /// engine then judges the KPI `no_data`). Only a ↑ KPI's goal rises.
    public func goalAboveCeiling(for kpi: KPIID, baseline: Double?) -> (goal: Double, ceiling: Double)? {
        let def = KPICatalog.definition(kpi)
        guard def.direction == .higherIsBetter, let ceiling = def.ceiling,
              let goal = ImprovementTarget(quarter: quarter, change: change, baseline: baseline).goal, goal > ceiling else { return nil }
        return (goal, ceiling)
    }

    /// For a quarter whose baseline (`kpi` on `baselineDay`) is not known yet: a note when the
    /// value so far (`value` on `day`) would make the goal one that `kpi` cannot reach. Only a
    /// note: the baseline may still fall.
    public func noteSoFar(for kpi: KPIID, value: Double?, on day: Day, baselineDay: Day) -> String? {
        guard let (goal, ceiling) = goalAboveCeiling(for: kpi, baseline: value), let value else { return nil }
        let f = ValueFormatter(currency: "XXX"), ratio = KPICatalog.definition(kpi).unit
        return "the baseline is \(kpi.rawValue) on \(baselineDay), not known yet; from its \(f.format(value, ratio)) on \(day) "
            + "this goal would be \(f.format(goal, ratio)), and \(kpi.rawValue) cannot be above \(Self.trimmedPercent(ceiling, places: 1))%"
    }

    /// Why no quarter can meet this goal, given the baseline `kpi` had on `day`: a share of a
    /// whole (win rate, a conversion, a margin) has no goal above 100%. Says the largest change
    /// this baseline allows, in the unit the change was `typed`.
    public func unreachable(for kpi: KPIID, baseline: Double?, on day: Day, typed unit: ChangeUnit = .fraction) -> String? {
        guard let (goal, ceiling) = goalAboveCeiling(for: kpi, baseline: baseline), let baseline else { return nil }
        let f = ValueFormatter(currency: "XXX"), ratio = KPICatalog.definition(kpi).unit
        let top = "\(Self.trimmedPercent(ceiling, places: 1))%", id = kpi.rawValue
        guard baseline < ceiling else {
            return "\(id) was \(f.format(baseline, ratio)) on \(day), its baseline for \(quarter), and cannot be above \(top): no change can improve on it"
        }
        // Rounded down to a tenth of a percent, so the change suggested is one that is taken.
        let most = (ceiling / baseline - 1) * 1000
        return "a change of \(unit.spell(change)) on \(id)'s baseline (\(f.format(baseline, ratio)) on \(day)) makes a goal of \(f.format(goal, ratio)), "
            + "and \(id) cannot be above \(top): at most \(unit.spell((most + 1e-9).rounded(.down) / 1000)) from this baseline"
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
        // Trailing zeros of a fraction only: 1.0e20 is not 1.0e2.
        if s.contains("."), !s.contains("e") {
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
