import MetricsCore

/// The portfolio's columns, in the order they are drawn.
enum PortfolioColumn: CaseIterable {
    case client, industry, status, change, action, stalled, marked, planned, autopsies, kpis
}

/// Which portfolio columns a width shows, and how wide each is. The Monday checklist (status,
/// its change since last week, stalled deals, last week's actions marked, this week's planned,
/// autopsies written) is always there; then, as space allows, the short action, the KPI strip
/// (from 140 columns), the industry, the whole action, each shown whole or not at all; the KPI
/// strip takes what is left. Nothing is cut while space is free.
struct PortfolioLayout {
    private(set) var widths: [PortfolioColumn: Int] = [:]
    private(set) var longActions = false
    private var stalledTitle = "Stalled now"
    private var kpisTitle = "Dashboard KPIs (trend vs last week)"
    /// Each loaded client's KPI strip items ("NewARR $32k↑"), by entry index; empty below 140 columns.
    let strips: [Int: [String]]

    init(_ state: AppState, width: Int, glyphs: UIGlyphs) {
        let order = state.portfolioOrder
        let reviews = order.compactMap { state.reviews[$0] }
        let wide = width >= 140
        var strips: [Int: [String]] = [:]
        if wide {
            for i in order {
                guard let review = state.reviews[i] else { continue }
                let formatter = ValueFormatter(currency: review.engagement.client.currency, glyphs: glyphs.text)
                strips[i] = review.dashboard.map { id -> String in
                    let k = review.kpi(id), before = review.previousKPI(id)
                    let value = k.value.map { formatter.format($0, k.definition.unit) } ?? (k.status == .green ? "met" : glyphs.text.dash)
                    return "\(KPILabels.short(id)) \(value)\(glyphs.text.trend(k.value, before.value))"
                }
            }
        }
        self.strips = strips
        func fitted(_ title: String, _ texts: [String], cap: Int) -> Int {
            min(cap, max(TextWidth.of(title), texts.map(TextWidth.of).max() ?? 0))
        }
        let rejected = order.contains { state.reviews[$0] == nil }
        var w: [PortfolioColumn: Int] = [
            .client: fitted("Client", order.map { state.entries[$0].name }, cap: 30),
            .status: fitted("Status", reviews.map { glyphs.text.status($0.weeklyStatus) } + (rejected ? ["\(glyphs.text.red) error"] : []), cap: 12),
            // Up to the longest change said ("better, was no data"): a status word is never cut.
            .change: fitted("vs last week", reviews.map { glyphs.text.change($0.statusChange) }, cap: 19),
            .marked: fitted("Marked", reviews.map { "\($0.checklist.lastWeekMarked)/\($0.checklist.lastWeekActions)" }, cap: 9),
            .planned: fitted("Planned", reviews.map { String($0.checklist.plannedThisWeek) }, cap: 7),
            .autopsies: fitted("Autopsies", reviews.map { "\($0.checklist.autopsiesWritten)/\($0.checklist.autopsiesDue)" }, cap: 11),
        ]
        // The pointer's 2 columns, then each column and the space after it (the last one's may
        // reach the edge).
        func used() -> Int { 1 + w.values.reduce(0) { $0 + $1 + 1 } }
        // Titled by the width alone, so one terminal always says the same (below 100 columns the
        // checklist beside a long client name leaves no room for "now", which the summary says).
        if width < 100 { stalledTitle = "Stalled" }
        w[.stalled] = TextWidth.of(stalledTitle)
        // Short of room, before a client's name is cut, it is as wide as its numbers: its title
        // reaches over the blank end of the change's title (`Table`).
        if used() > width {
            let counts = reviews.map { TextWidth.of(grouped($0.stalledDeals.count)) }.max() ?? 1
            w[.stalled] = max(counts, TextWidth.of(stalledTitle) - (w[.change]! - TextWidth.of("vs last week")))
        }
        if used() > width { w[.client] = max(10, w[.client]! - (used() - width)) }
        if used() + 18 <= width { w[.action] = 17 }
        // The KPI strip's room is kept first: values before words said again elsewhere (the
        // industry is in the pane below, the whole action on the dashboard).
        let needed = strips.values.map { TextWidth.of($0.joined(separator: "  ")) }.max() ?? 0
        var reserved = 0
        if wide, needed > 0, width - used() - 1 >= 24 {
            reserved = min(max(needed, 17), width - used() - 1) + 1
        }
        let industry = fitted("Industry", reviews.map { $0.engagement.client.industryName.replacingOccurrences(of: "_", with: " ") }, cap: 24)
        if used() + reserved + industry + 1 <= width { w[.industry] = industry }
        let fullAction = fitted("Action", reviews.map(\.action), cap: 44)
        if w[.action] != nil, used() + reserved + fullAction - 17 <= width {
            w[.action] = fullAction
            longActions = true
        }
        if reserved > 0 {
            w[.kpis] = width - used() - 1
            if w[.kpis]! < TextWidth.of(kpisTitle) { kpisTitle = "KPIs vs last week" }
        }
        widths = w
    }

    var shown: [PortfolioColumn] { PortfolioColumn.allCases.filter { widths[$0] != nil } }
    func width(_ c: PortfolioColumn) -> Int { widths[c] ?? 0 }

    var columns: [Column] {
        shown.map { c in
            switch c {
            case .client: return Column("Client", width(c))
            case .industry: return Column("Industry", width(c))
            case .status: return Column("Status", width(c))
            case .change: return Column("vs last week", width(c))
            case .action: return Column("Action", width(c))
            case .stalled: return Column(stalledTitle, width(c), right: true)
            case .marked: return Column("Marked", width(c), right: true)
            case .planned: return Column("Planned", width(c), right: true)
            case .autopsies: return Column("Autopsies", width(c), right: true)
            case .kpis: return Column(kpisTitle, width(c))
            }
        }
    }

    /// A row's cells in the shown columns' order.
    func row(_ cells: [PortfolioColumn: Span]) -> [Span] { shown.map { cells[$0] ?? Span("") } }
}
