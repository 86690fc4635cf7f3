/// Short KPI labels for tight columns and sentences ("NNARR $354k red → $420k yellow");
/// the full names are in the catalog.
extension KPIID {
    public var shortLabel: String {
        switch self {
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
}
