import Foundation

extension JSONTape {
    /// The tape of `bytes`, an edited copy of `previousBytes` (whose tape is `previous`), scanning
    /// only what changed: a root member's value that is an object or an array with the same key
    /// and the same bytes as in `previousBytes` is not scanned but taken from `previous`, moved to
    /// its new place. A value's nodes depend only on its bytes, so the tape is node for node the
    /// one `init(scanning: bytes)` makes, and the same errors are thrown.
    ///
    /// `taken` maps each taken value's node to its node in `previous`. Comparing the bytes is what
    /// makes taking safe, whatever the edit was: an edit anywhere in a value rescans all of it.
    static func rescanning(_ bytes: UnsafeBufferPointer<UInt8>, after previous: JSONTape,
                           of previousBytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> (tape: JSONTape, taken: [Int: Int]) {
        try checkSize(bytes)
        // Room for the previous nodes and about what the edit added; more grows the buffer.
        let added = max(0, bytes.count - previousBytes.count) / 2
        var scanner = TapeScanner(bytes: bytes, capacity: previous.nodes.count + added + 1024)
        scanner.previous = TapeScanner.PreviousRoot(bytes: previousBytes, tape: previous)
        let tape = try JSONTape(running: &scanner)
        return (tape, Dictionary(uniqueKeysWithValues: scanner.taken.map { ($0.node, $0.previous) }))
    }
}

extension TapeScanner {
    /// The root object of an earlier scan: its text, its tape and its members.
    struct PreviousRoot {
        let bytes: UnsafeBufferPointer<UInt8>
        let tape: JSONTape
        /// Each member's key node and value node, in order.
        let members: [(key: Int, value: Int)]

        init(bytes: UnsafeBufferPointer<UInt8>, tape: JSONTape) {
            self.bytes = bytes
            self.tape = tape
            let nodes = tape.nodes
            var members: [(key: Int, value: Int)] = []
            if !nodes.isEmpty && nodes[0].kind == .object {
                var k = 1
                while k < Int(nodes[0].next) { members.append((k, k + 1)); k = Int(nodes[k + 1].next) }
            }
            self.members = members
        }
    }

    /// At the value of a root member whose key was just scanned: when the previous root has a
    /// member of the same key (same bytes) whose value is a container with the same bytes as
    /// the text here, its nodes are appended, moved here, and the scan goes on after it.
    mutating func takeUnchangedValue() -> Bool {
        guard let previous else { return false }
        let key = nodes[nodes.count - 1]
        let keyLength = Int(key.end) - Int(key.start)
        let here = b.baseAddress!, there = previous.bytes.baseAddress!
        let old = previous.tape.nodes
        for member in previous.members {
            let oldKey = old[member.key]
            guard Int(oldKey.end) - Int(oldKey.start) == keyLength,
                  memcmp(here + Int(key.start), there + Int(oldKey.start), keyLength) == 0 else { continue }
            let value = old[member.value]
            // Scalars are short and end where the next byte says: scanned, not taken.
            guard value.kind == .object || value.kind == .array else { continue }
            let start = Int(value.start), length = Int(value.end) - start
            guard i + length <= b.count, memcmp(here + i, there + start, length) == 0 else { continue }
            childCounts[childCounts.count - 1] &+= 1
            taken.append((nodes.count, member.value))
            let subtree = UnsafeBufferPointer(rebasing: old[member.value..<Int(value.next)])
            nodes.append(moved: subtree, bytes: i - start, nodes: nodes.count - member.value)
            i &+= length
            return true
        }
        return false
    }
}

extension NodeBuffer {
    /// Appends copies of `source` moved by `bytes` in the text and by `nodes` on the tape.
    mutating func append(moved source: UnsafeBufferPointer<JSONNode>, bytes: Int, nodes: Int) {
        if count + source.count > capacity { grow(toHold: count + source.count) }
        // Wrapping adds of the two's complement shift: every result is an offset in the text.
        let byteShift = UInt32(truncatingIfNeeded: bytes), nodeShift = UInt32(truncatingIfNeeded: nodes)
        let out = base + count
        for k in 0..<source.count {
            var node = source[k]
            node.start &+= byteShift
            node.end &+= byteShift
            node.next &+= nodeShift
            (out + k).initialize(to: node)
        }
        count &+= source.count
    }
}
