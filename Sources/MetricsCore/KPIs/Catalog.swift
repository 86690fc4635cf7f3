/// Whether a higher or a lower value is better.
public enum Direction: String, Sendable {
    case higherIsBetter = "up", lowerIsBetter = "down"
    public var arrow: String { self == .higherIsBetter ? "↑" : "↓" }
    public func arrow(_ glyphs: Glyphs) -> String { self == .higherIsBetter ? glyphs.up : glyphs.down }
}

/// What a KPI's value measures, for formatting.
public enum KPIUnit: Sendable {
    case ratio          // 0.45 → 45%
    case multiple       // 3.2 → 3.2x
    case money          // in the engagement's currency
    case moneyPerDay
    case days
    case months
    case plain
}

/// A (green, red) threshold pair; either side may be absent after a partial override.
public struct ThresholdPair: Sendable, Equatable {
    public var green: Double?
    public var red: Double?
    public init(green: Double?, red: Double?) { self.green = green; self.red = red }
}

/// One entry of the KPI catalog: what it is and how it is judged.
public struct KPIDefinition: Sendable {
    public let id: KPIID
    public let name: String
    public let direction: Direction
    public let window: String
    public let formula: String
    public let unit: KPIUnit
    /// Judged against a target × pace (`net_new_arr`, `nnarr`) instead of a threshold pair.
    public let isPaced: Bool
    public let defaultThresholds: ThresholdPair?
    public let industryThresholds: [Industry: ThresholdPair]
}

/// The 30 KPIs of `kpis.md`, in catalog order.
public enum KPICatalog {
    public static let all: [KPIDefinition] = KPIID.allCases.map(definition)

    public static func definition(_ id: KPIID) -> KPIDefinition {
        func d(_ name: String, _ dir: Direction, _ window: String, _ formula: String, _ unit: KPIUnit,
               _ pair: (Double, Double)? = nil, paced: Bool = false, _ industries: [Industry: (Double, Double)] = [:]) -> KPIDefinition {
            KPIDefinition(id: id, name: name, direction: dir, window: window, formula: formula, unit: unit, isPaced: paced,
                          defaultThresholds: pair.map { ThresholdPair(green: $0.0, red: $0.1) },
                          industryThresholds: industries.mapValues { ThresholdPair(green: $0.0, red: $0.1) })
        }
        let up = Direction.higherIsBetter, down = Direction.lowerIsBetter
        switch id {
        case .winRate: return d("Win rate", up, "T90", "won count / (won + lost count)", .ratio, (0.40, 0.30))
        case .avgDealSize: return d("Average deal size (ADS)", up, "T90", "mean amount of won deals", .money)
        case .acv: return d("Average contract value", up, "T90", "mean annualized value of won deals; also by segment", .money)
        case .salesCycleDays: return d("Sales cycle length", down, "T90", "mean cycle days of won deals (closed_on - first_meeting ?? created); also by segment", .days, (60, 90),
                                       [.professionalServices: (60, 90), .aiStartup: (60, 90)])
        case .sccr: return d("Sales cycle compression rate", up, "QTD vs PQ", "(C_PQ - C_QTD) / C_PQ, C = mean cycle days of deals won in the quarter", .ratio, (0.10, 0.00))
        case .pipelineCoverage: return d("Pipeline coverage", up, "QTD", "open amount closing this quarter / (bookings target - won amount QTD)", .multiple, (3.0, 2.0),
                                         [.professionalServices: (3.0, 2.0), .hrTech: (4.0, 3.0)])
        case .weightedPipelineCoverage: return d("Weighted pipeline coverage", up, "QTD", "as pipeline_coverage with amount x stage probability", .multiple, (3.0, 2.0), [.hrTech: (4.0, 3.0)])
        case .pipelineCoverageNext: return d("Next-quarter coverage", up, "next quarter", "open amount closing next quarter / bookings target of next quarter", .multiple, (3.0, 2.0), [.hrTech: (3.0, 2.0)])
        case .pipelineVelocity: return d("Pipeline velocity ($/day)", up, "T90", "open deal count x win_rate x avg_deal_size / sales_cycle_days", .moneyPerDay)
        case .forecastAccuracy: return d("Forecast accuracy", up, "latest month <= M with a forecast", "max(0, 1 - |A - F| / A)", .ratio, (0.90, 0.80))
        case .nrr: return d("Net revenue retention", up, "M vs M-12 (recurring) or T12M vs P12M (trailing)", "cohort revenue now / cohort revenue before", .ratio, (1.00, 0.80),
                            [.professionalServices: (1.00, 0.80), .hrTech: (1.10, 1.00), .martech: (1.10, 1.00)])
        case .grr: return d("Gross revenue retention", up, "M vs M-12 (recurring) or T12M vs P12M (trailing)", "sum of min(now, before) / sum of before", .ratio, (0.90, 0.80), [.martech: (0.90, 0.80)])
        case .logoRetention: return d("Logo retention", up, "M vs M-12 (recurring) or T12M vs P12M (trailing)", "cohort accounts with revenue now > 0 / cohort size", .ratio, (0.95, 0.90))
        case .arr: return d("ARR", up, "M", "12 x sum of accounts' revenue in M (recurring basis only)", .money)
        case .netNewARR: return d("Net new ARR", up, "QTD", "ARR of won new_logo + expansion QTD - churn QTD; paced against target", .money, paced: true)
        case .nnarr: return d("Net new ARR, 90-day adjusted", up, "QTD", "ARR of won new_logo QTD - their churn within 90 days of winning; paced against target", .money, paced: true)
        case .c2re: return d("Cash-to-revenue efficiency", down, "M", "(spend[M] + monthly_fee) / nnarr of deals won in M", .multiple, (1.0, 1.5), [.aiStartup: (1.0, 1.5)])
        case .cacPaybackMonths: return d("CAC payback", down, "T3M", "spend T3M / ((ARR won new_logo + expansion T3M / 12) x gross_margin)", .months, (12, 18),
                                         [.hrTech: (12, 18), .martech: (12, 18)])
        case .magicNumber: return d("Magic number", up, "PQ", "(ARR won new_logo + expansion PQ - churn PQ) / spend of the quarter before PQ", .multiple, (0.75, 0.50))
        case .grossMargin: return d("Gross margin per engagement", up, "T90", "sum(amount - delivery_cost) / sum(amount), won deals with delivery_cost", .ratio, (0.45, 0.40),
                                    [.professionalServices: (0.45, 0.40)])
        case .top3Concentration: return d("Top-3 client concentration", down, "T12M", "revenue of the 3 largest accounts / all account revenue", .ratio, (0.50, 0.70))
        case .povToPipeline: return d("POV-to-pipeline conversion", up, "T90", "POVs converted / (converted + failed), by pov.ended", .ratio, (0.60, 0.40), [.aiStartup: (0.60, 0.40)])
        case .founderFreeCloseRate: return d("Founder-free closes", up, "T90", "won deals without the founder in the final meeting / won deals with the field", .ratio)
        case .pqlToPaid: return d("PQL-to-paid conversion", up, "T3M", "sum pql_converted / sum pqls", .ratio)
        case .costPerQualifiedMeeting: return d("Cost per qualified meeting", down, "T3M", "sum spend / sum qualified_meetings", .money)
        case .inboundToOpportunity: return d("Inbound-to-opportunity", up, "T3M", "inbound deals created / sum inbound_leads", .ratio)
        case .quotaAttainment: return d("Reps on pace", up, "QTD", "share of active reps with a quota whose won amount QTD >= quota x pace", .ratio, (0.50, 0.20))
        case .revenuePerRep: return d("Revenue per rep", up, "T12M", "won amount closed in T12M / reps active at t", .money)
        case .stalledShare: return d("Stalled pipeline", down, "at t", "amount of stalled open deals / amount of open deals", .ratio, (0.10, 0.25))
        case .autopsyCoverage: return d("Autopsy coverage", up, "QTD", "lost and slipped deals of QTD with an autopsy / all of them", .ratio, (0.90, 0.50))
        }
    }

    /// The default dashboard of each industry (at most six KPIs).
    public static func preset(for industry: Industry) -> [KPIID] {
        switch industry {
        case .professionalServices: return [.nrr, .avgDealSize, .salesCycleDays, .pipelineCoverageNext, .grossMargin]
        case .hrTech: return [.netNewARR, .logoRetention, .salesCycleDays, .acv, .cacPaybackMonths, .weightedPipelineCoverage]
        case .martech: return [.pipelineVelocity, .pqlToPaid, .forecastAccuracy, .nrr, .arr, .cacPaybackMonths]
        case .aiStartup: return [.nnarr, .c2re, .sccr, .povToPipeline, .founderFreeCloseRate]
        case .saas, .other: return [.netNewARR, .nrr, .winRate, .pipelineCoverage, .salesCycleDays, .cacPaybackMonths]
        }
    }

    /// The dashboard in force: the file's ids known to the catalog, duplicates once; else the preset.
    public static func dashboard(for engagement: Engagement) -> [KPIID] {
        var seen = Set<KPIID>()
        let ids = (engagement.dashboard ?? []).compactMap(KPIID.init(rawValue:)).filter { seen.insert($0).inserted }
        return ids.isEmpty ? preset(for: engagement.client.industry) : ids
    }

    /// The threshold pair in force: industry column over default column, then `targets.kpis` per side.
    public static func thresholds(_ id: KPIID, for engagement: Engagement) -> ThresholdPair? {
        let def = definition(id)
        if def.isPaced { return nil }
        let base = def.industryThresholds[engagement.client.industry] ?? def.defaultThresholds
        guard let override = engagement.targets.kpis[id.rawValue] else { return base }
        let pair = ThresholdPair(green: override.green ?? base?.green, red: override.red ?? base?.red)
        return pair.green == nil && pair.red == nil ? nil : pair
    }
}
