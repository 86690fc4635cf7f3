import MetricsCore

/// The header (where you are, which week) and the footer (keys, input, messages).
enum Chrome {
    static func header(_ state: AppState, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let width = state.size.width
        buffer.fill(Rect(x: 0, y: 0, width: width, height: 1), style: .header)
        let titles = state.breadcrumb
        var week = "\(state.date.isoWeek) \(glyphs.separator) \(weekday(state.date)) \(state.date)" + (state.date == state.anchor ? "" : state.date > state.anchor ? " (ahead of the data)" : " (time travel)")
        if let pending = state.pendingDate { week = "computing \(pending.isoWeek)\(glyphs.text.ellipsis)  " + week }
        if state.readOnly { week = "read-only \(glyphs.separator) " + week }
        // Always said, not only in a message that the next key clears: these are not a client's figures.
        if state.showsBundledDemo { week = (state.demoInsteadOfPortfolio == nil ? "demo" : "DEMO, not your portfolio") + " \(glyphs.separator) " + week }
        let left = " Redline \(glyphs.vertical) "
        let x = buffer.put(left, x: 0, y: 0, style: .header)
        let room = width - x - TextWidth.of(week) - 2
        buffer.put(crumbs(titles, room: room, glyphs: glyphs), x: x, y: 0, style: .header)
        buffer.put(week, x: width - TextWidth.of(week) - 1, y: 0, style: .header)
    }

    /// The breadcrumb in `room` columns: the places nearest the top go first (`… › Funnel ›
    /// Proof of value`), so where you are is always whole; it alone is cut only when nothing else fits.
    static func crumbs(_ titles: [String], room: Int, glyphs: UIGlyphs) -> String {
        let sep = " \(glyphs.breadcrumb) "
        var shown = titles
        var text = shown.joined(separator: sep)
        while TextWidth.of(text) > room, shown.count > 1 {
            shown.removeFirst()
            text = glyphs.text.ellipsis + sep + shown.joined(separator: sep)
        }
        return TextWidth.truncate(text, to: room, ellipsis: glyphs.text.ellipsis)
    }

    static func weekday(_ d: Day) -> String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.isoWeekday - 1] }

    static func footer(_ state: AppState, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let y = state.size.height - 1
        let width = state.size.width
        buffer.fill(Rect(x: 0, y: y, width: width, height: 1), style: .muted)
        if let form = state.form {
            let inFooter = form.isSingleLine && form.conflicts.isEmpty
            if inFooter {
                let x = buffer.put(form.purpose.title + ": ", x: 0, y: y, style: Style(.accent, bold: true))
                let hint = form.saving ? "  saving\(glyphs.text.ellipsis)" : "  Enter saves \(glyphs.separator) Esc cancels"
                let editorWidth = max(10, width - x - TextWidth.of(hint))
                form.editor.render(in: Rect(x: x, y: y, width: editorWidth, height: 1), into: &buffer, style: Style(.title))
                buffer.put(hint, x: x + editorWidth, y: y, style: .muted)
            }
            return
        }
        switch state.input {
        case .command(let text):
            buffer.put(":" + text + "_", x: 0, y: y, style: .title)
            buffer.put("client id, Enter to open, Esc to cancel", x: max(TextWidth.of(text) + 4, width - 40), y: y, style: .muted)
            return
        case .filter(let text):
            buffer.put("/" + text + "_", x: 0, y: y, style: .title)
            buffer.put("filter as you type, Enter keeps it, Esc clears", x: max(TextWidth.of(text) + 4, width - 48), y: y, style: .muted)
            return
        case .search(let text):
            let hint = "every client's deals \(glyphs.separator) \(glyphs.text.down)\(glyphs.text.up) move \(glyphs.separator) Enter opens \(glyphs.separator) Esc closes"
            var shown = sanitizedForDisplay(text)
            // A query longer than the line shows its end, where the typing is.
            if TextWidth.of(shown) + 2 > width {
                var kept: [Character] = []
                var used = TextWidth.of(glyphs.text.ellipsis) + 2
                for c in shown.reversed() {
                    used += TextWidth.of(c)
                    if used > width { break }
                    kept.append(c)
                }
                shown = glyphs.text.ellipsis + String(kept.reversed())
            }
            buffer.put("/" + shown + "_", x: 0, y: y, style: .title)
            if TextWidth.of(shown) + 4 + TextWidth.of(hint) <= width { buffer.put(hint, x: width - TextWidth.of(hint) - 1, y: y, style: .muted) }
            return
        case nil: break
        }
        if state.status != nil { return } // drawn by `status`, over everything
        drawHints(state, y: y, into: &buffer)
    }

    /// The key table's hints for the screen on top (or the help): the most useful that fit, then
    /// the tail every screen ends with (`Esc back` or `q quit`, `? help`), whose room is kept.
    static func drawHints(_ state: AppState, y: Int, into buffer: inout Buffer) {
        for (hint, x) in placedHints(state) {
            buffer.put(hint.0, x: x, y: y, style: Style(.accent, bold: true))
            buffer.put(" " + hint.1, x: x + TextWidth.of(hint.0), y: y, style: .muted)
        }
    }

    /// The footer's hints and the column each starts at (drawn by `drawHints`, clicked through
    /// `hintKey`).
    static func placedHints(_ state: AppState) -> [(hint: (String, String), x: Int)] {
        let kind = state.screenKind
        var (lead, tail) = state.showHelp ? (KeyTable.helpHints.map { ($0.keys, $0.label) }, []) : KeyTable.hints(on: kind)
        // Once something was saved, the footer says it can be taken back (the key works anywhere).
        if !state.showHelp, !state.undoStack.isEmpty { tail.insert(("u", "undo"), at: 0) }
        if kind == .portfolio, state.portfolioWhy, let i = lead.firstIndex(where: { $0.0 == "y" }) { lead[i].1 = "KPIs" }
        func width(_ hint: (String, String)) -> Int { TextWidth.of(hint.0) + 1 + TextWidth.of(hint.1) + 2 }
        let room = state.size.width - tail.reduce(0) { $0 + width($1) }
        var x = 0
        var placed: [(hint: (String, String), x: Int)] = []
        func put(_ hint: (String, String)) {
            placed.append((hint, x))
            x += width(hint)
        }
        // In order of use: a hint that does not fit ends the lead, so none shows without those before it.
        for hint in lead {
            guard x + width(hint) <= room else { break }
            put(hint)
        }
        for hint in tail { put(hint) }
        return placed
    }

    /// The key of the footer hint drawn at column `x` (when the footer shows hints): on one of a
    /// hint's keys (`j/k`, `[ ]`), that key; on its label, its first key.
    static func hintKey(_ state: AppState, x: Int) -> Key? {
        guard state.form == nil, state.input == nil, state.status == nil else { return nil }
        for (hint, start) in placedHints(state) {
            let end = start + TextWidth.of(hint.0) + 1 + TextWidth.of(hint.1)
            guard x >= start, x < end else { continue }
            var tokens: [(key: Key, from: Int, to: Int)] = []
            var at = start
            for token in hint.0.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == " " }) {
                let w = TextWidth.of(String(token))
                if let key = key(named: String(token)) { tokens.append((key, at, at + w)) }
                at += w + 1
            }
            return tokens.first { x >= $0.from && x < $0.to }?.key ?? tokens.first?.key
        }
        return nil
    }

    /// A key as a footer hint names it.
    static func key(named name: String) -> Key? {
        switch name {
        case "Enter": return .enter
        case "Esc": return .escape
        case "Tab": return .tab
        case "PgDn": return .pageDown
        case "PgUp": return .pageUp
        default: return name.count == 1 ? .char(name.first!) : nil
        }
    }

    /// The one-line message (what changed, why a key did nothing), on the last row, or just above
    /// a one-line form; a long one takes up to four rows (a failed save's reason and that the text
    /// is kept; why the demo is shown in place of the config's portfolio, its path whole).
    static func status(_ state: AppState, glyphs: UIGlyphs, into buffer: inout Buffer) {
        guard let status = state.status, state.input == nil else { return }
        let width = state.size.width
        var bottom = state.size.height - 1
        if let form = state.form, form.isSingleLine, form.conflicts.isEmpty { bottom -= 1 }
        var lines = wrap(glyphs.text.text(status), width: width - 1)
        let most = 4
        if lines.count > most { lines = lines.prefix(most - 1) + [TextWidth.truncate(lines[(most - 1)...].joined(separator: " "), to: width - 1, ellipsis: glyphs.text.ellipsis)] }
        for (i, line) in lines.enumerated() {
            let y = bottom - (lines.count - 1) + i
            buffer.fill(Rect(x: 0, y: y, width: width, height: 1), style: .muted)
            buffer.put(line, x: 0, y: y, style: Style(.info, bold: true))
        }
    }
}
