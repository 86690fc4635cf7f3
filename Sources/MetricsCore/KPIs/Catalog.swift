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
    /// The most the value can be: 1 (100%) for a share of a whole (a rate, a conversion, a
    /// margin, a coverage of a list); nil when it has no top (NRR grows past 100% with expansion).
    public let ceiling: Double?
}

/// The 30 KPIs of `kpis.md`, in catalog order.
public enum KPICatalog {
    public static let all: [KPIDefinition] = KPIRegistry.all.map(\.definition)

    public static func definition(_ id: KPIID) -> KPIDefinition { KPIRegistry.kpi(id).definition }

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
        KPIRegistry.kpi(id).thresholds(for: engagement)
    }
}
