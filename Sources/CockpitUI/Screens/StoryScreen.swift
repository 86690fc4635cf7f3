import MetricsCore

/// A deal's whole story: facts, stage history with days in each stage, close-date changes,
/// and its KPI autopsy with its what-if. Scrolls with j/k.
struct StoryScreen {
    let client: Int
    let deal: Int

    static func render(_ state: AppState, client: Int, deal d: Int, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        guard let review = state.reviews[client] else { return }
        let lines = storyLines(review, deal: d, date: state.date, glyphs: glyphs, width: area.width - 2)
        // The deal's id and name stay on the first row; the rest scrolls under it, and the
        // position mark sits on that row in room kept for it, never over text.
        let body = Array(lines.dropFirst())
        let visible = area.height - 1
        let top = min(state.top.selection, max(0, body.count - visible))
        let mark = body.count > visible ? "\(top + 1)-\(min(body.count, top + visible))/\(body.count)" : ""
        let head = Rect(x: area.x, y: area.y, width: area.width - (mark.isEmpty ? 0 : TextWidth.of(mark) + 3), height: 1)
        var x = area.x + 1
        for span in lines.first ?? [] { x = buffer.put(span.text, x: x, y: area.y, style: span.style, clip: head) }
        if x > head.maxX, head.width > 1 { buffer.put(glyphs.text.ellipsis, x: head.maxX - TextWidth.of(glyphs.text.ellipsis), y: area.y, style: .title) }
        if !mark.isEmpty { buffer.put(mark, x: area.maxX - TextWidth.of(mark) - 1, y: area.y, style: .muted) }
        for (i, line) in body.dropFirst(top).prefix(visible).enumerated() {
            var x = area.x + 1
            for span in line { x = buffer.put(span.text, x: x, y: area.y + 1 + i, style: span.style, clip: area) }
        }
    }

    /// The story as styled lines (their count, kept in `StoryCache`, is what `update` scrolls within).
    static func storyLines(_ review: EngagementReview, deal d: Int, date: Day, glyphs: UIGlyphs, width: Int) -> [[Span]] {
        let deal = review.index.deals[d]
        let snap = review.current.snapshot
        let state = snap.states[d]
        guard state.exists else {
            // Time travel to before the deal was created.
            return [[Span(sanitizedForDisplay(deal.id) + "  ", Style(.title, bold: true)), Span(sanitizedForDisplay(deal.name), .title)],
                    [Span("Not in the pipeline yet on \(date): created \(deal.created). ] moves forward a week, t back to today.", .muted)]]
        }
        let f = ValueFormatter(currency: review.engagement.client.currency, glyphs: glyphs.text)
        let stages = review.index.stages
        var out: [[Span]] = []
        func text(_ s: String?) -> String { s.map(sanitizedForDisplay) ?? glyphs.text.dash }
        func add(_ spans: Span...) { out.append(spans) }
        // A long value (a next step, an account line) wraps under itself rather than running off the edge.
        func field(_ label: String, _ value: String) {
            let indent = TextWidth.of(label) + 2
            let room = max(20, width - 2 - indent)
            for (i, piece) in (TextWidth.of(value) <= room ? [value] : wrap(value, width: room)).enumerated() {
                out.append(i == 0 ? [Span(label + ": ", Style(.accent, bold: true)), Span(piece)] : [Span(String(repeating: " ", count: indent)), Span(piece)])
            }
        }
        func section(_ title: String) { out.append([]); out.append([Span(title, .title)]) }

        add(Span(text(deal.id) + "  ", Style(.title, bold: true)), Span(text(deal.name), .title))
        var badges: [Span] = []
        // The rule that made it stalled, so a deal 11 days in its stage does not look healthy.
        if let why = snap.stallReason(d, review.index) { badges.append(Span("STALLED: \(why) ", Style(.bad, bold: true))) }
        if state.isGone, let on = deal.goneOn { badges.append(Span("GONE FROM THE CRM on \(on) ", Style(.warn, bold: true))) }
        else if let close = state.expectedClose, close < date, !review.index.isOutcomeStage[state.stage] { badges.append(Span("OVERDUE ", Style(.bad, bold: true))) }
        else if review.current.slipped(d, in: review.current.windows.qtd) { badges.append(Span("SLIPPED ", Style(.warn, bold: true))) }
        if let ack = deal.stallAck, ack.until >= date { badges.append(Span("STALL ACKNOWLEDGED until \(ack.until) ", Style(.info))) }
        if !badges.isEmpty { out.append(badges) }
        let stage = stages[state.stage]
        var stageText = "\(text(stage.name)), \(snap.daysInStage(d)) days"
        if stage.outcome == nil { stageText += " (stalls after \(snap.stallThresholds[state.stage]))" }
        else { stageText = "\(text(stage.name)) on \(state.enteredOn) (\(snap.daysInStage(d)) days ago)" }
        field("Stage", stageText)
        let owner = deal.owner.flatMap { id in review.engagement.reps.first { $0.id == id }?.name } ?? deal.owner
        let amount = f.money(deal.amount) + (deal.termMonths.map { ", \($0) months: \(f.money(deal.annualizedValue))/year" } ?? "")
        field("Amount", amount)
        field("Owner", text(owner))
        let account = deal.account.flatMap { id in review.engagement.accounts.first { $0.id == id }?.name } ?? deal.account
        field("Account", "\(text(account))  \(glyphs.separator)  \(text(deal.typeName ?? "new_logo"))  \(glyphs.separator)  segment \(text(deal.segment))  \(glyphs.separator)  source \(text(deal.source))")
        field("Created", "\(deal.created)" + (deal.firstMeeting.map { "  \(glyphs.separator)  first meeting \($0)" } ?? ""))
        field("Expected close", state.expectedClose.map { "\($0)" + ($0 < date && stage.outcome == nil ? " (\(date - $0) days overdue)" : "") } ?? "not set")
        field("Last activity", deal.lastActivity.map { "\($0) (\(date - $0) days ago)" } ?? "not recorded")
        field("Next step", text(deal.nextStep))
        if let ack = deal.stallAck { field("Stall note", "until \(ack.until): \(text(ack.note))") }
        if let pov = deal.pov {
            let span = "\(pov.started.map { "started \($0)" } ?? "start unknown")" + (pov.ended.map { ", ended \($0)" } ?? "")
            field("Proof of value", "\(span): \(text(pov.outcome))")
        }
        if let reason = deal.lostReason { field("Lost reason", text(reason)) }

        section("Stage history")
        let history = deal.stageHistory.filter { $0.on <= date }
        // Names as long as the CRM's, within the width: the days follow after a gap.
        func stageName(_ entry: StageEntry) -> String { review.index.stageIndex[entry.stage].map { stages[$0].name } ?? entry.stage }
        let nameWidth = max(20, min(history.map { TextWidth.of(sanitizedForDisplay(stageName($0))) }.max() ?? 0, width - 34))
        for (i, entry) in history.enumerated() {
            let end = i + 1 < history.count ? history[i + 1].on : date
            let name = review.index.stageIndex[entry.stage].map { stages[$0].name } ?? entry.stage
            let now = i == history.count - 1
            out.append([Span("  \(entry.on)  "), Span(TextWidth.pad(sanitizedForDisplay(name), to: nameWidth, ellipsis: glyphs.text.ellipsis) + "  ", now ? Style(.normal, bold: true) : .normal),
                        Span(now && stages[state.stage].outcome != nil ? "closed" : "\(end - entry.on) days" + (now ? " so far" : ""), .muted)])
        }
        let changes = deal.closeDateChanges.filter { $0.on <= date }
        if !changes.isEmpty {
            section("Close-date changes")
            for c in changes {
                let delta = c.to - c.from
                out.append([Span("  \(c.on)  \(c.from) \(glyphs.text.arrowRight) \(c.to)  "),
                            Span("\(delta > 0 ? "+" : "")\(delta) days", delta > 0 ? Style(.warn) : .muted)])
            }
        }
        section("KPI autopsy")
        if let row = review.autopsy.rows.first(where: { $0.deal == d }) {
            out.append([Span("  Why: ", Style(.accent, bold: true)), Span(row.causes.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", "))])
            for impact in row.impacts {
                for (i, piece) in wrap("\(KPILabels.name(impact.kpi.rawValue, currency: review.engagement.client.currency)): \(impact.detail)", width: width - 6).enumerated() {
                    out.append([Span(i == 0 ? "  \(glyphs.separator) " : "    "), Span(piece)])
                }
            }
            // Only lost and slipped deals have a what-if (or a reason they have none).
            if review.winDay(row) != nil {
                let whatIf = review.whatIf(row)
                out.append([Span("  \(WhatIfLines.title(row, whatIf)): ", Style(.accent, bold: true))])
                for (text, style) in WhatIfLines.lines(review, row, whatIf, glyphs: glyphs, width: width - 4) { out.append([Span("    "), Span(text, style)]) }
            }
        }
        let written = review.engagement.autopsies.filter { $0.deal == deal.id && $0.writtenOn <= date }.max { $0.writtenOn < $1.writtenOn }
        if let a = written {
            out.append([Span("  Written \(a.writtenOn)", Style(.good, bold: true)), Span("  \(glyphs.separator) status \(text(a.status))  \(glyphs.separator) owner \(text(a.owner))  \(glyphs.separator) due \(a.due.map { "\($0)" } ?? glyphs.text.dash)", .muted)])
            for (label, value) in [("Root cause", a.rootCause), ("Systemic change", a.systemicChange)] {
                for (i, piece) in wrap("\(label): \(text(value))", width: width - 4).enumerated() { out.append([Span(i == 0 ? "  " : "    "), Span(piece)]) }
            }
            let kpis = a.kpis.map { KPILabels.name($0, currency: review.engagement.client.currency) }.joined(separator: ", ")
            for (i, piece) in wrap("KPIs: " + kpis, width: width - 4).enumerated() { out.append([Span(i == 0 ? "  " : "    "), Span(piece, .muted)]) }
        } else {
            out.append([Span("  Autopsy not written.", Style(.warn, bold: true))])
        }
        return out
    }
}

extension StoryScreen: ScreenUnit {
    var kind: ScreenKind { .story }
    /// The deal's id, and its client's name when no place before it names the client (the
    /// search and every client's stalled deals): ids repeat across clients.
    func crumb(_ state: AppState, _ entry: NavEntry) -> String {
        let id = state.entries[client].index.map { sanitizedForDisplay($0.deals[deal].id) } ?? "Deal"
        let named = state.stack.prefix { $0 != entry }.contains { $0.screen.client == client }
        return named ? id : "\(id) (\(state.entries[client].name))"
    }

    /// One position per scroll step: the first line (id and name) stays, the rest scrolls. The
    /// count is `update`'s `StoryCache`; a story without it (not on top) keeps its place.
    func rowCount(_ state: AppState, _ entry: NavEntry) -> Int {
        guard state.reviews[client] != nil else { return 0 }
        guard let lines = state.storyLineCount(client: client, deal: deal) else { return entry.selection + 1 }
        return max(1, lines - visibleRows(state.size))
    }

    /// Lines under the first.
    func visibleRows(_ size: Size) -> Int { Layout.body(size).height - 1 }

    func render(_ state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        Self.render(state, client: client, deal: deal, in: area, glyphs: glyphs, into: &buffer)
    }
}
