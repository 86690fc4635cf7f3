import MetricsCore

/// The start screen: one row per engagement, worst status first.
struct PortfolioScreen {
    static func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let layout = PortfolioLayout(state, width: area.width, glyphs: glyphs)
        var rows: [[Span]] = []
        var counts: [KPIStatus: Int] = [:]
        var stalledCount = 0, atRisk = 0.0, reviewed = 0
        for i in state.portfolioOrder {
            let entry = state.entries[i]
            guard let review = state.reviews[i] else {
                let problem = entry.file.errors.first.map { p in
                    (p.line.map { "\($0):\(p.column ?? 0) " } ?? "") + sanitizedForDisplay(p.message)
                } ?? "rejected"
                let bad = Style(.bad), dash = Span(glyphs.text.dash, .muted)
                // The problem itself where a column has room for all of it (the pane below says it whole).
                rows.append(layout.row([
                    // The file's name: the folder is the same for all and cut them alike (the pane
                    // below names the path).
                    .client: Span(entry.name, bad), .industry: TextWidth.of(problem) <= layout.width(.industry) ? Span(problem, bad) : dash, .status: Span("\(glyphs.text.red) error", Style(.bad, bold: true)),
                    .change: Span("not loaded", bad), .action: Span("Fix the file", bad), .stalled: dash, .marked: dash, .planned: dash,
                    .autopsies: dash, .kpis: Span(problem, bad),
                ]))
                continue
            }
            counts[review.weeklyStatus, default: 0] += 1
            stalledCount += review.stalledDeals.count
            atRisk += review.current.amount(review.current.snapshot.stalled)
            let status = review.weeklyStatus, c = review.checklist
            if c.isDone { reviewed += 1 }
            func done(_ ok: Bool) -> Style { ok ? Style(.good) : Style(.warn, bold: true) }
            rows.append(layout.row([
                .client: Span(entry.name, .normal),
                .industry: Span(review.engagement.client.industryName.replacingOccurrences(of: "_", with: " "), .muted),
                .status: Span(glyphs.text.status(status), Style(glyphs.statusRole(status), bold: true)),
                .change: Span(glyphs.text.change(review.statusChange), changeStyle(review.statusChange)),
                .action: Span(layout.longActions ? review.action : KPILabels.shortAction(status), Style(glyphs.statusRole(status))),
                .stalled: Span(grouped(review.stalledDeals.count), review.stalledDeals.isEmpty ? .muted : Style(.warn)),
                .marked: Span(c.lastWeekActions == 0 ? glyphs.text.dash : "\(c.lastWeekMarked)/\(c.lastWeekActions)", done(c.markedDone)),
                .planned: Span(String(c.plannedThisWeek), done(c.plannedDone)),
                .autopsies: Span(c.autopsiesDue == 0 ? glyphs.text.dash : "\(c.autopsiesWritten)/\(c.autopsiesDue)", done(c.autopsiesDone)),
                .kpis: Span(wholeItems(layout.strips[i] ?? [], width: layout.width(.kpis)), .normal),
            ]))
        }
        let loaded = state.reviews.compactMap { $0 }.count
        var title = "Clients \(glyphs.separator) weekly status, worst first"
        if loaded > 0 { title += " \(glyphs.separator) Monday review done for \(reviewed) of \(loaded)" }
        buffer.put(TextWidth.truncate(title, to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y, style: .title)
        // The list takes what it needs; the selected client's KPIs (or, with y, why its status
        // and what its review still needs) fill the space below it.
        let geometry = Layout.list(state)
        let listArea = geometry?.table ?? Rect(x: area.x, y: area.y + 1, width: area.width, height: min(area.height - 3, rows.count + 1))
        let scroll = geometry?.scroll ?? 0
        Table(columns: layout.columns, rows: rows, selected: state.top.selection, scroll: scroll, glyphs: glyphs).render(in: listArea, into: &buffer)

        let detail = Rect(x: area.x, y: listArea.maxY + 1, width: area.width, height: area.maxY - 1 - (listArea.maxY + 1))
        if let selected = state.portfolioOrder[safe: state.top.selection] {
            if state.portfolioWhy, state.reviews[selected] != nil {
                renderWhy(state, client: selected, in: detail, glyphs: glyphs, into: &buffer)
            } else {
                renderDetail(state, client: selected, in: detail, glyphs: glyphs, into: &buffer)
            }
        }

        let currencies = Set(state.reviews.compactMap { $0?.engagement.client.currency })
        let risk = currencies.count == 1 ? currencies.first.map { ValueFormatter(currency: $0, glyphs: glyphs.text).money(atRisk) } : nil
        let summary = Self.summary(state, loaded: loaded, counts: counts, stalled: stalledCount, atRisk: risk, glyphs: glyphs, width: area.width - 2)
        var x = area.x + 1
        for (text, style) in summary { x = buffer.put(text, x: x, y: area.maxY - 1, style: style) }
    }

    /// Worse is drawn as a warning, better as good news; the glyph and the words say it too.
    static func changeStyle(_ c: StatusChange) -> Style {
        switch c {
        case .worse: return Style(.bad, bold: true)
        case .better: return Style(.good)
        case .same: return .muted
        }
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
            // Grouped by kind, as everywhere a person reads problems (engagement-format.md); the
            // place by the file's name (the title has its path), each problem wrapped whole.
            let file = state.entries[client].file
            let path = sanitizedForDisplay(file.file), name = state.entries[client].name
            let problems = OnePage.groupedProblems(file.errors, escape: sanitizedForDisplay).map { problem in
                let text = glyphs.text.text(problem.hasPrefix(path + ":") ? name + problem.dropFirst(path.count) : problem)
                return wrap(text, width: area.width - 3).enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }
            }
            // Whole problems; when they do not all fit, the last row says how to read the rest.
            let room = area.height - 1
            var lines: [String] = []
            for (n, problem) in problems.enumerated() {
                let last = n == problems.count - 1
                guard lines.count + problem.count <= room - (last ? 0 : 1) else {
                    let more = problems.count - n
                    lines.append(TextWidth.truncate("and \(more) more: redline check \(name) lists every problem", to: area.width - 2, ellipsis: glyphs.text.ellipsis))
                    break
                }
                lines += problem
            }
            for (i, line) in lines.enumerated() {
                buffer.put(TextWidth.truncate(line, to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y + 1 + i, style: Style(.bad))
            }
            return
        }
        let f = ValueFormatter(currency: review.engagement.client.currency, glyphs: glyphs.text)
        let industry = review.engagement.client.industryName.replacingOccurrences(of: "_", with: " ")
        TitledRule(title: "\(state.entries[client].name) (\(industry)): dashboard vs last week", glyphs: glyphs, style: .title).render(in: area.rows(0, 1), into: &buffer)
        func note(_ k: KPIResult) -> String { k.value == nil && k.status != .green ? glyphs.text.text(k.reason ?? "") : "target \(f.target(k))" }
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

    /// `y`: why the selected client has its colour (its status reasons, decisive first), what it
    /// was last week, and what its Monday review still needs, each with the keys that do it.
    static func renderWhy(_ state: AppState, client: Int, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        guard area.height >= 2, let review = state.reviews[client] else { return }
        let g = glyphs.text, status = review.weeklyStatus, c = review.checklist
        TitledRule(title: "\(state.entries[client].name): why \(status.rawValue.replacingOccurrences(of: "_", with: " ")), and the Monday review",
                   glyphs: glyphs, style: .title).render(in: area.rows(0, 1), into: &buffer)
        let width = area.width - 2
        var rows = area.height - 1
        var y = area.y + 1
        func line(_ text: String, x: Int = 1, _ style: Style = .normal) {
            buffer.put(TextWidth.truncate(text, to: width - x + 1, ellipsis: g.ellipsis), x: area.x + x, y: y, style: style)
            y += 1
            rows -= 1
        }
        // The status, its change and its action.
        var x = buffer.put(g.status(status), x: area.x + 1, y: y, style: Style(glyphs.statusRole(status), bold: true))
        let sinceLastWeek: String
        switch review.statusChange {
        case .same: sinceLastWeek = "same as last week"
        case .worse(let was): sinceLastWeek = "worse: \(g.status(was)) last week"
        case .better(let was): sinceLastWeek = "better: \(g.status(was)) last week"
        }
        x = buffer.put(" (\(sinceLastWeek)) ", x: x, y: y, style: changeStyle(review.statusChange))
        buffer.put(TextWidth.truncate("\(g.arrowRight) \(review.action)", to: max(0, area.maxX - x - 1), ellipsis: g.ellipsis), x: x, y: y, style: Style(glyphs.statusRole(status)))
        y += 1; rows -= 1

        // The review checklist, at the bottom: it always has its rows.
        let box = { (done: Bool) in done ? "[x]" : "[ ]" }
        let lastWeek: String
        if c.lastWeekActions == 0 {
            lastWeek = "No action was planned for last week: nothing to mark"
        } else {
            lastWeek = "Last week's actions: \(c.lastWeekMarked) of \(c.lastWeekActions) marked"
                + (c.lastWeekMarked > 0 ? " (\(c.lastWeekDone) done, \(c.lastWeekDropped) dropped)" : "")
                + (c.lastWeekOpen > 0 ? ", \(c.lastWeekOpen) still planned" : "")
        }
        let planned = c.plannedThisWeek == 0 ? "No action planned for this week (\(c.thisWeek)) yet" : "\(c.plannedThisWeek) action\(c.plannedThisWeek == 1 ? "" : "s") planned for this week (\(c.thisWeek))"
        // The quarter with its months (`2027-Q4` of a year starting in February is Nov–Jan): the
        // longest wording that leaves room for the keys.
        let months = c.quarter.monthSpan(g), autopsyKeys = "a, then e"
        let written = "\(c.autopsiesWritten) of \(c.autopsiesDue) autopsies written"
        let wordings = ["\(written) (deals lost or slipped in \(c.quarter), \(months))", "\(written) (lost/slipped in \(c.quarter), \(months))"]
        let keysRoom = c.autopsiesDone ? 0 : 2 + TextWidth.of(autopsyKeys)
        let autopsies = c.autopsiesDue == 0 ? "No deal lost or slipped in \(c.quarter.labelWithMonths(g)) to date: no autopsy due"
            : wordings.first { area.x + 1 + TextWidth.of("  [ ] " + $0) + keysRoom <= area.maxX - 1 } ?? wordings[wordings.count - 1]
        let items: [(Bool, String, String)] = [(c.markedDone, lastWeek, "w, then D or X"), (c.plannedDone, planned, "w, then o"),
                                               (c.autopsiesDone, autopsies, autopsyKeys)]
        let done = items.filter(\.0).count
        var checklist: [(String, String, Style)] = [("Monday review (\(c.thisWeek)): \(done) of 3 done", "", .title)]
        for (ok, text, keys) in items { checklist.append(("  \(box(ok)) \(text)", ok ? "" : keys, ok ? Style(.good) : Style(.warn))) }

        // Last week's status, and why when it differs.
        var before = "Last week (\(c.lastWeek)): \(g.status(review.previousVerdict.status))"
        if review.previousVerdict.status != status {
            // The summary starts with the status when KPIs decided it ("red: Net new ARR $16k").
            let summary = review.previousVerdict.summary, word = review.previousVerdict.status.rawValue + ": "
            before += ": " + g.text(summary.hasPrefix(word) ? String(summary.dropFirst(word.count)) : summary)
        }
        let beforeLines = wrap(before, width: width)

        // The reasons fill the rows left, decisive first; what does not fit is counted.
        let reserved = checklist.count + min(beforeLines.count, 2)
        var reasonLines: [String] = []
        for reason in review.verdict.reasons {
            let wrapped = wrap(g.text(reason.message), width: width - 4)
            reasonLines += wrapped.enumerated().map { ($0.offset == 0 ? "  \(g.isASCII ? "-" : "·") " : "    ") + $0.element }
        }
        let room = max(0, rows - reserved)
        if reasonLines.count > room {
            let shown = max(0, room - 1)
            let left = review.verdict.reasons.count - reasonLines.prefix(shown).filter { !$0.hasPrefix("    ") }.count
            reasonLines = Array(reasonLines.prefix(shown)) + ["  and \(left) more: Enter opens the dashboard"]
        }
        for text in reasonLines.prefix(room) { line(text, x: 1, .normal) }
        let beforeRows = min(beforeLines.count, max(0, rows - checklist.count))
        for (i, text) in beforeLines.prefix(beforeRows).enumerated() {
            let last = i == beforeRows - 1 && beforeLines.count > beforeRows
            line(last ? text + " " + beforeLines[(i + 1)...].joined(separator: " ") : text, x: 1, .muted)
        }
        for (text, keys, style) in checklist.prefix(max(0, rows)) {
            let end = buffer.put(TextWidth.truncate(text, to: width, ellipsis: g.ellipsis), x: area.x + 1, y: y, style: style)
            if !keys.isEmpty, end + 2 + TextWidth.of(keys) <= area.maxX - 1 {
                buffer.put(keys, x: area.maxX - 1 - TextWidth.of(keys), y: y, style: Style(.accent, bold: true))
            }
            y += 1; rows -= 1
        }
    }
}

extension PortfolioScreen: ScreenUnit {
    var kind: ScreenKind { .portfolio }
    func crumb(_ state: AppState, _ entry: NavEntry) -> String { "Portfolio" }
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int { state.entries.count }
    /// Under the title, above the selected client's pane (two rows) and the summary line.
    func listFrame(_ size: Size) -> Rect? {
        let body = Layout.body(size)
        return Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 3)
    }

    /// A client's dashboard; a rejected file says how to see its problems.
    func open(_ state: inout AppState) {
        guard let client = state.portfolioOrder[safe: state.top.selection] else { return state.nothingToOpen() }
        if state.reviews[client] == nil {
            state.status = "\(state.entries[client].file.file) was rejected: `redline check` lists its problems."
        } else {
            state.push(.dashboard(client: client))
        }
    }

    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        Self.render(state, in: area, glyphs: glyphs, into: &buffer)
    }
}
