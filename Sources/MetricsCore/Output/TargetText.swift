extension ValueFormatter {
    /// What a KPI is judged against, in words: its improvement target when one applies
    /// ("+15% on 2026-Q4: goal $41k/day, baseline $36k/day"), else its thresholds.
    public func target(_ k: KPIResult) -> String {
        guard let imp = k.improvement else { return thresholds(k.thresholds, k.definition) }
        let change = (imp.change > 0 ? "+" : "-") + percent(abs(imp.change))
        guard let baseline = imp.baseline, let goal = imp.goal else {
            return "\(change) on \(imp.quarter): no baseline for the improvement target"
        }
        let unit = k.definition.unit
        return "\(change) on \(imp.quarter): goal \(format(goal, unit)), baseline \(format(baseline, unit))"
    }

    /// `15%`, `12.5%`.
    func percent(_ fraction: Double) -> String {
        let whole = decimals(fraction * 100, 0), precise = decimals(fraction * 100, 1)
        return (precise.hasSuffix(".0") ? whole : precise) + "%"
    }
}
