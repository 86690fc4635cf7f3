/// Short KPI labels for tight columns and sentences ("NNARR $354k red → $420k yellow"): the
/// registry's; the full names are in the catalog.
extension KPIID {
    public var shortLabel: String { KPIRegistry.kpi(self).shortLabel }
}
