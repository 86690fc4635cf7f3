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
    ///
    /// When this holds the only reference to `previous` (a save's check, which no longer needs the
    /// tape of the file before its edit), the new tape is made in `previous`'s memory: the taken
    /// values are moved there, not copied into fresh memory, and those that stay are not touched.
    static func rescanning(_ bytes: UnsafeBufferPointer<UInt8>, after previous: consuming JSONTape,
                           of previousBytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> (tape: JSONTape, taken: [Int: Int]) {
        try checkSize(bytes)
        var previous = previous
        let reusable = isKnownUniquelyReferenced(&previous.storage)
        let old = previous.nodes
        // Room for the previous nodes and about what the edit added; more grows the buffer. The
        // taken values' places are left unwritten until the end: when they are moved in place,
        // those pages of this buffer are never touched.
        let added = max(0, bytes.count - previousBytes.count) / 2
        var scanner = TapeScanner(bytes: bytes, capacity: old.count + added + 1024)
        scanner.previous = TapeScanner.PreviousRoot(bytes: previousBytes, nodes: old)
        do {
            try scanner.run()
        } catch {
            scanner.nodes.deallocate()
            throw error
        }
        let taken = Dictionary(uniqueKeysWithValues: scanner.taken.map { ($0.node, $0.previous) })
        let nodes = scanner.nodes
        if reusable && previous.storage.capacity >= nodes.count && TakenValue.inFileOrder(scanner.taken) {
            assemble(into: previous.storage.base, from: old.baseAddress!, scanner.taken, scanned: nodes)
            previous.storage.count = nodes.count
            nodes.deallocate()
            return (previous, taken)
        }
        assemble(into: nodes.base, from: old.baseAddress!, scanner.taken, scanned: nodes)
        return (JSONTape(storage: TapeStorage(nodes)), taken)
    }
}

/// Writes the tape of a rescan at `target`: the `taken` values from `old`, moved to their new
/// places, and the scanned nodes (at their places in `scanned`) between them. `target` may be
/// `old` itself (values in file order): values moving toward the start go first, in order, and
/// those moving toward the end last, from the end, so no value is overwritten before it moves.
func assemble(into target: UnsafeMutablePointer<JSONNode>, from old: UnsafePointer<JSONNode>, _ taken: [TakenValue], scanned: NodeBuffer) {
    for value in taken where value.node <= value.previous {
        moveNodes(from: old + value.previous, to: target + value.node, count: value.count, bytes: value.byteShift, nodes: value.node - value.previous)
    }
    for value in taken.reversed() where value.node > value.previous {
        moveNodes(from: old + value.previous, to: target + value.node, count: value.count, bytes: value.byteShift, nodes: value.node - value.previous)
    }
    guard target != scanned.base else { return }
    var from = 0
    for value in taken {
        (target + from).update(from: scanned.base + from, count: value.node - from)
        from = value.node + value.count
    }
    (target + from).update(from: scanned.base + from, count: scanned.count - from)
}

/// A root member's value taken from the previous tape: its first node now and then, its node
/// count, and how far its bytes moved.
struct TakenValue {
    let node: Int
    let previous: Int
    let count: Int
    let byteShift: Int

    /// Whether the values were taken in the order they had (members neither reordered nor repeated),
    /// which moving them in place needs.
    static func inFileOrder(_ values: [TakenValue]) -> Bool {
        zip(values, values.dropFirst()).allSatisfy { $0.previous + $0.count <= $1.previous }
    }
}

extension TapeScanner {
    /// The root object of an earlier scan: its text, its nodes and its members.
    struct PreviousRoot {
        let bytes: UnsafeBufferPointer<UInt8>
        let nodes: UnsafeBufferPointer<JSONNode>
        /// Each member's key node and value node, in order.
        let members: [(key: Int, value: Int)]

        init(bytes: UnsafeBufferPointer<UInt8>, nodes: UnsafeBufferPointer<JSONNode>) {
            self.bytes = bytes
            self.nodes = nodes
            var members: [(key: Int, value: Int)] = []
            if !nodes.isEmpty && nodes[0].kind == .object {
                var k = 1
                while k < Int(nodes[0].next) { members.append((k, k + 1)); k = Int(nodes[k + 1].next) }
            }
            self.members = members
        }
    }

    /// At the value of a root member whose key was just scanned: when the previous root has a
    /// member of the same key (same bytes) whose value is a container with the same bytes as the
    /// text here, its nodes' places are kept (filled after the scan) and the scan goes on after it.
    mutating func takeUnchangedValue() -> Bool {
        guard let previous else { return false }
        let key = nodes[nodes.count - 1]
        let keyLength = Int(key.end) - Int(key.start)
        let here = b.baseAddress!, there = previous.bytes.baseAddress!
        for member in previous.members {
            let oldKey = previous.nodes[member.key]
            guard Int(oldKey.end) - Int(oldKey.start) == keyLength,
                  memcmp(here + Int(key.start), there + Int(oldKey.start), keyLength) == 0 else { continue }
            let value = previous.nodes[member.value]
            // Scalars are short and end where the next byte says: scanned, not taken.
            guard value.kind == .object || value.kind == .array else { continue }
            let start = Int(value.start), length = Int(value.end) - start
            guard i + length <= b.count, memcmp(here + i, there + start, length) == 0 else { continue }
            childCounts[childCounts.count - 1] &+= 1
            let count = Int(value.next) - member.value
            taken.append(TakenValue(node: nodes.count, previous: member.value, count: count, byteShift: i - start))
            nodes.skip(count)
            i &+= length
            return true
        }
        return false
    }
}

extension NodeBuffer {
    /// Leaves room for `count` nodes written later.
    mutating func skip(_ count: Int) {
        if self.count + count > capacity { grow(toHold: self.count + count) }
        self.count &+= count
    }
}

/// Copies `count` nodes moved by `bytes` in the text and `nodes` on the tape, in the direction
/// that is safe when the two ranges overlap; nothing to do for nodes that stay as they are.
func moveNodes(from source: UnsafePointer<JSONNode>, to target: UnsafeMutablePointer<JSONNode>, count: Int, bytes: Int, nodes: Int) {
    if bytes == 0 && nodes == 0 && UnsafePointer(target) == source { return }
    // Wrapping adds of the two's complement shifts: every result is an offset in the text or on the tape.
    let byteShift = UInt32(truncatingIfNeeded: bytes), nodeShift = UInt32(truncatingIfNeeded: nodes)
    @inline(__always) func move(_ k: Int) {
        var node = source[k]
        node.start &+= byteShift
        node.end &+= byteShift
        node.next &+= nodeShift
        target[k] = node
    }
    if UnsafePointer(target) <= source {
        for k in 0..<count { move(k) }
    } else {
        for k in stride(from: count - 1, through: 0, by: -1) { move(k) }
    }
}
