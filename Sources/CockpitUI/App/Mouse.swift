import MetricsCore

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
            // A message covers the hints: a click there puts them back (a hint is never clicked unseen).
            if status != nil { status = nil; return [] }
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
        move(by: delta > 0 ? topUnit.wheelStep : -topUnit.wheelStep)
    }

    /// What a click at (x, y) selects on the screen on top: a row, a KPI tile, a forecast month,
    /// an item of the month view; nil for anything else.
    func hit(x: Int, y: Int) -> Int? {
        guard size.width >= CockpitView.minimumSize.width, size.height >= CockpitView.minimumSize.height else { return nil }
        if let list = Layout.list(self) { return list.row(x: x, y: y) }
        return topUnit.target(self, x: x, y: y)
    }
}

extension Rect {
    func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}
