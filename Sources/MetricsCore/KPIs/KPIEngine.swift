/// Computes and judges every KPI of the catalog for one engagement as of one date.
public enum KPIEngine {
    /// All 30 KPIs in catalog order. Improvement targets of the review date's quarter are
    /// judged against the previous quarter's values (computed here once, without improvements).
    public static func compute(_ ctx: KPIContext, improvements: Bool = true) -> [KPIResult] {
        let e = ctx.engagement
        let quarter = ctx.windows.quarter
        let active = improvements ? e.targets.improvements.filter { $0.value.quarter == quarter.description } : [:]
        let baselines: [KPIResult] = active.isEmpty ? []
            : compute(KPIContext(index: ctx.index, asOf: quarter.previous.lastDay), improvements: false)
        return zip(KPIID.allCases, measure(KPIID.allCases, ctx)).map { id, m in
            var result = judge(id, m, ctx)
            if let goal = active[id.rawValue] {
                let baseline = baselines[KPIID.allCases.firstIndex(of: id)!].value
                result = improve(result, ImprovementTarget(quarter: goal.quarter, change: goal.change, baseline: baseline))
            }
            return result
        }
    }

    /// The values of `ids`, in that order: all of them for a review, only the dashboard for a what-if.
    static func measure(_ ids: [KPIID], _ ctx: KPIContext) -> [Measurement] {
        let inputs = KPIInputs(ctx)
        return ids.map { KPIRegistry.kpi($0).measure(ctx, inputs) }
    }

    /// Judges a value against its improvement target instead of its thresholds: green = goal,
    /// red = baseline; without a baseline the status is `no_data`, the value still shown.
    static func improve(_ k: KPIResult, _ target: ImprovementTarget) -> KPIResult {
        var k = k
        k.improvement = target
        guard let baseline = target.baseline, let goal = target.goal else {
            k.status = .noData
            k.reason = "no baseline for the improvement target"
            k.thresholds = .none
            return k
        }
        let pair = ThresholdPair(green: goal, red: baseline)
        k.thresholds = .pair(pair)
        k.status = k.value.map { KPIStatus.judge($0, pair, k.definition.direction) } ?? .noData
        return k
    }

    static func judge(_ id: KPIID, _ m: Measurement, _ ctx: KPIContext) -> KPIResult {
        let def = KPICatalog.definition(id)
        var applied = AppliedThresholds.none
        if def.isPaced {
            let target = (id == .netNewARR || id == .nnarr) ? ctx.engagement.targets.netNewARR[ctx.windows.quarter.description] : nil
            if let target { applied = .paced(target: target, pace: ctx.windows.pace) }
        } else if let pair = KPICatalog.thresholds(id, for: ctx.engagement) {
            applied = .pair(pair)
        }
        return judge(id, m, against: applied)
    }

    /// Judges a value against thresholds already in force (a what-if keeps the real date's).
    static func judge(_ id: KPIID, _ m: Measurement, against applied: AppliedThresholds) -> KPIResult {
        var status: KPIStatus
        switch applied {
        case .paced(let target, let pace): status = m.value.map { KPIStatus.judgePaced($0, target: target, pace: pace) } ?? .noData
        case .pair(let pair): status = m.value.map { KPIStatus.judge($0, pair, KPICatalog.definition(id).direction) } ?? .noData
        case .none: status = m.value == nil ? .noData : .noTarget
        }
        if let forced = m.forcedStatus { status = forced }
        return KPIResult(id: id, value: m.value, reason: m.value == nil ? (m.reason ?? "no data") : nil, status: status,
                         thresholds: applied, breakdown: m.breakdown, flaggedDeals: m.flaggedDeals)
    }
}
