import Testing
@testable import MetricsCore

/// The shortcuts of issue 15 (a report after the load) decide as the long ways do.
@Suite struct ReportSpeedupTests {
    /// Every scalar `isUnsafeForTerminal` names, and safe ones whose UTF-8 shares a lead byte with them.
    static let unsafe: [Unicode.Scalar] = {
        let controls: [UInt32] = Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)
        let bidi: [UInt32] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]
        return (controls + bidi).map { Unicode.Scalar($0)! }
    }()
    static let safeNeighbours: [Unicode.Scalar] = ([0xA0, 0xE9, 0x2026, 0x2192, 0x2028, 0x2065, 0x206A, 0x202F, 0x2029, 0x200D, 0x2010, 0x061B, 0x0600, 0x0649] as [UInt32])
        .map { Unicode.Scalar($0)! }

    static func text(_ u: Unicode.Scalar, at offset: Int) -> String {
        var s = String(repeating: "a", count: offset)
        s.unicodeScalars.append(u)
        return s + String(repeating: "z", count: 24 - offset)
    }

    /// At every offset around an 8-byte word, an unsafe scalar is caught and a safe one kept.
    @Test func thePlainTextTestCatchesEveryUnsafeScalarAtEveryOffset() {
        for offset in 0...17 {
            for u in Self.unsafe {
                let s = Self.text(u, at: offset)
                #expect(!sanitizedForDisplay(s).unicodeScalars.contains(u), "U+\(String(u.value, radix: 16)) at \(offset)")
                if u != "\n" && u != "\t" {
                    #expect(!sanitizedForTerminal(s).unicodeScalars.contains(u), "U+\(String(u.value, radix: 16)) at \(offset)")
                }
            }
            for u in Self.safeNeighbours {
                let s = Self.text(u, at: offset)
                #expect(sanitizedForDisplay(s) == s && sanitizedForTerminal(s) == s, "U+\(String(u.value, radix: 16)) at \(offset)")
            }
        }
        let layout = String(repeating: "line\tof a report\n", count: 9)
        #expect(sanitizedForTerminal(layout) == layout)
    }

    @Test func wholeNumbersWithinTwoToThe53AddUpExactlyInAnyOrder() {
        let column = SelectionSums.Column(values: [3, -2], prefix: [0, 3, 1], magnitude: 5, isIntegral: true)
        #expect(column.isExact(adding: 7))
        #expect(!column.isExact(adding: 0.5))
        #expect(!column.isExact(adding: SelectionSums.Column.exactLimit))
        let fractional = SelectionSums.Column(values: [0.1, 0.2], prefix: [0, 0.1, 0.1 + 0.2], magnitude: 0.3, isIntegral: false)
        #expect(!fractional.isExact(adding: 1))
    }

    @Test func inParallelGivesBothResultsInOrder() {
        let (a, b) = inParallel({ (1...1000).reduce(0, +) }, { "second" })
        #expect(a == 500500 && b == "second")
    }
}
