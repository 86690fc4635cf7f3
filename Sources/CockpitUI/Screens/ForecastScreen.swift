import MetricsCore

/// The rolling 90-day forecast of one client (kpis.md): this month and the next two against
/// the month's share of the bookings target, won vs expected, the deals behind the selected
/// month, and the stage win rates it used. "Provisional" is said in words.
struct ForecastScreen {
    let client: Int

    static func render(_ state: AppState, client: Int, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        guard let review = state.reviews[client] else { return }
        let e = review.engagement
        let f = ValueFormatter(currency: e.client.currency, glyphs: glyphs.text)
        let dash = glyphs.horizontal == "-" ? "-" : "—"   // ASCII when the locale is not UTF-8
        let forecast = RollingForecast(review.current)
        var title = "\(state.entries[client].name) \(glyphs.separator) rolling forecast as of \(state.date)"
        let provisional = "PROVISIONAL: under 60 days of data, or stale data"
        // The reason goes below with the notes when the title has no room for it: never cut.
        var reasonBelow = false
        if forecast.provisional {
            if TextWidth.of(title + " \(glyphs.separator) " + provisional) <= area.width - 2 { title += " \(glyphs.separator) " + provisional }
            else { title += " \(glyphs.separator) PROVISIONAL"; reasonBelow = true }
        }
        buffer.put(TextWidth.truncate(title, to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y,
                   style: forecast.provisional ? Style(.warn, bold: true) : .title)

        let columns = [Column("Month", 7), Column("Won", 8, right: true), Column("Expected", 9, right: true), Column("Forecast", 9, right: true),
                       Column("Target", 8, right: true), Column("vs target", 9, right: true), Column("Deals", 5, right: true)]
        let barWidth = max(0, area.width - 2 - columns.reduce(0) { $0 + $1.width + 1 } - 2)
        let maxValue = forecast.months.map { max($0.forecast, $0.target ?? 0) }.max() ?? 0
        let rows = forecast.months.map { m -> [Span] in
            let ratio = m.ratio.map { decimals($0 * 100, 0) + "%" } ?? dash
            let role: ColorRole = m.ratio.map { $0 >= 1 ? .good : $0 >= 0.8 ? .warn : .bad } ?? .muted
            return [Span(m.month.description), Span(f.money(m.won)), Span(f.money(m.expected)), Span(f.money(m.forecast), Style(.normal, bold: true)),
                    Span(m.target.map(f.money) ?? dash, .muted), Span(ratio, Style(role, bold: true)), Span(String(m.deals.count))]
        }
        let table = Rect(x: area.x, y: area.y + 1, width: area.width - barWidth - 2, height: 4)
        Table(columns: columns, rows: rows, selected: min(state.top.selection, 2), scroll: 0, glyphs: glyphs).render(in: table, into: &buffer)
        // Forecast against target as a bar: filled to the forecast, a mark at the target.
        if barWidth >= 10, maxValue > 0 {
            for (i, m) in forecast.months.enumerated() {
                let y = area.y + 2 + i
                let filled = Int((m.forecast / maxValue * Double(barWidth)).rounded(.down).clamped(0, Double(barWidth)))
                buffer.put(String(repeating: glyphs.spark.last ?? "#", count: filled), x: table.maxX + 1, y: y, style: Style(.accent))
                if let target = m.target {
                    let at = Int((target / maxValue * Double(barWidth - 1)).rounded().clamped(0, Double(barWidth - 1)))
                    buffer.put("|", x: table.maxX + 1 + at, y: y, style: Style(.normal, bold: true))
                }
            }
        }

        var y = area.y + 6
        let month = forecast.months[min(state.top.selection, 2)]
        let deals = review.index.deals
        let behind = month.deals.map { d in (d, review.index.amount[d] * (forecast.chance[d]?.p ?? 1)) }.sorted { $0.1 > $1.1 }
        TitledRule(title: "Deals behind \(month.month) (\(month.deals.count)), largest weighted first", glyphs: glyphs, style: .title)
            .render(in: Rect(x: area.x, y: y, width: area.width, height: 1), into: &buffer)
        y += 1
        // The notes at the bottom, wrapped: as many lines as they need, the deals get the rest.
        let stages = Dictionary(uniqueKeysWithValues: e.stages.map { ($0.id, $0.name) })
        let rates = forecast.stageWinRates.map { "\(sanitizedForDisplay(stages[$0.stage] ?? $0.stage)) \($0.rate.map { decimals($0 * 100, 0) + "%" } ?? dash)" }
        var notes = [(reasonBelow ? "Provisional: under 60 days of data, or stale data (kpis.md)." : "")].filter { !$0.isEmpty }
        notes.append("Stage win rates, 365 days (\(dash) under \(RollingForecast.minimumClosed) closed): " + rates.joined(separator: ", "))
        // "R records it." kept on one line: a lone "R" at the end of a line read as a letter.
        notes.append("Left out: \(forecast.excluded) without an expected close; at 0%: \(forecast.unweighted) without any probability. R\u{A0}records\u{A0}it.")
        let noteLines = notes.flatMap { wrap($0, width: area.width - 2).map { $0.replacingOccurrences(of: "\u{A0}", with: " ") } }
        let room = max(0, area.maxY - y - noteLines.count - 1)
        // Each part in its column: a won deal's "won" as wide as the others' chances.
        let shown = Array(behind.prefix(room))
        let chances = shown.map { d, _ in forecast.chance[d].map { "\(decimals($0.p * 100, 0))% (\($0.source.rawValue))" } ?? "won" }
        let chanceWidth = chances.map(TextWidth.of).max() ?? 0
        let idWidth = shown.map { TextWidth.of(sanitizedForDisplay(deals[$0.0].id)) }.max() ?? 0
        for ((d, weighted), chance) in zip(shown, chances) {
            let line = "\(TextWidth.pad(f.money(weighted), to: 7)) \(TextWidth.pad(chance, to: chanceWidth))  \(TextWidth.pad(sanitizedForDisplay(deals[d].id), to: idWidth))  \(sanitizedForDisplay(deals[d].name))"
            buffer.put(TextWidth.truncate(line, to: area.width - 3, ellipsis: glyphs.text.ellipsis), x: area.x + 2, y: y)
            y += 1
        }
        if behind.count > room {
            buffer.put("and \(behind.count - room) more", x: area.x + 2, y: y, style: .muted)
        }
        for (i, text) in noteLines.suffix(max(0, area.height - 7)).enumerated() {
            let row = area.maxY - min(noteLines.count, max(0, area.height - 7)) + i
            buffer.put(text, x: area.x + 1, y: row, style: i == 0 && reasonBelow ? Style(.warn, bold: true) : .muted)
        }
    }
}

extension ForecastScreen: ScreenUnit {
    var kind: ScreenKind { .forecast }
    func crumb(_ state: AppState, _ entry: NavEntry) -> String { "Forecast" }
    /// This month and the next two.
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int { 3 }
    func visibleRows(_ size: Size) -> Int { 3 }
    /// The wheel moves a month at a time.
    var wheelStep: Int { 1 }

    /// A month's row of the table (under the title and the column titles).
    func target(_ state: AppState, x: Int, y: Int) -> Int? {
        let body = Layout.body(state.size)
        let line = y - (body.y + 2)
        return (0..<3).contains(line) && x < body.maxX ? line : nil
    }

    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        Self.render(state, client: client, in: area, glyphs: glyphs, into: &buffer)
    }
}

private extension Double {
    /// Never NaN or infinite: the result goes to `Int(_:)`, which traps on those.
    func clamped(_ low: Double, _ high: Double) -> Double { isFinite ? Swift.min(Swift.max(self, low), high) : low }
}
