/// A rectangle of cells: origin at the top left, sizes in columns and rows.
public struct Rect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The rows `from` top, `count` high, clipped to this rect.
    public func rows(_ from: Int, _ count: Int) -> Rect {
        let top = min(height, max(0, from))
        return Rect(x: x, y: y + top, width: width, height: min(count, height - top))
    }
    public func inset(_ dx: Int, _ dy: Int) -> Rect { Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy) }
    /// Splits into columns of the given widths (the last takes what is left).
    public func columns(_ widths: [Int], gap: Int = 1) -> [Rect] {
        var out: [Rect] = []
        var cx = x
        for (i, w) in widths.enumerated() {
            let width = i == widths.count - 1 ? maxX - cx : min(w, maxX - cx)
            out.append(Rect(x: cx, y: y, width: width, height: height))
            cx += width + gap
        }
        return out
    }
}

/// A terminal size in cells.
public struct Size: Hashable, Sendable {
    public var width: Int, height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}
