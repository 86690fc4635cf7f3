import MetricsCore

/// A form of several fields (an autopsy, a planned action) in a box over the screen, or the
/// two versions of a conflicting save for the user to choose from.
enum FormOverlay {
    static let labelWidth = 20

    static func render(_ form: EditForm, state: AppState, in area: Rect, glyphs: UIGlyphs, into buffer: inout Buffer) {
        // A sheet across the bottom of the screen, so what is edited stays visible above it.
        let width = area.width
        let lines = form.conflicts.isEmpty ? fieldLines(form) + previewLines(form, state, glyphs: glyphs, width: width - 4) : conflictLines(form, width: width - 4)
        let height = min(area.height, lines.count + 3)
        let box = Rect(x: area.x, y: area.maxY - height, width: width, height: height)
        buffer.fill(box, style: .normal)
        var title = form.purpose.title
        if let deal = deal(form, state) { title += " of \(deal)" }
        TitledRule(title: title, glyphs: glyphs, style: .title).render(in: box.rows(0, 1), into: &buffer)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 3)
        for (i, line) in lines.prefix(inner.height).enumerated() { line(Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1), glyphs, &buffer) }
        buffer.put(String(repeating: glyphs.horizontal, count: width), x: box.x, y: box.maxY - 2, style: Style(.border))
        let hint: String
        if form.saving { hint = "saving\(glyphs.text.ellipsis)" }
        else if !form.conflicts.isEmpty { hint = "m keep mine (Enter)  \(glyphs.separator)  t take theirs  \(glyphs.separator)  e edit again" }
        else {
            // Only the keys this form uses: a form with nothing to pick does not offer picking.
            let picks = form.fields.contains { if case .pick = $0.value { return true } else { return false } }
            hint = ["Tab/\(glyphs.text.down) next field", picks ? "\(glyphs.text.isASCII ? "<-" : "←")/\(glyphs.text.arrowRight) move, Space picks" : nil, "Enter saves", "Esc cancels"]
                .compactMap { $0 }.joined(separator: "  \(glyphs.separator)  ")
        }
        buffer.put(TextWidth.truncate(hint, to: width - 4, ellipsis: glyphs.text.ellipsis), x: box.x + 2, y: box.maxY - 1, style: .muted)
    }

    /// What the form is about: a deal's id, a KPI's name.
    static func deal(_ form: EditForm, _ state: AppState) -> String? {
        switch form.purpose {
        case .nextStep(let id), .stallNote(let id, _), .autopsy(let id): return sanitizedForDisplay(id)
        case .addAction: return nil
        case .improvement(let kpi):
            return KPICatalog.definition(kpi).name(in: state.entries[form.client].index?.engagement.client.currency ?? "")
        }
    }

    /// Under an improvement target's fields: the goal and baseline the typed change makes (or why
    /// it cannot be saved), a note on a goal the baseline so far could not reach, then what holds
    /// now; wrapped, never cut.
    static func previewLines(_ form: EditForm, _ state: AppState, glyphs: UIGlyphs, width: Int) -> [Line] {
        guard let p = state.improvementPreview(form, glyphs: glyphs.text) else { return [] }
        var lines: [Line] = [{ _, _, _ in }]
        let rows: [(String, String?, Style)] = [("Goal", p.goal, Style(p.valid ? .title : .warn, bold: !p.valid)), ("Note", p.note, Style(.warn)), ("Now", p.now, Style.muted)]
        for case let (label, text?, style) in rows {
            for (i, piece) in wrap(text, width: max(10, width - labelWidth - 1)).enumerated() {
                lines.append { r, _, b in
                    if i == 0 { b.put("  " + label, x: r.x, y: r.y, style: .muted) }
                    b.put(piece, x: r.x + labelWidth + 1, y: r.y, style: style, clip: r)
                }
            }
        }
        return lines
    }

    typealias Line = (Rect, UIGlyphs, inout Buffer) -> Void

    static func fieldLines(_ form: EditForm) -> [Line] {
        form.fields.enumerated().map { i, field in
            { rect, glyphs, buffer in
                let focused = i == form.focus
                let label = (focused ? glyphs.pointer : " ") + " " + field.label + (field.required ? "*" : "")
                buffer.put(TextWidth.pad(label, to: labelWidth), x: rect.x, y: rect.y, style: Style(focused ? .accent : .muted, bold: focused))
                let value = Rect(x: rect.x + labelWidth + 1, y: rect.y, width: rect.width - labelWidth - 1, height: 1)
                switch field.value {
                case .text(let e), .date(let e):
                    if focused { e.render(in: value, into: &buffer, style: Style(.title)) }
                    else { buffer.put(TextWidth.truncate(sanitizedForDisplay(e.text), to: value.width, ellipsis: glyphs.text.ellipsis), x: value.x, y: value.y, clip: value) }
                case .pick(_, let chosen, let cursor, let multiple):
                    renderPick(field.shownOptions.map(glyphs.text.text), chosen: chosen, cursor: focused ? cursor : nil, multiple: multiple, in: value, more: glyphs.text.ellipsis, into: &buffer)
                }
            }
        }
    }

    /// `[x] win_rate  [ ] sales_cycle_days`, scrolled so the cursor shows; the cursor is reversed.
    /// Options cut off at either side are marked with `more`.
    static func renderPick(_ options: [String], chosen: [Bool], cursor: Int?, multiple: Bool, in area: Rect, more: String, into buffer: inout Buffer) {
        let items = options.indices.map { (multiple ? (chosen[$0] ? "[x] " : "[ ] ") : (chosen[$0] ? "(*) " : "( ) ")) + options[$0] }
        let room = Rect(x: area.x, y: area.y, width: area.width - TextWidth.of(more), height: 1)
        var start = 0
        if let cursor {
            func needed(_ from: Int) -> Int { (from > 0 ? TextWidth.of(more) + 1 : 0) + items[from...cursor].reduce(0) { $0 + TextWidth.of($1) + 2 } - 2 }
            while start < cursor, needed(start) > room.width { start += 1 }
        }
        var x = room.x
        if start > 0 { x = buffer.put(more + " ", x: x, y: area.y, style: .muted) }
        for i in start..<items.count {
            guard x + TextWidth.of(items[i]) <= room.maxX else {
                buffer.put(more, x: min(x, room.maxX), y: area.y, style: .muted)
                break
            }
            var style = Style(chosen[i] ? .title : .muted)
            if i == cursor { style.reverse = true }
            x = buffer.put(items[i], x: x, y: area.y, style: style) + 2
        }
    }

    static func conflictLines(_ form: EditForm, width: Int) -> [Line] {
        var lines: [Line] = [{ r, _, b in b.put("Someone else changed this in the file while you were typing.", x: r.x, y: r.y, style: Style(.warn, bold: true)) }]
        for c in form.conflicts {
            lines.append { r, _, b in b.put(c.field.prefix(1).uppercased() + c.field.dropFirst(), x: r.x, y: r.y, style: Style(.accent, bold: true)) }
            for (label, text, style) in [("on disk: ", c.theirs, Style.normal), ("yours:   ", c.mine, Style(.title))] {
                for (i, piece) in wrap(sanitizedForDisplay(text.isEmpty ? "(empty)" : text), width: max(10, width - 11)).prefix(3).enumerated() {
                    lines.append { r, _, b in
                        b.put(i == 0 ? "  " + label : String(repeating: " ", count: 11), x: r.x, y: r.y, style: .muted)
                        b.put(piece, x: r.x + 11, y: r.y, style: style, clip: r)
                    }
                }
            }
        }
        return lines
    }
}
