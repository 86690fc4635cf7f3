/// A changed cell: what the terminal adapter writes.
public struct CellChange: Sendable, Equatable {
    public let x: Int
    public let y: Int
    public let cell: Cell
}

extension Buffer {
    /// The cells that differ from `previous` (all of them when the size changed), row by row.
    ///
    /// Continuation cells of wide clusters are never emitted: the head covers them, and a head
    /// is emitted when it or any of its continuations changed (its continuations are where an
    /// old narrow cell or another cluster's half may have been). A continuation with no head
    /// before it (only `subscript` can make one) is emitted as a blank, so the terminal never
    /// keeps a stale glyph where the buffer has nothing.
    public func changes(since previous: Buffer?) -> [CellChange] {
        var out: [CellChange] = []
        let full = previous?.size != size
        for y in 0..<size.height {
            var covered = 0  // the column up to which the last head's cells reach
            for x in 0..<size.width {
                let cell = self[x, y]
                if cell.width == 0 {
                    if x >= covered, full || previous![x, y] != cell { out.append(CellChange(x: x, y: y, cell: Cell(" ", style: cell.style))) }
                    continue
                }
                let end = min(size.width, x + Int(cell.width))
                covered = end
                if full || (x..<end).contains(where: { previous![$0, y] != self[$0, y] }) {
                    out.append(CellChange(x: x, y: y, cell: cell))
                }
            }
        }
        return out
    }
}
