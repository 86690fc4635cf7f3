import MetricsCore

/// Short KPI labels for tight columns (the core's, shared with the reports); the full names are on the dashboard tiles.
enum KPILabels {
    static func short(_ id: KPIID) -> String { id.shortLabel }

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
