import Mutants
import Testing
@testable import MetricsCore

/// `JSONTape.rescanning` takes the root members that an edit left byte for byte as they were
/// from the tape before it: the tape it makes must be the whole scan's, node for node, and its
/// errors the whole scan's (issue 15: a save scans only what changed).
@Suite struct TapeRescanTests {
    struct Node: Equatable {
        let kind: JSONKind, escaped: Bool, start: UInt32, end: UInt32, next: UInt32, count: UInt32
        init(_ n: JSONNode) { kind = n.kind; escaped = n.hasEscapes; start = n.start; end = n.end; next = n.next; count = n.count }
    }

    /// The nodes, copied while the tape (their owner) is alive.
    static func nodes(_ tape: JSONTape) -> [Node] { withExtendedLifetime(tape) { tape.nodes.map(Node.init) } }

    enum Scan: Equatable {
        case tape([Node])
        case error(JSONSyntaxError)
    }

    static func wholeScan(_ bytes: [UInt8]) -> Scan {
        bytes.withUnsafeBufferPointer { b in
            do throws(JSONSyntaxError) { return .tape(nodes(try JSONTape(scanning: b))) } catch { return .error(error) }
        }
    }

    /// Rescans `after` against the scan of `before` (valid JSON), twice: once while the previous
    /// tape is held elsewhere (its nodes copied into fresh memory), once when the rescan holds the
    /// only reference (moved in place when the members kept their order). Expects the whole scan
    /// of `after` both times, and returns the keys of the root members taken.
    @discardableResult
    static func rescan(_ after: [UInt8], after before: [UInt8], inPlace expected: Bool? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let held = before.withUnsafeBufferPointer { try! JSONTape(scanning: $0) }
        let whole = wholeScan(after)
        var keys: [[String]] = []
        for reusing in [false, true] {
            var previous: JSONTape? = before.withUnsafeBufferPointer { try! JSONTape(scanning: $0) }
            let base = previous!.storage.base
            let other = reusing ? nil : previous
            let (scan, taken, moved): (Scan, [Int: Int], Bool) = after.withUnsafeBufferPointer { now in
                before.withUnsafeBufferPointer { then in
                    do throws(JSONSyntaxError) {
                        let r = try JSONTape.rescanning(now, after: previous.take()!, of: then)
                        return (.tape(nodes(r.tape)), r.taken, r.tape.storage.base == base)
                    } catch { return (.error(error), [:], false) }
                }
            }
            withExtendedLifetime(other) {}
            #expect(scan == whole, "reusing: \(reusing)", sourceLocation: sourceLocation)
            if !reusing { #expect(!moved, sourceLocation: sourceLocation) }
            if reusing, let expected { #expect(moved == expected, sourceLocation: sourceLocation) }
            let doc = JSONDocument(bytes: before, tape: held)
            keys.append(taken.values.sorted().map { doc.string(at: $0 - 1) })
        }
        #expect(keys[0] == keys[1], sourceLocation: sourceLocation)
        return keys[0]
    }

    static let before = Array(#"""
    {
      "format": "x",
      "targets": {"bookings": {"2026-Q4": 1}},
      "deals": [{"id": "D-1", "n": [1, 2, {"a": null}]}, {"id": "D-2"}],
      "k\u0065y": [true],
      "actions": [{"text": "a"}],
      "last": 5
    }
    """#.utf8)

    static func edited(_ from: String, _ to: String) -> [UInt8] {
        Array(String(decoding: before, as: UTF8.self).replacingOccurrences(of: from, with: to).utf8)
    }

    @Test func anEditTakesEveryOtherContainer() {
        // A longer target before the deals: everything after it moves.
        #expect(Self.rescan(Self.edited(#""2026-Q4": 1"#, #""2026-Q4": 1, "2027-Q1": 25"#), after: Self.before, inPlace: true) == ["deals", "key", "actions"])
        // A shorter one: everything after it moves back.
        #expect(Self.rescan(Self.edited(#"{"bookings": {"2026-Q4": 1}}"#, "{}"), after: Self.before, inPlace: true) == ["deals", "key", "actions"])
        // An action appended after the deals.
        #expect(Self.rescan(Self.edited(#"{"text": "a"}"#, #"{"text": "a"}, {"text": "b"}"#), after: Self.before, inPlace: true) == ["targets", "deals", "key"])
        // A deal edited: the deals scanned again.
        #expect(Self.rescan(Self.edited(#""D-2""#, #""D-22""#), after: Self.before, inPlace: true) == ["targets", "key", "actions"])
        // Nothing changed: every container taken; scalars are always scanned.
        #expect(Self.rescan(Self.before, after: Self.before, inPlace: true) == ["targets", "deals", "key", "actions"])
    }

    /// A file that grew by more than its tape has room for is made in fresh memory.
    @Test func aTapeWithoutRoomIsNotMovedInPlace() {
        let many = "[" + Array(repeating: "1", count: 5_000).joined(separator: ", ") + "]"
        Self.rescan(Self.edited(#"[{"text": "a"}]"#, many), after: Self.before, inPlace: false)
    }

    @Test func membersAddedRemovedRenamedAndMoved() {
        Self.rescan(Self.edited(#""last": 5"#, "\"last\": 5,\n  \"autopsies\": []"), after: Self.before)
        Self.rescan(Self.edited(#""actions": [{"text": "a"}],"#, ""), after: Self.before)
        // The same bytes under another key, or spelled another way, are not taken.
        #expect(!Self.rescan(Self.edited(#""actions""#, #""forecasts""#), after: Self.before).contains("actions"))
        #expect(!Self.rescan(Self.edited(#""k\u0065y""#, #""key""#), after: Self.before).contains("key"))
        // Members in another order; a key twice: not moved in place, which needs the order kept.
        Self.rescan(Array(#"{"last": 5, "actions": [{"text": "a"}], "deals": [{"id": "D-1", "n": [1, 2, {"a": null}]}, {"id": "D-2"}]}"#.utf8),
                    after: Self.before, inPlace: false)
        Self.rescan(Self.edited(#""last": 5"#, #""actions": [{"text": "a"}], "last": 5"#), after: Self.before, inPlace: false)
        // Minified, and a value turned into a scalar.
        Self.rescan(Array(#"{"deals":[{"id":"D-1","n":[1,2,{"a":null}]},{"id":"D-2"}],"actions":7}"#.utf8), after: Self.before)
    }

    @Test func errorsAreTheWholeScans() {
        Self.rescan(Self.edited(#""last": 5"#, #""last": 5,"#), after: Self.before)
        Self.rescan(Self.edited("\"actions\": [{\"text\": \"a\"}],", "\"actions\": [{\"text\": \"a\"}]"), after: Self.before)
        Self.rescan(Self.edited("\n}", "\n} x"), after: Self.before)
        Self.rescan(Array(Self.before.dropLast(3)), after: Self.before)
        Self.rescan(Array(#"[1, 2]"#.utf8), after: Self.before)
        Self.rescan([], after: Self.before)
        // A taken value that would nest too deep is as deep as before: the same error or none.
        let deep = "{\"a\": " + String(repeating: "[", count: JSONTape.maxDepth - 1) + String(repeating: "]", count: JSONTape.maxDepth - 1) + "}"
        Self.rescan(Array(deep.replacingOccurrences(of: "{", with: "{\"b\": 1, ").utf8), after: Array(deep.utf8))
    }

    /// Mutants of the engagement fixture and of a small synthetic file: whatever the mutation
    /// (a byte flipped in a deal, a key renamed, the text cut), the rescan is the whole scan.
    @Test func mutantsRescanAsTheyScan() {
        let bases = [Array(Fixtures.kpiBasic.utf8), EngagementWriter.write(DemoPortfolio.synthetic(deals: 25, anchor: Fixtures.asOf))]
        for (b, base) in bases.enumerated() {
            for i in 0..<300 {
                Self.rescan(Mutator.mutant(of: base, seed: UInt64(b + 41), index: i), after: base)
            }
        }
    }
}
