/// The KPI catalog of kpis.md as one list: each KPI is one value holding what it is (name,
/// short label, unit, direction, window, formula), how it is judged (default and industry
/// thresholds, paced or not) and how it is computed. Adding a KPI is adding its `KPIID` case
/// and one entry here (the autopsy rules that name a KPI are in `AutopsyRows`, by id).
public struct KPI: Sendable {
    public let definition: KPIDefinition
    /// For tight columns and sentences ("NNARR $354k red → $420k yellow").
    public let shortLabel: String
    /// The value as of the context's date; `inputs` holds what several KPIs share.
    let measure: @Sendable (KPIContext, KPIInputs) -> Measurement
    public var id: KPIID { definition.id }
}

/// Values several KPIs are built from (velocity reads three others): each computed once per
/// date, and only when some KPI asks for it.
final class KPIInputs {
    private let ctx: KPIContext
    init(_ ctx: KPIContext) { self.ctx = ctx }
    lazy var winRate: Measurement = ctx.winRate()
    lazy var avgDealSize: Measurement = ctx.avgDealSize()
    lazy var cycle: Measurement = ctx.salesCycleDays()
}

public enum KPIRegistry {
    /// All 30, in catalog order (the order of `KPIID.allCases`).
    public static let all: [KPI] = [
        kpi(.winRate, "Win rate", up, "T90", "won count / (won + lost count)", .ratio, (0.40, 0.30), label: "Win") { _, i in i.winRate },
        kpi(.avgDealSize, "Average deal size (ADS)", up, "T90", "mean amount of won deals", .money, label: "ADS") { _, i in i.avgDealSize },
        kpi(.acv, "Average contract value", up, "T90", "mean annualized value of won deals; also by segment", .money, label: "ACV") { c, _ in c.acv() },
        kpi(.salesCycleDays, "Sales cycle length", down, "T90", "mean cycle days of won deals (closed_on - first_meeting ?? created); also by segment", .days, (60, 90), [.professionalServices: (60, 90), .aiStartup: (60, 90)], label: "Cycle") { _, i in i.cycle },
        kpi(.sccr, "Sales cycle compression rate", up, "QTD vs PQ", "(C_PQ - C_QTD) / C_PQ, C = mean cycle days of deals won in the quarter", .ratio, (0.10, 0.00), label: "SCCR") { c, _ in c.sccr() },
        kpi(.pipelineCoverage, "Pipeline coverage", up, "QTD", "open amount closing this quarter / (bookings target - won amount QTD)", .multiple, (3.0, 2.0), [.professionalServices: (3.0, 2.0), .hrTech: (4.0, 3.0)], label: "Cov") { c, _ in c.pipelineCoverage(weighted: false) },
        kpi(.weightedPipelineCoverage, "Weighted pipeline coverage", up, "QTD", "as pipeline_coverage with amount x stage probability", .multiple, (3.0, 2.0), [.hrTech: (4.0, 3.0)], label: "wCov") { c, _ in c.pipelineCoverage(weighted: true) },
        kpi(.pipelineCoverageNext, "Next-quarter coverage", up, "next quarter", "open amount closing next quarter / bookings target of next quarter", .multiple, (3.0, 2.0), [.hrTech: (3.0, 2.0)], label: "Cov+1Q") { c, _ in c.pipelineCoverageNext() },
        kpi(.pipelineVelocity, "Pipeline velocity ($/day)", up, "T90", "open deal count x win_rate x avg_deal_size / sales_cycle_days", .moneyPerDay, label: "Vel") { c, i in c.pipelineVelocity(winRate: i.winRate, avgDealSize: i.avgDealSize, cycle: i.cycle) },
        kpi(.forecastAccuracy, "Forecast accuracy", up, "latest month <= M with a forecast", "max(0, 1 - |A - F| / A)", .ratio, (0.90, 0.80), label: "Fcst") { c, _ in c.forecastAccuracy() },
        kpi(.nrr, "Net revenue retention", up, "M vs M-12 (recurring) or T12M vs P12M (trailing)", "cohort revenue now / cohort revenue before", .ratio, (1.00, 0.80), [.professionalServices: (1.00, 0.80), .hrTech: (1.10, 1.00), .martech: (1.10, 1.00)], aboveOne: true, label: "NRR") { c, _ in c.nrr() },
        kpi(.grr, "Gross revenue retention", up, "M vs M-12 (recurring) or T12M vs P12M (trailing)", "sum of min(now, before) / sum of before", .ratio, (0.90, 0.80), [.martech: (0.90, 0.80)], label: "GRR") { c, _ in c.grr() },
        kpi(.logoRetention, "Logo retention", up, "M vs M-12 (recurring) or T12M vs P12M (trailing)", "cohort accounts with revenue now > 0 / cohort size", .ratio, (0.95, 0.90), label: "Logos") { c, _ in c.logoRetention() },
        kpi(.arr, "ARR", up, "M", "12 x sum of accounts' revenue in M (recurring basis only)", .money, label: "ARR") { c, _ in c.arr() },
        kpi(.netNewARR, "Net new ARR", up, "QTD", "ARR of won new_logo + expansion QTD - churn QTD; paced against target", .money, paced: true, label: "NewARR") { c, _ in c.netNewARR() },
        kpi(.nnarr, "Net new ARR, 90-day adjusted", up, "QTD", "ARR of won new_logo QTD - their churn within 90 days of winning; paced against target", .money, paced: true, label: "NNARR") { c, _ in c.nnarr() },
        kpi(.c2re, "Cash-to-revenue efficiency", down, "M", "(spend[M] + monthly_fee) / nnarr of deals won in M", .multiple, (1.0, 1.5), [.aiStartup: (1.0, 1.5)], label: "C2RE") { c, _ in c.c2re() },
        kpi(.cacPaybackMonths, "CAC payback", down, "T3M", "spend T3M / ((ARR won new_logo + expansion T3M / 12) x gross_margin)", .months, (12, 18), [.hrTech: (12, 18), .martech: (12, 18)], label: "CAC") { c, _ in c.cacPaybackMonths() },
        kpi(.magicNumber, "Magic number", up, "PQ", "(ARR won new_logo + expansion PQ - churn PQ) / spend of the quarter before PQ", .multiple, (0.75, 0.50), label: "Magic") { c, _ in c.magicNumber() },
        kpi(.grossMargin, "Gross margin per engagement", up, "T90", "sum(amount - delivery_cost) / sum(amount), won deals with delivery_cost", .ratio, (0.45, 0.40), [.professionalServices: (0.45, 0.40)], label: "GM") { c, _ in c.grossMargin(redLine: KPIRegistry.kpi(.grossMargin).thresholds(for: c.engagement)?.red) },
        kpi(.top3Concentration, "Top-3 client concentration", down, "T12M", "revenue of the 3 largest accounts / all account revenue", .ratio, (0.50, 0.70), label: "Top3") { c, _ in c.top3Concentration() },
        kpi(.povToPipeline, "POV-to-pipeline conversion", up, "T90", "POVs converted / (converted + failed), by pov.ended", .ratio, (0.60, 0.40), [.aiStartup: (0.60, 0.40)], label: "POV") { c, _ in c.povToPipeline() },
        kpi(.founderFreeCloseRate, "Founder-free closes", up, "T90", "won deals without the founder in the final meeting / won deals with the field", .ratio, label: "NoFndr") { c, _ in c.founderFreeCloseRate() },
        kpi(.pqlToPaid, "PQL-to-paid conversion", up, "T3M", "sum pql_converted / sum pqls", .ratio, label: "PQL") { c, _ in c.pqlToPaid() },
        kpi(.costPerQualifiedMeeting, "Cost per qualified meeting", down, "T3M", "sum spend / sum qualified_meetings", .money, label: "Cost/Mtg") { c, _ in c.costPerQualifiedMeeting() },
        kpi(.inboundToOpportunity, "Inbound-to-opportunity", up, "T3M", "inbound deals created / sum inbound_leads", .ratio, label: "In>Opp") { c, _ in c.inboundToOpportunity() },
        kpi(.quotaAttainment, "Reps on pace", up, "QTD", "share of active reps with a quota whose won amount QTD >= quota x pace", .ratio, (0.50, 0.20), label: "Quota") { c, _ in c.quotaAttainment() },
        kpi(.revenuePerRep, "Revenue per rep", up, "T12M", "won amount closed in T12M / reps active at t", .money, label: "Rev/rep") { c, _ in c.revenuePerRep() },
        kpi(.stalledShare, "Stalled pipeline", down, "at t", "amount of stalled open deals / amount of open deals", .ratio, (0.10, 0.25), label: "Stall") { c, _ in c.stalledShare() },
        kpi(.autopsyCoverage, "Autopsy coverage", up, "QTD", "lost and slipped deals of QTD with an autopsy / all of them", .ratio, (0.90, 0.50), label: "Autop") { c, _ in c.autopsyCoverage() },
    ]

    private static let byID: [KPIID: KPI] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static func kpi(_ id: KPIID) -> KPI { byID[id]! }

    private static func kpi(_ id: KPIID, _ name: String, _ dir: Direction, _ window: String, _ formula: String, _ unit: KPIUnit,
                            _ pair: (Double, Double)? = nil, paced: Bool = false, _ industries: [Industry: (Double, Double)] = [:],
                            aboveOne: Bool = false, label: String, _ measure: @escaping @Sendable (KPIContext, KPIInputs) -> Measurement) -> KPI {
        KPI(definition: KPIDefinition(id: id, name: name, direction: dir, window: window, formula: formula, unit: unit, isPaced: paced,
                                      defaultThresholds: pair.map { ThresholdPair(green: $0.0, red: $0.1) },
                                      industryThresholds: industries.mapValues { ThresholdPair(green: $0.0, red: $0.1) },
                                      // Every ratio but NRR is a part over its whole.
                                      ceiling: unit == .ratio && !aboveOne ? 1 : nil),
            shortLabel: label, measure: measure)
    }

    private static let up = Direction.higherIsBetter, down = Direction.lowerIsBetter
}

extension KPI {
    /// The threshold pair in force: industry column over default column, then `targets.kpis` per side.
    public func thresholds(for engagement: Engagement) -> ThresholdPair? {
        let def = definition
        if def.isPaced { return nil }
        let base = def.industryThresholds[engagement.client.industry] ?? def.defaultThresholds
        guard let override = engagement.targets.kpis[id.rawValue] else { return base }
        let pair = ThresholdPair(green: override.green ?? base?.green, red: override.red ?? base?.red)
        return pair.green == nil && pair.red == nil ? nil : pair
    }
}
