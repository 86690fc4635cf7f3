import MetricsCore

/// The KPI autopsy of the quarter: lost, slipped and stalled deals, what each hurt, whether the
/// autopsy is written; the selected deal's what-if and the lost reasons ranked below.
struct AutopsyScreen {
    let client: Int

    /// Rows under the list for the selected deal's what-if: a rule and two lines, four on a
    /// terminal of 40 rows or more.
    static func whatIfHeight(_ size: Size) -> Int { size.height >= 40 ? 5 : 3 }
    /// Rows at the bottom for the lost reasons: a rule and four, eight from 40 rows.
    static func reasonsHeight(_ size: Size) -> Int { size.height >= 40 ? 9 : 5 }

    static func render(_ state: AppState, client: Int, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        guard let review = state.reviews[client] else { return }
        let report = review.autopsy
        let f = ValueFormatter(currency: review.engagement.client.currency, glyphs: glyphs.text)
        buffer.put(TextWidth.truncate(title(state, client: client, review, glyphs: glyphs, width: area.width - 2), to: area.width - 2, ellipsis: glyphs.text.ellipsis),
                   x: area.x + 1, y: area.y, style: .title)
        // From 120 columns the deal's name too. Columns as wide as what the rows on screen hold;
        // when the row is too narrow the longest give way first (`ColumnFit`). The KPIs hurt
        // are named alike on every row: in full when every row's names fit, else all in short
        // labels ("Cov, Cycle"), never some of each.
        let names = report.rows.map { sanitizedForDisplay(review.index.deals[$0.deal].name) }
        let currency = review.engagement.client.currency
        let showsName = area.width >= 120
        let ids = report.rows.map { sanitizedForDisplay($0.dealID) }
        let amounts = report.rows.map { f.money($0.amount) }
        let written = report.rows.map { autopsySpan($0.written, state.date) }
        let geometry = Layout.list(state)
        let seen = geometry.map { Array($0.scroll..<min($0.count, $0.scroll + $0.visible)) } ?? []
        func onScreen(_ texts: [String]) -> [String] { seen.map { texts[$0] } }
        func hurt(_ short: Bool) -> [String] {
            report.rows.map { KPILabels.list($0.kpisHurt, currency: currency, short: short, none: glyphs.text.dash) }
        }
        func fit(_ hurt: [String], short: Bool) -> [Column] {
            ColumnFit.columns([ColumnFit.Spec("ID", onScreen(ids), floor: 8)]
                + (showsName ? [ColumnFit.Spec("Deal", onScreen(names), floor: 20)] : [])
                + [ColumnFit.Spec("Amount", onScreen(amounts), right: true), ColumnFit.Spec("Why", onScreen(report.rows.map(\.why)), floor: 12),
                   ColumnFit.Spec("KPIs hurt", onScreen(hurt), floor: 10, grows: !short), ColumnFit.Spec("Autopsy", onScreen(written.map(\.text)))],
                width: area.width)
        }
        var hurtTexts = hurt(false)
        var columns = fit(hurtTexts, short: false)
        if columns[showsName ? 4 : 3].width < (onScreen(hurtTexts).map(TextWidth.of).max() ?? 0) {
            hurtTexts = hurt(true)
            columns = fit(hurtTexts, short: true)
        }
        let rows = report.rows.enumerated().map { i, row -> [Span] in
            [Span(ids[i])] + (showsName ? [Span(names[i])] : [])
                + [Span(amounts[i]), Span(row.why, Style(row.causes.contains(.lost) ? .bad : .warn)), Span(hurtTexts[i]), written[i]]
        }
        let whatIfHeight = whatIfHeight(state.size), reasonsHeight = reasonsHeight(state.size)
        let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1 - reasonsHeight - whatIfHeight)
        if let geometry, !rows.isEmpty {
            Table(columns: columns, rows: rows, selected: state.top.selection, scroll: geometry.scroll, glyphs: glyphs).render(in: geometry.table, into: &buffer)
        } else {
            buffer.put("No deal lost, slipped or stalled this quarter.", x: area.x + 2, y: area.y + 2, style: .muted)
        }
        var y = list.maxY
        // The selected deal's what-if, computed for that deal only.
        let selected = report.rows.indices.contains(state.top.selection) ? report.rows[state.top.selection] : nil
        let whatIf = selected.flatMap { review.whatIf($0) }
        if let selected {
            TitledRule(title: WhatIfLines.title(selected, whatIf), glyphs: glyphs, style: .title).render(in: Rect(x: area.x, y: y, width: area.width, height: 1), into: &buffer)
            let lines = WhatIfLines.lines(review, selected, whatIf, glyphs: glyphs, width: area.width - 4)
            for (i, (text, style)) in lines.prefix(whatIfHeight - 1).enumerated() {
                let last = i == whatIfHeight - 2 && lines.count > whatIfHeight - 1
                buffer.put(last ? TextWidth.truncate(text + " " + glyphs.text.ellipsis, to: area.width - 4, ellipsis: glyphs.text.ellipsis) : text,
                           x: area.x + 2, y: y + 1 + i, style: style)
            }
        }
        y += whatIfHeight
        TitledRule(title: "Lost reasons, largest first", glyphs: glyphs, style: .title).render(in: Rect(x: area.x, y: y, width: area.width, height: 1), into: &buffer)
        y += 1
        if report.lostReasons.isEmpty { buffer.put("No deal lost this quarter.", x: area.x + 2, y: y, style: .muted) }
        // Those that fit; the rest named on the last line, never left out unsaid.
        let reasonRows = reasonsHeight - 1, reasons = report.lostReasons
        let shown = reasons.count > reasonRows ? reasonRows - 1 : reasons.count
        func deals(_ n: Int) -> String { "\(n) deal\(n == 1 ? "" : "s")" }
        for reason in reasons.prefix(shown) {
            buffer.put(TextWidth.pad(sanitizedForDisplay(reason.reason), to: 24, ellipsis: glyphs.text.ellipsis) + TextWidth.pad(deals(reason.count), to: 10) + f.money(reason.amount),
                       x: area.x + 2, y: y)
            y += 1
        }
        if reasons.count > shown {
            let rest = reasons.dropFirst(shown).map { "\(sanitizedForDisplay($0.reason)) (\(deals($0.count)), \(f.money($0.amount)))" }
            // Whole reasons, then how many others: "security r…" named none of them.
            let line = Wording.items("+\(rest.count) more: ", rest, width: area.width - 4) { " and \($0) other\($0 == 1 ? "" : "s")" }
                ?? "+\(rest.count) more reasons"
            buffer.put(TextWidth.truncate(line, to: area.width - 4, ellipsis: glyphs.text.ellipsis), x: area.x + 2, y: y, style: .muted)
        }
    }

    /// The counts the portfolio shows (autopsies written for the lost and slipped deals, as the
    /// checklist counts them), then the rows only stalled, which the list adds; the longest
    /// wording that fits.
    static func title(_ state: AppState, client: Int, _ review: EngagementReview, glyphs: UIGlyphs, width: Int) -> String {
        let report = review.autopsy, c = review.checklist
        let stalledOnly = report.rows.filter { !$0.causes.contains(.lost) && !$0.causes.contains(.slipped) }.count
        let overdue = report.overdueCount(on: state.date)
        let sep = " \(glyphs.separator) "
        let name = state.entries[client].name
        let window = "\(report.window.start) \(glyphs.text.range) \(report.window.end)"
        let overdueText = overdue > 0 ? ", \(overdue) change\(overdue == 1 ? "" : "s") overdue" : ""
        let stalledText = stalledOnly > 0 ? ", \(stalledOnly) stalled" : ""
        let candidates = [
            "\(name)\(sep)KPI autopsy \(window)\(sep)autopsies \(c.autopsiesWritten)/\(c.autopsiesDue) lost or slipped\(stalledText)\(overdueText)",
            "\(name)\(sep)KPI autopsy \(window)\(sep)autopsies \(c.autopsiesWritten)/\(c.autopsiesDue)\(stalledText)\(overdueText)",
            "\(name)\(sep)KPI autopsy, quarter to date\(sep)autopsies \(c.autopsiesWritten)/\(c.autopsiesDue)\(stalledText)\(overdueText)",
            "\(name)\(sep)autopsies \(c.autopsiesWritten)/\(c.autopsiesDue)\(stalledText)\(overdueText)",
        ]
        return candidates.first { TextWidth.of($0) <= width } ?? candidates[candidates.count - 1]
    }

    /// Whether the autopsy is written, and whether its systemic change is done, as words.
    static func autopsySpan(_ a: Autopsy?, _ date: Day) -> Span {
        guard let a else { return Span("not written", Style(.warn, bold: true)) }
        switch a.changeState(on: date) {
        case .done: return Span("change done", Style(.good))
        case .overdue: return Span("overdue", Style(.bad, bold: true))
        case .open: return Span("change open", Style(.info))
        }
    }
}

extension AutopsyScreen: ScreenUnit {
    var kind: ScreenKind { .autopsy }
    func crumb(_ state: AppState, _ entry: NavEntry) -> String { "KPI autopsy" }
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int { state.reviews[client]?.autopsy.rows.count ?? 0 }
    /// Under the title, above the selected deal's what-if and the lost reasons.
    func listFrame(_ size: Size) -> Rect? {
        let body = Layout.body(size)
        return Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1 - Self.reasonsHeight(size) - Self.whatIfHeight(size))
    }

    /// The deal's story.
    func open(_ state: inout AppState) {
        guard let row = state.reviews[client]?.autopsy.rows[safe: state.top.selection] else { return state.nothingToOpen() }
        state.push(.story(client: client, deal: row.deal))
    }

    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        Self.render(state, client: client, in: area, glyphs: glyphs, into: &buffer)
    }
}
