/// Turns byte offsets of a file into 1-based line and column, columns in Unicode scalars.
///
/// Positions are computed only for problems, in one pass over the file for all of them, so
/// loading a valid file pays nothing and a file with many problems pays one scan.
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
            while i < target {
                let c = bytes[i]
                if c == 0x0A { line += 1; column = 1 } else if c & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            result[index] = (line, column)
        }
        return result
    }
}
