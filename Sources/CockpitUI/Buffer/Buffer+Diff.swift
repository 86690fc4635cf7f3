/// A run of changed cells on one row: what the terminal adapter writes.
public struct CellChange: Sendable, Equatable {
    public let x: Int
    public let y: Int
    public let cell: Cell
}

extension Buffer {
    /// The cells that differ from `previous` (all of them when the size changed), row by row.
    /// Continuation cells of wide characters are never emitted: the wide cell covers them.
    public func changes(since previous: Buffer?) -> [CellChange] {
        var out: [CellChange] = []
        let full = previous?.size != size
        for y in 0..<size.height {
            for x in 0..<size.width {
                let cell = self[x, y]
                if cell.width == 0 { continue }
                if full || previous![x, y] != cell || (cell.width == 2 && x + 1 < size.width && previous![x + 1, y] != self[x + 1, y]) {
                    out.append(CellChange(x: x, y: y, cell: cell))
                }
            }
        }
        return out
    }
}
