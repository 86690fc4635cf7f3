import Mutants
import Testing
@testable import MetricsCore

/// A large file's tape is made by two scanners, the second from a guessed element of the deals
/// array (`JSONTape+Split.swift`). Whatever the guess, the tape and the first error must be those
/// of one scanner, node for node (issue 15: load at the speed of memory).
@Suite struct SplitScanTests {
    typealias Scan = TapeRescanTests.Scan

    static func scan(_ bytes: [UInt8], splittingAt split: Int?) -> Scan {
        bytes.withUnsafeBufferPointer { b in
            do throws(JSONSyntaxError) {
                return .tape(TapeRescanTests.nodes(try JSONTape(scanning: b, splittingAt: split)))
            } catch { return .error(error) }
        }
    }

    /// Every byte of `text` as the second scanner's start gives the one-scanner result.
    static func expectEverySplit(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        let whole = scan(bytes, splittingAt: nil)
        for split in 0...bytes.count {
            let parted = scan(bytes, splittingAt: split)
            #expect(parted == whole, "split at \(split) of \(text.debugDescription)", sourceLocation: sourceLocation)
            if parted != whole { return }
        }
    }

    @Test func everySplitOfValidDocumentsGivesTheOneScannerTape() {
        Self.expectEverySplit(#"{"deals": [{"id": "a", "h": [{"s": 1}, {"s": 2}]}, {"id": "b"}, {"id": "c", "n": [1, [2, {}], []]}], "x": null}"#)
        Self.expectEverySplit("[1, {\"a\": \",\\n{\"}, {\"b\": [true, false]},\n  {\"c\": \"é\\u00e9\"}, [], {}]")
        Self.expectEverySplit("{\"a\": [\n  {\"k\": 1},\n  {\"k\": [\n    {\"z\": 2},\n    {\"z\": 3}\n  ]},\n  {\"k\": 4}\n], \"b\": [{}, {}]}")
        Self.expectEverySplit("[{}, {}, {}]")
    }

    @Test func partsDenserThanTheirRoomMoveOut() {
        // Two parts share one block of node memory, sized for pretty-printed JSON (a node per 12
        // bytes): a part with a node per 2 bytes fills its room and moves to memory of its own.
        let dense = Array(repeating: "0", count: 300).joined(separator: ",")
        let elements = (0..<12).map { "{\"k\": \($0)}" }.joined(separator: ", ")
        Self.expectEverySplit("{\"a\": [\(dense)], \"deals\": [\(elements)]}")
        Self.expectEverySplit("{\"deals\": [\(elements), [\(dense)], \(elements)]}")
    }

    @Test func everySplitOfBrokenDocumentsGivesTheOneScannerError() {
        for text in [#"{"deals": [{"id": "a"}, {"id": "b",}, {"id": "c"}]}"#,      // trailing comma in an element
                     #"{"deals": [{"id": "a"}, {"id": "b"}, ]}"#,                   // trailing comma in the array
                     #"{"deals": [{"id": "a"}, {"id": "b"} {"id": "c"}]}"#,         // missing comma
                     #"{"deals": [{"id": "a"}, {"id": "b"}}"#,                      // wrong closing bracket
                     #"{"deals": [{"id": "a"}, {"id": "b"}]"#,                      // ends too early
                     #"{"deals": [{"id": "a"}, {"id": "b"}]} x"#,                   // text after the value
                     "{\"deals\": [{\"id\": \"a\"}, {\"id\": \"b\u{1}\"}]}",         // raw control character
                     #"{"deals": [{"id": 01}, {"id": 1.}]}"#,
                     #"[{"a": 1}, {"b": tru}]"#] {
            Self.expectEverySplit(text)
        }
    }

    @Test func nestingAtTheLimitIsCountedAcrossTheSplit() {
        // The second part's own depth plus the first's open containers: 256 is the most.
        for depth in [254, 255, 256, 257] {
            let inner = String(repeating: "[", count: depth - 2) + String(repeating: "]", count: depth - 2)
            let text = "{\"a\": [1, " + inner + ", 2]}"
            let bytes = Array(text.utf8)
            let split = "{\"a\": [1, ".utf8.count
            #expect(bytes[split] == UInt8(ascii: "["))
            #expect(Self.scan(bytes, splittingAt: split) == Self.scan(bytes, splittingAt: nil), "depth \(depth)")
        }
    }

    @Test func theGuessLandsOnADealOfAPrettyFile() throws {
        let bytes = EngagementWriter.write(DemoPortfolio.synthetic(deals: 3_000, anchor: Day("2026-11-23")!))
        let split = try #require(bytes.withUnsafeBufferPointer { JSONTape.likelySplit($0) })
        // A deal of the array opens at an indentation of four spaces.
        #expect(Array(bytes[(split - 5)...split]) == Array("\n    {".utf8))
        let joined = TapeScanner.joins.load(ordering: .relaxed)
        #expect(Self.scan(bytes, splittingAt: split) == Self.scan(bytes, splittingAt: nil))
        #expect(TapeScanner.joins.load(ordering: .relaxed) > joined)
        // On one line there is no telling a deal from a stage entry: one thread.
        let oneLine = bytes.filter { $0 != UInt8(ascii: "\n") }
        #expect(oneLine.withUnsafeBufferPointer { JSONTape.likelySplit($0) } == nil)
    }

    @Test func mutantsOfTheDemoScanAsOneScannerDoesAtTheGuessAndAround() {
        let demo = DemoPortfolio.files(anchor: Day("2026-11-23")!)
        for file in demo {
            for index in 0..<30 {
                let bytes = Mutator.mutant(of: file.bytes, seed: 15, index: index)
                let whole = Self.scan(bytes, splittingAt: nil)
                let guess = bytes.withUnsafeBufferPointer { JSONTape.likelySplit($0) } ?? bytes.count / 2
                for split in [guess, guess - 1, guess + 1, bytes.count / 3] where split >= 0 && split <= bytes.count {
                    #expect(Self.scan(bytes, splittingAt: split) == whole, "\(file.name) mutant \(index), split at \(split)")
                }
            }
        }
    }
}
