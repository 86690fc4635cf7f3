import MetricsCore

/// The KPI autopsy by month (`m` on the KPI autopsy): what `MonthlyDeepDive` computes for the
/// month, drawn as a list that scrolls: the deals grouped by root cause and by systemic change
/// (count, amount, what winning them would have lifted), each systemic change with where it
/// stands, and the deals still without an autopsy. Each group, change and deal is one item the
/// selection moves over; a change or a deal opens its story (Enter) or autopsy form (e).
struct AutopsyMonthView {
    let client: Int

    /// One drawn line: spans after the pointer column, the item it belongs to (nil for a
    /// section rule or a note), the deal the item stands for, and whether it is a section rule.
    struct Line {
        var spans: [Span]
        var item: Int?
        var deal: Int?
        var rule: String?
        var first = true
    }

    /// What the scroll and a click need of a line: its item, and whether it is a section's rule.
    struct Place: Sendable, Hashable {
        let item: Int?
        let isRule: Bool
    }

    static func places(_ lines: [Line]) -> [Place] { lines.map { Place(item: $0.item, isRule: $0.rule != nil) } }

    /// Lines the list has under the title line.
    static func visibleLines(_ size: Size) -> Int { Layout.body(size).height - 1 }

    static func render(_ state: AppState, client: Int, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        guard let month = state.autopsyMonth else { return }
        let name = state.entries[client].name
        guard let dive = state.deepDive(client) else {
            buffer.put(TextWidth.truncate("\(name) \(glyphs.separator) KPI autopsy by month: \(month)", to: area.width - 2, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y, style: .title)
            buffer.put("Computing the deep dive of \(month)\(glyphs.text.ellipsis)", x: area.x + 2, y: area.y + 2, style: .muted)
            return
        }
        let a = dive.review.autopsy
        let lines = self.lines(dive, glyphs: glyphs, width: area.width)
        let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let top = scroll(places(lines), selection: state.top.selection, scroll: state.top.scroll, visible: list.height)
        // Where the list is longer than the screen: the lines shown, at the title's end, in room kept for it.
        let mark = lines.count > list.height ? "\(top + 1)-\(min(lines.count, top + list.height))/\(lines.count)" : ""
        if !mark.isEmpty { buffer.put(mark, x: area.maxX - TextWidth.of(mark) - 1, y: area.y, style: .muted) }
        let room = area.width - 2 - (mark.isEmpty ? 0 : TextWidth.of(mark) + 2)
        // The title grows by parts while they fit: the counts are in the section rules too.
        var title = "\(name) \(glyphs.separator) KPI autopsy by month: \(month)"
        let parts = [dive.asOf == month.lastDay ? "" : " (to \(dive.asOf))",
                     "  \(glyphs.separator)  \(a.rows.count) deal\(a.rows.count == 1 ? "" : "s"), \(a.writtenCount) autops\(a.writtenCount == 1 ? "y" : "ies") written"]
        for part in parts where TextWidth.of(title + part) <= room { title += part }
        buffer.put(TextWidth.truncate(title, to: room, ellipsis: glyphs.text.ellipsis), x: area.x + 1, y: area.y, style: .title)

        for (i, line) in lines.dropFirst(top).prefix(list.height).enumerated() {
            let y = list.y + i
            if let rule = line.rule {
                TitledRule(title: rule, glyphs: glyphs, style: .title).render(in: Rect(x: area.x, y: y, width: area.width, height: 1), into: &buffer)
                continue
            }
            let selected = line.first && line.item != nil && line.item == state.top.selection
            if selected { buffer.put(glyphs.pointer, x: area.x, y: y, style: .selected) }
            var x = area.x + 2
            for (n, span) in line.spans.enumerated() {
                x = buffer.put(span.text, x: x, y: y, style: selected && n == 0 ? Style(.selection, bold: true) : span.style, clip: list)
            }
        }
    }

    /// The first line shown: the stored scroll, moved as little as needed to show the selected item.
    static func scroll(_ lines: [Place], selection: Int, scroll: Int, visible: Int) -> Int {
        guard visible > 0, let first = lines.firstIndex(where: { $0.item == selection }) else { return 0 }
        let last = lines.lastIndex { $0.item == selection } ?? first
        var s = min(max(0, scroll), max(0, lines.count - visible))
        // Moving up onto a section's first item shows its rule too.
        let from = first > 0 && lines[first - 1].isRule ? first - 1 : first
        if from < s { s = from }
        if last >= s + visible { s = min(first, last - visible + 1) }
        return max(0, s)
    }

    /// Items the selection moves over.
    static func itemCount(_ dive: MonthlyDeepDive) -> Int {
        dive.byRootCause.count + dive.bySystemicChange.count + dive.changes.count + dive.unwritten.count
    }

    /// The deal an item stands for: a systemic change's or a deal without an autopsy (groups have several).
    static func deal(_ dive: MonthlyDeepDive, item: Int) -> Int? {
        let groups = dive.byRootCause.count + dive.bySystemicChange.count
        if item < groups { return nil }
        if item < groups + dive.changes.count { return dive.changes[item - groups].row.deal }
        return dive.unwritten[safe: item - groups - dive.changes.count]?.deal
    }

    /// The whole list for `width` columns (the pointer column and a margin taken off).
    static func lines(_ dive: MonthlyDeepDive, glyphs: UIGlyphs, width: Int) -> [Line] {
        let f = ValueFormatter(currency: dive.review.engagement.client.currency, glyphs: glyphs.text)
        let room = width - 3
        var out: [Line] = []
        var item = 0
        let a = dive.review.autopsy
        guard !a.rows.isEmpty else {
            return [Line(spans: [Span("No deal lost, slipped or stalled in \(dive.month).", .muted)], item: nil)]
        }
        /// Spans, then `text` wrapped under its own first column (a hanging indent): nothing cut.
        func add(_ prefix: [Span], _ text: String, _ style: Style, deal: Int? = nil, continuing: Bool = false) {
            let indent = prefix.reduce(0) { $0 + TextWidth.of($1.text) }
            for (i, chunk) in wrap(text, width: max(10, room - indent)).enumerated() {
                let head = i == 0 ? prefix : [Span(String(repeating: " ", count: indent))]
                out.append(Line(spans: head + [Span(chunk, style)], item: item, deal: deal, first: i == 0 && !continuing))
            }
        }
        func note(_ text: String) {
            for chunk in wrap(text, width: room) { out.append(Line(spans: [Span(chunk, .muted)], item: nil)) }
        }
        let amounts = (dive.byRootCause + dive.bySystemicChange).map { f.money($0.amount) }
        let amountWidth = amounts.map(TextWidth.of).max() ?? 0
        let countWidth = (dive.byRootCause + dive.bySystemicChange).map { TextWidth.of(deals($0.rows.count)) }.max() ?? 0
        for (title, groups, what) in [("By root cause", dive.byRootCause, "root cause"), ("By systemic change", dive.bySystemicChange, "systemic change")] {
            out.append(Line(spans: [], item: nil, rule: "\(title), largest first"))
            if groups.isEmpty { note("No \(what) written yet: e on a deal below writes its autopsy.") }
            for g in groups {
                let prefix = [Span(TextWidth.pad(deals(g.rows.count), to: countWidth) + "  ", Style(.normal, bold: true)),
                              Span(TextWidth.pad(f.money(g.amount), to: amountWidth, right: true) + "  ", Style(.normal, bold: true))]
                add(prefix, sanitizedForDisplay(g.text), .normal)
                let ids = g.rows.map { sanitizedForDisplay($0.dealID) }.joined(separator: ", ")
                let gains = g.statusGains.isEmpty ? "" : "; won, they would have lifted " + g.statusGains.map { "\(KPILabels.name($0.kpi.rawValue, currency: dive.review.engagement.client.currency)) (\($0.deals))" }.joined(separator: ", ")
                add([Span(String(repeating: " ", count: countWidth + amountWidth + 4))], ids + gains, .muted, continuing: true)
                item += 1
            }
        }
        // A CRM's long ids (18-character Salesforce ones) are cut only where the line has no room for them.
        let idWidth = min(max(14, room / 4), (dive.changes.map(\.row) + dive.unwritten).map { TextWidth.of(sanitizedForDisplay($0.dealID)) }.max() ?? 0)
        func id(_ row: AutopsyRow) -> String { TextWidth.pad(sanitizedForDisplay(row.dealID), to: idWidth, ellipsis: glyphs.text.ellipsis) }
        let stateCounts = [ChangeState.overdue, .open, .done].map { "\(dive.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        out.append(Line(spans: [], item: nil, rule: dive.changes.isEmpty ? "Systemic changes" : "Systemic changes: \(stateCounts)"))
        if dive.changes.isEmpty { note("None written yet.") }
        for c in dive.changes {
            let owner = c.autopsy.owner.map(sanitizedForDisplay) ?? glyphs.text.dash
            let due = c.autopsy.due.map { "\($0)" } ?? glyphs.text.dash
            add([Span(id(c.row) + "  "), stateSpan(c.state)], "\(sanitizedForDisplay(c.text)) (owner \(owner), due \(due))", .normal, deal: c.row.deal)
            item += 1
        }
        out.append(Line(spans: [], item: nil, rule: "Without an autopsy (\(dive.unwritten.count)), largest first"))
        if dive.unwritten.isEmpty { note("Every deal has its autopsy.") }
        let moneyWidth = dive.unwritten.map { TextWidth.of(f.money($0.amount)) }.max() ?? 0
        let whyWidth = dive.unwritten.map { TextWidth.of($0.why) }.max() ?? 0
        for row in dive.unwritten {
            let hurt = row.kpisHurt.isEmpty ? glyphs.text.dash : row.kpisHurt.map { KPILabels.name($0, currency: dive.review.engagement.client.currency) }.joined(separator: ", ")
            add([Span(id(row) + "  "), Span(TextWidth.pad(f.money(row.amount), to: moneyWidth, right: true) + "  "),
                 Span(TextWidth.pad(row.why, to: whyWidth) + "  ", Style(row.causes.contains(.lost) ? .bad : .warn))], hurt, .muted, deal: row.deal)
            item += 1
        }
        return out
    }

    static func deals(_ n: Int) -> String { "\(n) deal\(n == 1 ? "" : "s")" }

    /// Where a systemic change stands, as a word (and a colour).
    static func stateSpan(_ s: ChangeState) -> Span {
        let word = TextWidth.pad(s.rawValue, to: 9)
        switch s {
        case .done: return Span(word, Style(.good))
        case .open: return Span(word, Style(.info))
        case .overdue: return Span(word, Style(.bad, bold: true))
        }
    }
}

extension AutopsyMonthView: ScreenUnit {
    var kind: ScreenKind { .autopsyMonth }
    func crumb(_ state: AppState, _ entry: NavEntry) -> String { "KPI autopsy" }
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int { state.deepDive(client).map(Self.itemCount) ?? 0 }
    /// An item takes one to three lines: a page moves as many items as the quarter's list shows rows.
    func visibleRows(_ size: Size) -> Int { AutopsyScreen(client: client).visibleRows(size) }

    func scroll(_ state: AppState, _ entry: NavEntry) -> Int {
        guard let places = state.monthPlaces(client: client) else { return entry.scroll }
        return Self.scroll(places, selection: entry.selection, scroll: entry.scroll, visible: Self.visibleLines(state.size))
    }

    /// The item drawn on the line clicked.
    func target(_ state: AppState, x: Int, y: Int) -> Int? {
        guard let lines = state.monthPlaces(client: client) else { return nil }
        let visible = Self.visibleLines(state.size)
        let first = Self.scroll(lines, selection: state.top.selection, scroll: state.top.scroll, visible: visible)
        let line = y - (Layout.body(state.size).y + 1)
        guard line >= 0, line < visible, lines.indices.contains(first + line) else { return nil }
        return lines[first + line].item
    }

    /// The story of a systemic change's deal or of a deal without an autopsy (a group has several).
    func open(_ state: inout AppState) {
        guard let dive = state.deepDive(client) else { state.status = "The month is still being computed."; return }
        guard let deal = Self.deal(dive, item: state.top.selection) else {
            state.status = "Enter opens a deal: select a systemic change or a deal without an autopsy."
            return
        }
        state.push(.story(client: client, deal: deal))
    }

    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        Self.render(state, client: client, in: area, glyphs: glyphs, into: &buffer)
    }
}
