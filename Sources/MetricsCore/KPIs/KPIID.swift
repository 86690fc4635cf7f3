/// The ids of the KPI catalog, in catalog order (`kpis.md`); strings only at the file/report boundary.
public enum KPIID: String, Sendable, CaseIterable, Hashable {
    case winRate = "win_rate"
    case avgDealSize = "avg_deal_size"
    case acv
    case salesCycleDays = "sales_cycle_days"
    case sccr
    case pipelineCoverage = "pipeline_coverage"
    case weightedPipelineCoverage = "weighted_pipeline_coverage"
    case pipelineCoverageNext = "pipeline_coverage_next"
    case pipelineVelocity = "pipeline_velocity"
    case forecastAccuracy = "forecast_accuracy"
    case nrr
    case grr
    case logoRetention = "logo_retention"
    case arr
    case netNewARR = "net_new_arr"
    case nnarr
    case c2re
    case cacPaybackMonths = "cac_payback_months"
    case magicNumber = "magic_number"
    case grossMargin = "gross_margin"
    case top3Concentration = "top3_concentration"
    case povToPipeline = "pov_to_pipeline"
    case founderFreeCloseRate = "founder_free_close_rate"
    case pqlToPaid = "pql_to_paid"
    case costPerQualifiedMeeting = "cost_per_qualified_meeting"
    case inboundToOpportunity = "inbound_to_opportunity"
    case quotaAttainment = "quota_attainment"
    case revenuePerRep = "revenue_per_rep"
    case stalledShare = "stalled_share"
    case autopsyCoverage = "autopsy_coverage"
}
