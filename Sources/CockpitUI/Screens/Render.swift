import MetricsCore

/// Draws the whole cockpit for a state: header, the screen on top of the stack, footer, help.
public enum CockpitView {
    public static let minimumSize = Size(width: 80, height: 24)

    public static func render(_ state: AppState, glyphs: UIGlyphs) -> Buffer {
        var buffer = Buffer(size: state.size)
        buffer.asciiOnly = glyphs.text.isASCII
        guard state.size.width >= minimumSize.width, state.size.height >= minimumSize.height else {
            TooSmall.render(state.size, formOpen: state.form != nil, glyphs: glyphs, into: &buffer)
            return buffer
        }
        Chrome.header(state, glyphs: glyphs, into: &buffer)
        let body = Layout.body(state.size)
        state.topUnit.render(state, in: body, glyphs: glyphs, into: &buffer)
        Chrome.footer(state, glyphs: glyphs, into: &buffer)
        if let form = state.form, !form.isSingleLine || !form.conflicts.isEmpty { FormOverlay.render(form, state: state, in: body, glyphs: glyphs, into: &buffer) }
        Chrome.status(state, glyphs: glyphs, into: &buffer)
        if state.showHelp { HelpOverlay.render(in: body, scroll: state.helpScroll, glyphs: glyphs, into: &buffer) }
        return buffer
    }
}

/// Where the screen parts go.
public enum Layout {
    /// Everything between the header (row 0) and the footer (last row).
    public static func body(_ size: Size) -> Rect { Rect(x: 0, y: 1, width: size.width, height: size.height - 2) }
}

/// Shown below 80×24 instead of a broken layout.
enum TooSmall {
    /// `formOpen`: q and Ctrl-C do nothing here then (the form's text is kept), so the screen says so.
    static func render(_ size: Size, formOpen: Bool = false, glyphs: UIGlyphs, into buffer: inout Buffer) {
        let x = glyphs.text.times
        let lines = ["Redline needs at least 80\(x)24.", "Enlarge the terminal (now \(size.width)\(x)\(size.height)).",
                     formOpen ? "A form is open: enlarge to save or close it." : "q quits."]
        for (i, line) in lines.enumerated() {
            let text = TextWidth.truncate(line, to: size.width, ellipsis: glyphs.text.ellipsis)
            buffer.put(text, x: max(0, (size.width - TextWidth.of(text)) / 2), y: size.height / 2 - 1 + i, style: i == 0 ? .title : .normal)
        }
    }
}
