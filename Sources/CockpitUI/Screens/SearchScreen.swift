import MetricsCore

/// `/` on the portfolio: the deals of every client the query finds, best first, in a list that
/// scrolls, with how many it found in all and which are shown.
struct SearchScreen {
    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let entry = state.top
        let query = sanitizedForDisplay(entry.filter)
        let result = state.searchResult(for: entry)
        let rows = state.searchRows(for: entry)
        let geometry = Layout.list(state)
        var title = "Search every client's deals"
        if !query.isEmpty {
            let shown = geometry.map { $0.scroll..<min($0.count, $0.scroll + $0.visible) } ?? 0..<0
            title += " for \"\(query)\"  \(glyphs.separator)  " + Self.counted(result.total, listed: rows.count, shown: shown)
            // Said when it fits whole: a cut list of currencies says nothing.
            let currencies = "  \(glyphs.separator)  by currency: \(result.currencies.joined(separator: ", ")) (not converted)"
            if result.currencies.count > 1, TextWidth.of(title + currencies) <= area.width - 2 { title += currencies }
        }
        buffer.put(TextWidth.truncate(title, to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y, style: .title)

        // Columns as wide as what the rows on screen hold (an amount in euros further down takes
        // no cells); the deal's name takes what is left up to a cap (`ColumnFit`).
        let amounts = rows.map { ValueFormatter(currency: $0.currency, glyphs: glyphs.text).money($0.amount) }
        let owners = rows.map { $0.owner.isEmpty ? glyphs.text.dash : $0.owner }
        let seen = geometry.map { Array($0.scroll..<min($0.count, $0.scroll + $0.visible)) } ?? []
        func onScreen(_ texts: [String]) -> [String] { seen.map { texts[$0] } }
        func onScreen(_ text: (DealRow) -> String) -> [String] { seen.map { text(rows[$0]) } }
        let columns = ColumnFit.columns([
            ColumnFit.Spec("Client", onScreen(\.clientName), floor: 8), ColumnFit.Spec("ID", onScreen(\.id), floor: 10),
            ColumnFit.Spec("Deal", onScreen(\.name), floor: 8, grows: true, weight: 2), ColumnFit.Spec("Stage", onScreen(\.stage), floor: 8),
            ColumnFit.Spec("Amount", onScreen(amounts), right: true), ColumnFit.Spec("Owner", onScreen(owners), floor: 8),
        ], width: area.width)
        let spans = rows.enumerated().map { i, r -> [Span] in
            [Span(r.clientName, .muted), Span(r.id), Span(r.name), Span(r.stage), Span(amounts[i]), Span(owners[i], .muted)]
        }
        let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        Table(columns: columns, rows: spans, selected: rows.isEmpty ? nil : entry.selection, scroll: geometry?.scroll ?? 0, glyphs: glyphs)
            .render(in: geometry?.table ?? list, into: &buffer)
        if rows.isEmpty {
            let text = query.isEmpty ? "Type a deal's id or name, an account or an owner (a rep's name or id)." : "No deal of any client matches \"\(query)\"."
            buffer.put(TextWidth.truncate(text, to: area.width - 4, ellipsis: glyphs.text.ellipsis), x: area.x + 2, y: area.y + 3, style: .muted)
        }
    }

    /// `3 matches` when all are shown; `42 matches, 21-40 shown` while the list scrolls; `2719
    /// matches, 21-40 of the first 500` when more were found than are listed.
    static func counted(_ total: Int, listed: Int, shown: Range<Int>) -> String {
        let all = total == 1 ? "1 match" : "\(total) matches"
        let window = "\(shown.lowerBound + 1)-\(shown.upperBound)"
        if listed < total { return shown.count < listed ? "\(all), \(window) of the first \(listed)" : "\(all), the first \(listed) shown" }
        return shown.count < total ? "\(all), \(window) shown" : all
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
