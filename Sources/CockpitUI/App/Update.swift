import Foundation
import MetricsCore

/// Key handling: `update` changes the state and returns effects; it performs nothing itself.
extension AppState {
    public mutating func update(_ message: Message) -> [Effect] {
        // Cheap when nothing changed; a state changed outside `update` (`travel`, a test's stack) gets them here.
        refreshCaches()
        switch message {
        case .resize(let newSize):
            size = newSize
            helpScroll = min(helpScroll, HelpOverlay.maxScroll(newSize))
            // Lists need nothing: the render scrolls to the selection at any size. A story's
            // lines wrap again at the new width.
            refreshCaches()
            return []
        case .key(let key):
            let effects = handle(key)
            refreshCaches()
            return effects + backgroundRequests()
        case .mouse(let event):
            let effects = handleMouse(event)
            refreshCaches()
            return effects + backgroundRequests()
        case .computed(let result):
            apply(result)
            refreshCaches()
            return backgroundRequests()
        case .reloaded(let i, let file):
            reload(i, file)
            refreshCaches()
            return backgroundRequests()
        case .saved(let result):
            finishSave(result)
            refreshCaches()
            // The keys typed while it ran, in order (one may start another save: those after it wait again).
            var effects = backgroundRequests()
            let waiting = keysWhileSaving
            keysWhileSaving = []
            for key in waiting { effects += update(.key(key)) }
            return effects
        }
    }

    /// Keeps what the screen on top needs between keys (its deal rows, search hits, story's
    /// line count) ready for the next render and key.
    mutating func refreshCaches() {
        refreshListCache()
        refreshSearchCache()
        refreshStoryCache()
        refreshMonthLinesCache()
    }

    /// What the screen on top still needs computed.
    mutating func backgroundRequests() -> [Effect] { reviewsRequest() + historyRequest() + deepDiveRequest() }

    /// Asks again for the reviews of the week step under way when the files changed since it
    /// was asked (a save or a reload): the result on its way is of the files before.
    mutating func reviewsRequest() -> [Effect] {
        guard let day = pendingDate, reviewsAsked != filesVersion else { return [] }
        reviewsAsked = filesVersion
        return [.compute(request(.reviews(day)))]
    }

    /// Asks for the deep dive of the KPI autopsy's month when it is on screen and missing.
    mutating func deepDiveRequest() -> [Effect] {
        guard case .autopsy(let client) = top.screen, let month = autopsyMonth, pendingDate == nil, reviews[client] != nil else { return [] }
        let key = DeepDiveKey(client: client, month: month)
        guard deepDives[key] == nil, !pendingDeepDives.contains(key) else { return [] }
        pendingDeepDives.insert(key)
        return [.compute(request(.deepDive(client: client, month: month, date: date)))]
    }

    /// Asks for the sparkline history of the dashboard on top when it is missing.
    mutating func historyRequest() -> [Effect] {
        guard case .dashboard(let client) = top.screen, pendingDate == nil, histories[client] == nil,
              !pendingHistories.contains(client), reviews[client] != nil else { return [] }
        pendingHistories.insert(client)
        return [.compute(request(.history(client: client, date: date)))]
    }

    /// Starts a week step; the reviews arrive as `.computed` (the header shows a busy mark).
    mutating func requestTravel(to day: Day) -> [Effect] {
        guard day != (pendingDate ?? date) else {
            status = "Already reviewing the week of \(day) (\(day.isoWeek)); [ ] move it a week."
            return []
        }
        if day == date {
            pendingDate = nil
            status = "Back to \(day)."
            return []
        }
        pendingDate = day
        reviewsAsked = filesVersion
        status = "Computing the week of \(day) (\(day.isoWeek))…"
        return [.compute(request(.reviews(day)))]
    }

    /// A key outside forms and typed lines: the key table says what it does and
    /// where; on a screen where it does nothing, the status line says why.
    mutating func handle(_ key: Key) -> [Effect] {
        // Below 80×24 the screen shows only how to enlarge it: a key must not act unseen (a
        // `D` there marked an action done).
        // A form keeps its text there: in a form Ctrl-C asks before it discards anything, and the
        // question could not be seen (the screen says to enlarge the terminal to finish the form).
        if isTooSmall { return form == nil && (key == .char("q") || key == .ctrl("c")) ? [.quit] : [] }
        if form != nil { return handleForm(key) }
        status = nil
        if let input { return handleInput(key, input) }
        if case .paste = key {
            status = "Pasted text goes into forms and filters only; it was not run as keys."
            return []
        }
        let binding = KeyTable.binding(for: key)
        if showHelp { return handleHelp(binding?.action) }
        guard let binding else {
            status = "\(key.shown) does nothing: ? lists every key."
            return []
        }
        if let why = binding.whyNot(on: screenKind) {
            status = why
            return []
        }
        return perform(binding.action)
    }

    /// The terminal is below 80×24: the cockpit shows only how to enlarge it.
    var isTooSmall: Bool { size.width < CockpitView.minimumSize.width || size.height < CockpitView.minimumSize.height }

    /// The kind of the screen on top, as the key table names it.
    var screenKind: ScreenKind { topUnit.kind }

    /// Does what a key asks for; the key table has checked it works on this screen.
    mutating func perform(_ action: KeyAction) -> [Effect] {
        let page = max(1, topUnit.visibleRows(size) - 1)
        switch action {
        case .quit: return [.quit]
        case .help:
            showHelp = true
            helpScroll = 0
        case .back: back()
        case .open: drill()
        case .down: move(by: 1)
        case .up: move(by: -1)
        case .pageDown: move(by: page)
        case .pageUp: move(by: -page)
        case .first: move(by: -rowCount(top))
        case .last: move(by: rowCount(top))
        case .weekEarlier: return requestTravel(to: (pendingDate ?? date) - 7)
        case .weekLater: return requestTravel(to: (pendingDate ?? date) + 7)
        case .today: return requestTravel(to: anchor)
        case .dashboard: openClientView { .dashboard(client: $0) }
        case .funnel: openClientView { .funnel(client: $0) }
        case .autopsy: openClientView { .autopsy(client: $0) }
        case .actions: openClientView { .actions(client: $0) }
        case .forecast: openClientView { .forecast(client: $0) }
        case .stalled: showStalled()
        case .portfolio: stack = [stack[0]]
        case .nextView: cycleClientView(forward: true)
        case .previousView: cycleClientView(forward: false)
        case .why: portfolioWhy.toggle()
        case .jump: input = .command("")
        case .filter:
            if top.screen == .portfolio || top.screen == .search { openSearch() } else { input = .filter(top.filter) }
        case .sort:
            // The next column shown: a sort by a column not on screen reads as no order at all.
            let shown = (topUnit as? DealListScreen).map { $0.sortable(size, showsClients: $0.showsClients(self)) } ?? DealColumn.allCases
            let order = DealColumn.allCases
            let from = order.firstIndex { $0.rawValue == top.sortColumn } ?? 0
            let next = (1...order.count).lazy.map { order[(from + $0) % order.count] }.first(where: shown.contains) ?? .amount
            top.sortColumn = next.rawValue
            top.descending = next.startsDescending
            top.selection = 0
            top.scroll = 0
        case .reverseSort:
            top.descending.toggle()
            top.selection = 0
            top.scroll = 0
        case .nextStep, .ackStall:
            guard case .story(let c, let d) = top.screen, let id = entries[c].index?.deals[d].id else { break }
            if let why = whyClosed(client: c, deal: d) { status = why; break }
            openForm(action == .nextStep ? .nextStep(deal: id) : .stallNote(deal: id, until: date + 14), client: c)
        case .writeAutopsy: openAutopsyForm()
        case .monthView: toggleAutopsyMonth()
        case .monthBefore: stepAutopsyMonth(by: -1)
        case .monthAfter: stepAutopsyMonth(by: 1)
        case .improvement: openImprovementForm()
        case .planAction:
            if case .actions(let c) = top.screen { openForm(.addAction(week: date.isoWeek), client: c) }
        case .markDone: return markAction("done")
        case .markDropped: return markAction("dropped")
        case .markPlanned: return markAction("planned")
        case .recordForecast: return recordForecast()
        case .undo: return undoLastEdit()
        case .nextTheme:
            themeIndex = (themeIndex + 1) % themes.count
            status = "Theme: \(theme.name)" + (coloursOff ? " (colours are off here: NO_COLOR or --no-color; it shows with colour)" : "")
        }
        return []
    }

    /// Keys while the help is open: they scroll it, close it or quit; others say how to close it.
    mutating func handleHelp(_ action: KeyAction?) -> [Effect] {
        let page = max(1, HelpOverlay.visibleRows(size) - 1)
        switch action {
        case .help?, .back?: showHelp = false
        case .quit?: return [.quit]
        case .down?: scrollHelp(by: 1)
        case .up?: scrollHelp(by: -1)
        case .pageDown?: scrollHelp(by: page)
        case .pageUp?: scrollHelp(by: -page)
        case .first?: helpScroll = 0
        case .last?: helpScroll = HelpOverlay.maxScroll(size)
        default: status = "The help is open: ? or Esc closes it."
        }
        return []
    }

    mutating func scrollHelp(by delta: Int) {
        helpScroll = max(0, min(HelpOverlay.maxScroll(size), helpScroll + delta))
    }

    mutating func handleInput(_ key: Key, _ mode: InputMode) -> [Effect] {
        switch (mode, key) {
        case (_, .ctrl("c")): return [.quit]
        case (.search(let text), _): handleSearchInput(key, text)
        case (.command, .escape): input = nil
        case (.filter, .escape): input = nil; top.filter = ""; top.selection = 0; top.scroll = 0
        // Ctrl-U clears the line, as in the forms and a shell.
        case (.command, .ctrl("u")): input = .command("")
        case (.filter, .ctrl("u")): setFilter("")
        case (.filter(let text), .ctrl("w")): setFilter(Self.withoutLastWord(text))
        case (.command(let text), .ctrl("w")): input = .command(Self.withoutLastWord(text))
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
        guard screen != top.screen else {
            status = "This is \(screenKind.name) already."
            return
        }
        if case .dashboard = screen, let i = stack.lastIndex(where: { $0.screen == screen }) {
            stack.removeSubrange((i + 1)...)
            return
        }
        switch top.screen {
        case .funnel, .autopsy, .actions, .forecast: top = NavEntry(screen)
        default: push(screen)
        }
    }

    /// `x`: the stalled deals of the client on screen, or on the portfolio of every client.
    mutating func showStalled() {
        let screen = top.screen.client.map { Screen.deals(client: $0, scope: .stalled) } ?? .stalledAll
        if screen == top.screen { status = "These are the client's stalled deals already; Esc goes back." } else { push(screen) }
    }

    mutating func cycleClientView(forward: Bool) {
        guard let client = top.screen.client else { return }
        let views: [Screen] = [.dashboard(client: client), .funnel(client: client), .autopsy(client: client), .actions(client: client), .forecast(client: client)]
        guard let i = views.firstIndex(of: top.screen) else { return }
        openClientView { _ in views[(i + (forward ? 1 : views.count - 1)) % views.count] }
    }

    /// Enter: the screen on top opens what is selected.
    mutating func drill() { topUnit.open(&self) }

    mutating func nothingToOpen() { status = "Nothing selected to open: the list is empty." }

    /// `m` on the KPI autopsy: the quarter to date, or the review date's month (MonthlyDeepDive).
    mutating func toggleAutopsyMonth() {
        guard case .autopsy = top.screen else { return }
        autopsyMonthsBack = autopsyMonthsBack == nil ? 0 : nil
        top.selection = 0
        top.scroll = 0
    }

    /// `<` `>` in the KPI autopsy by month: the month before or after (never one not begun).
    mutating func stepAutopsyMonth(by delta: Int) {
        guard case .autopsy(let client) = top.screen, let back = autopsyMonthsBack else { return }
        guard back - delta >= 0 else {
            status = "\(date.month + 1) has not begun on \(date); ] moves the review date a week later."
            return
        }
        // Not before the file's first deal: an empty month there says nothing.
        if delta < 0, let first = entries[client].index?.engagement.deals.lazy.map(\.created).min(), date.month - (back - delta) < first.month {
            status = "No deal of this client before \(first.month): the KPI autopsy by month starts there."
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
        default: break
        }
    }

    mutating func move(by delta: Int) {
        let unit = topUnit
        let count = unit.rowCount(self, top)
        guard count > 0 else { return }
        // From the window drawn (the scroll kept may be another size's), as little as shows the row.
        top.scroll = unit.scroll(self, top)
        top.selection = max(0, min(count - 1, top.selection + delta))
        top.scroll = unit.scroll(self, top)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
