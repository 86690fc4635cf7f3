import MetricsCore

/// A list of deals (a stage's, a client's stalled ones, or every client's stalled ones):
/// sortable by any column, filterable, with stalled/slipped/overdue badges as words.
struct DealListScreen {
    /// The client, or nil for every client's (stalled) deals.
    let client: Int?
    let scope: DealScope

    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let entry = state.top
        let rows = state.dealRows(for: entry)
        let allClients = client == nil
        let wide = area.width >= 120
        let column = DealColumn(rawValue: entry.sortColumn) ?? .amount
        var title: String
        switch (client, scope) {
        case (nil, _): title = "Stalled deals of every client"
        case (let c?, .stalled): title = "\(state.entries[c].name) \(glyphs.separator) stalled deals"
        case (let c?, .stage(let s)): title = "\(state.entries[c].name) \(glyphs.separator) \(state.entries[c].index.map { sanitizedForDisplay($0.stages[s].name) } ?? "") deals"
        }
        // How many, and which are shown when they do not all fit (the scroll mark of a list).
        let geometry = Layout.list(state)
        if let g = geometry, g.count > g.visible {
            title += " (\(g.scroll + 1)-\(min(g.count, g.scroll + g.visible)) of \(g.count))"
        } else {
            title += " (\(rows.count))"
        }
        title += "  \(glyphs.separator)  sorted by \(column.title.lowercased()) \(entry.descending ? glyphs.text.down : glyphs.text.up)"
        let currencies = AppState.currencyOrder(rows)
        if column == .amount, currencies.count > 1 {
            title += "  \(glyphs.separator)  by currency: \(currencies.joined(separator: ", ")) (not converted)"
        }
        if !entry.filter.isEmpty { title += "  \(glyphs.separator)  filter \"\(entry.filter)\": \(rows.count)" }
        buffer.put(TextWidth.truncate(title, to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y, style: .title)

        // Columns as wide as what they hold (capped), so the deal's name gets the rest. A column
        // that would say the same on every row is left out: the stage of a stage's list, and
        // STALLED on a list of stalled deals (the title says it).
        let oneStage: Bool, allStalled: Bool
        switch scope {
        case .stage: oneStage = true; allStalled = false
        case .stalled: oneStage = false; allStalled = true
        }
        func flags(_ r: DealRow) -> String { r.badges.filter { !(allStalled && $0 == "STALLED") }.joined(separator: " ") }
        func fitted(_ title: String, _ texts: [String], cap: Int) -> Int {
            min(cap, max(TextWidth.of(title), texts.map(TextWidth.of).max() ?? 0))
        }
        var fixed: [Column] = [Column("ID", fitted("ID", rows.map(\.id), cap: wide ? 14 : 10))]
        if allClients { fixed.append(Column("Client", fitted("Client", rows.map(\.clientName), cap: wide ? 24 : 12))) }
        var tail: [Column] = []
        if !oneStage { tail.append(Column("Stage", fitted("Stage", rows.map(\.stage), cap: wide ? 24 : 11))) }
        // Days in the stage, and since the last activity: the two stall rules of kpis.md.
        tail += [Column("Amount", 8, right: true), Column("Days", 4, right: true), Column("Idle", 4, right: true)]
        // Every client's list at 80 columns has a Client column too: there the close date gives
        // way to the deal's name (an overdue close still says OVERDUE).
        let showsClose = !(allClients && area.width < 100)
        if showsClose { tail.append(Column("Close", 10)) }
        if wide { tail.append(Column("Owner", fitted("Owner", rows.map(\.owner), cap: 20))) }
        tail.append(Column("Flags", fitted("Flags", rows.map(flags), cap: 16)))
        let used = 2 + (fixed + tail).reduce(0) { $0 + $1.width + 1 } + 1
        let columns = fixed + [Column("Deal", max(8, area.width - used))] + tail
        let spans = rows.map { r -> [Span] in
            let f = ValueFormatter(currency: r.currency, glyphs: glyphs.text)
            var row = [Span(r.id)]
            if allClients { row.append(Span(r.clientName, .muted)) }
            row.append(Span(r.name))
            if !oneStage { row.append(Span(r.stage)) }
            row += [Span(f.money(r.amount)), Span(String(r.daysInStage)), Span(r.daysIdle.map(String.init) ?? glyphs.text.dash, .muted)]
            if showsClose { row.append(Span(r.expectedClose?.description ?? glyphs.text.dash, r.overdue ? Style(.bad) : .normal)) }
            if wide { row.append(Span(r.owner.isEmpty ? glyphs.text.dash : r.owner, .muted)) }
            row.append(Span(flags(r), Style(r.stalled ? .bad : .warn, bold: true)))
            return row
        }
        let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        if rows.isEmpty {
            Table(columns: columns, rows: [], selected: nil, scroll: 0, glyphs: glyphs).render(in: list, into: &buffer)
            buffer.put(entry.filter.isEmpty ? "No deals here." : "No deal matches \"\(entry.filter)\".", x: area.x + 2, y: area.y + 3, style: .muted)
            return
        }
        let shown = geometry ?? ListGeometry(table: list, scroll: 0, count: rows.count)
        Table(columns: columns, rows: spans, selected: entry.selection, scroll: shown.scroll, glyphs: glyphs).render(in: shown.table, into: &buffer)
    }
}

extension DealListScreen {
    /// The columns shown at this size, which `s` cycles through (the render's choices).
    func sortable(_ size: Size) -> [DealColumn] {
        var hidden: [DealColumn] = []
        if case .stage = scope { hidden.append(.stage) }            // the same on every row
        if client == nil && size.width < 100 { hidden.append(.close) }
        if size.width < 120 { hidden.append(.owner) }
        return DealColumn.allCases.filter { !hidden.contains($0) }
    }
}

extension DealListScreen: ScreenUnit {
    var kind: ScreenKind { client == nil ? .stalledAll : .deals }
    func crumb(_ state: AppState, _ entry: NavEntry) -> String {
        switch (client, scope) {
        case (nil, _): return "Stalled, all clients"
        case (_, .stalled): return "Stalled deals"
        case (let c?, .stage(let s)): return state.entries[c].index.map { sanitizedForDisplay($0.stages[s].name) } ?? "Deals"
        }
    }
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int { state.dealRows(for: entry).count }
    /// The rest of the body under the title.
    func listFrame(_ size: Size) -> Rect? {
        let body = Layout.body(size)
        return Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
    }

    /// The deal's story.
    func open(_ state: inout AppState) {
        guard let row = state.dealRows(for: state.top)[safe: state.top.selection] else { return state.nothingToOpen() }
        state.push(.story(client: row.client, deal: row.deal))
    }
}
