import MetricsCore

/// Short KPI labels for tight columns (the core's, shared with the reports); the full names are on the dashboard tiles.
enum KPILabels {
    static func short(_ id: KPIID) -> String { id.shortLabel }

    /// A KPI as people say it ("Win rate"), from its id in a file; an id the catalog does not
    /// know is shown as written (sanitized: it is the file's text).
    static func name(_ raw: String, currency: String? = nil) -> String {
        guard let id = KPIID(rawValue: raw) else { return sanitizedForDisplay(raw) }
        let definition = KPICatalog.definition(id)
        return currency.map { definition.name(in: $0) } ?? definition.name
    }

    /// KPIs for a column `width` wide: their names when they fit, else their short labels
    /// ("Win, Cov"), so the list is read whole before any is cut.
    static func list(_ raws: [String], currency: String? = nil, width: Int) -> String {
        let names = raws.map { name($0, currency: currency) }.joined(separator: ", ")
        if TextWidth.of(names) <= width { return names }
        return raws.map { KPIID(rawValue: $0).map(short) ?? sanitizedForDisplay($0) }.joined(separator: ", ")
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
