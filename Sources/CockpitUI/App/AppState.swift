import MetricsCore

/// One file of the portfolio: loaded (with its index) or rejected (with its problems).
public struct PortfolioEntry: Sendable {
    public let file: LoadedFile
    public let index: EngagementIndex?
    /// What `/` on the portfolio finds its deals by, made once per load (not per keystroke).
    public let searchKeys: DealSearchKeys?

    public init(file: LoadedFile) {
        self.file = file
        index = file.engagement.map(EngagementIndex.init)
        searchKeys = index.map(DealSearchKeys.init)
    }
    /// Reads a file for the cockpit: loaded, and whether this user may save it (asked here, in
    /// the runtime's effects, so that `update` never touches the file system).
    /// `keepingForSaves`: the load is kept for the next save of the file (EngagementLoader).
    public static func read(_ path: String, keepingForSaves: Bool = true) -> LoadedFile {
        var file = EngagementLoader.load(path: path, keepingForSaves: keepingForSaves)
        file.whyNotWritable = EngagementFile.whyNotWritable(path)
        return file
    }
    /// The client's name; a rejected file's name (its folder is said where it is needed).
    public var name: String {
        index.map { sanitizedForDisplay($0.engagement.client.name) } ?? sanitizedForDisplay(String(file.file.split(separator: "/").last ?? ""))
    }
}

/// Everything the cockpit shows, as a value: `update` changes it, `render` draws it.
public struct AppState: Sendable {
    public internal(set) var entries: [PortfolioEntry] { didSet { filesVersion += 1 } }
    /// Counts the changes of `entries` (saves, reloads): background work carries the version it
    /// was asked for, and a result computed from files changed since is not shown (`apply`).
    public private(set) var filesVersion = 0
    /// The version of the files the pending week step's reviews were asked for.
    var reviewsAsked: Int?
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
    /// The first line of the help shown (it scrolls when taller than the screen).
    public internal(set) var helpScroll = 0
    /// The edit form open over the screen, if any.
    public internal(set) var form: EditForm?
    /// `--read-only`: editing keys explain that they do nothing.
    public var readOnly = false
    public var input: InputMode?
    public var themes: [Theme]
    /// The terminal draws without colour (`NO_COLOR`, `--no-color`): `c` says the
    /// theme it chose shows only with colour.
    public var coloursOff = false
    public var themeIndex = 0
    /// A one-line message in the footer (what changed, why a key did nothing).
    public var status: String?
    /// Keys typed while a form's save runs, acted on in order once it ends (`q` right after
    /// Enter quits after the save instead of being lost).
    var keysWhileSaving: [Key] = []
    public var size: Size
    /// The rows of the deal list on top, kept between keys: on a large portfolio building and
    /// sorting them is the cost of a keystroke (see docs/benchmarks.md).
    var listCache: ListCache?
    /// The deals found by the search on top, kept between keys like `listCache`.
    var searchCache: SearchCache?
    /// The line count of the story on top, kept between keys like `listCache`.
    var storyCache: StoryCache?
    /// The line places of the KPI autopsy by month on top, kept between keys like `storyCache`.
    var monthLinesCache: MonthLinesCache?
    /// 12-week KPI histories per client for sparklines, filled when a dashboard opens.
    public internal(set) var histories: [Int: [KPIID: [Double?]]] = [:]
    /// The review date being computed in the background (the header shows a busy mark).
    public internal(set) var pendingDate: Day?
    /// Clients whose sparkline history is being computed.
    public internal(set) var pendingHistories: Set<Int> = []
    /// The KPI autopsy by month (`m`): how many months before the review date's month it shows;
    /// nil shows the quarter to date.
    public internal(set) var autopsyMonthsBack: Int?
    /// Monthly deep dives of the month view, by client and month (dropped with the review date).
    public internal(set) var deepDives: [DeepDiveKey: MonthlyDeepDive] = [:]
    /// Deep dives being computed.
    public internal(set) var pendingDeepDives: Set<DeepDiveKey> = []
    /// `y` on the portfolio: the pane below the list shows why the selected client has its
    /// status and what its Monday review still needs, instead of its KPIs.
    public var portfolioWhy = false
    /// Edits saved in this session, last at the end: `u` takes them back one by one.
    public internal(set) var undoStack: [UndoEntry] = []
    /// The undo being saved (its entry leaves the stack when it lands).
    public internal(set) var undoing: UndoEntry?

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
        // A client in two files (a backup copy in the folder) shows twice: said on the first
        // frame, and on the portfolio's summary line for as long as it lasts.
        status = duplicateWarning
    }

    /// Each loaded file whose client an earlier file already has, from the files shown now (a
    /// reload may make or end one).
    var duplicateClients: [DuplicateClient] { Portfolio(files: entries.map(\.file)).duplicateClients }

    /// The first duplicate said whole, and how many more; nil when each client has one file.
    var duplicateWarning: String? {
        let duplicates = duplicateClients
        guard let d = duplicates.first else { return nil }
        // Two lines at 80 columns: the files by name when they share a folder.
        let folder = { (path: String) in path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") }
        let short = folder(d.first) == folder(d.again)
        let (first, again) = short ? (String(d.first.split(separator: "/").last ?? ""), String(d.again.split(separator: "/").last ?? "")) : (d.first, d.again)
        let more = duplicates.count > 1 ? " \(duplicates.count - 1) more client\(duplicates.count == 2 ? "" : "s") in two files." : ""
        return sanitizedForDisplay("\(again) has the client id \(jsonQuoted(d.clientID)) of \(first): shown and counted twice (a copy? move it out of the folder).\(more)")
    }

    public var top: NavEntry {
        get { stack[stack.count - 1] }
        set { stack[stack.count - 1] = newValue }
    }
    public var theme: Theme { themes[themeIndex % themes.count] }

    /// Moves the review date and recomputes every review as of it, here and now (the runtime
    /// uses `ComputeRequest.reviews` to do it in the background instead).
    public mutating func travel(to day: Day) {
        install(date: day, reviews: entries.map { $0.index.map { EngagementReview(index: $0, asOf: day) } })
    }

    mutating func recompute() {
        install(date: date, reviews: entries.map { $0.index.map { EngagementReview(index: $0, asOf: date) } })
    }

    /// Shows `reviews` as of `day`: worst status first, caches of the old date dropped.
    mutating func install(date day: Day, reviews computed: [EngagementReview?]) {
        date = day
        histories = [:]
        pendingHistories = []
        deepDives = [:]
        pendingDeepDives = []
        listCache = nil
        searchCache = nil
        storyCache = nil
        monthLinesCache = nil
        reviews = computed
        let current = reviews
        // Rejected files first (they need fixing), then the portfolio order of kpis.md.
        portfolioOrder = entries.indices.sorted { a, b in
            switch (current[a], current[b]) {
            case (nil, nil): return entries[a].name.lowercased() < entries[b].name.lowercased()
            case (nil, _): return true
            case (_, nil): return false
            case let (ra?, rb?): return EngagementReview.portfolioPrecedes(ra, rb)
            }
        }
        // A month view keeps its place until its deep dive is computed again (`apply` clamps it then).
        for i in stack.indices where !isMonthView(stack[i].screen) { stack[i].selection = min(stack[i].selection, max(0, rowCount(stack[i]) - 1)) }
    }

    /// The portfolio on screen is the demo bundled in the binary (no path given, no portfolio
    /// configured, or a config with an error).
    public var showsBundledDemo: Bool { !entries.isEmpty && entries.allSatisfy(\.file.isBundledDemo) }

    /// Why the portfolio the config names could not be read, when the demo is shown in its place.
    public private(set) var demoInsteadOfPortfolio: String?

    /// Shows the demo in place of the config's portfolio, and says so: in the status line on the
    /// first frame, and in the header for as long as it runs (these are not the CRO's clients).
    public mutating func showDemo(insteadOfPortfolio why: String) {
        demoInsteadOfPortfolio = why
        status = sanitizedForDisplay("These are the bundled demo's fictional clients, not yours: your config's portfolio cannot be read (\(why)).")
    }

    /// The month the KPI autopsy shows, when it shows a month.
    public var autopsyMonth: YearMonth? { autopsyMonthsBack.map { date.month - $0 } }

    /// True for a KPI autopsy screen while the month view is on.
    func isMonthView(_ screen: Screen) -> Bool {
        if case .autopsy = screen { return autopsyMonthsBack != nil }
        return false
    }

    /// The deep dive of the month on screen for a client, once computed.
    public func deepDive(_ client: Int) -> MonthlyDeepDive? {
        autopsyMonth.flatMap { deepDives[DeepDiveKey(client: client, month: $0)] }
    }
}

/// A client's month, for the deep dives of the month view.
public struct DeepDiveKey: Hashable, Sendable {
    public let client: Int
    public let month: YearMonth
}
