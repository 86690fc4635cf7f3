import Foundation

/// The keys an object of one kind may have, looked up from a key's bytes in one step.
///
/// Deals are most of a file, and matching each of their keys against up to 24 literals in turn
/// (`switch key { case "id": … }`) and comparing every key with every other for repeats showed
/// in profiles (issue 15). Here a hash of the key's bytes picks a slot, one
/// compare confirms it, and a repeat is a bit already set.
///
/// A plain value of pointers, so that passing it around retains nothing: a table made per load
/// is freed with `deallocate()`; the tables of fixed keys live as long as the process.
struct KeyTable: @unchecked Sendable {
    /// Every key's bytes, one after the other: key `k` is `bytes[starts[k] ..< starts[k + 1]]`.
    private let bytes: UnsafeMutablePointer<UInt8>
    private let starts: UnsafeMutablePointer<Int>
    /// Slot → key number + 1 (0: empty); open addressing over a power-of-two table.
    private let slots: UnsafeMutablePointer<Int>
    private let mask: Int
    /// The number of the empty key (its bytes have no address), or -1.
    private let empty: Int

    init(_ names: [String]) {
        let keys = names.map { Array($0.utf8) }
        var size = 16
        while size < keys.count * 4 { size *= 2 }
        let total = keys.reduce(0) { $0 + $1.count }
        bytes = .allocate(capacity: max(total, 1))
        starts = .allocate(capacity: keys.count + 1)
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        var at = 0
        for (k, key) in keys.enumerated() {
            starts[k] = at
            for byte in key { bytes[at] = byte; at += 1 }
        }
        starts[keys.count] = at
        // The last first: a name given twice finds its last position, as in a dictionary filled in order.
        for (k, key) in keys.enumerated().reversed() {
            let spelled = UnsafePointer(bytes + starts[k])
            var s = Self.hash(spelled, key.count) & (size - 1)
            while slots[s] != 0 { s = (s + 1) & (size - 1) }
            slots[s] = k + 1
        }
        mask = size - 1
        empty = keys.lastIndex(of: []) ?? -1
    }

    func deallocate() { bytes.deallocate(); starts.deallocate(); slots.deallocate() }

    /// Every byte counts: ids such as `A-6158` share their length and first and last bytes.
    @inline(__always) private static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i + 8 <= n {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0, shift: UInt64 = 0
        while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    /// The number of the key spelled by `key` (unescaped), or -1 for a key not in the table.
    @inline(__always) func number(of key: UnsafeBufferPointer<UInt8>) -> Int {
        let n = key.count
        guard let spelled = key.baseAddress else { return empty }
        var s = Self.hash(spelled, n) & mask
        while true {
            let k = slots[s] - 1
            if k < 0 { return -1 }
            let start = starts[k]
            if starts[k + 1] - start == n && Self.equal(bytes + start, spelled, n) { return k }
            s = (s + 1) & mask
        }
    }

    /// Keys and ids are short: eight bytes a step inline, where a call to `memcmp` cost more.
    @inline(__always) private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
            i += 8
        }
        while i < n { if a[i] != b[i] { return false }; i += 1 }
        return true
    }

    /// The number of an object member's key, unescaping it first when it has escapes.
    func number(of key: JSONKey) -> Int {
        guard key.escaped else { return number(of: key.bytes) }
        return Array(unescape(key.bytes).utf8).withUnsafeBufferPointer { number(of: $0) }
    }
}

extension TapeReader {
    /// `forEachMember` for objects whose keys are in `table`: calls `body` with each member's key
    /// number (-1 for a key not in the table), its key and its value node, the key on the path.
    /// The same members, in the same order, with the same repeat warnings as `forEachMember`.
    mutating func forEachMember(_ n: Int, in table: KeyTable, _ body: (inout TapeReader, Int, JSONKey, Int) -> Void) {
        let count = Int(nodes[n].count)
        let end = Int(nodes[n].next)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(count, 1)) { numbers in
            // First the numbers: a repeat is a bit already set, and only then are keys compared.
            var seen: UInt64 = 0
            var repeats = false
            var k = n + 1, i = 0
            while k < end {
                let number = table.number(of: key(at: k))
                numbers[i] = number
                // Keys not in the table (or past the 64 a mask holds) are compared the slow way, as are repeats.
                if number < 0 || number >= 64 { repeats = repeats || count > 1 } else if seen & (1 << UInt64(number)) != 0 { repeats = true } else { seen |= 1 << UInt64(number) }
                i += 1
                k = Int(nodes[k + 1].next)
            }
            visitMembers(n, skipping: repeats ? repeatedKeys(n) : nil) { r, i, key, value in body(&r, numbers[i], key, value) }
        }
    }
}
