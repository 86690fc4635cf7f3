/// Every key, in a box over the current screen.
enum HelpOverlay {
    static let keys: [(String, String)] = [
        ("Enter l →", "open the selected client, stage or deal"),
        ("Esc h ← p", "back (the breadcrumb shows the way); p: the portfolio"),
        ("j k ↓ ↑", "move; g G first/last; PgUp PgDn page"),
        ("Tab", "next view: dashboard, funnel, autopsy, actions, forecast"),
        ("d f a w", "dashboard, funnel, KPI autopsy, actions of this client"),
        ("x", "stalled deals (of this client, or of every client)"),
        ("[ ] t", "review a week earlier / later / back to today's week"),
        ("/ s S", "filter a deal list / sort by next column, reverse it"),
        ("y", "portfolio: why its colour, what the review still needs"),
        (":", "jump to a client by id"),
        ("n A e", "on a deal: next step / acknowledge stall / write autopsy"),
        ("m < >", "KPI autopsy: by month or quarter / month before, after"),
        ("i", "dashboard: improvement target of the KPI selected (j k)"),
        ("o D X P", "actions: plan one / mark done, dropped, planned"),
        ("F / R", "the rolling forecast / record it into the file"),
        ("c ?", "next colour theme / this help"),
        ("q Ctrl-C", "quit"),
    ]

    static func render(in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let width = min(area.width - 4, 72), height = min(area.height - 2, keys.count + 3)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(box, style: .normal)
        TitledRule(title: "Keys", glyphs: glyphs, style: .title).render(in: box.rows(0, 1), into: &buffer)
        for (i, (key, what)) in keys.prefix(height - 3).enumerated() {
            buffer.put(TextWidth.pad(glyphs.text.text(key), to: 12), x: box.x + 2, y: box.y + 1 + i, style: Style(.accent, bold: true))
            buffer.put(TextWidth.truncate(what, to: width - 16, ellipsis: glyphs.text.ellipsis), x: box.x + 14, y: box.y + 1 + i)
        }
        buffer.put(String(repeating: glyphs.horizontal, count: width), x: box.x, y: box.maxY - 2, style: Style(.border))
        buffer.put("? or Esc closes this help", x: box.x + 2, y: box.maxY - 1, style: .muted)
    }
}
