import Foundation
import MetricsCore

/// One cell of the screen: a grapheme cluster (one `Character`, all its scalars), its display
/// width and its style.
///
/// A cluster `w` cells wide (`TextWidth.of`) takes `w` cells: the first holds it with width
/// `w`, the `w - 1` after it are continuations (`width == 0`, empty text) that the terminal
/// adapter skips. Wide CJK and emoji take two; a few clusters of several spacing scalars
/// (a Devanagari conjunct with a vowel sign, "क्षि") take three.
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
    /// For a terminal whose locale is not UTF-8: text from the data is written in ASCII, each
    /// cluster as its Latin-ASCII fold ("é" as "e", "Ł" as "L") cut or padded with `?` to its
    /// cells, so a name stays readable and every column stays where the layout put it.
    public var asciiOnly = false

    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        cells = Array(repeating: fill, count: max(0, size.width * size.height))
    }

    public var area: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Writes `text` at (x, y), clipped to `clip` (default: the whole buffer), one grapheme
    /// cluster per cell. Control characters are dropped here too, so nothing a file contains
    /// can reach the terminal. A cluster is written whole or not at all: one that would cross
    /// an edge of the clip leaves blanks in its style where its visible part would be.
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        let bounds = clip ?? area
        guard y >= bounds.y, y < bounds.maxY, y >= 0, y < size.height else { return x }
        let left = max(bounds.x, 0), right = min(bounds.maxX, size.width)
        var cx = x
        for c in text {
            // C0, C1 and bidi controls (MetricsCore's rule for every output).
            if c.unicodeScalars.contains(where: isUnsafeForTerminal) { continue }
            let w = TextWidth.of(c)
            if w == 0 {
                if asciiOnly { continue }
                // A mark with no cluster before it in this string (text starting with one, or
                // after a dropped control): it joins the cell before when that keeps one cluster
                // of the same width, else it is dropped.
                if cx > left, cx <= right { join(c, at: cx - 1, y: y) }
                continue
            }
            if cx + w > right {
                if cx < right { blank(max(cx, left)..<right, y: y, style: style) }
                break
            }
            if cx >= left {
                write(Cell(asciiOnly && !c.isASCII ? Self.asciiFold(c, cells: w) : String(c), width: UInt8(w), style: style), x: cx, y: y)
            } else if cx + w > left {
                blank(left..<(cx + w), y: y, style: style)
            }
            cx += w
        }
        return cx
    }

    /// A cluster in ASCII, exactly `cells` characters: its Latin-ASCII transliteration (ICU's,
    /// through Foundation), printable characters only, cut or padded with `?`.
    static func asciiFold(_ c: Character, cells: Int) -> String {
        let folded = String(c).applyingTransform(StringTransform("Latin-ASCII"), reverse: false) ?? ""
        let printable = folded.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.map(Character.init)
        return String(printable.prefix(cells)) + String(repeating: "?", count: max(0, cells - printable.count))
    }

    /// Puts a cell of width `w` at (x, y) and its `w - 1` continuations, first blanking what is
    /// left of any cluster it overlaps.
    private mutating func write(_ cell: Cell, x: Int, y: Int) {
        let w = max(1, Int(cell.width))
        for i in x..<(x + w) { clearCluster(x: i, y: y) }
        self[x, y] = cell
        for i in (x + 1)..<(x + w) { self[i, y] = .continuation(cell.style) }
    }

    /// Blanks the cells of a range (clusters cut by it blanked whole).
    private mutating func blank(_ range: Range<Int>, y: Int, style: Style) {
        for i in range { write(Cell(" ", style: style), x: i, y: y) }
    }

    /// Before overwriting a cell, blanks the rest of the cluster it belongs to: its head when
    /// it is a continuation, its continuations when it is a head.
    private mutating func clearCluster(x: Int, y: Int) {
        guard x >= 0, x < size.width else { return }
        var head = x
        while head > 0 && self[head, y].width == 0 { head -= 1 }
        let cell = self[head, y]
        let end = head + Int(cell.width)
        guard cell.width > 1 || head < x, end > x else { return }  // a narrow cell, or an orphan continuation
        for i in head..<min(end, size.width) { self[i, y] = Cell(" ", style: self[i, y].style) }
    }

    /// Joins a mark (a width-0 cluster) to the cluster whose cells include column x.
    private mutating func join(_ c: Character, at x: Int, y: Int) {
        guard x >= 0, x < size.width else { return }
        var head = x
        while head > 0 && self[head, y].width == 0 { head -= 1 }
        let cell = self[head, y]
        guard cell.width > 0, head + Int(cell.width) > x else { return }
        let joined = cell.text + String(c)
        guard joined.count == 1, let only = joined.first, TextWidth.of(only) == Int(cell.width) else { return }
        self[head, y].text = joined
    }

    /// Fills a rectangle with one narrow character and style; a wide cluster cut by the
    /// rectangle's edge is blanked whole.
    public mutating func fill(_ rect: Rect, with text: String = " ", style: Style = .normal) {
        let x0 = max(0, rect.x), x1 = min(size.width, rect.maxX), y0 = max(0, rect.y), y1 = min(size.height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            clearCluster(x: x0, y: y)
            clearCluster(x: x1 - 1, y: y)
            for x in x0..<x1 { self[x, y] = Cell(text, style: style) }
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
