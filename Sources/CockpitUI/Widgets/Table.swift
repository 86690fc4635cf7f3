/// A column of a `Table`: title, width in cells, alignment.
public struct Column: Sendable {
    public let title: String
    public let width: Int
    public let alignRight: Bool
    public init(_ title: String, _ width: Int, right: Bool = false) { self.title = title; self.width = width; alignRight = right }
}

/// A styled piece of a table cell.
public struct Span: Sendable {
    public let text: String
    public let style: Style
    public init(_ text: String, _ style: Style = .normal) { self.text = text; self.style = style }
}

/// A table with a header row, a selected row and scrolling; it only draws into a buffer.
public struct Table {
    public let columns: [Column]
    public let rows: [[Span]]
    public let selected: Int?
    public let scroll: Int
    public let glyphs: UIGlyphs

    public init(columns: [Column], rows: [[Span]], selected: Int?, scroll: Int, glyphs: UIGlyphs) {
        self.columns = columns; self.rows = rows; self.selected = selected; self.scroll = scroll; self.glyphs = glyphs
    }

    /// Rows that fit under the header in `height` lines.
    public static func visibleRows(height: Int) -> Int { max(0, height - 1) }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        var x = area.x + 2
        for (i, c) in columns.enumerated() {
            // A number's title wider than its numbers reaches left over the blank end of a text
            // column's title, one blank kept between them (`ColumnFit` leaves its cells for it).
            let over = TextWidth.of(c.title) - c.width
            if c.alignRight, over > 0, i > 0, !columns[i - 1].alignRight, over <= columns[i - 1].width - TextWidth.of(columns[i - 1].title) {
                buffer.put(c.title, x: x - over, y: area.y, style: .header, clip: area)
            } else {
                buffer.put(TextWidth.pad(c.title, to: c.width, right: c.alignRight, ellipsis: glyphs.text.ellipsis), x: x, y: area.y, style: .header, clip: area)
            }
            x += c.width + 1
        }
        buffer.setStyle(Rect(x: area.x, y: area.y, width: area.width, height: 1), .header)
        let visible = Self.visibleRows(height: area.height)
        for (line, r) in rows.indices.dropFirst(scroll).prefix(visible).enumerated() {
            let y = area.y + 1 + line
            let isSelected = r == selected
            // The selection marks the pointer and the first column only: a cursor move then
            // rewrites a few cells, not two whole rows (bytes matter over SSH; see benchmarks).
            let markWidth = 2 + (columns.first?.width ?? 0)
            if isSelected {
                buffer.fill(Rect(x: area.x, y: y, width: min(markWidth, area.width), height: 1), style: .selected)
                buffer.put(glyphs.pointer, x: area.x, y: y, style: .selected, clip: area)
            }
            var cx = area.x + 2
            for (n, (c, span)) in zip(columns, rows[r]).enumerated() {
                let text = TextWidth.pad(span.text, to: c.width, right: c.alignRight, ellipsis: glyphs.text.ellipsis)
                var style = span.style
                if isSelected && n == 0 { style = Style(.selection, bold: true) }
                buffer.put(text, x: cx, y: y, style: style, clip: area)
                cx += c.width + 1
            }
        }
        // Where the list is longer than the window: "15/24", when it fits beside the titles.
        if rows.count > visible, visible > 0 {
            let mark = "\(min(rows.count, scroll + visible))/\(rows.count)"
            if x + TextWidth.of(mark) < area.maxX { buffer.put(mark, x: area.maxX - TextWidth.of(mark) - 1, y: area.y, style: .header, clip: area) }
        }
    }
}

/// Keeps a selected row inside the visible window of a list.
public func scrollOffset(selection: Int, scroll: Int, visible: Int, count: Int) -> Int {
    guard visible > 0 else { return 0 }
    var s = min(scroll, max(0, count - visible))
    if selection < s { s = selection }
    if selection >= s + visible { s = selection - visible + 1 }
    return max(0, s)
}
