import Foundation
import MetricsCore

/// Key handling: `update` changes the state and returns effects; it performs nothing itself.
extension AppState {
    public mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .resize(let newSize):
            size = newSize
            return []
        case .key(let key):
            let effects = handle(key)
            refreshListCache()
            return effects + backgroundRequests()
        case .computed(let result):
            apply(result)
            refreshListCache()
            return backgroundRequests()
        case .reloaded(let i, let file):
            reload(i, file)
            refreshListCache()
            return backgroundRequests()
        case .saved(let result):
            finishSave(result)
            refreshListCache()
            return backgroundRequests()
        }
    }

    /// What the screen on top still needs computed.
    mutating func backgroundRequests() -> [Effect] { historyRequest() + deepDiveRequest() }

    /// Asks for the deep dive of the KPI autopsy's month when it is on screen and missing.
    mutating func deepDiveRequest() -> [Effect] {
        guard case .autopsy(let client) = top.screen, let month = autopsyMonth, pendingDate == nil, reviews[client] != nil else { return [] }
        let key = DeepDiveKey(client: client, month: month)
        guard deepDives[key] == nil, !pendingDeepDives.contains(key) else { return [] }
        pendingDeepDives.insert(key)
        return [.compute(.deepDive(client: client, month: month, date: date))]
    }

    /// Asks for the sparkline history of the dashboard on top when it is missing.
    mutating func historyRequest() -> [Effect] {
        guard case .dashboard(let client) = top.screen, pendingDate == nil, histories[client] == nil,
              !pendingHistories.contains(client), reviews[client] != nil else { return [] }
        pendingHistories.insert(client)
        return [.compute(.history(client: client, date: date))]
    }

    /// Starts a week step; the reviews arrive as `.computed` (the header shows a busy mark).
    mutating func requestTravel(to day: Day) -> [Effect] {
        guard day != (pendingDate ?? date) else { return [] }
        if day == date {
            pendingDate = nil
            status = "Back to \(day)."
            return []
        }
        pendingDate = day
        status = "Computing the week of \(day) (\(day.isoWeek))…"
        return [.compute(.reviews(day))]
    }

    mutating func handle(_ key: Key) -> [Effect] {
        if form != nil { return handleForm(key) }
        status = nil
        if let input { return handleInput(key, input) }
        if showHelp {
            switch key {
            case .char("?"), .escape: showHelp = false
            case .char("q"), .ctrl("c"): return [.quit]
            default: break
            }
            return []
        }
        switch key {
        case .char("q"), .ctrl("c"): return [.quit]
        case .paste: status = "Pasted text goes into forms and filters only; it was not run as keys."
        case .char("?"): showHelp = true
        case .escape, .char("h"), .left, .backspace: back()
        case .enter, .char("l"), .right: drill()
        case .down, .char("j"): move(by: 1)
        case .up, .char("k"): move(by: -1)
        case .pageDown, .ctrl("f"): move(by: max(1, Layout.listRows(size, screen: top.screen) - 1))
        case .pageUp, .ctrl("b"): move(by: -max(1, Layout.listRows(size, screen: top.screen) - 1))
        case .char("g"), .home: move(by: -rowCount(top))
        case .char("G"), .end: move(by: rowCount(top))
        case .char("["): return requestTravel(to: (pendingDate ?? date) - 7)
        case .char("]"): return requestTravel(to: (pendingDate ?? date) + 7)
        case .char("t"): return requestTravel(to: anchor)
        case .char("d"): openClientView { .dashboard(client: $0) }
        case .char("f"): openClientView { .funnel(client: $0) }
        case .char("a"): openClientView { .autopsy(client: $0) }
        case .char("x"):
            // In a client's views: its stalled deals; on the portfolio: every client's.
            if let client = top.screen.client { push(.deals(client: client, scope: .stalled)) } else if top.screen != .stalledAll { push(.stalledAll) }
        case .char("p"): stack = [stack[0]]
        case .tab: cycleClientView(forward: true)
        case .backTab: cycleClientView(forward: false)
        case .char(":"): input = .command("")
        case .char("/"):
            if isDealList { input = .filter(top.filter) } else { status = "/ filters deal lists: open a stage (Enter in the funnel) or x." }
        case .char("s"):
            if isDealList { top.sortColumn = (top.sortColumn + 1) % DealColumn.allCases.count; top.selection = 0; top.scroll = 0 }
        case .char("S"):
            if isDealList { top.descending.toggle(); top.selection = 0; top.scroll = 0 }
        case .char("n"):
            if case .story(let c, let d) = top.screen, let id = entries[c].index?.deals[d].id { openForm(.nextStep(deal: id), client: c) }
            else { status = "n edits a deal's next step: open the deal first (Enter on a deal list)." }
        case .char("A"):
            if case .story(let c, let d) = top.screen, let id = entries[c].index?.deals[d].id { openForm(.stallNote(deal: id, until: date + 14), client: c) }
            else { status = "A acknowledges a deal's stall: open the deal first (x, then Enter)." }
        case .char("e"): openAutopsyForm()
        case .char("i"): openImprovementForm()
        case .char("m"): toggleAutopsyMonth()
        case .char("<"): stepAutopsyMonth(by: -1)
        case .char(">"): stepAutopsyMonth(by: 1)
        case .char("w"): openClientView { .actions(client: $0) }
        case .char("F"): openClientView { .forecast(client: $0) }
        case .char("R"): return recordForecast()
        case .char("o"):
            if case .actions(let c) = top.screen { openForm(.addAction(week: date.isoWeek), client: c) }
            else if top.screen.client != nil { status = "o plans an action on the actions view (w)." }
        case .char("D"): return markAction("done")
        case .char("X"): return markAction("dropped")
        case .char("P"): return markAction("planned")
        case .char("y"):
            if top.screen == .portfolio { portfolioWhy.toggle() } else { status = "y shows why a client has its status, on the portfolio (p); the dashboard says it on its why line." }
        case .char("c"):
            themeIndex = (themeIndex + 1) % themes.count
            status = "Theme: \(theme.name)"
        default: break
        }
        return []
    }

    mutating func handleInput(_ key: Key, _ mode: InputMode) -> [Effect] {
        switch (mode, key) {
        case (_, .ctrl("c")): return [.quit]
        case (.command, .escape): input = nil
        case (.filter, .escape): input = nil; top.filter = ""; top.selection = 0; top.scroll = 0
        case (.command(let text), .backspace): input = .command(String(text.dropLast()))
        case (.filter(let text), .backspace): setFilter(String(text.dropLast()))
        case (.command(let text), .char(let c)): input = .command(text + String(c))
        case (.filter(let text), .char(let c)): setFilter(text + String(c))
        case (.command(let text), .paste(let p)): input = .command(text + Self.oneLine(p))
        case (.filter(let text), .paste(let p)): setFilter(text + Self.oneLine(p))
        case (.filter, .enter): input = nil
        case (.command(let text), .enter):
            input = nil
            jump(toClient: text.trimmingCharacters(in: .whitespaces))
        default: break
        }
        return []
    }

    /// Pasted text for a one-line input: line breaks become spaces, control characters go.
    static func oneLine(_ text: String) -> String {
        var editor = LineEditor()
        editor.insert(text)
        return editor.text
    }

    mutating func setFilter(_ text: String) {
        input = .filter(text)
        top.filter = text
        top.selection = 0
        top.scroll = 0
    }

    mutating func jump(toClient query: String) {
        guard !query.isEmpty else { return }
        let q = query.lowercased()
        let match = entries.indices.first { entries[$0].index?.engagement.client.id.lowercased() == q }
            ?? entries.indices.first { entries[$0].index != nil && entries[$0].name.lowercased().hasPrefix(q) }
        guard let client = match else {
            let ids = entries.compactMap { $0.index?.engagement.client.id }
            status = "No client \"\(query)\". Clients: \(ids.joined(separator: ", "))"
            return
        }
        stack = [stack[0], NavEntry(.dashboard(client: client))]
    }

    var currentClient: Int? {
        if let c = top.screen.client { return c }
        if top.screen == .portfolio, portfolioOrder.indices.contains(top.selection) {
            let c = portfolioOrder[top.selection]
            return reviews[c] == nil ? nil : c
        }
        return nil
    }

    var isDealList: Bool {
        switch top.screen {
        case .deals, .stalledAll: return true
        default: return false
        }
    }

    mutating func push(_ screen: Screen) { stack.append(NavEntry(screen)) }

    mutating func back() {
        if stack.count > 1 { stack.removeLast() }
    }

    /// Opens a view of the current client (or the selected one on the portfolio), replacing a
    /// sibling view so Tab-ing around does not grow the stack.
    mutating func openClientView(_ make: (Int) -> Screen) {
        guard let client = currentClient else {
            status = "Select a client first."
            return
        }
        let screen = make(client)
        guard screen != top.screen else { return }
        if case .dashboard = screen, let i = stack.lastIndex(where: { $0.screen == screen }) {
            stack.removeSubrange((i + 1)...)
            return
        }
        switch top.screen {
        case .funnel, .autopsy, .actions, .forecast: top = NavEntry(screen)
        default: push(screen)
        }
    }

    mutating func cycleClientView(forward: Bool) {
        guard let client = top.screen.client else { return }
        let views: [Screen] = [.dashboard(client: client), .funnel(client: client), .autopsy(client: client), .actions(client: client), .forecast(client: client)]
        guard let i = views.firstIndex(of: top.screen) else { return }
        openClientView { _ in views[(i + (forward ? 1 : views.count - 1)) % views.count] }
    }

    mutating func drill() {
        let selection = top.selection
        switch top.screen {
        case .portfolio:
            guard portfolioOrder.indices.contains(selection) else { return }
            let client = portfolioOrder[selection]
            if reviews[client] == nil {
                status = "\(entries[client].file.file) was rejected: `redline check` lists its problems."
            } else {
                push(.dashboard(client: client))
            }
        case .dashboard(let client): push(.funnel(client: client))
        case .funnel(let client):
            guard let stage = reviews[client]?.funnel[safe: selection] else { return }
            push(.deals(client: client, scope: .stage(stage.stageIndex)))
        case .deals, .stalledAll:
            guard let row = dealRows(for: top)[safe: selection] else { return }
            push(.story(client: row.client, deal: row.deal))
        case .autopsy(let client):
            if autopsyMonthsBack != nil {
                guard let dive = deepDive(client) else { return }
                guard let deal = AutopsyMonthView.deal(dive, item: selection) else {
                    status = "Enter opens a deal: select a systemic change or a deal without an autopsy."
                    return
                }
                push(.story(client: client, deal: deal))
                return
            }
            guard let row = reviews[client]?.autopsy.rows[safe: selection] else { return }
            push(.story(client: client, deal: row.deal))
        case .story, .actions, .forecast: break
        }
    }

    /// `m` on the KPI autopsy: the quarter to date, or the review date's month (MonthlyDeepDive).
    mutating func toggleAutopsyMonth() {
        guard case .autopsy = top.screen else {
            status = "m shows the KPI autopsy by month: on the KPI autopsy (a)."
            return
        }
        autopsyMonthsBack = autopsyMonthsBack == nil ? 0 : nil
        top.selection = 0
        top.scroll = 0
    }

    /// `<` `>` in the KPI autopsy by month: the month before or after (never one not begun).
    mutating func stepAutopsyMonth(by delta: Int) {
        guard case .autopsy = top.screen, let back = autopsyMonthsBack else {
            status = "< > move a month in the KPI autopsy by month (a, then m)."
            return
        }
        guard back - delta >= 0 else {
            status = "\(date.month + 1) has not begun on \(date); ] moves the review date a week later."
            return
        }
        autopsyMonthsBack = back - delta
        top.selection = 0
        top.scroll = 0
    }

    /// `e`: the autopsy of the deal on screen (a story, or the row selected in the KPI autopsy).
    mutating func openAutopsyForm() {
        switch top.screen {
        case .story(let c, let d):
            if let id = entries[c].index?.deals[d].id { openForm(.autopsy(deal: id), client: c) }
        case .autopsy(let c) where autopsyMonthsBack != nil:
            guard let dive = deepDive(c), let d = AutopsyMonthView.deal(dive, item: top.selection), let id = entries[c].index?.deals[d].id else {
                status = "e writes an autopsy: select a systemic change or a deal without an autopsy."
                return
            }
            openForm(.autopsy(deal: id), client: c)
        case .autopsy(let c):
            guard let row = reviews[c]?.autopsy.rows[safe: top.selection] else { status = "No deal to write an autopsy for."; return }
            openForm(.autopsy(deal: row.dealID), client: c)
        default: status = "e writes an autopsy: on the KPI autopsy view (a) or a deal's story."
        }
    }

    /// Rows the selection moves over on a screen.
    func rowCount(_ entry: NavEntry) -> Int {
        switch entry.screen {
        case .portfolio: return entries.count
        case .funnel(let c): return reviews[c]?.funnel.count ?? 0
        case .deals, .stalledAll: return dealRows(for: entry).count
        case .autopsy(let c) where autopsyMonthsBack != nil: return deepDive(c).map(AutopsyMonthView.itemCount) ?? 0
        case .autopsy(let c): return reviews[c]?.autopsy.rows.count ?? 0
        case .actions(let c): return actionRows(client: c).count
        case .forecast: return 3
        case .story(let c, let d):
            guard let review = reviews[c] else { return 0 }
            // One position per scroll step: the first line (id and name) stays, the rest scrolls.
            let lines = StoryScreen.storyLines(review, deal: d, date: date, glyphs: .ascii, width: size.width - 2).count
            return max(1, lines - 1 - Layout.listRows(size, screen: entry.screen) + 1)
        case .dashboard(let c): return reviews[c]?.dashboard.count ?? 0
        }
    }

    mutating func move(by delta: Int) {
        let count = rowCount(top)
        guard count > 0 else { return }
        top.selection = max(0, min(count - 1, top.selection + delta))
        if case .autopsy(let c) = top.screen, autopsyMonthsBack != nil, let dive = deepDive(c) {
            let lines = AutopsyMonthView.lines(dive, glyphs: .ascii, width: size.width)
            top.scroll = AutopsyMonthView.scroll(lines, selection: top.selection, scroll: top.scroll, visible: AutopsyMonthView.visibleRows(size))
            return
        }
        top.scroll = scrollOffset(selection: top.selection, scroll: top.scroll, visible: Layout.listRows(size, screen: top.screen), count: count)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
