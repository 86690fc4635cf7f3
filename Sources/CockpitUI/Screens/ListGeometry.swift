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
    static func list(_ state: AppState) -> ListGeometry? { list(state, state.top) }

    /// The list of `entry`'s screen: its unit's frame, as tall as its rows need, scrolled as
    /// ratatui's `TableState` is: from the kept scroll, as little as shows the selected row.
    static func list(_ state: AppState, _ entry: NavEntry) -> ListGeometry? {
        let unit = state.unit(entry.screen)
        guard let frame = unit.listFrame(state.size) else { return nil }
        let count = unit.rowCount(state, entry)
        guard count > 0 else { return nil }
        let table = Rect(x: frame.x, y: frame.y, width: frame.width, height: min(frame.height, count + 1))
        let visible = Table.visibleRows(height: table.height)
        return ListGeometry(table: table, scroll: scrollOffset(selection: entry.selection, scroll: entry.scroll, visible: visible, count: count), count: count)
    }
}
