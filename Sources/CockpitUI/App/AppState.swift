import MetricsCore

/// One file of the portfolio: loaded (with its index) or rejected (with its problems).
public struct PortfolioEntry: Sendable {
    public let file: LoadedFile
    public let index: EngagementIndex?

    public init(file: LoadedFile) {
        self.file = file
        index = file.engagement.map(EngagementIndex.init)
    }
    public var name: String { index.map { sanitizedForDisplay($0.engagement.client.name) } ?? file.file }
}

/// Everything the cockpit shows, as a value: `update` changes it, `render` draws it.
public struct AppState: Sendable {
    public let entries: [PortfolioEntry]
    /// The review date the cockpit opened on; `t` comes back to it.
    public let anchor: Day
    /// The review date every view shows.
    public private(set) var date: Day
    /// Reviews of every loaded entry as of `date` (nil for rejected files).
    public private(set) var reviews: [EngagementReview?]
    /// Portfolio rows in display order: worst weekly status first.
    public private(set) var portfolioOrder: [Int]
    public var stack: [NavEntry]
    public var showHelp = false
    public var input: InputMode?
    public var themes: [Theme]
    public var themeIndex = 0
    /// A one-line message in the footer (what changed, why a key did nothing).
    public var status: String?
    public var size: Size
    /// The rows of the deal list on top, kept between keys: on a large portfolio building and
    /// sorting them is the cost of a keystroke (see docs/benchmarks.md).
    var listCache: ListCache?
    /// 12-week KPI histories per client for sparklines, filled when a dashboard opens.
    public private(set) var histories: [Int: [KPIID: [Double?]]] = [:]

    public init(entries: [PortfolioEntry], anchor: Day, themes: [Theme] = [.plain], size: Size = Size(width: 80, height: 24)) {
        self.entries = entries
        self.anchor = anchor
        date = anchor
        reviews = []
        portfolioOrder = []
        stack = [NavEntry(.portfolio)]
        self.themes = themes.isEmpty ? [.plain] : themes
        self.size = size
        recompute()
    }

    public var top: NavEntry {
        get { stack[stack.count - 1] }
        set { stack[stack.count - 1] = newValue }
    }
    public var theme: Theme { themes[themeIndex % themes.count] }

    /// Moves the review date and recomputes every review as of it.
    public mutating func travel(to day: Day) {
        date = day
        recompute()
    }

    mutating func recompute() {
        histories = [:]
        listCache = nil
        reviews = entries.map { $0.index.map { EngagementReview(index: $0, asOf: date) } }
        let current = reviews
        let severity: (Int) -> Int = { i in
            guard let r = current[i] else { return 4 } // rejected files first: they need fixing
            switch r.weeklyStatus {
            case .red: return 3
            case .yellow: return 2
            case .green: return 1
            default: return 0
            }
        }
        let names = entries.map { $0.name.lowercased() }
        portfolioOrder = entries.indices.sorted { a, b in
            severity(a) != severity(b) ? severity(a) > severity(b) : names[a] < names[b]
        }
    }

    /// Computes the sparkline history of a client's dashboard KPIs once per review date.
    public mutating func ensureHistory(client: Int) {
        guard histories[client] == nil, let review = reviews[client] else { return }
        histories[client] = history(client: client, kpis: review.dashboard)
    }

    /// KPI values of one client for the 12 weeks ending at `date`, oldest first (sparklines).
    public func history(client: Int, kpis: [KPIID]) -> [KPIID: [Double?]] {
        guard let index = entries[client].index else { return [:] }
        var out: [KPIID: [Double?]] = [:]
        for week in (0..<12).reversed() {
            let results = KPIEngine.compute(KPIContext(index: index, asOf: date - 7 * week))
            for id in kpis { out[id, default: []].append(results[KPIID.allCases.firstIndex(of: id)!].value) }
        }
        return out
    }
}
