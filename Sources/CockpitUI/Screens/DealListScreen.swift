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
        // Every client's list names each row's client, unless the portfolio has one client.
        let allClients = showsClients(state)
        let wide = area.width >= 120
        let column = DealColumn(rawValue: entry.sortColumn) ?? .amount
        var title: String
        switch (client, scope) {
        case (nil, _):
            let only = allClients ? nil : state.entries.first { $0.index != nil }
            title = only.map { "\($0.name) \(glyphs.separator) stalled deals" } ?? "Stalled deals of every client"
        case (let c?, .stalled): title = "\(state.entries[c].name) \(glyphs.separator) stalled deals"
        case (let c?, .stage(let s)): title = "\(state.entries[c].name) \(glyphs.separator) \(state.entries[c].index.map { sanitizedForDisplay($0.stages[s].name) } ?? "") deals"
        }
        // How many, and which are shown when they do not all fit (the scroll mark of a list).
        let geometry = Layout.list(state)
        if let g = geometry, g.count > g.visible {
            title += " (\(grouped(g.scroll + 1))-\(grouped(min(g.count, g.scroll + g.visible))) of \(grouped(g.count)))"
        } else {
            title += " (\(grouped(rows.count)))"
        }
        let part = "  \(glyphs.separator)  ", arrow = entry.descending ? glyphs.text.down : glyphs.text.up
        let sort = part + "sorted by \(column.title.lowercased()) \(arrow)", shortSort = part + "by \(column.title.lowercased()) \(arrow)"
        let currencies = AppState.currencyOrder(rows)
        let byCurrency = column == .amount && currencies.count > 1 ? part + "by currency: \(currencies.joined(separator: ", ")) (not converted)" : ""
        let filter = entry.filter.isEmpty ? "" : part + "filter \"\(entry.filter)\": \(grouped(rows.count))"
        // Whole parts, shorter words first, then the least needed given up: never a part cut mid-word.
        let wordings = [title + sort + byCurrency + filter, title + shortSort + byCurrency + filter, title + shortSort + filter,
                        title + filter, title + shortSort, title]
        buffer.put(Wording.first(wordings, width: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y, style: .title)

        // Columns as wide as what the rows on screen hold; the deal's name takes what is left up
        // to a cap, and when the row is too narrow the longest texts give way first (`ColumnFit`).
        // A column that would say the same on every row is left out: the stage of a stage's
        // list, STALLED on a list of stalled deals (the title says it), flags none of the rows
        // on screen has.
        let oneStage: Bool, allStalled: Bool
        switch scope {
        case .stage: oneStage = true; allStalled = false
        case .stalled: oneStage = false; allStalled = true
        }
        func flags(_ r: DealRow) -> String { r.badges.filter { !(allStalled && $0 == "STALLED") }.joined(separator: " ") }
        let amounts = rows.map { ValueFormatter(currency: $0.currency, glyphs: glyphs.text).money($0.amount) }
        let idle = rows.map { $0.daysIdle.map(String.init) ?? glyphs.text.dash }
        let owners = rows.map { $0.owner.isEmpty ? glyphs.text.dash : $0.owner }
        let seen = geometry.map { Array($0.scroll..<min($0.count, $0.scroll + $0.visible)) } ?? []
        func onScreen<T>(_ texts: [T]) -> [T] { seen.map { texts[$0] } }
        func onScreen(_ text: (DealRow) -> String) -> [String] { seen.map { text(rows[$0]) } }
        var specs = [ColumnFit.Spec("ID", onScreen(\.id), floor: 10)]
        if allClients { specs.append(ColumnFit.Spec("Client", onScreen(\.clientName), floor: 8)) }
        specs.append(ColumnFit.Spec("Deal", onScreen(\.name), floor: 8, grows: true, weight: 2))
        if !oneStage { specs.append(ColumnFit.Spec("Stage", onScreen(\.stage), floor: 8)) }
        // Days in the stage, and since the last activity: the two stall rules of kpis.md.
        specs += [ColumnFit.Spec("Amount", onScreen(amounts), right: true), ColumnFit.Spec("Days", onScreen { String($0.daysInStage) }, right: true),
                  ColumnFit.Spec("Idle", onScreen(idle), right: true)]
        // Every client's list at 80 columns has a Client column too: there the close date gives
        // way to the deal's name (an overdue close still says OVERDUE).
        let showsClose = !(allClients && area.width < 100)
        if showsClose { specs.append(ColumnFit.Spec("Close", onScreen { $0.expectedClose?.description ?? glyphs.text.dash })) }
        if wide { specs.append(ColumnFit.Spec("Owner", onScreen(owners), floor: 8)) }
        let showsFlags = seen.contains { !flags(rows[$0]).isEmpty }
        if showsFlags { specs.append(ColumnFit.Spec("Flags", onScreen(flags))) }
        let columns = ColumnFit.columns(specs, width: area.width)
        let spans = rows.enumerated().map { i, r -> [Span] in
            var row = [Span(r.id)]
            if allClients { row.append(Span(r.clientName, .muted)) }
            row.append(Span(r.name))
            if !oneStage { row.append(Span(r.stage)) }
            row += [Span(amounts[i]), Span(String(r.daysInStage)), Span(idle[i], .muted)]
            if showsClose { row.append(Span(r.expectedClose?.description ?? glyphs.text.dash, r.overdue ? Style(.bad) : .normal)) }
            if wide { row.append(Span(owners[i], .muted)) }
            if showsFlags { row.append(Span(flags(r), Style(r.stalled ? .bad : .warn, bold: true))) }
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
    /// Every client's stalled deals of a portfolio of more than one client: the rows say whose.
    func showsClients(_ state: AppState) -> Bool {
        client == nil && state.entries.lazy.filter { $0.index != nil }.prefix(2).count > 1
    }

    /// The columns shown at this size, which `s` cycles through (the render's choices).
    func sortable(_ size: Size, showsClients: Bool) -> [DealColumn] {
        var hidden: [DealColumn] = []
        if !showsClients { hidden.append(.client) }                 // one client's list
        if case .stage = scope { hidden.append(.stage) }            // the same on every row
        if showsClients && size.width < 100 { hidden.append(.close) }
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
