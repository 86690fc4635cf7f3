import Testing
@testable import MetricsCore

@Suite struct JSONTapeTests {
    func tape(_ text: String) throws -> [JSONNode] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { let tape = try JSONTape(scanning: $0); return Array(tape.nodes) }
    }

    @Test func recordsKindsSpansAndSkipLinks() throws {
        let nodes = try tape(#"{"a": [1, "x\n", true], "b": null}"#)
        #expect(nodes.map(\.kind) == [.object, .string, .array, .number, .string, .true, .string, .null])
        #expect(nodes[0].count == 2 && nodes[2].count == 3)
        #expect(nodes[2].next == 6)            // after the array's subtree comes key "b"
        #expect(nodes[4].hasEscapes)
        #expect((nodes[1].start, nodes[1].end) == (2, 3)) // "a" without quotes
    }

    @Test(arguments: ["0", "-0", "12.5", "1e3", "-2.5E-2", "123456789012345678"])
    func validNumbers(text: String) throws {
        #expect(try tape(text).first?.kind == .number)
        let bytes = Array(text.utf8)
        let value = bytes.withUnsafeBufferPointer { parseDouble($0) }
        #expect(value == Double(text)!)
    }

    @Test func unescapesStringsAndSurrogatePairs() {
        let text = #"a\"b\\c\/\n\u00e9\ud83d\ude00\ud800x"#
        let bytes = Array(text.utf8)
        let s = bytes.withUnsafeBufferPointer { unescape($0) }
        #expect(s == "a\"b\\c/\né😀\u{FFFD}x")
    }

    @Test func syntaxErrorOffsets() {
        func offset(_ text: String) -> Int? {
            do { _ = try tape(text); return nil } catch let e as JSONSyntaxError { return e.offset } catch { return -1 }
        }
        #expect(offset("[1,]") == 2)
        #expect(offset("{\"a\":1,}") == 6)
        #expect(offset("[1 2]") == 3)
        #expect(offset("nul") == 0)
        #expect(offset("[-]") == 1)
        #expect(offset("[1.]") == 1)
    }
}
