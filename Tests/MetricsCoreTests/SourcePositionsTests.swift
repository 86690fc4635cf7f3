import Mutants
import Testing
@testable import MetricsCore

/// Lines and columns are counted eight bytes a step: they must be what a byte-by-byte count
/// gives, whatever the alignment of newlines and multi-byte characters, with and without a BOM.
@Suite struct SourcePositionsTests {
    /// The count as it was written first: one byte at a time.
    static func byteByByte(_ b: [UInt8], bom: Int, _ offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for i in bom..<min(max(offset, bom), b.count) {
            if b[i] == 0x0A { line += 1; column = 1 } else if b[i] & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    @Test func eightBytesAStepCountAsOneByOne() {
        let pieces = ["a", "\n", "é", "😀", "\r\n", "  ", "€", "\"k\": 1,", "\t", "ü\n"]
        var rng = FuzzRandom(seed: 15)
        for round in 0..<300 {
            let text = (0..<rng.int(0...120)).map { _ in rng.pick(pieces) }.joined()
            let bytes = (round % 3 == 0 ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
            let bom = round % 3 == 0 ? 3 : 0
            let offsets = (0..<rng.int(1...12)).map { _ in rng.int(-2...(bytes.count + 2)) }
            let placed = bytes.withUnsafeBufferPointer { SourcePositions(bytes: $0, bomLength: bom).lineColumns(of: offsets) }
            for (k, offset) in offsets.enumerated() {
                let expected = Self.byteByByte(bytes, bom: bom, offset)
                #expect(placed[k].line == expected.line && placed[k].column == expected.column, "\(text.debugDescription) at \(offset)")
            }
        }
    }
}
