import MetricsCore

/// The CRO's weekly actions: last week's (to mark done or dropped) and this week's plan (the
/// seeds' three), with the KPI each should move.
struct ActionsScreen {
    let client: Int

    static func render(_ state: AppState, client: Int, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let rows = state.actionRows(client: client)
        let currency = state.entries[client].index?.engagement.client.currency
        let thisWeek = state.date.isoWeek, lastWeek = (state.date - 7).isoWeek
        let planned = rows.filter { $0.isThisWeek && $0.status != "dropped" }.count
        let last = rows.filter { !$0.isThisWeek }
        let open = last.filter { $0.status == "planned" }.count
        // The fullest wording that fits: "actions" goes first (the breadcrumb says it), then the
        // weeks' years, then last week's counts; never a count cut mid-word.
        let sep = " \(glyphs.separator) ", name = state.entries[client].name
        let done = last.filter { $0.status == "done" }.count
        func week(_ w: ISOWeek, full: Bool) -> String { full ? "\(w)" : "W\(w.week < 10 ? "0" : "")\(w.week)" }
        func title(_ word: Bool, _ years: Bool, _ lastWeekToo: Bool) -> String {
            name + (word ? sep + "actions" : "") + sep + "\(week(thisWeek, full: years)): \(planned) of 3 planned"
                + (lastWeekToo ? sep + "\(week(lastWeek, full: years)): \(done) done, \(open) open" : "")
        }
        let title = Wording.first([title(true, true, true), title(false, true, true), title(false, false, true), title(false, false, false)],
                                  width: area.width - 2, ellipsis: glyphs.text.ellipsis)
        buffer.put(title, x: area.x + 1, y: area.y, style: .title)
        let fixed = [Column("Week", 4), Column("#", 2, right: true), Column("Status", 10)]
        // The KPI and owner as wide as they are (capped), so the action's text gets the rest.
        let wide = area.width >= 120
        func fitted(_ title: String, _ texts: [String], cap: Int) -> Int {
            min(cap, max(TextWidth.of(title), texts.map(TextWidth.of).max() ?? 0))
        }
        // Every KPI by its name when all names fit, else every one by its short label.
        let kpiCap = wide ? 40 : 14
        let names = rows.map { r in r.kpi.map { KPILabels.list([$0], currency: currency, short: false, none: glyphs.text.dash) } ?? glyphs.text.dash }
        let kpis = names.allSatisfy { TextWidth.of($0) <= kpiCap } ? names
            : rows.map { r in r.kpi.map { KPILabels.list([$0], short: true, none: glyphs.text.dash) } ?? glyphs.text.dash }
        let kpiWidth = fitted("KPI", kpis, cap: kpiCap)
        let tail = [Column("KPI", kpiWidth), Column("Owner", fitted("Owner", rows.compactMap(\.owner).map(sanitizedForDisplay), cap: wide ? 20 : 12))]
        let used = 2 + (fixed + tail).reduce(0) { $0 + $1.width + 1 } + 1
        let columns = fixed + [Column("Action", max(10, area.width - used))] + tail
        let spans = rows.enumerated().map { i, r -> [Span] in
            [Span(r.isThisWeek ? "this" : "last", .muted), Span(String(r.ref.ordinal + 1)), statusSpan(r.status, glyphs: glyphs),
             Span(sanitizedForDisplay(r.ref.text)), Span(kpis[i], .muted), Span(r.owner.map(sanitizedForDisplay) ?? glyphs.text.dash, .muted)]
        }
        let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard !rows.isEmpty else {
            Table(columns: columns, rows: [], selected: nil, scroll: 0, glyphs: glyphs).render(in: list, into: &buffer)
            buffer.put("No actions last week or this week. o plans one; the seeds say three a week.", x: area.x + 2, y: area.y + 3, style: .muted)
            return
        }
        let geometry = Layout.list(state) ?? ListGeometry(table: list, scroll: 0, count: rows.count)
        Table(columns: columns, rows: spans, selected: state.top.selection, scroll: geometry.scroll, glyphs: glyphs).render(in: geometry.table, into: &buffer)
    }

    /// Status as glyph and word: done, dropped, planned.
    static func statusSpan(_ status: String, glyphs: UIGlyphs) -> Span {
        switch status {
        case "done": return Span("\(glyphs.text.green) done", Style(.good))
        case "dropped": return Span("\(glyphs.text.none) dropped", .muted)
        case "planned": return Span("\(glyphs.text.yellow) planned", Style(.warn))
        default: return Span(sanitizedForDisplay(status), .muted)
        }
    }
}

extension ActionsScreen: ScreenUnit {
    var kind: ScreenKind { .actions }
    func crumb(_ state: AppState, _ entry: NavEntry) -> String { "Actions" }
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int { state.actionRows(client: client).count }
    /// The rest of the body under the title.
    func listFrame(_ size: Size) -> Rect? {
        let body = Layout.body(size)
        return Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
    }

    /// An action's whole text, KPI and owner, which its row may cut at 80 columns.
    func open(_ state: inout AppState) {
        guard let row = state.actionRows(client: client)[safe: state.top.selection] else { return state.nothingToOpen() }
        let currency = state.entries[client].index?.engagement.client.currency
        let kpi = row.kpi.map { " · KPI \(KPILabels.name($0, currency: currency))" } ?? "", owner = row.owner.map { " · owner \($0)" } ?? ""
        state.status = "\(row.ref.week) #\(row.ref.ordinal + 1) (\(row.status)): \(row.ref.text)\(kpi)\(owner)"
    }

    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        Self.render(state, client: client, in: area, glyphs: glyphs, into: &buffer)
    }
}
