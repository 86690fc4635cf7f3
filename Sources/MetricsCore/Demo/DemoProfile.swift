/// The knobs of one generated client: its industry, size and how healthy its revenue engine is.
struct DemoProfile {
    struct StageSpec {
        let id: String
        let name: String
        let probability: Double
        /// Median days a deal stays in the stage.
        let medianDays: Double
        /// Chance a deal is lost at the end of this stage.
        let lossChance: Double
    }

    let id: String
    let name: String
    let industry: Industry
    let currency: String
    let fiscalStartMonth: Int
    let grossMargin: Double?
    let seed: UInt64
    let dealCount: Int
    /// Deals are created over this many days before the anchor.
    let historyDays: Int
    let stages: [StageSpec]
    /// Segment name, weight and median deal amount.
    let segments: [(name: String, weight: Double, medianAmount: Double)]
    let termMonths: [Int]?
    /// Share of deals stuck far longer than usual in their stage.
    let stuckShare: Double
    /// Share of open deals whose close date was pushed.
    let pushShare: Double
    let accountCount: Int
    /// Monthly growth and monthly churn chance of account revenue.
    let accountGrowth: Double
    let accountChurn: Double
    let trailingRevenue: Bool
    let monthlySpend: Double
    let monthlyFee: Double
    /// Forecast error spread (0.05 = ±5%).
    let forecastError: Double
    /// Pipeline coverage the bookings target is set to produce.
    let coverageGoal: Double
    let nextCoverageGoal: Double
    /// Net new ARR target as a multiple of what the quarter is pacing to.
    let netNewTargetFactor: Double
    let autopsyShare: Double
    let repNames: [String]
    let plg: Bool
    let pov: Bool
    let dashboard: [String]?
    let kpiOverrides: [String: ThresholdOverride]
}

extension DemoProfile {
    static let standardStages: [StageSpec] = [
        StageSpec(id: "lead", name: "Lead", probability: 0.1, medianDays: 9, lossChance: 0.25),
        StageSpec(id: "discovery", name: "Discovery", probability: 0.25, medianDays: 14, lossChance: 0.2),
        StageSpec(id: "proposal", name: "Proposal sent", probability: 0.5, medianDays: 16, lossChance: 0.2),
        StageSpec(id: "negotiation", name: "Negotiation", probability: 0.8, medianDays: 12, lossChance: 0.12),
    ]

    /// The five demo clients: one per seed industry plus a SaaS company, a mix of green, yellow and red.
    static let portfolio: [DemoProfile] = [
        DemoProfile(id: "northwind-advisory", name: "Northwind Advisory", industry: .professionalServices, currency: "USD",
                    fiscalStartMonth: 1, grossMargin: 0.42, seed: 11, dealCount: 120, historyDays: 760,
                    stages: [
                        StageSpec(id: "prospect", name: "Prospect", probability: 0.1, medianDays: 8, lossChance: 0.25),
                        StageSpec(id: "qualified", name: "Qualified", probability: 0.3, medianDays: 12, lossChance: 0.2),
                        StageSpec(id: "proposal", name: "Proposal sent", probability: 0.55, medianDays: 14, lossChance: 0.2),
                        StageSpec(id: "negotiation", name: "Negotiation", probability: 0.8, medianDays: 10, lossChance: 0.1),
                    ],
                    segments: [("mid_market", 0.6, 60_000), ("enterprise", 0.25, 140_000), ("smb", 0.15, 25_000)],
                    termMonths: nil, stuckShare: 0.12, pushShare: 0.25, accountCount: 28, accountGrowth: 0.004,
                    accountChurn: 0.01, trailingRevenue: true, monthlySpend: 38_000, monthlyFee: 9_000, forecastError: 0.12,
                    coverageGoal: 2.6, nextCoverageGoal: 2.4, netNewTargetFactor: 1.0, autopsyShare: 0.6,
                    repNames: ["Sam Ortiz", "Priya Natarajan", "Jonas Weber", "Alice Moreau"], plg: false, pov: false,
                    dashboard: nil, kpiOverrides: [:]),
        DemoProfile(id: "talentloop", name: "TalentLoop", industry: .hrTech, currency: "USD",
                    fiscalStartMonth: 2, grossMargin: 0.78, seed: 22, dealCount: 220, historyDays: 760,
                    stages: standardStages, segments: [("smb", 0.45, 14_000), ("mid_market", 0.4, 38_000), ("enterprise", 0.15, 95_000)],
                    termMonths: [12, 12, 24], stuckShare: 0.22, pushShare: 0.45, accountCount: 60, accountGrowth: 0.002,
                    accountChurn: 0.012, trailingRevenue: false, monthlySpend: 140_000, monthlyFee: 12_000, forecastError: 0.25,
                    coverageGoal: 2.4, nextCoverageGoal: 1.6, netNewTargetFactor: 1.5, autopsyShare: 0.3,
                    repNames: ["Maya Chen", "Liam Foster", "Sofia Rossi", "Noah Kim", "Ava Patel"], plg: false, pov: false,
                    dashboard: nil, kpiOverrides: [:]),
        DemoProfile(id: "brightsignal", name: "BrightSignal", industry: .martech, currency: "EUR",
                    fiscalStartMonth: 1, grossMargin: 0.82, seed: 33, dealCount: 280, historyDays: 760,
                    stages: standardStages, segments: [("smb", 0.55, 9_000), ("mid_market", 0.35, 30_000), ("enterprise", 0.1, 80_000)],
                    termMonths: [12], stuckShare: 0.05, pushShare: 0.12, accountCount: 70, accountGrowth: 0.017,
                    accountChurn: 0.003, trailingRevenue: false, monthlySpend: 95_000, monthlyFee: 10_000, forecastError: 0.04,
                    coverageGoal: 3.4, nextCoverageGoal: 3.2, netNewTargetFactor: 0.9, autopsyShare: 1.0,
                    repNames: ["Elena García", "Tom Becker", "Chloé Martin", "Lukas Novak", "Ines Duarte", "Omar Haddad"],
                    plg: true, pov: false, dashboard: nil,
                    kpiOverrides: ["pipeline_velocity": ThresholdOverride(green: 1500, red: 800), "pql_to_paid": ThresholdOverride(green: 0.12, red: 0.08)]),
        DemoProfile(id: "cortexa-ai", name: "Cortexa AI", industry: .aiStartup, currency: "USD",
                    fiscalStartMonth: 1, grossMargin: 0.65, seed: 44, dealCount: 150, historyDays: 760,
                    stages: [
                        StageSpec(id: "discovery", name: "Discovery", probability: 0.15, medianDays: 10, lossChance: 0.25),
                        StageSpec(id: "pov", name: "Proof of value", probability: 0.4, medianDays: 35, lossChance: 0.35),
                        StageSpec(id: "security", name: "Security review", probability: 0.7, medianDays: 18, lossChance: 0.1),
                        StageSpec(id: "contract", name: "Contract", probability: 0.9, medianDays: 9, lossChance: 0.05),
                    ],
                    segments: [("under_50k", 0.5, 30_000), ("50k_150k", 0.35, 90_000), ("over_150k", 0.15, 210_000)],
                    termMonths: [12], stuckShare: 0.2, pushShare: 0.35, accountCount: 22, accountGrowth: 0.01,
                    accountChurn: 0.015, trailingRevenue: false, monthlySpend: 160_000, monthlyFee: 15_000, forecastError: 0.3,
                    coverageGoal: 2.0, nextCoverageGoal: 1.5, netNewTargetFactor: 1.6, autopsyShare: 0.4,
                    repNames: ["Dana Brooks", "Kenji Sato", "Rosa Alvarez"], plg: false, pov: true,
                    dashboard: nil, kpiOverrides: ["founder_free_close_rate": ThresholdOverride(green: 0.5, red: 0.25)]),
        DemoProfile(id: "ledgerly", name: "Ledgerly", industry: .saas, currency: "USD",
                    fiscalStartMonth: 1, grossMargin: 0.8, seed: 55, dealCount: 180, historyDays: 760,
                    stages: standardStages, segments: [("smb", 0.5, 12_000), ("mid_market", 0.38, 42_000), ("enterprise", 0.12, 110_000)],
                    termMonths: [12, 12, 36], stuckShare: 0.1, pushShare: 0.25, accountCount: 55, accountGrowth: 0.006,
                    accountChurn: 0.006, trailingRevenue: false, monthlySpend: 120_000, monthlyFee: 11_000, forecastError: 0.1,
                    coverageGoal: 2.7, nextCoverageGoal: 2.8, netNewTargetFactor: 0.12, autopsyShare: 0.7,
                    repNames: ["Grace Liu", "Marcus Reed", "Hannah Schulz", "Diego Ramos"], plg: false, pov: false,
                    dashboard: nil, kpiOverrides: [:]),
    ]

    /// A large single-client portfolio for benchmarks: `deals` deals, same generator.
    static func synthetic(deals: Int) -> DemoProfile {
        DemoProfile(id: "synthetic", name: "Synthetic Co", industry: .saas, currency: "USD", fiscalStartMonth: 1, grossMargin: 0.75,
                    seed: 99, dealCount: deals, historyDays: 760, stages: standardStages,
                    segments: [("smb", 0.5, 12_000), ("mid_market", 0.38, 42_000), ("enterprise", 0.12, 110_000)],
                    termMonths: [12, 24], stuckShare: 0.1, pushShare: 0.25, accountCount: min(5_000, max(20, deals / 20)),
                    accountGrowth: 0.006, accountChurn: 0.006, trailingRevenue: false, monthlySpend: Double(deals) * 600,
                    monthlyFee: 10_000, forecastError: 0.1, coverageGoal: 3.0, nextCoverageGoal: 3.0, netNewTargetFactor: 1.0,
                    autopsyShare: 0.5, repNames: (1...max(4, min(400, deals / 250))).map { "Rep \($0)" }, plg: true, pov: true,
                    dashboard: nil, kpiOverrides: [:])
    }
}
