import Dispatch
import Synchronization

/// A scan on two threads: the tape of a large file is made by two scanners, one from the start
/// and one from an element in the middle of the largest array (the deals) to that array's end.
///
/// The second scanner's start is only a guess; the first confirms it by reaching that byte as the
/// start of an array element (after a comma), the only place where the second scanner's reading
/// (an element, then `,` and elements up to the `]` that closes the array) is the one a single
/// scanner makes. Its nodes are then moved in after the first scanner's. Anything else (the guess
/// wrong, a syntax error or too deep a nesting in the second part) and the first scanner reads on
/// alone, so the tape and the errors are always those of one scan (`SplitScanTests`).
extension JSONTape {
    /// Files from this size are scanned on two threads: below it a thread costs more than it saves.
    static let splitThreshold = 4 << 20

    /// Where a second scanner is likely to start at an element of the largest array: among the
    /// first candidates after the middle (a `{` after a `,` and a line break), the least indented.
    /// Files without line breaks are scanned on one thread: their element starts look alike
    /// at every depth.
    static func likelySplit(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var best: (split: Int, indent: Int)?
        var k = b.count / 2, seen = 0
        let limit = min(b.count, k + (256 << 10))
        while k < limit && seen < 64 {
            guard b[k] == UInt8(ascii: ",") else { k &+= 1; continue }
            var j = k + 1, lineStart = -1
            while j < b.count, b[j] == 0x20 || b[j] == 0x0A || b[j] == 0x0D || b[j] == 0x09 {
                if b[j] == 0x0A { lineStart = j + 1 }
                j += 1
            }
            if lineStart >= 0, j < b.count, b[j] == UInt8(ascii: "{") {
                seen += 1
                if best == nil || j - lineStart < best!.indent { best = (j, j - lineStart) }
            }
            k = j
        }
        return best?.split
    }
}

extension TapeScanner {
    /// Split scans whose two parts were joined, in this process (for tests: the guess is not wasted).
    static let joins = Atomic<Int>(0)

    /// Scans the whole value, the part from `split` to the end of its array on a second thread.
    ///
    /// Both write into this scanner's node memory: the first part from its start, the second from
    /// where a part as dense as a pretty-printed file would end; joining them moves the second
    /// part's nodes down over the gap. A part that fills its room moves to memory of its own.
    mutating func runSplit(at split: Int) throws(JSONSyntaxError) {
        WorkProgress.shared.addBytes(total: b.count)
        defer { WorkProgress.shared.addBytes(scanned: b.count - reported) }
        let whole = nodes.base, wholeCapacity = nodes.capacity
        let room = min(split / 12, wholeCapacity - 16)
        let tail = TailScan(bytes: b, from: split, into: room > 0 ? (whole + room, wholeCapacity - room) : nil)
        if room > 0 { nodes = NodeBuffer(borrowing: whole, capacity: room) }
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { tail.run() }
        var waited = false
        // The second scanner reads these bytes and writes its part until it is waited for.
        defer {
            if !waited { group.wait() }
            tail.scanner.nodes.deallocate()
            // Left behind by this scanner, the memory is freed here (it was lent, not given up, when it grew).
            if nodes.base == whole { nodes.capacity = wholeCapacity; nodes.ownsBase = true } else if room > 0 { whole.deallocate() }
        }
        Prefault.forWriting(nodes.base, byteCount: min(split / 14, nodes.capacity) * MemoryLayout<JSONNode>.stride)
        pauseAt = split
        try start()
        try finish()
        pauseAt = -1
        group.wait()
        waited = true
        // This scanner owns the whole memory again (unless it moved out), the second part in it.
        if nodes.base == whole { nodes.capacity = wholeCapacity; nodes.ownsBase = true }
        guard isPaused else { return }
        isPaused = false
        if tail.end >= 0 && stack.count + tail.scanner.deepest <= JSONTape.maxDepth {
            join(tail.scanner.nodes)
            childCounts[childCounts.count - 1] &+= UInt32(tail.elements)
            i = tail.end
            Self.joins.add(1, ordering: .relaxed)
        } else {
            try value()
        }
        try finish()
    }

    /// Moves the second part's nodes in after these; their `next` indices were counted from 0.
    /// Front to back, so a part in the same memory further on may be moved down over itself.
    mutating func join(_ part: NodeBuffer) {
        let offset = nodes.count
        if nodes.capacity < offset + part.count {
            // Only when this part moved out: the second part is then in memory of its own or left behind.
            nodes.grow(toHold: offset + part.count)
        }
        let shift = UInt32(offset)
        let from = part.base, to = nodes.base + offset
        for k in 0..<part.count {
            var node = from[k]
            node.next &+= shift
            (to + k).initialize(to: node)
        }
        nodes.count += part.count
    }
}

/// The second scanner of a split scan: array elements from its start to the array's `]`.
/// Only its own thread touches it until the scan that started it waits for it.
final class TailScan: @unchecked Sendable {
    var scanner: TapeScanner
    /// Where the closing `]` is; -1 when the part is not a run of elements ending there.
    var end = -1
    var elements = 0

    init(bytes: UnsafeBufferPointer<UInt8>, from split: Int, into room: (UnsafeMutablePointer<JSONNode>, Int)?) {
        scanner = TapeScanner(bytes: bytes, capacity: room == nil ? max(16, (bytes.count - split) / 12) : 16)
        if let (base, capacity) = room {
            scanner.nodes.deallocate()
            scanner.nodes = NodeBuffer(borrowing: base, capacity: capacity)
        }
        scanner.i = split
        // The array holding the part is open at least one level up.
        scanner.depthLimit = JSONTape.maxDepth - 1
    }

    func run() {
        // A local scanner: this class's stored properties are checked for exclusive access at
        // every mutation, which cost this thread a sixth of its time against the first scanner.
        var s = scanner, count = 0, closedAt = -1
        defer { scanner = s; elements = count; end = closedAt }
        // This thread maps its own part's pages, beside the first scanner mapping its.
        Prefault.forWriting(s.nodes.base, byteCount: min((s.b.count - s.i) / 14, s.nodes.capacity) * MemoryLayout<JSONNode>.stride)
        let b = s.b
        do throws(JSONSyntaxError) {
            while true {
                try s.value()
                while let top = s.stack.last { try s.continueContainer(top) }
                count += 1
                s.skipSpace()
                guard s.i < b.count else { return }
                if b[s.i] == UInt8(ascii: "]") { closedAt = s.i; return }
                guard b[s.i] == UInt8(ascii: ",") else { return }
                s.i += 1
                s.skipSpace()
                // A trailing comma: the first scanner says so.
                if s.i < b.count && (b[s.i] == UInt8(ascii: "]") || b[s.i] == UInt8(ascii: "}")) { return }
            }
        } catch {
            return
        }
    }
}
