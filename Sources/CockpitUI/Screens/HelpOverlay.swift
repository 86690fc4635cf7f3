import MetricsCore

/// Every key of the key table, in a box over the current screen. Taller than the screen, it
/// scrolls (j k, pages, g G) and says "more" on the side where rows are hidden.
enum HelpOverlay {
    /// At 80 columns the box covers the body's width: no row of the screen below shows beside it.
    static let maxWidth = 80

    /// A line of the help: the first of an entry carries its keys; a long help text wraps onto more.
    struct Row {
        let entry: Int
        let isFirst: Bool
        /// The help text's part on this line, Unicode (drawn through the glyph set).
        let text: String
    }

    /// The key column: the widest keys in either glyph set, so both lay out (and scroll) alike.
    static let keyWidth = KeyTable.helpLines.map { max(TextWidth.of($0.shown), TextWidth.of($0.asciiShown)) }.max() ?? 0

    static func boxWidth(_ area: Rect) -> Int { max(0, min(area.width, maxWidth)) }
    static func textWidth(boxWidth: Int) -> Int { max(1, boxWidth - keyWidth - 5) }

    /// The rows at a box width. Words are measured in the wider of their two forms (`→` `->`),
    /// so a text wraps at the same word with either glyph set.
    static func rows(boxWidth: Int) -> [Row] {
        let room = textWidth(boxWidth: boxWidth)
        return KeyTable.helpLines.enumerated().flatMap { i, entry in
            var lines: [String] = [], line = "", used = 0
            for word in entry.help.split(separator: " ").map(String.init) {
                let w = max(TextWidth.of(word), TextWidth.of(Glyphs.ascii.text(word)))
                if !line.isEmpty, used + 1 + w > room {
                    lines.append(line)
                    line = ""
                    used = 0
                }
                line += (line.isEmpty ? "" : " ") + word
                used += (used == 0 ? 0 : 1) + w
            }
            lines.append(line)
            return lines.enumerated().map { Row(entry: i, isFirst: $0.offset == 0, text: $0.element) }
        }
    }

    /// The box: as tall as the rows and its title, rule and closing line, at most the body.
    static func box(_ area: Rect, rowCount: Int) -> Rect {
        let width = boxWidth(area), height = min(area.height, rowCount + 3)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    /// Rows on screen at a terminal size.
    static func visibleRows(_ size: Size) -> Int {
        let body = Layout.body(size)
        let rows = rows(boxWidth: boxWidth(body))
        return max(0, box(body, rowCount: rows.count).height - 3)
    }

    /// The largest scroll: the last row at the bottom of the box.
    static func maxScroll(_ size: Size) -> Int {
        max(0, rows(boxWidth: boxWidth(Layout.body(size))).count - visibleRows(size))
    }

    static func render(in area: Rect, scroll: Int, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let rows = rows(boxWidth: boxWidth(area))
        let box = box(area, rowCount: rows.count)
        guard box.height >= 4 else { return }
        let visible = box.height - 3
        let first = max(0, min(scroll, rows.count - visible))
        buffer.fill(box, style: .normal)
        TitledRule(title: "Keys", glyphs: glyphs, style: .title).render(in: box.rows(0, 1), into: &buffer)
        for (i, row) in rows[first..<min(rows.count, first + visible)].enumerated() {
            let y = box.y + 1 + i
            if row.isFirst {
                buffer.put(glyphs.text.text(KeyTable.helpLines[row.entry].shown), x: box.x + 2, y: y, style: Style(.accent, bold: true))
            }
            buffer.put(glyphs.text.text(row.text), x: box.x + 4 + keyWidth, y: y)
        }
        buffer.put(String(repeating: glyphs.horizontal, count: box.width), x: box.x, y: box.maxY - 2, style: Style(.border))
        let scrolls = rows.count > visible
        buffer.put("? or Esc closes this help" + (scrolls ? " \(glyphs.separator) j k scroll" : ""), x: box.x + 2, y: box.maxY - 1, style: .muted)
        // Words and arrows, never colour alone, say that rows are hidden and on which side.
        if first > 0 {
            let above = " more \(glyphs.text.up) "
            buffer.put(above, x: box.maxX - 2 - TextWidth.of(above), y: box.y, style: Style(.accent, bold: true))
        }
        if first + visible < rows.count {
            let below = "more \(glyphs.text.down)"
            buffer.put(below, x: box.maxX - 2 - TextWidth.of(below), y: box.maxY - 1, style: Style(.accent, bold: true))
        }
    }
}
