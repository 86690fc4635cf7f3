/// Turns byte offsets of a file into 1-based line and column, columns in Unicode scalars.
///
/// Positions are computed only for problems, in one pass over the file for all of them, so
/// loading a valid file pays nothing and a file with many problems pays one scan. The scan reads
/// eight bytes a step: a save's check places the problems of a 70 MB file again at every save.
struct SourcePositions {
    /// The whole file as read, BOM included.
    let bytes: UnsafeBufferPointer<UInt8>
    /// 3 when the file starts with a UTF-8 BOM, which is not counted in columns.
    let bomLength: Int

    /// Line and column of each file offset, in the order given.
    func lineColumns(of offsets: [Int]) -> [(line: Int, column: Int)] {
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = Array(repeating: (line: 1, column: 1), count: offsets.count)
        var line = 1, column = 1
        var i = bomLength
        for index in order {
            let target = min(max(offsets[index], bomLength), bytes.count)
            if target > i {
                let newlines = Self.newlines(in: bytes, i..<target)
                if newlines.count > 0 {
                    line += newlines.count
                    column = 1 + Self.scalars(in: bytes, (newlines.last + 1)..<target)
                } else {
                    column += Self.scalars(in: bytes, i..<target)
                }
                i = target
            }
            result[index] = (line, column)
        }
        return result
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// How many newlines `range` holds, and the offset of the last one.
    static func newlines(in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (count: Int, last: Int) {
        guard let base = b.baseAddress else { return (0, -1) }
        var count = 0, last = -1, k = range.lowerBound
        while k + 8 <= range.upperBound {
            let x = UInt64(littleEndian: UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)) ^ (ones &* 0x0A)
            // The high bit of each byte that is zero, i.e. a newline; exact (no borrow between bytes).
            let newline = ~(((x & lows) &+ lows) | x) & highs
            if newline != 0 {
                count += newline.nonzeroBitCount
                last = k + (63 - newline.leadingZeroBitCount) / 8
            }
            k += 8
        }
        while k < range.upperBound {
            if base[k] == 0x0A { count += 1; last = k }
            k += 1
        }
        return (count, last)
    }

    /// The Unicode scalars in `range`: its bytes that are not UTF-8 continuation bytes (10xxxxxx).
    static func scalars(in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = b.baseAddress else { return 0 }
        var continuations = 0, k = range.lowerBound
        while k + 8 <= range.upperBound {
            let w = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
            continuations += (w & ~(w << 1) & highs).nonzeroBitCount
            k += 8
        }
        while k < range.upperBound {
            if base[k] & 0xC0 == 0x80 { continuations += 1 }
            k += 1
        }
        return range.count - continuations
    }
}
