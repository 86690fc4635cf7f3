import MetricsCore

/// Short KPI labels for tight columns; the full names are on the dashboard tiles.
enum KPILabels {
    static func short(_ id: KPIID) -> String {
        switch id {
        case .winRate: return "Win"
        case .avgDealSize: return "ADS"
        case .acv: return "ACV"
        case .salesCycleDays: return "Cycle"
        case .sccr: return "SCCR"
        case .pipelineCoverage: return "Cov"
        case .weightedPipelineCoverage: return "wCov"
        case .pipelineCoverageNext: return "Cov+1Q"
        case .pipelineVelocity: return "Vel"
        case .forecastAccuracy: return "Fcst"
        case .nrr: return "NRR"
        case .grr: return "GRR"
        case .logoRetention: return "Logos"
        case .arr: return "ARR"
        case .netNewARR: return "NewARR"
        case .nnarr: return "NNARR"
        case .c2re: return "C2RE"
        case .cacPaybackMonths: return "CAC"
        case .magicNumber: return "Magic"
        case .grossMargin: return "GM"
        case .top3Concentration: return "Top3"
        case .povToPipeline: return "POV"
        case .founderFreeCloseRate: return "NoFndr"
        case .pqlToPaid: return "PQL"
        case .costPerQualifiedMeeting: return "Cost/Mtg"
        case .inboundToOpportunity: return "In>Opp"
        case .quotaAttainment: return "Quota"
        case .revenuePerRep: return "Rev/rep"
        case .stalledShare: return "Stall"
        case .autopsyCoverage: return "Autop"
        }
    }

    /// The seeds' action, shortened to fit a column.
    static func shortAction(_ status: KPIStatus) -> String {
        switch status {
        case .green: return "Continue"
        case .yellow: return "30-minute call"
        case .red: return "Emergency meeting"
        default: return "Check the data"
        }
    }
}
