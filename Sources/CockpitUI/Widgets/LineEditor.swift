import MetricsCore

/// A one-line text editor: cursor, insert, delete, word moves, paste of long text, wide
/// characters. A value: the form that owns it decides what Enter and Esc do.
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// Position of the cursor, 0 … characters.count.
    public private(set) var cursor: Int
    private let original: String

    /// Starts on `text` as the story shows it: a value from the file loses its control
    /// characters and whole escape sequences (not only their ESC, which left `[31m` to edit).
    public init(_ text: String = "") {
        let shown = sanitizedForDisplay(text)
        characters = Array(shown)
        cursor = characters.count
        original = shown
    }

    public var text: String { String(characters) }
    /// Something was typed (Esc then asks before throwing it away).
    public var isChanged: Bool { text != original }

    /// Inserts typed or pasted text; line breaks become spaces and control characters are dropped.
    /// The text is segmented again around the cursor: a mark typed after its base (a Thai vowel
    /// or tone mark arrives as a key of its own, "ก" then "ิ") joins it in one grapheme cluster,
    /// as the buffer draws it, so the cursor never sits inside a cluster.
    public mutating func insert(_ s: String) {
        let spaced = String(s.map { c -> Character in c == "\n" || c == "\r" || c == "\t" || c == "\r\n" ? " " : c })
        let clean = Array(sanitizedForDisplay(spaced))
        guard !clean.isEmpty else { return }
        let before = String(characters[..<cursor]) + String(clean)
        characters = Array(before + String(characters[cursor...]))
        cursor = min(characters.count, before.count)
    }

    public mutating func backspace() { if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 } }
    public mutating func delete() { if cursor < characters.count { characters.remove(at: cursor) } }
    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(characters.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = characters.count }

    /// To the start of the word before the cursor.
    public mutating func wordLeft() {
        while cursor > 0 && characters[cursor - 1] == " " { cursor -= 1 }
        while cursor > 0 && characters[cursor - 1] != " " { cursor -= 1 }
    }

    /// To the end of the word after the cursor.
    public mutating func wordRight() {
        while cursor < characters.count && characters[cursor] == " " { cursor += 1 }
        while cursor < characters.count && characters[cursor] != " " { cursor += 1 }
    }

    /// Deletes from the cursor to the end (Ctrl-K) or from the start to the cursor (Ctrl-U).
    public mutating func deleteToEnd() { characters.removeSubrange(cursor...) }
    public mutating func deleteToStart() { characters.removeSubrange(..<cursor); cursor = 0 }

    /// Deletes the word before the cursor (Ctrl-W).
    public mutating func deleteWordBackward() {
        let end = cursor
        wordLeft()
        characters.removeSubrange(cursor..<end)
    }

    /// Applies a key; returns false for keys an editor does not use (Enter, Esc, …).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .paste(let text): insert(text)
        case .backspace: backspace()
        case .left: left()
        case .right: right()
        case .home, .ctrl("a"): home()
        case .end, .ctrl("e"): end()
        case .ctrl("d"): delete()
        case .ctrl("w"): deleteWordBackward()
        case .ctrl("k"): deleteToEnd()
        case .ctrl("u"): deleteToStart()
        case .ctrl("b"): wordLeft()
        case .ctrl("f"): wordRight()
        default: return false
        }
        return true
    }

    /// Draws the text scrolled so the cursor is visible; the cursor cell is reversed.
    public func render(in area: Rect, into buffer: inout Buffer, style: Style = .normal) {
        guard area.width > 1 else { return }
        // The window of characters that fits, ending at or after the cursor.
        var start = 0
        while TextWidth.of(String(characters[start..<cursor])) > area.width - 1 { start += 1 }
        var x = area.x
        for i in start..<characters.count {
            let w = TextWidth.of(characters[i])
            if x + w > area.maxX { break }
            var s = style
            if i == cursor { s.reverse = true }
            x = buffer.put(String(characters[i]), x: x, y: area.y, style: s, clip: area)
        }
        if cursor == characters.count, x < area.maxX { buffer.put(" ", x: x, y: area.y, style: Style(style.role, reverse: true), clip: area) }
    }
}
