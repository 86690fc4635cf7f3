/// Which deals a deal list shows.
public enum DealScope: Hashable, Sendable {
    /// The open deals of one funnel stage (stage index).
    case stage(Int)
    /// The stalled deals of the client.
    case stalled
}

/// A place in the cockpit. Client and deal are indices into the portfolio and its deals.
public enum Screen: Hashable, Sendable {
    case portfolio
    case dashboard(client: Int)
    case funnel(client: Int)
    case deals(client: Int, scope: DealScope)
    case story(client: Int, deal: Int)
    case autopsy(client: Int)
    /// Last week's and this week's actions of a client.
    case actions(client: Int)
    /// The rolling 90-day forecast of a client: three months against target, the deals behind them.
    case forecast(client: Int)
    /// Stalled deals of every client, largest value at risk first.
    case stalledAll
    /// Deals of every client found by id, name, account or owner (`/` on the portfolio); the
    /// query is its nav entry's `filter`.
    case search

    public var client: Int? {
        switch self {
        case .portfolio, .stalledAll, .search: return nil
        case .dashboard(let c), .funnel(let c), .deals(let c, _), .story(let c, _), .autopsy(let c), .actions(let c), .forecast(let c): return c
        }
    }
}

/// A screen without its client and deal, as the key table names it. The KPI autopsy by month
/// is a kind of its own: its keys (`<` `>`) and footer differ from the quarter's.
public enum ScreenKind: CaseIterable, Hashable, Sendable {
    case portfolio, dashboard, funnel, deals, stalledAll, story, autopsy, autopsyMonth, actions, forecast, search

    /// Every kind but these.
    static func all(but excluded: ScreenKind...) -> [ScreenKind] { allCases.filter { !excluded.contains($0) } }

    /// What the user sees, for "This is … already".
    var name: String {
        switch self {
        case .portfolio: return "the portfolio"
        case .dashboard: return "the dashboard"
        case .funnel: return "the funnel"
        case .deals: return "a deal list"
        case .stalledAll: return "the stalled deals of every client"
        case .story: return "a deal's story"
        case .autopsy: return "the KPI autopsy"
        case .autopsyMonth: return "the KPI autopsy by month"
        case .actions: return "the actions view"
        case .forecast: return "the forecast"
        case .search: return "the search of every client's deals"
        }
    }
}

/// A screen on the navigation stack with its own selection, scroll, sort and filter, so
/// `Esc` returns to exactly where the user was.
public struct NavEntry: Hashable, Sendable {
    public var screen: Screen
    public var selection = 0
    public var scroll = 0
    public var sortColumn = 0
    public var descending = true
    public var filter = ""

    public init(_ screen: Screen) { self.screen = screen }
}

/// A line being typed: a `:` command, a `/` filter, or the `/` search of every client's deals.
public enum InputMode: Hashable, Sendable {
    case command(String)
    case filter(String)
    case search(String)
}
