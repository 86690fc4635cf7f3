import MetricsCore

/// One screen of the cockpit, whole: its name in the breadcrumb, the rows its selection moves
/// over, where its list is drawn, what Enter and a click do there, and how it draws. `Screen.unit`
/// is the one place a screen becomes its unit: a new screen is a type and a line there.
protocol ScreenUnit {
    /// The key table's name for it: its keys and footer hints.
    var kind: ScreenKind { get }
    /// Its place in the header's breadcrumb.
    func crumb(_ state: AppState, _ entry: NavEntry) -> String
    /// Rows the selection moves over (a story's: the lines it can scroll to).
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int
    /// Where its table goes at `size` when the list is long (column titles first); nil without one.
    func listFrame(_ size: Size) -> Rect?
    /// Rows shown at once at `size`; a page moves one fewer.
    func visibleRows(_ size: Size) -> Int
    /// The first row (or line) drawn for `entry`: its kept scroll, moved as little as needed to
    /// show the selection. `update` keeps it between keys; the render works it out again, so a
    /// stale one (another size) never leaves the selection off screen.
    func scroll(_ state: AppState, _ entry: NavEntry) -> Int
    /// What a click at (x, y) selects on a screen without a list (a KPI tile, a month); nil for nothing.
    func target(_ state: AppState, x: Int, y: Int) -> Int?
    /// Steps the wheel moves the selection per notch on a screen without a list.
    var wheelStep: Int { get }
    /// Enter: opens what is selected, or says why nothing opens.
    func open(_ state: inout AppState)
    /// Draws the screen into `area` (the body between header and footer).
    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer)
}

extension ScreenUnit {
    func listFrame(_ size: Size) -> Rect? { nil }
    func visibleRows(_ size: Size) -> Int { listFrame(size).map { Table.visibleRows(height: $0.height) } ?? 0 }
    func scroll(_ state: AppState, _ entry: NavEntry) -> Int { Layout.list(state, entry)?.scroll ?? 0 }
    func target(_ state: AppState, x: Int, y: Int) -> Int? { nil }
    var wheelStep: Int { AppState.wheelRows }
    func open(_ state: inout AppState) {}
}

extension Screen {
    /// The unit that draws and handles this screen; `monthView` picks the KPI autopsy by month.
    func unit(monthView: Bool) -> any ScreenUnit {
        switch self {
        case .portfolio: return PortfolioScreen()
        case .dashboard(let c): return DashboardScreen(client: c)
        case .funnel(let c): return FunnelScreen(client: c)
        case .deals(let c, let scope): return DealListScreen(client: c, scope: scope)
        case .stalledAll: return DealListScreen(client: nil, scope: .stalled)
        case .story(let c, let d): return StoryScreen(client: c, deal: d)
        case .autopsy(let c): return monthView ? AutopsyMonthView(client: c) : AutopsyScreen(client: c)
        case .actions(let c): return ActionsScreen(client: c)
        case .forecast(let c): return ForecastScreen(client: c)
        case .search: return SearchScreen()
        }
    }
}

extension AppState {
    /// The unit of a screen as the state shows it (the month view on or off).
    func unit(_ screen: Screen) -> any ScreenUnit { screen.unit(monthView: autopsyMonthsBack != nil) }

    /// The unit of the screen on top.
    var topUnit: any ScreenUnit { unit(top.screen) }

    /// The header's breadcrumb, first place to top. A client's view opened straight from the
    /// portfolio (`f`, `a`, `w`, `F`) gets the client's name before it, as one opened from the
    /// dashboard has: the header always names the client. The dashboard's crumb is the name, and
    /// a story names its client itself.
    var breadcrumb: [String] {
        stack.indices.flatMap { i -> [String] in
            let entry = stack[i], crumb = unit(entry.screen).crumb(self, entry)
            switch entry.screen {
            case .funnel(let c), .deals(let c, _), .autopsy(let c), .actions(let c), .forecast(let c):
                return stack[..<i].contains { $0.screen.client == c } ? [crumb] : [entries[c].name, crumb]
            case .portfolio, .dashboard, .story, .stalledAll, .search:
                return [crumb]
            }
        }
    }

    /// Rows the selection moves over on a screen.
    func rowCount(_ entry: NavEntry) -> Int { unit(entry.screen).rowCount(self, entry) }
}
