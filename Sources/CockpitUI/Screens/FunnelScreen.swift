import MetricsCore

/// The pipeline funnel: one row per open stage; Enter lists the stage's deals.
struct FunnelScreen {
    let client: Int

    static func render(_ state: AppState, client: Int, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        guard let review = state.reviews[client] else { return }
        let f = ValueFormatter(currency: review.engagement.client.currency, glyphs: glyphs.text)
        buffer.put("\(state.entries[client].name) \(glyphs.separator) pipeline funnel as of \(state.date)", x: area.x + 1, y: area.y, style: .title)
        let rows = review.funnel.map { s -> [Span] in
            let dash = glyphs.text.dash
            let stalled = s.stalledCount == 0 ? dash : "\(grouped(s.stalledCount)) \(f.money(s.stalledAmount))"
            return [Span(sanitizedForDisplay(s.name)), Span(grouped(s.count)), Span(f.money(s.amount)),
                    Span(s.weightedAmount.map(f.money) ?? dash), Span(s.conversion.map { decimals($0 * 100, 0) + "%" } ?? dash),
                    Span(s.medianDaysInStage.map { decimals($0, 0) + " d" } ?? dash),
                    Span(stalled, s.stalledCount == 0 ? .muted : Style(.warn, bold: true))]
        }
        let geometry = Layout.list(state)
        let table = geometry?.table ?? Rect(x: area.x, y: area.y + 1, width: area.width, height: min(min(area.height - 2, 12), rows.count + 1))
        Table(columns: columns(rows, width: area.width), rows: rows, selected: state.top.selection, scroll: geometry?.scroll ?? 0, glyphs: glyphs)
            .render(in: table, into: &buffer)

        var y = table.maxY + 1
        let open = review.current.snapshot.open
        let total = "Open: \(grouped(open.count)) deals, \(f.money(review.current.amount(open)))  \(glyphs.separator)  stalled: \(grouped(review.stalledDeals.count))  \(glyphs.separator)  "
        // Each stage's limit by name; when that takes more lines than the rows the waterfall
        // leaves (its gap, title, rows and two totals; two at least), only the days, in the
        // order of the stages above; one limit for every stage (an import's default) said once.
        // A limit keeps its stage and unit on its line (`Qualified 18 d`, not `Qualified 18` then `d`).
        let limits = review.funnel.map(\.stallThresholdDays)
        let wordings = Set(limits).count == 1 && limits.count > 1 ? ["stall limit: \(limits[0])\u{A0}d in every stage"] : [
            "stall limits: " + review.funnel.map { "\(sanitizedForDisplay($0.name))\u{A0}\($0.stallThresholdDays)\u{A0}d" }.joined(separator: ", "),
            "stall limits in the order above: " + limits.map(String.init).joined(separator: ", ") + "\u{A0}d",
        ]
        let room = max(2, area.maxY - y - (review.waterfall.rows.count + 4))
        let said = wordings.first { wrap(total + $0, width: area.width - 2).count <= room } ?? wordings[wordings.count - 1]
        let totals = DashboardScreen.wrapped(total + said, width: area.width - 2, rows: room, glyphs: glyphs).map { $0.replacingOccurrences(of: "\u{A0}", with: " ") }
        for line in totals {
            buffer.put(line, x: area.x + 1, y: y, style: .muted)
            y += 1
        }
        y += 1
        TitledRule(title: "Pipeline since last week (\(review.waterfall.from) \(glyphs.text.arrowRight) \(review.waterfall.to))", glyphs: glyphs, style: .title)
            .render(in: Rect(x: area.x, y: y, width: area.width, height: 1), into: &buffer)
        y += 1
        let w = review.waterfall
        // The stalled deals that did not move, said as the dashboard says them: "Stalled" right
        // under "stalled: 1" read as the same deals.
        func label(_ b: Waterfall.Bucket) -> String { b == .stalled ? "Stalled without moving" : b.label }
        let labels = max(16, (w.rows.map { TextWidth.of(label($0.bucket)) }.max() ?? 0) + 1)
        buffer.put(TextWidth.pad("Open a week ago", to: labels) + TextWidth.pad(f.money(w.startAmount), to: 10, right: true), x: area.x + 2, y: y)
        y += 1
        for row in w.rows where y < area.maxY - 1 {
            // No sign on nothing moved ("Won −$0" read as money lost).
            let sign = row.amount == 0 ? " " : row.bucket.sign > 0 ? "+" : row.bucket.sign < 0 ? glyphs.text.minus : " "
            let text = TextWidth.pad(label(row.bucket), to: labels, ellipsis: glyphs.text.ellipsis) + TextWidth.pad("\(sign)\(f.money(row.amount))", to: 10, right: true)
                + "  \(grouped(row.deals.count)) deal\(row.deals.count == 1 ? "" : "s")"
            buffer.put(text, x: area.x + 2, y: y, style: row.bucket.sign == 0 ? .muted : .normal)
            y += 1
        }
        if y < area.maxY {
            buffer.put(TextWidth.pad("Open now", to: labels) + TextWidth.pad(f.money(w.endAmount), to: 10, right: true), x: area.x + 2, y: y, style: .title)
        }
    }

    /// Stage names as long as the CRM's ("On hold / future opportunity"): the column takes what
    /// the others leave at their usual widths (at least 18 cells); a longer name takes the
    /// others' spare cells, from the right, down to their title and longest value, never cutting
    /// a number. One cell is kept free at the right edge.
    static func columns(_ rows: [[Span]], width: Int) -> [Column] {
        let others = [("Deals", 5), ("Value", 9), ("Weighted", 9), ("Conv.", 6), ("Median", 7), ("Stalled", 13)]
        var widths = others.map(\.1)
        func least(_ i: Int) -> Int { rows.map { TextWidth.of($0[i + 1].text) }.reduce(TextWidth.of(others[i].0), max) }
        func room() -> Int { width - 2 - 1 - widths.reduce(0) { $0 + $1 + 1 } - 1 }
        let longest = rows.map { TextWidth.of($0[0].text) }.max() ?? 0
        for i in others.indices.reversed() where longest > room() {
            widths[i] -= min(longest - room(), max(0, widths[i] - least(i)))
        }
        return [Column("Stage", max(18, min(longest, room())))]
            + others.indices.map { Column(others[$0].0, widths[$0], right: others[$0].0 != "Stalled") }
    }
}

extension FunnelScreen: ScreenUnit {
    var kind: ScreenKind { .funnel }
    func crumb(_ state: AppState, _ entry: NavEntry) -> String { "Funnel" }
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int { state.reviews[client]?.funnel.count ?? 0 }
    /// At most 11 stages at once: the totals and the week's waterfall go below.
    func listFrame(_ size: Size) -> Rect? {
        let body = Layout.body(size)
        return Rect(x: body.x, y: body.y + 1, width: body.width, height: min(body.height - 2, 12))
    }

    /// The stage's open deals.
    func open(_ state: inout AppState) {
        guard let stage = state.reviews[client]?.funnel[safe: state.top.selection] else { return state.nothingToOpen() }
        state.push(.deals(client: client, scope: .stage(stage.stageIndex)))
    }

    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        Self.render(state, client: client, in: area, glyphs: glyphs, into: &buffer)
    }
}
