/// A frame with a title on its top edge: `─ Title ─────`.
public struct TitledRule {
    public let title: String
    public let glyphs: UIGlyphs
    public let style: Style

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard area.width > 0 else { return }
        buffer.put(String(repeating: glyphs.horizontal, count: area.width), x: area.x, y: area.y, style: Style(.border), clip: area)
        let title = TextWidth.truncate(" \(title) ", to: max(0, area.width - 2), ellipsis: glyphs.text.ellipsis)
        buffer.put(title, x: area.x + 1, y: area.y, style: style, clip: area)
    }
}

/// Word-wraps text to a width; long words are cut.
public func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = [], line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
        let candidate = line.isEmpty ? word : line + " " + word
        if TextWidth.of(candidate) <= width { line = candidate; continue }
        if !line.isEmpty { lines.append(line) }
        line = TextWidth.of(word) <= width ? word : TextWidth.truncate(word, to: width)
    }
    if !line.isEmpty { lines.append(line) }
    return lines.isEmpty ? [""] : lines
}
