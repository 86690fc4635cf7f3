import MetricsCore

/// Deterministic hostile variants of an engagement file, for the fuzz tests of the core and the
/// cockpit (and the shapes that once crashed Redline: 1e25 amounts, a 1 MB stage id named by
/// every deal, truncated files).
///
/// Each mutant applies one to three edits to valid JSON, found with the loader's own scanner:
/// extreme numbers, huge or hostile strings, another JSON type, members and elements deleted or
/// duplicated (duplicate keys too), a value made huge everywhere it appears; then sometimes the
/// text is cut short or one byte flipped.
public enum Mutator {
    /// Numbers as written in JSON: beyond every limit, at the edges of Double and Int, and tame.
    public static let numbers = ["1e25", "1e300", "-1e300", "0", "-0", "-0.0", "1e-300", "-1e-300", "4.9e-324",
                                 "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                                 "1.7976931348623157e308", "1E400", "123456789012345678901234567890",
                                 "1e15", "999999999999999", "-1e15", "0.5", "1", "2", "-1", "12", "53", "100000"]
    /// Strings as JSON literals: huge, control and bidi characters, combining marks, edge dates and weeks.
    public static let strings = [#""""#, #"" ""#, "\"" + String(repeating: "x", count: 100_000) + "\"",
                                 "\"" + String(repeating: "é", count: 5_000) + "\"", "\"" + String(repeating: "💥", count: 3_000) + "\"",
                                 #""\u202e\u202d""#, #""\u0000""#, #""\u001b[2J\u001b[31m""#, #""\r\n\t""#, #""\"'\\""#,
                                 #""\ud800""#, #""\ufeff""#, "\"" + String(repeating: "\u{301}", count: 200) + "\"", #""%s%n%x""#,
                                 #""0000-01-01""#, #""0001-01-01""#, #""9999-12-31""#, #""2024-02-29""#, #""1970-01-01""#,
                                 #""2027-W53""#, #""2026-W53""#, #""0000-W01""#, #""2026-Q5""#, #""9999-Q4""#, #""0000-01""#, #""9999-12""#,
                                 #""won""#, #""lost""#, #""renewal""#, #""done""#, #""planned""#, #""open""#, #""NaN""#]
    static let others = ["null", "true", "false", "[]", "{}", "\"1\"", "0", "[[]]", #"{"": {}}"#]

    /// Mutant number `index` of `base` (valid JSON), the same bytes for the same arguments.
    public static func mutant(of base: [UInt8], seed: UInt64, index: Int) -> [UInt8] {
        var rng = FuzzRandom(seed: seed &* 0x9E37_79B9 &+ UInt64(index))
        var bytes = base
        for _ in 0..<rng.pick([1, 1, 2, 3]) {
            guard let next = edit(bytes, &rng) else { break }
            bytes = next
        }
        let r = rng.unit()
        if r < 0.04, !bytes.isEmpty {
            bytes.removeSubrange(rng.int(0...(bytes.count - 1))...)
        } else if r < 0.08, !bytes.isEmpty {
            let k = rng.int(0...(bytes.count - 1))
            bytes[k] ^= UInt8(1) << UInt8(rng.int(0...7))
        }
        return bytes
    }

    /// One edit, or `nil` when the bytes are no longer JSON (a previous cut).
    static func edit(_ bytes: [UInt8], _ rng: inout FuzzRandom) -> [UInt8]? {
        let scanned = bytes.withUnsafeBufferPointer { try? JSONTape(scanning: $0) }
        guard let tape = scanned else { return nil }
        let doc = Doc(bytes: bytes, nodes: Array(tape.nodes))
        guard doc.nodes.count > 1 else { return nil }
        let v = rng.int(1...(doc.nodes.count - 1))
        // Keys are picked as their values.
        let value = doc.isKey[v] ? v + 1 : v
        var edits: [(Range<Int>, [UInt8])] = []
        let node = doc.nodes[value]
        switch rng.int(0...8) {
        case 0, 1:
            if node.kind == .number || rng.chance(0.3) {
                edits = [(doc.span(value), Array(rng.pick(numbers).utf8))]
            } else {
                let strings = doc.nodes.indices.filter { doc.nodes[$0].kind == .string && !doc.isKey[$0] }
                let text = rng.chance(0.7) || strings.isEmpty ? Array(rng.pick(Mutator.strings).utf8) : Array(bytes[doc.span(rng.pick(strings))])
                edits = [(doc.span(value), text)]
            }
        case 2:
            edits = [(doc.span(value), Array(rng.pick(others).utf8))]
        case 3:
            edits = [(doc.removal(value), [])]
        case 4:
            let copy = Array(bytes[doc.memberSpan(value)])
            let times = rng.pick([1, 1, 1, 5, 50])
            edits = [(doc.span(value).upperBound..<doc.span(value).upperBound, Array(repeating: [UInt8(ascii: ",")] + copy, count: times).flatMap { $0 })]
            // A duplicate key with another value: which one is read?
            if doc.key[value] != nil && rng.chance(0.5) {
                let key = Array(bytes[doc.span(doc.key[value]!)])
                edits = [(doc.span(value).upperBound..<doc.span(value).upperBound, Array(",".utf8) + key + Array(":".utf8) + Array(rng.pick(numbers + strings).utf8))]
            }
        case 5:
            // The same string made huge everywhere it is written (a stage id named by every deal).
            guard node.kind == .string else { return edit(bytes, &rng) }
            let same = Array(bytes[doc.span(value)])
            let big = Array(("\"" + String(repeating: "s", count: rng.pick([1_000, 50_000])) + "\"").utf8)
            edits = doc.nodes.indices.filter { doc.nodes[$0].kind == .string && !doc.isKey[$0] && bytes[doc.span($0)].elementsEqual(same) }.map { (doc.span($0), big) }
        case 6:
            // Every number inside the value (or its container) made extreme.
            let box = node.kind == .object || node.kind == .array ? value : doc.parent[value]
            let end = Int(doc.nodes[box].next)
            edits = ((box + 1)..<end).filter { doc.nodes[$0].kind == .number }.map { (doc.span($0), Array(rng.pick(numbers).utf8)) }
        case 7:
            // Another value of the file here (an id where a date goes, a list where a number goes).
            let other = rng.int(1...(doc.nodes.count - 1))
            edits = [(doc.span(value), Array(bytes[doc.span(doc.isKey[other] ? other + 1 : other)]))]
        default:
            // Many elements: one element of an array repeated hundreds of times.
            guard doc.nodes[doc.parent[value]].kind == .array else { return edit(bytes, &rng) }
            let copy = Array(bytes[doc.span(value)])
            edits = [(doc.span(value).upperBound..<doc.span(value).upperBound, Array(repeating: [UInt8(ascii: ",")] + copy, count: rng.pick([20, 300])).flatMap { $0 })]
        }
        var out = bytes
        for (range, text) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) { out.replaceSubrange(range, with: text) }
        return out
    }
}

/// The scanned document: spans, parents and keys of its nodes.
struct Doc {
    let bytes: [UInt8]
    let nodes: [JSONNode]
    var parent: [Int]
    var isKey: [Bool]
    /// The key node of each member value.
    var key: [Int?]

    init(bytes: [UInt8], nodes: [JSONNode]) {
        self.bytes = bytes; self.nodes = nodes
        parent = Array(repeating: 0, count: nodes.count)
        isKey = Array(repeating: false, count: nodes.count)
        key = Array(repeating: nil, count: nodes.count)
        for c in nodes.indices where nodes[c].kind == .object || nodes[c].kind == .array {
            var k = c + 1
            while k < Int(nodes[c].next) {
                if nodes[c].kind == .object {
                    isKey[k] = true; parent[k] = c; parent[k + 1] = c; key[k + 1] = k
                    k = Int(nodes[k + 1].next)
                } else {
                    parent[k] = c
                    k = Int(nodes[k].next)
                }
            }
        }
    }

    /// The bytes of a value, quotes included.
    func span(_ n: Int) -> Range<Int> {
        let node = nodes[n]
        return node.kind == .string ? (Int(node.start) - 1)..<(Int(node.end) + 1) : Int(node.start)..<Int(node.end)
    }

    /// A member from its key to its value, or an element.
    func memberSpan(_ value: Int) -> Range<Int> {
        guard let k = key[value] else { return span(value) }
        return span(k).lowerBound..<span(value).upperBound
    }

    /// A member or element with one comma next to it, so the rest stays JSON.
    func removal(_ value: Int) -> Range<Int> {
        let r = memberSpan(value)
        var i = r.upperBound
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: ",") { return r.lowerBound..<(i + 1) }
        var j = r.lowerBound - 1
        while j >= 0, isSpace(bytes[j]) { j -= 1 }
        if j >= 0, bytes[j] == UInt8(ascii: ",") { return j..<r.upperBound }
        return r
    }

    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
}

/// SplitMix64, as the demo's generator.
public struct FuzzRandom {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    public mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    public mutating func chance(_ p: Double) -> Bool { unit() < p }
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
