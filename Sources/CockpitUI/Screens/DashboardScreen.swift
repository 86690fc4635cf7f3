import MetricsCore

/// One client's weekly dashboard: KPI tiles with target, status, trend and a 12-week sparkline;
/// the week's bottleneck, actions and what moved in the pipeline.
struct DashboardScreen {
    let client: Int

    /// Rows the why line takes: two when it wraps and rows are free below the tiles.
    static func whyRows(_ review: EngagementReview, in area: Rect, glyphs: UIGlyphs) -> Int {
        let why = "why: " + glyphs.text.text(review.verdict.summary)
        let perRow = area.width >= 150 ? 3 : 2
        let tileRows = (review.dashboard.count + perRow - 1) / perRow
        let spare = area.height - (2 + tileRows * 4 + 6)
        return wrap(why, width: area.width - 2).count > 1 && spare >= 1 ? 2 : 1
    }

    /// Where each KPI tile is drawn (also where a click selects it).
    static func tiles(_ review: EngagementReview, in area: Rect, glyphs: UIGlyphs) -> [Rect] {
        let perRow = area.width >= 150 ? 3 : 2
        let top = area.y + 1 + whyRows(review, in: area, glyphs: glyphs)
        let tileWidth = (area.width - 1) / perRow
        return review.dashboard.indices.map { n in
            Rect(x: area.x + (n % perRow) * tileWidth, y: top + (n / perRow) * 4, width: tileWidth - 1, height: 4)
        }
    }

    static func render(_ state: AppState, client: Int, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        guard let review = state.reviews[client] else { return }
        let e = review.engagement
        let f = ValueFormatter(currency: e.client.currency, glyphs: glyphs.text)
        let status = review.weeklyStatus
        let name = state.entries[client].name
        let staleNote = review.isStale ? e.dataAsOf.map { "stale data: exported \($0)" } : nil
        let statusText = glyphs.text.status(status), action = " \(glyphs.text.arrowRight) \(review.action)"
        // The status and the action come before the industry: a narrow line drops the industry,
        // then cuts the action with an ellipsis, never the status word.
        let room = area.width - 2 - (staleNote.map { TextWidth.of($0) + 2 } ?? 0)
        var industry = " (\(e.client.industryName.replacingOccurrences(of: "_", with: " ")))  "
        if TextWidth.of(name + industry + statusText + action) > room { industry = "  " }
        var x = buffer.put(name, x: area.x + 1, y: area.y, style: .title)
        x = buffer.put(industry, x: x, y: area.y, style: .muted)
        x = buffer.put(statusText, x: x, y: area.y, style: Style(glyphs.statusRole(status), bold: true))
        buffer.put(TextWidth.truncate(action, to: max(0, area.x + 1 + room - x), ellipsis: glyphs.text.ellipsis), x: x, y: area.y, style: Style(glyphs.statusRole(status)))
        if let note = staleNote {
            buffer.put(note, x: area.maxX - TextWidth.of(note) - 1, y: area.y, style: Style(.warn, bold: true))
        }

        // Why this colour: the decisive reasons of the status (a guard first, then the KPIs).
        let why = "why: " + glyphs.text.text(review.verdict.summary)
        let perRow = area.width >= 150 ? 3 : 2
        let tileRows = (review.dashboard.count + perRow - 1) / perRow
        // The reasons take a second line when rows are free below (never a value cut for nothing).
        let spare = area.height - (2 + tileRows * 4 + 6)
        let whyLines = wrap(why, width: area.width - 2)
        let whyRows = whyLines.count > 1 && spare >= 1 ? 2 : 1
        if whyRows == 2 {
            buffer.put(whyLines[0], x: area.x + 1, y: area.y + 1, style: .muted)
            buffer.put(TextWidth.truncate(whyLines[1...].joined(separator: " "), to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y + 2, style: .muted)
        } else {
            buffer.put(TextWidth.truncate(why, to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y + 1, style: .muted)
        }
        let top = area.y + 1 + whyRows
        let history = state.histories[client] ?? [:]
        let tileRects = Self.tiles(review, in: area, glyphs: glyphs)
        for (n, id) in review.dashboard.enumerated() {
            let tile = tileRects[n]
            // A goal set for a later quarter does not judge the KPI yet: the tile's title names it.
            let later = e.targets.improvements[id.rawValue].flatMap { goal in
                QuarterLabel(goal.quarter).map { $0.quarter(startMonth: e.client.fiscalYearStartMonth) > review.current.windows.quarter ? goal : nil } ?? nil
            }
            let laterMonths = later.flatMap { QuarterLabel($0.quarter) }.map { $0.quarter(startMonth: e.client.fiscalYearStartMonth).monthSpan(glyphs.text) }
            renderTile(review.kpi(id), before: review.previousKPI(id), history: history[id], formatter: f, glyphs: glyphs, in: tile,
                       selected: n == state.top.selection, later: later, laterMonths: laterMonths, into: &buffer)
            if history[id] == nil && state.pendingHistories.contains(client) {
                buffer.put("12 weeks: computing\(glyphs.text.ellipsis)", x: tile.x + 1, y: tile.y + 3, style: .muted, clip: tile)
            }
        }
        var y = top + tileRows * 4
        let tall = area.height >= 40
        let width = area.width - 2

        TitledRule(title: "This week", glyphs: glyphs, style: .title).render(in: Rect(x: area.x, y: y, width: area.width, height: 1), into: &buffer)
        y += 1
        // Three counts of stalled deals meet here (the portfolio's, the bottleneck's, the moves');
        // each says which it is, so they never seem to disagree.
        let bottleneck = review.bottleneck.map { Self.bottleneck($0.name, stalled: $0.stalledCount, amount: $0.stalledAmount, of: review.stalledDeals.count, f) } ?? "none: no deal stalled now"
        // The rows left free below: the bottleneck's second line first (the week's one problem
        // said whole), then the moves'.
        var freeRows = spare - (whyRows - 1)
        let bottleneckLines = Self.wrapped(bottleneck, width: width - TextWidth.of("Bottleneck: "), rows: freeRows >= 1 ? 2 : 1, glyphs: glyphs)
        freeRows -= bottleneckLines.count - 1
        y = line("Bottleneck", bottleneckLines[0], y: y, x: area.x + 1, width: width, glyphs: glyphs, into: &buffer)
        for more in bottleneckLines.dropFirst() {
            buffer.put(more, x: area.x + 1 + TextWidth.of("Bottleneck: "), y: y)
            y += 1
        }
        let done = review.actionsDoneLastWeek.prefix(3).map { sanitizedForDisplay($0.text) }
        let planned = review.actionsThisWeek.prefix(3).map { sanitizedForDisplay($0.text) }
        if tall {
            y = list("Done last week", done, y: y, x: area.x + 1, width: width, glyphs: glyphs, into: &buffer)
            y = list("Planned this week", planned, y: y, x: area.x + 1, width: width, glyphs: glyphs, into: &buffer)
        } else {
            y = line("Done last week", done.isEmpty ? "none marked (w marks them)" : done.joined(separator: "; "), y: y, x: area.x + 1, width: width, glyphs: glyphs, into: &buffer)
            y = line("Planned", planned.isEmpty ? "none yet (w, then o plans one)" : planned.joined(separator: "; "), y: y, x: area.x + 1, width: width, glyphs: glyphs, into: &buffer)
        }
        let w = review.waterfall
        func amount(_ b: Waterfall.Bucket) -> Double { w.rows.first { $0.bucket == b }?.amount ?? 0 }
        func count(_ b: Waterfall.Bucket) -> Int { w.rows.first { $0.bucket == b }?.deals.count ?? 0 }
        let minus = glyphs.text.minus
        let gone = count(.gone) > 0 ? " \(minus) \(f.money(amount(.gone))) gone" : ""
        let flow = "\(f.money(w.startAmount)) + \(f.money(amount(.new))) new \(minus) \(f.money(amount(.won))) won \(minus) \(f.money(amount(.lost))) lost\(gone) = \(f.money(w.endAmount))"
        y = line("Pipeline", flow, y: y, x: area.x + 1, width: width, glyphs: glyphs, into: &buffer)
        let moveCounts: [(Waterfall.Bucket, String)] = [(.advanced, "advanced"), (.pulledIn, "pulled in"), (.pushedOut, "pushed out"),
                                                        (.stalled, "stalled without moving"), (.unchanged, "unchanged")]
        let moveItems = moveCounts.map { "\(grouped(count($0.0))) \($0.1)" }
        var moves = moveItems.joined(separator: ", ")
        // The last line may take a row left free rather than cut its last count's word; with
        // none left (the bottleneck took it), the counts that are not zero, when they fit.
        let label = "Moves: "
        let moved = moveCounts.filter { count($0.0) > 0 }.map { "\(grouped(count($0.0))) \($0.1)" }.joined(separator: ", ")
        if TextWidth.of(moves) > width - TextWidth.of(label), freeRows < 1, !moved.isEmpty, TextWidth.of(moved) <= width - TextWidth.of(label) {
            moves = moved
        }
        // Broken between items, so a count stays with its word.
        var pieces: [String] = []
        for item in moveItems {
            if let last = pieces.last, TextWidth.of(last + ", " + item + ",") <= width - TextWidth.of(label) { pieces[pieces.count - 1] = last + ", " + item }
            else { pieces.append(item) }
        }
        pieces = pieces.enumerated().map { $0.offset < pieces.count - 1 ? $0.element + "," : $0.element }
        if pieces.count > 1, freeRows >= 1 {
            _ = line("Moves", pieces[0], y: y, x: area.x + 1, width: width, glyphs: glyphs, into: &buffer)
            buffer.put(TextWidth.truncate(pieces[1...].joined(separator: " "), to: width - TextWidth.of(label), ellipsis: glyphs.text.ellipsis),
                       x: area.x + 1 + TextWidth.of(label), y: y + 1)
        } else {
            _ = line("Moves", moves, y: y, x: area.x + 1, width: width, glyphs: glyphs, into: &buffer)
        }
    }

    /// A KPI tile; the selected one (j/k, for `i`) has the pointer on its rule and its title reversed.
    static func renderTile(_ k: KPIResult, before: KPIResult, history: [Double?]?, formatter f: ValueFormatter,
                           glyphs: UIGlyphs, in r: Rect, selected: Bool = false, later: Improvement? = nil, laterMonths: String? = nil,
                           into buffer: inout Buffer) {
        let def = k.definition
        var title = def.name(in: f.currency)
        if let later {
            // "Sales cycle length · -10% in 2027-Q1 (Feb–Apr)", or shorter, down to the quarter, as fits.
            let sep = glyphs.separator
            let withMonths = laterMonths.map { [title + " \(sep) \(f.signedPercent(later.change)) in \(later.quarter) (\($0))"] } ?? []
            title = (withMonths + [title + " \(sep) \(f.signedPercent(later.change)) in \(later.quarter)", title + " \(sep) \(later.quarter): \(f.signedPercent(later.change))",
                     title + " \(sep) goal \(later.quarter)", title])
                .first { TextWidth.of($0) + 4 <= r.width } ?? title
        }
        TitledRule(title: title, glyphs: glyphs, style: selected ? Style(.selection, bold: true) : .title).render(in: r.rows(0, 1), into: &buffer)
        if selected { buffer.put(glyphs.pointer, x: r.x, y: r.y, style: .selected, clip: r) }
        let value = k.value.map { f.format($0, def.unit) } ?? (k.status == .green ? "target met" : "no data")
        var x = buffer.put(value, x: r.x + 1, y: r.y + 1, style: Style(.normal, bold: true), clip: r)
        x = buffer.put("  " + glyphs.text.status(k.status), x: x, y: r.y + 1, style: Style(glyphs.statusRole(k.status), bold: true), clip: r)
        let trend = "\(glyphs.text.trend(k.value, before.value)) from \(before.value.map { f.format($0, def.unit) } ?? glyphs.text.dash)"
        buffer.put("  " + trend, x: x, y: r.y + 1, style: .muted, clip: r)
        let second: String
        // The core's words in the locale's glyphs (its window "2026-08-26 … 2026-11-23" as "...").
        if k.value == nil, let reason = k.reason, k.status != .green { second = glyphs.text.text(reason) }
        else { second = targetLine(k, f, width: r.width - 2) }
        buffer.put(TextWidth.truncate(second, to: r.width - 2, ellipsis: glyphs.text.ellipsis), x: r.x + 1, y: r.y + 2, style: .muted, clip: r)
        if let history {
            let x = buffer.put(Sparkline(values: history, glyphs: glyphs).text, x: r.x + 1, y: r.y + 3, style: Style(.accent), clip: r)
            buffer.put(" 12 weeks \(def.direction.arrow(glyphs.text)) better", x: x, y: r.y + 3, style: .muted, clip: r)
        }
    }

    /// Which stage holds most of the deals stalled now, said as a share of the client's stalled
    /// deals (not of the stage's: "2 of the 3 deals" read as the stage's 3 deals).
    static func bottleneck(_ stage: String, stalled count: Int, amount: Double, of stalled: Int, _ f: ValueFormatter) -> String {
        let share = stalled == 1 ? "the only stalled deal"
            : count == stalled ? "all \(grouped(stalled)) stalled deals"
            : "\(grouped(count)) of the \(grouped(stalled)) stalled deals"
        return "\(sanitizedForDisplay(stage)): \(share), \(f.money(amount)) at risk"
    }

    /// A text in at most `rows` lines of `width`, broken between words; the last line cut.
    static func wrapped(_ text: String, width: Int, rows: Int, glyphs: UIGlyphs) -> [String] {
        let lines = wrap(text, width: width)
        guard lines.count > rows else { return lines }
        return Array(lines.prefix(rows - 1)) + [TextWidth.truncate(lines[(rows - 1)...].joined(separator: " "), to: width, ellipsis: glyphs.text.ellipsis)]
    }

    @discardableResult
    static func line(_ label: String, _ text: String, y: Int, x: Int, width: Int, glyphs: UIGlyphs, into buffer: inout Buffer) -> Int {
        let cx = buffer.put(label + ": ", x: x, y: y, style: Style(.accent, bold: true))
        buffer.put(TextWidth.truncate(text, to: width - (cx - x), ellipsis: glyphs.text.ellipsis), x: cx, y: y)
        return y + 1
    }

    static func list(_ label: String, _ items: [String], y: Int, x: Int, width: Int, glyphs: UIGlyphs, into buffer: inout Buffer) -> Int {
        buffer.put(label + ":" + (items.isEmpty ? " none yet (w opens the actions)" : ""), x: x, y: y, style: Style(.accent, bold: true))
        var y = y + 1
        for (i, item) in items.enumerated() {
            buffer.put(TextWidth.truncate("\(i + 1). \(item)", to: width - 2, ellipsis: glyphs.text.ellipsis), x: x + 2, y: y)
            y += 1
        }
        return y
    }

    /// What the KPI is judged against, in `width` columns: an improvement target in full when it
    /// fits ("target +15% on 2026-Q4: goal $41k/day, baseline $36k/day"), else shorter forms
    /// that keep both numbers, so a narrow tile never cuts the goal or the baseline.
    static func targetLine(_ k: KPIResult, _ f: ValueFormatter, width: Int) -> String {
        let full = "target \(f.target(k))"
        guard let imp = k.improvement, let goal = imp.goal, let baseline = imp.baseline, TextWidth.of(full) > width else { return full }
        let unit = k.definition.unit, change = f.signedPercent(imp.change)
        let quarter = imp.quarter.split(separator: "-").last.map(String.init) ?? imp.quarter
        return ["\(change) on \(imp.quarter): goal \(f.format(goal, unit)), baseline \(f.format(baseline, unit))",
                "\(change) in \(quarter): goal \(f.format(goal, unit)), baseline \(f.format(baseline, unit))",
                "\(quarter) goal \(f.format(goal, unit)), \(change) from \(f.format(baseline, unit))",
                "goal \(f.format(goal, unit)), baseline \(f.format(baseline, unit))"].first { TextWidth.of($0) <= width } ?? full
    }
}

extension DashboardScreen: ScreenUnit {
    var kind: ScreenKind { .dashboard }
    func crumb(_ state: AppState, _ entry: NavEntry) -> String { state.entries[client].name }
    /// Its KPI tiles (`i` sets the selected one's improvement target).
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int { state.reviews[client]?.dashboard.count ?? 0 }
    /// The wheel moves a tile at a time.
    var wheelStep: Int { 1 }

    func target(_ state: AppState, x: Int, y: Int) -> Int? {
        guard let review = state.reviews[client] else { return nil }
        return Self.tiles(review, in: Layout.body(state.size), glyphs: .unicode).firstIndex { $0.contains(x: x, y: y) }
    }

    /// The client's funnel.
    func open(_ state: inout AppState) { state.push(.funnel(client: client)) }

    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        Self.render(state, client: client, in: area, glyphs: glyphs, into: &buffer)
    }
}
