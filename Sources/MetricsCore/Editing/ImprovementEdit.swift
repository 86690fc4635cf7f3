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
    public func edits(for kpi: KPIID, in document: JSONDocument) -> [JSONEdit] {
        let entry = "{\"quarter\": \(jsonQuoted(quarter)), \"change\": \(jsonNumber(change))}"
        if document.node(at: ["targets"]) == nil {
            return [.insert([], key: "targets", json: "{\"improvements\": {\(jsonQuoted(kpi.rawValue)): \(entry)}}")]
        }
        if document.node(at: ["targets", "improvements"]) == nil {
            return [.insert(["targets"], key: "improvements", json: "{\(jsonQuoted(kpi.rawValue)): \(entry)}")]
        }
        return [document.setting(["targets", "improvements"], key: kpi.rawValue, json: entry)]
    }
}
