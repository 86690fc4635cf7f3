import MetricsCore

/// One cell of the screen: a grapheme, its display width and its style.
///
/// A wide character takes two cells: the first holds it with width 2, the second is a
/// continuation (`width == 0`, empty text) that the terminal adapter skips.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public init(_ text: String = " ", width: UInt8 = 1, style: Style = .normal) {
        self.text = text; self.width = width; self.style = style
    }
    public static let blank = Cell()
    static func continuation(_ style: Style) -> Cell { Cell("", width: 0, style: style) }
}

/// The whole screen as cells; widgets draw into it and never touch a terminal.
public struct Buffer: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        cells = Array(repeating: fill, count: max(0, size.width * size.height))
    }

    public var area: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Writes `text` at (x, y), clipped to `clip` (default: the whole buffer). Control
    /// characters are dropped here too, so nothing a file contains can reach the terminal.
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        let bounds = clip ?? area
        guard y >= bounds.y, y < bounds.maxY, y >= 0, y < size.height else { return x }
        var cx = x
        for c in text {
            if c.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) { continue }
            let w = TextWidth.of(c)
            if w == 0 {
                // A combining mark with nothing before it in range is dropped.
                if cx > bounds.x, cx - 1 < size.width, cx - 1 >= 0 {
                    var prev = cx - 1
                    if self[prev, y].width == 0 && prev > 0 { prev -= 1 }
                    self[prev, y].text.append(c)
                }
                continue
            }
            if cx + w > bounds.maxX || cx + w > size.width { break }
            if cx >= bounds.x && cx >= 0 {
                clearWide(x: cx, y: y)
                self[cx, y] = Cell(String(c), width: UInt8(w), style: style)
                if w == 2 { clearWide(x: cx + 1, y: y); self[cx + 1, y] = .continuation(style) }
            }
            cx += w
        }
        return cx
    }

    /// Before overwriting a cell, blanks the other half of a wide character it belongs to.
    private mutating func clearWide(x: Int, y: Int) {
        let cell = self[x, y]
        if cell.width == 0, x > 0, self[x - 1, y].width == 2 { self[x - 1, y] = Cell(" ", style: self[x - 1, y].style) }
        if cell.width == 2, x + 1 < size.width { self[x + 1, y] = Cell(" ", style: cell.style) }
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(_ rect: Rect, with text: String = " ", style: Style = .normal) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) { self[x, y] = Cell(text, style: style) }
        }
    }

    /// Restyles the cells of a rectangle, keeping their text.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) { self[x, y].style = style }
        }
    }

    /// The screen as lines of text (trailing spaces kept), for tests and headless output.
    public var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where self[x, y].width != 0 { line += self[x, y].text }
            return line
        }
    }

    /// The lines with trailing spaces removed.
    public var trimmedLines: [String] {
        lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }
}
