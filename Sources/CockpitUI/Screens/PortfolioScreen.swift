import MetricsCore

/// The start screen: one row per engagement, worst status first.
enum PortfolioScreen {
    static func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let wide = area.width >= 140
        // Each loaded client's KPI strip items, first: the wide layout's columns depend on them.
        var strips: [Int: [String]] = [:]
        for i in state.portfolioOrder {
            guard let review = state.reviews[i] else { continue }
            let formatter = ValueFormatter(currency: review.engagement.client.currency, glyphs: glyphs.text)
            strips[i] = review.dashboard.map { id -> String in
                let k = review.kpi(id), before = review.previousKPI(id)
                let value = k.value.map { formatter.format($0, k.definition.unit) } ?? (k.status == .green ? "met" : glyphs.text.dash)
                return "\(KPILabels.short(id)) \(value)\(glyphs.text.trend(k.value, before.value))"
            }
        }
        func fitted(_ title: String, _ texts: [String], cap: Int) -> Int {
            min(cap, max(TextWidth.of(title), texts.map(TextWidth.of).max() ?? 0))
        }
        let names = state.portfolioOrder.map { state.entries[$0].name }
        let industries = state.portfolioOrder.compactMap { state.reviews[$0]?.engagement.client.industryName.replacingOccurrences(of: "_", with: " ") }
        let clientWidth = wide ? fitted("Client", names, cap: 30) : 19
        // Columns beyond 80 go to the industry first (a narrow terminal has no KPI strip).
        let industryWidth = fitted("Industry", industries, cap: wide ? 24 : 13 + max(0, area.width - 84))
        let needed = strips.values.map { TextWidth.of($0.joined(separator: "  ")) }.max() ?? 0
        func used(_ actionWidth: Int) -> Int { 2 + clientWidth + industryWidth + 9 + actionWidth + 11 + 5 }
        // The seeds' whole action when the KPIs still fit beside it, else its short form (the
        // dashboard says it whole): KPI values before words said again elsewhere.
        let fullActions = state.portfolioOrder.compactMap { state.reviews[$0].map { $0.weeklyStatus.action ?? "Check the data" } }
        let fullWidth = fitted("Action", fullActions, cap: 44)
        let longActions = wide && area.width - used(fullWidth) - 1 >= needed
        let actionWidth = longActions ? fullWidth : 17
        var columns = [Column("Client", clientWidth), Column("Industry", industryWidth), Column("Status", 9),
                       Column("Action", actionWidth), Column("Stalled now", 11, right: true)]
        let stripWidth = area.width - used(actionWidth) - 1
        if wide { columns.append(Column("Dashboard KPIs (trend vs last week)", stripWidth)) }
        var rows: [[Span]] = []
        var counts: [KPIStatus: Int] = [:]
        var stalledCount = 0, atRisk = 0.0
        for i in state.portfolioOrder {
            let entry = state.entries[i]
            guard let review = state.reviews[i] else {
                let problem = entry.file.errors.first.map { p in
                    (p.line.map { "\($0):\(p.column ?? 0) " } ?? "") + sanitizedForDisplay(p.message)
                } ?? "rejected"
                rows.append([Span(entry.file.file, Style(.bad)), Span(problem, Style(.bad)), Span("\(glyphs.text.red) error", Style(.bad, bold: true)),
                             Span("Fix the file", Style(.bad)), Span(glyphs.text.dash, .muted), Span(problem, Style(.bad))])
                continue
            }
            counts[review.weeklyStatus, default: 0] += 1
            stalledCount += review.stalledDeals.count
            atRisk += review.current.amount(review.current.snapshot.stalled)
            let status = review.weeklyStatus
            rows.append([
                Span(entry.name, .normal),
                Span(review.engagement.client.industryName.replacingOccurrences(of: "_", with: " "), .muted),
                Span(glyphs.text.status(status), Style(glyphs.statusRole(status), bold: true)),
                Span(longActions ? (status.action ?? "Check the data") : KPILabels.shortAction(status), Style(glyphs.statusRole(status))),
                Span(String(review.stalledDeals.count), review.stalledDeals.isEmpty ? .muted : Style(.warn)),
                Span(wholeItems(strips[i] ?? [], width: stripWidth), .normal),
            ])
        }
        buffer.put("Clients \(glyphs.separator) weekly status, worst first", x: area.x + 1, y: area.y, style: .title)
        // The list takes what it needs; the selected client's KPIs fill the space below it.
        let listHeight = min(area.height - 3, rows.count + 1)
        let listArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: listHeight)
        let visible = Table.visibleRows(height: listArea.height)
        let scroll = scrollOffset(selection: state.top.selection, scroll: state.top.scroll, visible: visible, count: rows.count)
        Table(columns: columns, rows: rows, selected: state.top.selection, scroll: scroll, glyphs: glyphs).render(in: listArea, into: &buffer)

        let detail = Rect(x: area.x, y: listArea.maxY + 1, width: area.width, height: area.maxY - 1 - (listArea.maxY + 1))
        if let selected = state.portfolioOrder[safe: state.top.selection] {
            renderDetail(state, client: selected, in: detail, glyphs: glyphs, into: &buffer)
        }

        let loaded = state.reviews.compactMap { $0 }.count
        var summary = "\(loaded) client\(loaded == 1 ? "" : "s"): "
        summary += [KPIStatus.red, .yellow, .green].map { "\(glyphs.text.status($0).split(separator: " ")[0]) \(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: "  ")
        summary += "  \(glyphs.separator)  \(stalledCount) deals stalled now"
        let currencies = Set(state.reviews.compactMap { $0?.engagement.client.currency })
        if currencies.count == 1, let currency = currencies.first { summary += ", \(ValueFormatter(currency: currency, glyphs: glyphs.text).money(atRisk)) at risk" }
        let rejected = state.entries.count - loaded
        if rejected > 0 { summary += "  \(glyphs.separator)  \(rejected) file\(rejected == 1 ? "" : "s") rejected" }
        buffer.put(TextWidth.truncate(summary, to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.maxY - 1, style: .muted)
    }

    /// As many whole items as fit, then "+N more": a value is never cut in the middle.
    static func wholeItems(_ items: [String], width: Int) -> String {
        var out = ""
        for (n, item) in items.enumerated() {
            let candidate = out.isEmpty ? item : out + "  " + item
            let left = items.count - n - 1
            let tail = left > 0 ? "  +\(left) more" : ""
            // The next item must leave room to say how many did not fit.
            if TextWidth.of(candidate + tail) > width {
                let rest = items.count - n
                return out.isEmpty ? "" : out + "  +\(rest) more"
            }
            out = candidate
        }
        return out
    }

    /// The selected client's dashboard KPIs, one per line, with trend and target.
    static func renderDetail(_ state: AppState, client: Int, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        guard area.height >= 2 else { return }
        guard let review = state.reviews[client] else {
            TitledRule(title: "\(state.entries[client].file.file): rejected", glyphs: glyphs, style: Style(.bad, bold: true)).render(in: area.rows(0, 1), into: &buffer)
            // Grouped by kind, as everywhere a person reads problems (engagement-format.md).
            let lines = OnePage.groupedProblems(state.entries[client].file.errors, escape: sanitizedForDisplay)
            for (i, line) in lines.prefix(area.height - 1).enumerated() {
                buffer.put(TextWidth.truncate(line, to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y + 1 + i, style: Style(.bad))
            }
            return
        }
        let f = ValueFormatter(currency: review.engagement.client.currency, glyphs: glyphs.text)
        TitledRule(title: "\(state.entries[client].name): dashboard vs last week", glyphs: glyphs, style: .title).render(in: area.rows(0, 1), into: &buffer)
        func note(_ k: KPIResult) -> String { k.value == nil && k.status != .green ? (k.reason ?? "") : "target \(f.target(k))" }
        // A target never cut while rows are free: it goes on a line of its own under the KPI.
        let noteRoom = area.width - 2 - 29 - 12 - 12 - 12 - 1
        let kpis = review.dashboard
        let twoLines = kpis.contains { TextWidth.of(note(review.kpi($0))) > noteRoom } && area.height - 1 >= 2 * kpis.count
        for (i, id) in kpis.prefix(area.height - 1).enumerated() {
            let k = review.kpi(id), before = review.previousKPI(id), def = k.definition
            let y = area.y + 1 + (twoLines ? 2 * i : i)
            var x = buffer.put(TextWidth.pad(def.name(in: f.currency), to: 29, ellipsis: glyphs.text.ellipsis), x: area.x + 2, y: y)
            let value = k.value.map { f.format($0, def.unit) } ?? (k.status == .green ? "met" : "no data")
            x = buffer.put(TextWidth.pad(value, to: 10, right: true), x: x, y: y, style: Style(.normal, bold: true)) + 2
            x = buffer.put(TextWidth.pad(glyphs.text.status(k.status), to: 12), x: x, y: y, style: Style(glyphs.statusRole(k.status), bold: true))
            x = buffer.put(TextWidth.pad("\(glyphs.text.trend(k.value, before.value)) \(before.value.map { f.format($0, def.unit) } ?? glyphs.text.dash)", to: 12, ellipsis: glyphs.text.ellipsis), x: x, y: y, style: .muted)
            if twoLines {
                buffer.put(TextWidth.truncate(note(k), to: area.width - 7, ellipsis: glyphs.text.ellipsis), x: area.x + 4, y: y + 1, style: .muted)
            } else {
                buffer.put(TextWidth.truncate(note(k), to: max(0, area.maxX - x - 1), ellipsis: glyphs.text.ellipsis), x: x, y: y, style: .muted)
            }
        }
    }
}
