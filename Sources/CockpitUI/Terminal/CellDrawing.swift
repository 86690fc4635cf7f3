/// How a curses-like library draws one cell of the `Buffer`.
///
/// Such a library (ncurses) keeps at most a few scalars per screen position (`CCHARW_MAX`, 5 in
/// ncurses) and moves its idea of the cursor by `wcwidth` of a position's first scalar, not by
/// the cluster's width. A cell is handed over in the first of these forms that keeps both the
/// library and the terminal at the cell's width:
/// 1. whole: every scalar at one position, when the first one's `wcwidth` is the cell's width
///    (CJK, `e` + accent, Thai "ที่", emoji sequences of up to `maxScalars` scalars);
/// 2. split: one position per spacing scalar, each with the zero-width scalars after it, when
///    their `wcwidth`s add up to the cell's width (Thai "น้ำ", whose last vowel is spacing; a flag's
///    two regional indicators where `wcwidth` takes them as one column each). The terminal joins
///    the pieces again, so they are `joined`: written together or not at all;
/// 3. safe: the first scalar alone, or a replacement glyph, then spaces to the cell's width
///    (a ZWJ family of seven scalars, ❤️ where `wcwidth` says the heart is one column, text the
///    locale cannot encode).
public struct CellDrawing: Sendable, Equatable {
    /// Scalars written at one screen position, `offset` columns after the cell's own.
    public struct Piece: Sendable, Equatable {
        public let offset: Int
        public let scalars: [Unicode.Scalar]
        public init(_ offset: Int, _ scalars: [Unicode.Scalar]) { self.offset = offset; self.scalars = scalars }
    }

    public let pieces: [Piece]
    /// The pieces are one cluster split over several positions: the terminal must receive them
    /// all together (a library that skips a position it thinks unchanged would send half a
    /// flag).
    public let joined: Bool

    /// - Parameters:
    ///   - room: columns left on the row from the cell (a cell never spills past the row).
    ///   - maxScalars: scalars the library keeps per position.
    ///   - width: the library's `wcwidth` (negative for what the locale cannot print).
    public init(_ cell: Cell, room: Int, maxScalars: Int, width: (Unicode.Scalar) -> Int) {
        let w = min(Int(cell.width), room)
        guard w > 0 else { pieces = []; joined = false; return }
        let scalars = Array(cell.text.unicodeScalars)
        if w == Int(cell.width), let first = scalars.first, width(first) > 0 {
            if width(first) == w && scalars.count <= maxScalars {
                pieces = [Piece(0, scalars)]; joined = false; return
            }
            if let split = Self.split(scalars, width: w, maxScalars: maxScalars, columns: width) {
                pieces = split; joined = split.count > 1; return
            }
        }
        // The safe form: what is sure to take exactly the cell's columns.
        var out: [Piece], column: Int
        if let first = scalars.first, case let c = width(first), c >= 1, c <= w {
            out = [Piece(0, [first])]; column = c
        } else if scalars.isEmpty {
            out = [Piece(0, [" "])]; column = 1
        } else {
            out = [Piece(0, [width("\u{FFFD}") == 1 ? "\u{FFFD}" : "?"])]; column = 1
        }
        while column < w { out.append(Piece(column, [" "])); column += 1 }
        pieces = out; joined = false
    }

    /// One piece per spacing scalar, when the widths add up to `width` and each piece fits.
    private static func split(_ scalars: [Unicode.Scalar], width: Int, maxScalars: Int, columns: (Unicode.Scalar) -> Int) -> [Piece]? {
        var out: [(offset: Int, scalars: [Unicode.Scalar])] = []
        var column = 0
        for u in scalars {
            let c = columns(u)
            if c < 0 { return nil }
            if c == 0 {
                guard !out.isEmpty, out[out.count - 1].scalars.count < maxScalars else { return nil }
                out[out.count - 1].scalars.append(u)
            } else {
                out.append((column, [u]))
                column += c
            }
        }
        guard column == width else { return nil }
        return out.map { Piece($0.offset, $0.scalars) }
    }
}
