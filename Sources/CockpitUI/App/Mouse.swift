import MetricsCore

/// A list as the screen draws it: its table (the header row first), the first row shown and
/// how many rows it has. The screens draw with it and `update` hit-tests with it, so a click
/// lands on the row drawn under it.
struct ListGeometry: Equatable {
    let table: Rect
    let scroll: Int
    let count: Int

    var visible: Int { Table.visibleRows(height: table.height) }

    /// The row drawn at (x, y), if any: the header, the space below the last row and the
    /// columns beside the table are none.
    func row(x: Int, y: Int) -> Int? {
        guard x >= table.x, x < table.maxX else { return nil }
        let line = y - table.y - 1
        guard line >= 0, line < visible else { return nil }
        let r = scroll + line
        return r < count ? r : nil
    }

    /// The same list scrolled by `delta` rows (clamped), and the selection kept inside it.
    func scrolled(by delta: Int, selection: Int) -> (scroll: Int, selection: Int) {
        let s = max(0, min(max(0, count - visible), scroll + delta))
        return (s, max(s, min(s + max(1, visible) - 1, selection)))
    }
}

extension Layout {
    /// The list of the screen on top as drawn at the state's size, or nil on a screen without
    /// a table (dashboard, story, forecast, the KPI autopsy by month) or with an empty one.
    static func list(_ state: AppState) -> ListGeometry? {
        let body = body(state.size)
        let entry = state.top
        func geometry(_ table: Rect, count: Int, fixedScroll: Int? = nil) -> ListGeometry? {
            guard count > 0 else { return nil }
            let visible = Table.visibleRows(height: table.height)
            let scroll = fixedScroll ?? scrollOffset(selection: entry.selection, scroll: entry.scroll, visible: visible, count: count)
            return ListGeometry(table: table, scroll: scroll, count: count)
        }
        switch entry.screen {
        case .portfolio:
            let count = state.portfolioOrder.count
            return geometry(Rect(x: body.x, y: body.y + 1, width: body.width, height: min(body.height - 3, count + 1)), count: count)
        case .funnel(let c):
            let count = state.reviews[c]?.funnel.count ?? 0
            return geometry(Rect(x: body.x, y: body.y + 1, width: body.width, height: min(min(body.height - 2, 12), count + 1)), count: count, fixedScroll: 0)
        case .deals, .stalledAll:
            return geometry(Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1), count: state.dealRows(for: entry).count)
        case .autopsy(let c) where state.autopsyMonthsBack == nil:
            let height = body.height - 1 - AutopsyScreen.reasonsHeight - AutopsyScreen.whatIfHeight
            return geometry(Rect(x: body.x, y: body.y + 1, width: body.width, height: height), count: state.reviews[c]?.autopsy.rows.count ?? 0)
        case .actions(let c):
            return geometry(Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1), count: state.actionRows(client: c).count)
        case .search:
            // As `SearchScreen` draws it: as many results as fit, never scrolled.
            return geometry(Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1), count: state.searchRows(for: entry).count, fixedScroll: 0)
        case .autopsy, .dashboard, .story, .forecast:
            return nil
        }
    }
}

extension AppState {
    /// Rows the wheel moves a list, the help or a story per notch.
    static let wheelRows = 3

    /// A click selects the row (or KPI tile, forecast month, item of the month view) under it; a
    /// double click also opens it, as Enter; the wheel scrolls; a click on a footer hint is its key. A click on nothing does nothing
    /// and says nothing. While a form or a typed line is open, the mouse does nothing.
    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        guard form == nil, input == nil else { return [] }
        // Below 80×24 the screen only says to enlarge the terminal: nothing to click or scroll.
        guard size.width >= CockpitView.minimumSize.width, size.height >= CockpitView.minimumSize.height else { return [] }
        // A click on a footer hint is that key (`Esc back`, `? help`, `j/k` on its j or its k).
        if event.y == size.height - 1, event.kind == .press || event.kind == .doubleClick {
            guard event.kind == .press, let key = Chrome.hintKey(self, x: event.x) else { return [] }
            return handle(key)
        }
        if showHelp {
            switch event.kind {
            case .wheelUp: scrollHelp(by: -Self.wheelRows)
            case .wheelDown: scrollHelp(by: Self.wheelRows)
            case .press, .doubleClick: break
            }
            return []
        }
        switch event.kind {
        case .wheelUp: wheel(by: -Self.wheelRows)
        case .wheelDown: wheel(by: Self.wheelRows)
        case .press, .doubleClick:
            guard let target = hit(x: event.x, y: event.y) else { return [] }
            status = nil
            top.selection = target
            if let list = Layout.list(self) { top.scroll = list.scroll }
            if event.kind == .doubleClick {
                if let why = KeyTable.binding(for: .enter)?.whyNot(on: screenKind) { status = why; return [] }
                drill()
            }
        }
        return []
    }

    /// The wheel: a list's window moves (the selection kept in it), a story scrolls; elsewhere
    /// the selection moves (KPI tiles, forecast months, the month view's items).
    mutating func wheel(by delta: Int) {
        status = nil
        if let list = Layout.list(self) {
            // A list longer than its window scrolls; one shown whole moves its selection a row.
            if list.count > list.visible {
                (top.scroll, top.selection) = list.scrolled(by: delta, selection: top.selection)
            } else {
                move(by: delta > 0 ? 1 : -1)
            }
            return
        }
        switch top.screen {
        case .dashboard, .forecast: move(by: delta > 0 ? 1 : -1)
        default: move(by: delta)
        }
    }

    /// What a click at (x, y) selects on the screen on top: a row, a KPI tile, a forecast month,
    /// an item of the month view; nil for anything else.
    func hit(x: Int, y: Int) -> Int? {
        guard size.width >= CockpitView.minimumSize.width, size.height >= CockpitView.minimumSize.height else { return nil }
        let body = Layout.body(size)
        if let list = Layout.list(self) { return list.row(x: x, y: y) }
        switch top.screen {
        case .dashboard(let c):
            guard let review = reviews[c] else { return nil }
            return DashboardScreen.tiles(review, in: body, glyphs: .unicode).firstIndex { $0.contains(x: x, y: y) }
        case .forecast:
            let line = y - (body.y + 2)
            return (0..<3).contains(line) && x < body.maxX ? line : nil
        case .autopsy(let c) where autopsyMonthsBack != nil:
            guard let dive = deepDive(c) else { return nil }
            let lines = AutopsyMonthView.lines(dive, glyphs: .ascii, width: size.width)
            let visible = AutopsyMonthView.visibleRows(size)
            let first = AutopsyMonthView.scroll(lines, selection: top.selection, scroll: top.scroll, visible: visible)
            let line = y - (body.y + 1)
            guard line >= 0, line < visible, lines.indices.contains(first + line) else { return nil }
            return lines[first + line].item
        default:
            return nil
        }
    }
}

extension Rect {
    func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}
