import MetricsCore

/// `/` on the portfolio: the deals of every client the query finds, best first, as many as fit,
/// with how many it found in all.
struct SearchScreen {
    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let entry = state.top
        let query = sanitizedForDisplay(entry.filter)
        let result = state.searchResult(for: entry)
        let rows = state.searchRows(for: entry)
        var title = "Search every client's deals"
        if !query.isEmpty {
            title += " for \"\(query)\"  \(glyphs.separator)  " + Self.counted(result.total, shown: rows.count)
        }
        buffer.put(TextWidth.truncate(title, to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y, style: .title)

        // Columns as wide as what they hold (capped), so the deal's name gets the rest.
        let wide = area.width >= 120
        func fitted(_ title: String, _ texts: [String], cap: Int) -> Int {
            min(cap, max(TextWidth.of(title), texts.map(TextWidth.of).max() ?? 0))
        }
        let amounts = rows.map { ValueFormatter(currency: $0.currency, glyphs: glyphs.text).money($0.amount) }
        let owners = rows.map { $0.owner.isEmpty ? glyphs.text.dash : $0.owner }
        let fixed = [Column("Client", fitted("Client", rows.map(\.clientName), cap: wide ? 24 : 12)),
                     Column("ID", fitted("ID", rows.map(\.id), cap: wide ? 14 : 10))]
        let tail = [Column("Stage", fitted("Stage", rows.map(\.stage), cap: wide ? 24 : 11)),
                    Column("Amount", fitted("Amount", amounts, cap: 10), right: true),
                    Column("Owner", fitted("Owner", owners, cap: wide ? 20 : 12))]
        let used = 2 + (fixed + tail).reduce(0) { $0 + $1.width + 1 } + 1
        let columns = fixed + [Column("Deal", max(8, area.width - used))] + tail
        let spans = rows.enumerated().map { i, r -> [Span] in
            [Span(r.clientName, .muted), Span(r.id), Span(r.name), Span(r.stage), Span(amounts[i]), Span(owners[i], .muted)]
        }
        let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let selection = min(entry.selection, max(0, rows.count - 1))
        Table(columns: columns, rows: spans, selected: rows.isEmpty ? nil : selection, scroll: 0, glyphs: glyphs).render(in: list, into: &buffer)
        if rows.isEmpty {
            let text = query.isEmpty ? "Type a deal's id or name, an account or an owner (a rep's name or id)." : "No deal of any client matches \"\(query)\"."
            buffer.put(TextWidth.truncate(text, to: area.width - 4, ellipsis: glyphs.text.ellipsis), x: area.x + 2, y: area.y + 3, style: .muted)
        }
    }

    /// `42 matches, 18 shown`; `3 matches` when all are shown.
    static func counted(_ total: Int, shown: Int) -> String {
        let all = total == 1 ? "1 match" : "\(total) matches"
        return shown < total ? "\(all), \(shown) shown" : all
    }
}

extension SearchScreen: ScreenUnit {
    var kind: ScreenKind { .search }
    /// Its query, so a story opened from it says what found it.
    func crumb(_ state: AppState, _ entry: NavEntry) -> String {
        entry.filter.isEmpty ? "Search" : "Search \"\(sanitizedForDisplay(entry.filter))\""
    }
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int { state.searchResult(for: entry).hits.count }
    /// The rest of the body under the title.
    func listFrame(_ size: Size) -> Rect? {
        let body = Layout.body(size)
        return Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
    }
    /// The story of the deal selected.
    func open(_ state: inout AppState) { state.openSearchHit() }
}
