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

    /// A row's KPIs, by name ("Win rate, Pipeline coverage") or by short label ("Win, Cov"). A
    /// screen names them alike on every row (a column of full names and abbreviations reads as
    /// two kinds of thing), a dash for none.
    static func list(_ raws: [String], currency: String? = nil, short: Bool, none: String) -> String {
        if raws.isEmpty { return none }
        return raws.map { raw in short ? KPIID(rawValue: raw).map(Self.short) ?? sanitizedForDisplay(raw) : name(raw, currency: currency) }
            .joined(separator: ", ")
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
