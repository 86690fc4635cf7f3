import MetricsCore

/// What a key asks for; `AppState.perform` does it.
public enum KeyAction: Hashable, Sendable {
    case open, back, down, up, pageDown, pageUp, first, last
    case nextView, previousView, dashboard, funnel, autopsy, actions, forecast, stalled, portfolio, why
    case weekEarlier, weekLater, today, jump, filter, sort, reverseSort
    case nextStep, ackStall, writeAutopsy, monthView, monthBefore, monthAfter, improvement
    case planAction, markDone, markDropped, markPlanned, recordForecast
    case undo, nextTheme, help, quit
}

/// A line of the help and of the README's key table.
public struct HelpLine: Sendable {
    /// As shown, Unicode, one word per key.
    public let shown: String
    public let help: String
    public let detail: String?
    public var asciiShown: String { Glyphs.ascii.text(shown) }
}

/// Where a key works. Elsewhere it does nothing and the status line says `why`.
public enum KeyScope: Sendable {
    case everywhere
    case only([ScreenKind], why: String)
}

/// A key's short form in the footer (`x stalled`).
public struct FooterHint: Sendable {
    public let keys: String
    public let label: String
    /// Lower goes first; hints that do not fit are left out, except the tail (`Esc back`, `? help`,
    /// `q quit`), which ends every footer.
    public let rank: Int
    /// A label of its own on some screens (`Enter story` on a deal list).
    var labels: [ScreenKind: String] = [:]
    /// Shown only on these, though the key works elsewhere too (where a hint would crowd the line).
    var onlyOn: [ScreenKind]?

    static let tail = 9

    func label(on kind: ScreenKind) -> String { labels[kind] ?? label }
}

/// One key binding: everything the help, the footers, the README and `update` know about it.
public struct KeyBinding: Sendable {
    /// As shown, Unicode (`Enter l →`), one word per key in the order of `keys`; `asciiShown`
    /// for a terminal without UTF-8.
    public let shown: String
    public let keys: [Key]
    public let action: KeyAction
    /// Its line in the `?` help (wrapped when the box is narrow).
    public let help: String
    /// More for the README, after the help text.
    public var detail: String?
    public var hint: FooterHint?
    public var scope: KeyScope = .everywhere

    public var asciiShown: String { Glyphs.ascii.text(shown) }

    public func applies(on kind: ScreenKind) -> Bool {
        switch scope {
        case .everywhere: return true
        case .only(let kinds, _): return kinds.contains(kind)
        }
    }

    /// Why the key does nothing on `kind`; nil where it works.
    public func whyNot(on kind: ScreenKind) -> String? {
        switch scope {
        case .everywhere: return nil
        case .only(let kinds, let why): return kinds.contains(kind) ? nil : why
        }
    }
}

/// Every key of the cockpit outside forms and typed lines, in the order the help lists them.
public enum KeyTable {
    static let clientViews: [ScreenKind] = [.dashboard, .funnel, .autopsy, .autopsyMonth, .actions, .forecast]
    static let dealLists: [ScreenKind] = [.deals, .stalledAll]
    /// Where a client is known: its views, its deal lists and stories, the portfolio's selected row.
    static let withClient = ScreenKind.all(but: .stalledAll)
    static let noClient = "needs a client: select one on the portfolio (p), or open a deal here (Enter)."
    static let onDealList = "open a stage (Enter in the funnel) or x."

    public static let entries: [KeyBinding] = [
        KeyBinding(shown: "Enter l →", keys: [.enter, .char("l"), .right], action: .open,
                   help: "open the selected client, stage or deal", detail: "on a dashboard: its funnel",
                   hint: FooterHint(keys: "Enter", label: "open", rank: 1,
                                    labels: [.funnel: "deals", .deals: "story", .stalledAll: "story", .autopsy: "story", .autopsyMonth: "story", .actions: "read"],
                                    onlyOn: ScreenKind.all(but: .dashboard)),
                   scope: .only(ScreenKind.all(but: .story, .forecast), why: "Enter opens a client, stage or deal: nothing opens from here; Esc goes back.")),
        KeyBinding(shown: "Esc h ← Backspace", keys: [.escape, .char("h"), .left, .backspace], action: .back,
                   help: "back to where you were", detail: "the header shows the breadcrumb",
                   hint: FooterHint(keys: "Esc", label: "back", rank: FooterHint.tail),
                   scope: .only(ScreenKind.all(but: .portfolio), why: "The portfolio is the first screen: nothing to go back to; q quits.")),
        KeyBinding(shown: "j ↓", keys: [.char("j"), .down], action: .down,
                   help: "down: the next row, KPI tile or story line", detail: "on a dashboard `▶` marks the KPI tile selected",
                   hint: FooterHint(keys: "j/k", label: "move", rank: 2, labels: [.story: "scroll", .forecast: "month"], onlyOn: [.story, .forecast, .search])),
        KeyBinding(shown: "k ↑", keys: [.char("k"), .up], action: .up, help: "up: the row, KPI tile or story line before"),
        KeyBinding(shown: "PgDn Ctrl-F", keys: [.pageDown, .ctrl("f")], action: .pageDown, help: "a page down"),
        KeyBinding(shown: "PgUp Ctrl-B", keys: [.pageUp, .ctrl("b")], action: .pageUp, help: "a page up"),
        KeyBinding(shown: "g Home", keys: [.char("g"), .home], action: .first, help: "the first row"),
        KeyBinding(shown: "G End", keys: [.char("G"), .end], action: .last, help: "the last row"),
        KeyBinding(shown: "Tab", keys: [.tab], action: .nextView,
                   help: "next view of this client, in the order d f a w F",
                   scope: .only(clientViews, why: "Tab moves between a client's views (dashboard, funnel, KPI autopsy, actions, forecast): d f a w F open one.")),
        KeyBinding(shown: "Shift-Tab", keys: [.backTab], action: .previousView, help: "previous view of this client, in the order F w a f d",
                   scope: .only(clientViews, why: "Shift-Tab moves between a client's views (dashboard, funnel, KPI autopsy, actions, forecast): d f a w F open one.")),
        KeyBinding(shown: "d", keys: [.char("d")], action: .dashboard, help: "dashboard of this client (or the one selected)",
                   scope: .only(withClient, why: "d " + noClient)),
        KeyBinding(shown: "f", keys: [.char("f")], action: .funnel, help: "funnel of this client: pipeline by stage",
                   hint: FooterHint(keys: "f", label: "funnel", rank: 2, onlyOn: [.dashboard]),
                   scope: .only(withClient, why: "f " + noClient)),
        KeyBinding(shown: "a", keys: [.char("a")], action: .autopsy, help: "KPI autopsy of this client: lost, slipped deals",
                   hint: FooterHint(keys: "a", label: "autopsy", rank: 2, onlyOn: [.dashboard, .funnel]),
                   scope: .only(withClient, why: "a " + noClient)),
        KeyBinding(shown: "w", keys: [.char("w")], action: .actions, help: "actions of this client: last week's, this week's",
                   hint: FooterHint(keys: "w", label: "actions", rank: 5, onlyOn: [.dashboard, .autopsy]),
                   scope: .only(withClient, why: "w " + noClient)),
        KeyBinding(shown: "F", keys: [.char("F")], action: .forecast, help: "rolling 90-day forecast of this client",
                   detail: "also in the `Tab` cycle",
                   hint: FooterHint(keys: "F", label: "forecast", rank: 5, onlyOn: [.dashboard]),
                   scope: .only(withClient, why: "F " + noClient)),
        KeyBinding(shown: "x", keys: [.char("x")], action: .stalled, help: "stalled deals: this client's, or every client's",
                   detail: "every client's on the portfolio, largest value at risk first",
                   hint: FooterHint(keys: "x", label: "stalled", rank: 2, onlyOn: [.portfolio, .dashboard, .funnel]),
                   scope: .only(ScreenKind.all(but: .stalledAll), why: "These are the stalled deals of every client already; Esc goes back.")),
        KeyBinding(shown: "p", keys: [.char("p")], action: .portfolio, help: "back to the portfolio",
                   scope: .only(ScreenKind.all(but: .portfolio), why: "The portfolio is on screen already.")),
        KeyBinding(shown: "y", keys: [.char("y")], action: .why, help: "portfolio: why its colour, what its review needs",
                   detail: "the selected client's status reasons, last week's status and its review checklist; `y` again for its KPIs",
                   hint: FooterHint(keys: "y", label: "why", rank: 1),
                   scope: .only([.portfolio], why: "y shows why a client has its status, on the portfolio (p); the dashboard says it on its why line.")),
        KeyBinding(shown: "[", keys: [.char("[")], action: .weekEarlier, help: "review a week earlier (every view recomputes)",
                   hint: FooterHint(keys: "[ ]", label: "week", rank: 3)),
        KeyBinding(shown: "]", keys: [.char("]")], action: .weekLater, help: "review a week later"),
        KeyBinding(shown: "t", keys: [.char("t")], action: .today, help: "back to the review date the cockpit opened on",
                   hint: FooterHint(keys: "t", label: "today", rank: 3)),
        KeyBinding(shown: ":", keys: [.char(":")], action: .jump, help: "jump to a client by id or name",
                   hint: FooterHint(keys: ":", label: "client", rank: 4, onlyOn: [.portfolio])),
        KeyBinding(shown: "/", keys: [.char("/")], action: .filter, help: "filter a deal list, or search every client's deals",
                   detail: "a deal list as you type: `Enter` keeps the filter, `Esc` clears it; on the portfolio the search finds deals of every client by id, name, account or owner as you type (the exact id first, then ids and words that begin with it, then the largest amounts, each currency apart): `↓` `↑` move, `Enter` opens the deal's story, `Esc` closes the search (back from a story, `j` `k` move and `/` types again)",
                   hint: FooterHint(keys: "/", label: "filter", rank: 1, labels: [.portfolio: "search", .search: "search"]),
                   scope: .only(dealLists + [.portfolio, .search], why: "/ filters deal lists (open a stage, or x) and searches every client's deals on the portfolio (p).")),
        KeyBinding(shown: "s", keys: [.char("s")], action: .sort, help: "deal list: sort by the next column",
                   detail: "by that column alone: numbers start largest first, texts from A (ids in natural order: D-9 before D-10), closes soonest first; every client's stalled deals also by client",
                   hint: FooterHint(keys: "s/S", label: "sort", rank: 1),
                   scope: .only(dealLists, why: "s sorts deal lists: " + onDealList)),
        KeyBinding(shown: "S", keys: [.char("S")], action: .reverseSort, help: "deal list: reverse the sort",
                   scope: .only(dealLists, why: "S reverses the sort of deal lists: " + onDealList)),
        KeyBinding(shown: "n", keys: [.char("n")], action: .nextStep, help: "deal: edit its next step", detail: "saved to the file",
                   hint: FooterHint(keys: "n", label: "next step", rank: 1),
                   scope: .only([.story], why: "n edits a deal's next step: open the deal first (Enter on a deal list).")),
        KeyBinding(shown: "A", keys: [.char("A")], action: .ackStall, help: "deal: acknowledge its stall (until a date, a note)",
                   detail: "saved to the file",
                   hint: FooterHint(keys: "A", label: "ack stall", rank: 1),
                   scope: .only([.story], why: "A acknowledges a deal's stall: open the deal first (x, then Enter).")),
        KeyBinding(shown: "e", keys: [.char("e")], action: .writeAutopsy, help: "KPI autopsy, deal: write the deal's autopsy",
                   detail: "its fields: KPIs hurt (proposed by the autopsy and its what-if, any KPI of the catalog pickable), root cause, systemic change, owner, due, status",
                   hint: FooterHint(keys: "e", label: "autopsy", rank: 1, labels: [.autopsy: "write autopsy"]),
                   scope: .only([.story, .autopsy, .autopsyMonth], why: "e writes an autopsy: on the KPI autopsy view (a) or a deal's story.")),
        KeyBinding(shown: "m", keys: [.char("m")], action: .monthView, help: "KPI autopsy: by month, or the quarter to date",
                   detail: "the monthly deep dive: grouped by root cause and by systemic change with what a win would have lifted, each change open, done or overdue, the deals still without an autopsy",
                   hint: FooterHint(keys: "m", label: "month", rank: 1, labels: [.autopsyMonth: "quarter"]),
                   scope: .only([.autopsy, .autopsyMonth], why: "m shows the KPI autopsy by month: on the KPI autopsy (a).")),
        KeyBinding(shown: "<", keys: [.char("<")], action: .monthBefore, help: "KPI autopsy by month: the month before",
                   detail: "`[` `]` still move the review date a week",
                   hint: FooterHint(keys: "< >", label: "month", rank: 1),
                   scope: .only([.autopsyMonth], why: "< > move a month in the KPI autopsy by month (a, then m).")),
        KeyBinding(shown: ">", keys: [.char(">")], action: .monthAfter, help: "KPI autopsy by month: the month after",
                   scope: .only([.autopsyMonth], why: "< > move a month in the KPI autopsy by month (a, then m).")),
        KeyBinding(shown: "i", keys: [.char("i")], action: .improvement, help: "dashboard: improvement target of the KPI selected",
                   detail: "this fiscal quarter or the next, the change in percent (`-10` for −10%); the goal and baseline show as you type; an empty change removes it (saved to the file)",
                   hint: FooterHint(keys: "i", label: "target", rank: 1),
                   scope: .only([.dashboard], why: "i sets an improvement target: on a client's dashboard (d), on the KPI selected with j/k.")),
        KeyBinding(shown: "o", keys: [.char("o")], action: .planAction, help: "actions: plan one for this week",
                   hint: FooterHint(keys: "o", label: "plan", rank: 1),
                   scope: .only([.actions], why: "o plans an action on the actions view (w).")),
        KeyBinding(shown: "D", keys: [.char("D")], action: .markDone, help: "actions: mark the selected one done",
                   hint: FooterHint(keys: "D", label: "done", rank: 1),
                   scope: .only([.actions], why: "D marks an action done on the actions view (w).")),
        KeyBinding(shown: "X", keys: [.char("X")], action: .markDropped, help: "actions: mark the selected one dropped",
                   hint: FooterHint(keys: "X", label: "drop", rank: 1),
                   scope: .only([.actions], why: "X marks an action dropped on the actions view (w).")),
        KeyBinding(shown: "P", keys: [.char("P")], action: .markPlanned, help: "actions: mark the selected one planned again",
                   hint: FooterHint(keys: "P", label: "planned", rank: 1),
                   scope: .only([.actions], why: "P marks an action planned again on the actions view (w).")),
        KeyBinding(shown: "R", keys: [.char("R")], action: .recordForecast, help: "forecast: record it into the file",
                   hint: FooterHint(keys: "R", label: "record", rank: 1),
                   scope: .only([.forecast], why: "R records the forecast on the forecast view (F).")),
        KeyBinding(shown: "u", keys: [.char("u")], action: .undo, help: "undo your last saved edit (again: the one before)",
                   detail: "it is saved like any edit, under the file's lock: a field someone else changed since is left as they set it, and the status line says so"),
        KeyBinding(shown: "c", keys: [.char("c")], action: .nextTheme, help: "next colour theme"),
        KeyBinding(shown: "?", keys: [.char("?")], action: .help, help: "every key (this help): j k scroll it, ? or Esc closes it",
                   hint: FooterHint(keys: "?", label: "help", rank: FooterHint.tail)),
        KeyBinding(shown: "q Ctrl-C", keys: [.char("q"), .ctrl("c")], action: .quit, help: "quit (in a form Ctrl-C is Esc: it closes the form)",
                   detail: "with something typed it asks first, and a second Ctrl-C or Esc discards it",
                   hint: FooterHint(keys: "q", label: "quit", rank: FooterHint.tail, onlyOn: [.portfolio])),
    ]

    /// The help's and the README's last line: the mouse, which is no key (`AppState.handleMouse`).
    public static let mouse = HelpLine(shown: "mouse",
                                       help: "click selects a row, KPI tile or month, double-click opens it (as Enter), the wheel scrolls lists, this help and a story; a click on a footer hint is its key",
                                       detail: "a click on a message over the footer clears it (the hints show again); on unless `--no-mouse` or `mouse = false` in the config; while it is on, Shift+drag selects text in most terminals")

    /// The lines of the help and the README's table: every entry, in order, then the mouse.
    public static let helpLines: [HelpLine] = entries.map { HelpLine(shown: $0.shown, help: $0.help, detail: $0.detail) } + [mouse]

    /// The footer while the help is open: the keys `AppState.handleHelp` takes (a test presses each).
    static let helpHints: [(keys: String, label: String)] = [
        ("j/k", "scroll"), ("PgDn/PgUp", "page"), ("g/G", "top/end"), ("?/Esc", "close"), ("q", "quit"),
    ]

    /// The entry of each key.
    static let byKey: [Key: KeyBinding] = Dictionary(entries.flatMap { e in e.keys.map { ($0, e) } }, uniquingKeysWith: { first, _ in first })

    public static func binding(for key: Key) -> KeyBinding? { byKey[key] }

    /// The footer of a screen: hints of the keys that work there, most useful first, and the tail
    /// shown on every screen (how to leave it, the help).
    static func hints(on kind: ScreenKind) -> (lead: [(String, String)], tail: [(String, String)]) {
        let shown = entries.enumerated().compactMap { i, e -> (Int, FooterHint)? in
            guard let hint = e.hint, e.applies(on: kind), hint.onlyOn?.contains(kind) ?? true else { return nil }
            return (i, hint)
        }
        let lead = shown.filter { $0.1.rank < FooterHint.tail }.sorted { ($0.1.rank, $0.0) < ($1.1.rank, $1.0) }
        let tail = shown.filter { $0.1.rank >= FooterHint.tail }
        return (lead.map { ($0.1.keys, $0.1.label(on: kind)) }, tail.map { ($0.1.keys, $0.1.label(on: kind)) })
    }

    /// The README's key table, one markdown row per entry (a test keeps README.md in step).
    public static func markdownRows() -> [String] {
        helpLines.map { e in
            let keys = e.shown.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
            let does = e.help + (e.detail.map { "; " + $0 } ?? "")
            return "| \(keys) | \(does.replacingOccurrences(of: "|", with: "\\|")) |"
        }
    }
}

extension Key {
    /// How the status line names a key no entry has.
    var shown: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return sanitizedForDisplay(String(c))
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        default: return "That key"
        }
    }
}
