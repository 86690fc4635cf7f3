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
        let winRate = ctx.winRate(), ads = ctx.avgDealSize(), cycle = ctx.salesCycleDays()
        let marginRed = KPICatalog.thresholds(.grossMargin, for: e)?.red
        return KPIID.allCases.map { id in
            let m: Measurement
            switch id {
            case .winRate: m = winRate
            case .avgDealSize: m = ads
            case .acv: m = ctx.acv()
            case .salesCycleDays: m = cycle
            case .sccr: m = ctx.sccr()
            case .pipelineCoverage: m = ctx.pipelineCoverage(weighted: false)
            case .weightedPipelineCoverage: m = ctx.pipelineCoverage(weighted: true)
            case .pipelineCoverageNext: m = ctx.pipelineCoverageNext()
            case .pipelineVelocity: m = ctx.pipelineVelocity(winRate: winRate, avgDealSize: ads, cycle: cycle)
            case .forecastAccuracy: m = ctx.forecastAccuracy()
            case .nrr: m = ctx.nrr()
            case .grr: m = ctx.grr()
            case .logoRetention: m = ctx.logoRetention()
            case .arr: m = ctx.arr()
            case .netNewARR: m = ctx.netNewARR()
            case .nnarr: m = ctx.nnarr()
            case .c2re: m = ctx.c2re()
            case .cacPaybackMonths: m = ctx.cacPaybackMonths()
            case .magicNumber: m = ctx.magicNumber()
            case .grossMargin: m = ctx.grossMargin(redLine: marginRed)
            case .top3Concentration: m = ctx.top3Concentration()
            case .povToPipeline: m = ctx.povToPipeline()
            case .founderFreeCloseRate: m = ctx.founderFreeCloseRate()
            case .pqlToPaid: m = ctx.pqlToPaid()
            case .costPerQualifiedMeeting: m = ctx.costPerQualifiedMeeting()
            case .inboundToOpportunity: m = ctx.inboundToOpportunity()
            case .quotaAttainment: m = ctx.quotaAttainment()
            case .revenuePerRep: m = ctx.revenuePerRep()
            case .stalledShare: m = ctx.stalledShare()
            case .autopsyCoverage: m = ctx.autopsyCoverage()
            }
            var result = judge(id, m, ctx)
            if let goal = active[id.rawValue] {
                let baseline = baselines[KPIID.allCases.firstIndex(of: id)!].value
                result = improve(result, ImprovementTarget(quarter: goal.quarter, change: goal.change, baseline: baseline))
            }
            return result
        }
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
        var status: KPIStatus
        var applied = AppliedThresholds.none
        if def.isPaced {
            let target = (id == .netNewARR || id == .nnarr) ? ctx.engagement.targets.netNewARR[ctx.windows.quarter.description] : nil
            if let target {
                applied = .paced(target: target, pace: ctx.windows.pace)
                status = m.value.map { KPIStatus.judgePaced($0, target: target, pace: ctx.windows.pace) } ?? .noData
            } else {
                status = m.value == nil ? .noData : .noTarget
            }
        } else if let pair = KPICatalog.thresholds(id, for: ctx.engagement) {
            applied = .pair(pair)
            status = m.value.map { KPIStatus.judge($0, pair, def.direction) } ?? .noData
        } else {
            status = m.value == nil ? .noData : .noTarget
        }
        if let forced = m.forcedStatus { status = forced }
        return KPIResult(id: id, value: m.value, reason: m.value == nil ? (m.reason ?? "no data") : nil, status: status,
                         thresholds: applied, breakdown: m.breakdown, flaggedDeals: m.flaggedDeals)
    }
}
