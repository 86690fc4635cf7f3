extension ValueFormatter {
    /// What a KPI is judged against, in words: its improvement target when one applies
    /// ("+15% on 2026-Q4: goal $41k/day, baseline $36k/day"), else its thresholds.
    public func target(_ k: KPIResult) -> String {
        guard let imp = k.improvement else { return thresholds(k.thresholds, k.definition) }
        return improvement(imp, k.definition.unit)
    }

    /// "+15% on 2026-Q4: goal $41k/day, baseline $36k/day", or that it has no baseline.
    public func improvement(_ imp: ImprovementTarget, _ unit: KPIUnit) -> String {
        let change = signedPercent(imp.change)
        guard let baseline = imp.baseline, let goal = imp.goal else {
            return "\(change) on \(imp.quarter): no baseline for the improvement target"
        }
        return "\(change) on \(imp.quarter): goal \(format(goal, unit)), baseline \(format(baseline, unit))"
    }

    /// `+15%`, `-22%`.
    public func signedPercent(_ change: Double) -> String {
        (change > 0 ? "+" : "-") + percent(abs(change))
    }

    /// `15%`, `12.5%`.
    func percent(_ fraction: Double) -> String {
        let whole = decimals(fraction * 100, 0), precise = decimals(fraction * 100, 1)
        return (precise.hasSuffix(".0") ? whole : precise) + "%"
    }
}
