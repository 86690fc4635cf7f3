/// Ids → positions: the deal ids a load checks for repeats and autopsies look up, and the
/// index's id → deal.
///
/// A `[String: Int]` hashed every id with SipHash: a third of merging the decoded deals at 100k
/// (issue 15). Here an ASCII id is hashed from its bytes, on the thread that decoded the deal,
/// and one compare confirms a slot. Two ASCII strings are equal as `String`s exactly when their
/// bytes are, so the table finds what the dictionary found. The first non-ASCII id (`String`
/// equality is canonical equivalence: `"\u{212A}" == "K"`), or a probe run too long for chance
/// (ids made to collide), moves the table to a dictionary: slower, never wrong.
public struct IDTable: Sendable {
    private var ids: [String] = []
    private var positions: [Int] = []
    private var hashes: [Int] = []
    /// Slot → entry + 1 (0: empty); linear probing over a power-of-two table at most half full.
    private var slots: [Int32]
    private var dictionary: [String: Int]?

    /// Longer runs do not happen by chance at half load below tens of millions of ids.
    private static let longestProbe = 96

    public init(minimumCapacity n: Int = 0) {
        var size = 16
        while size < 2 * n { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        ids.reserveCapacity(n); positions.reserveCapacity(n); hashes.reserveCapacity(n)
    }

    public var count: Int { dictionary?.count ?? ids.count }

    public subscript(_ id: String) -> Int? {
        if let dictionary { return dictionary[id] }
        guard let hash = Self.hash(id) else { return nil }   // a non-ASCII id would have moved the table
        let mask = slots.count - 1
        var s = hash & mask
        while true {
            let entry = Int(slots[s]) - 1
            if entry < 0 { return nil }
            if hashes[entry] == hash && ids[entry] == id { return positions[entry] }
            s = (s + 1) & mask
        }
    }

    /// Adds `id` at `position` unless it is there; then returns the position it has.
    @discardableResult
    public mutating func insert(_ id: String, at position: Int) -> Int? {
        insert(id, at: position, hash: Self.hash(id))
    }

    /// `insert` with the id's `hash(_:)`, computed where the id was made.
    mutating func insert(_ id: String, at position: Int, hash: Int?) -> Int? {
        // A non-ASCII id, or more entries than a slot's 32 bits number: the dictionary.
        if dictionary == nil, hash == nil || ids.count >= Int(Int32.max) - 1 { moveToDictionary() }
        if dictionary != nil {
            if let first = dictionary![id] { return first }
            dictionary![id] = position
            return nil
        }
        let hash = hash!
        if 2 * (ids.count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var s = hash & mask, probe = 0
        while true {
            let entry = Int(slots[s]) - 1
            if entry < 0 { break }
            if hashes[entry] == hash && ids[entry] == id { return positions[entry] }
            probe += 1
            if probe > Self.longestProbe {
                moveToDictionary()
                dictionary![id] = position
                return nil
            }
            s = (s + 1) & mask
        }
        slots[s] = Int32(ids.count + 1)
        ids.append(id); positions.append(position); hashes.append(hash)
        return nil
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for entry in hashes.indices {
            var s = hashes[entry] & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(entry + 1)
        }
    }

    private mutating func moveToDictionary() {
        var all = [String: Int](minimumCapacity: max(ids.count, positions.capacity))
        for entry in ids.indices { all[ids[entry]] = positions[entry] }
        dictionary = all
        ids = []; positions = []; hashes = []; slots = [0]
    }

    /// A hash of an ASCII id's bytes (every byte counts: ids such as `D-6158` share their length
    /// and ends); `nil` for an id with other characters.
    static func hash(_ id: String) -> Int? {
        if let hashed = id.utf8.withContiguousStorageIfAvailable({ hash(bytes: $0) }) { return hashed }
        return Array(id.utf8).withUnsafeBufferPointer { hash(bytes: $0) }
    }

    private static func hash(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard let p = bytes.baseAddress else { return 0 }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(truncatingIfNeeded: n)
        var high: UInt64 = 0
        var i = 0
        while i + 8 <= n {
            let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            high |= word
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0, shift: UInt64 = 0
        while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        high |= tail
        guard high & 0x8080_8080_8080_8080 == 0 else { return nil }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return Int(truncatingIfNeeded: h & 0x7FFF_FFFF_FFFF_FFFF)
    }
}
