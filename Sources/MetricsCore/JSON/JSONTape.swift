import Foundation

/// The kind of one JSON value on a tape.
public enum JSONKind: UInt8, Sendable {
    case object, array, string, number, `true`, `false`, null

    /// How a problem message names a found value: "the string", "a number", ...
    var foundName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .true: return "true"
        case .false: return "false"
        case .null: return "null"
        }
    }
}

/// One JSON value on a tape: its kind and byte span in the source.
///
/// Objects and arrays are followed by their children in document order (for objects, key then
/// value); `next` is the index of the first node after the whole subtree, so a reader can skip
/// any value in O(1). Strings span their contents without the quotes.
public struct JSONNode: Sendable {
    public var kind: JSONKind
    /// For strings: the contents hold a backslash escape and must be unescaped.
    public var hasEscapes: Bool
    public var start: UInt32
    public var end: UInt32
    public var next: UInt32
    /// Members of an object or elements of an array.
    public var count: UInt32
}

/// A syntax error: where the text stops being JSON, and why.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var offset: Int
    public var message: String
}

/// A single-pass JSON scanner that records each value's kind and byte span (a "tape").
///
/// It validates the grammar and the UTF-8 inside strings; numbers and strings are decoded
/// later, only when a reader asks for them. Written by hand for three measured goals: line and
/// column in every error, byte spans for exact edits, and load speed (Foundation's decoder reads
/// about 34 MB/s here; see docs/benchmarks.md for this scanner's figure).
public struct JSONTape: Sendable {
    /// Internal so that `rescanning` can tell when it holds the only reference.
    var storage: TapeStorage
    /// The nodes, valid while this tape (or a copy of it) is alive.
    public var nodes: UnsafeBufferPointer<JSONNode> { UnsafeBufferPointer(start: storage.base, count: storage.count) }

    /// The deepest nesting accepted; deeper input is refused rather than risking the stack of readers.
    public static let maxDepth = 256

    /// Scans `bytes`, which must not include a BOM.
    public init(scanning bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        try self.init(scanning: bytes, splittingAt: bytes.count >= Self.splitThreshold ? Self.likelySplit(bytes) : nil)
    }

    /// Scans `bytes`, the part from `split` on (when given) on a second thread (`JSONTape+Split.swift`);
    /// `nil` scans on one thread.
    public init(scanning bytes: UnsafeBufferPointer<UInt8>, splittingAt split: Int?) throws(JSONSyntaxError) {
        try Self.checkSize(bytes)
        var scanner = TapeScanner(bytes: bytes, expectingSplit: split != nil)
        do {
            if let split { try scanner.runSplit(at: split) } else { try scanner.run() }
        } catch {
            scanner.nodes.deallocate()
            throw error
        }
        storage = TapeStorage(scanner.nodes)
    }

    init(storage: TapeStorage) { self.storage = storage }

    /// Scans `bytes` on one thread, leaving the root's `deals` array to `readingDeals` (see
    /// `TapeScanner.dealsArrayReader`): the tape of a file read once, whose deals are read directly.
    init(scanning bytes: UnsafeBufferPointer<UInt8>, readingDeals: @escaping (Int) -> (end: Int, count: Int)?) throws(JSONSyntaxError) {
        try Self.checkSize(bytes)
        // Without the deals the tape is small: no room reserved for them.
        var scanner = TapeScanner(bytes: bytes, capacity: 4096)
        scanner.dealsArrayReader = readingDeals
        do {
            try scanner.run()
        } catch {
            scanner.nodes.deallocate()
            throw error
        }
        storage = TapeStorage(scanner.nodes)
    }

    /// Offsets on the tape are 32-bit.
    static func checkSize(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        guard bytes.count < Int(UInt32.max) else { throw JSONSyntaxError(offset: 0, message: "the file is larger than 4 GiB") }
    }
}

/// Owns the node memory of a tape; freed when the last tape copy goes.
final class TapeStorage: @unchecked Sendable {
    // Read-only once shared, so sharing across threads is safe: only `JSONTape.rescanning`
    // changes the nodes and `count`, and only while it holds the one reference to it.
    let base: UnsafeMutablePointer<JSONNode>
    var count: Int
    let capacity: Int
    init(_ buffer: NodeBuffer) { base = buffer.base; count = buffer.count; capacity = buffer.capacity }
    deinit { base.deallocate() }
}

/// A growable node array on raw memory: the scanner appends millions of nodes and the
/// bounds and uniqueness checks of `Array.append` showed in profiles.
struct NodeBuffer {
    var base: UnsafeMutablePointer<JSONNode>
    var capacity: Int
    var count = 0
    /// False while the buffer is a part of another's memory (the two parts of a split scan).
    var ownsBase = true

    /// The first `prefaulting` nodes are about to be written (`Prefault`).
    init(capacity: Int, prefaulting: Int = 0) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
        Prefault.forWriting(base, byteCount: min(prefaulting, capacity) * MemoryLayout<JSONNode>.stride)
    }

    @inline(__always) mutating func append(_ node: JSONNode) {
        if count == capacity { grow() }
        (base + count).initialize(to: node)
        count &+= 1
    }

    /// A part of memory owned elsewhere, which this buffer leaves (not frees) when it grows.
    init(borrowing base: UnsafeMutablePointer<JSONNode>, capacity: Int) {
        self.base = base
        self.capacity = capacity
        ownsBase = false
    }

    mutating func grow(toHold needed: Int = 0) {
        let larger = max(capacity * 2, needed, 16)
        let bigger = UnsafeMutablePointer<JSONNode>.allocate(capacity: larger)
        bigger.moveInitialize(from: base, count: count)
        if ownsBase { base.deallocate() }
        base = bigger
        capacity = larger
        ownsBase = true
    }

    @inline(__always) subscript(i: Int) -> JSONNode {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    func deallocate() { if ownsBase { base.deallocate() } }
}

private let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), comma = UInt8(ascii: ",")
private let colon = UInt8(ascii: ":"), openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
private let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

struct TapeScanner {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    var nodes: NodeBuffer
    /// Open containers: tape index of each, and how many children it has so far.
    var stack: [Int] = []
    var childCounts: [UInt32] = []
    /// Progress is told each megabyte (`WorkProgress`): one compare per container element.
    var reported = 0
    var reportAt = 1 << 20
    /// The root of an earlier scan of an edited copy of these bytes, whose unchanged member values
    /// are taken instead of scanned (`JSONTape.rescanning`), and which were taken.
    var previous: PreviousRoot?
    var taken: [TakenValue] = []
    /// A split scan stops before the array element that starts here, which a second scanner reads.
    var pauseAt = -1
    var isPaused = false
    /// How deep a scan may nest; a split's second scanner starts one level down, at least.
    var depthLimit = JSONTape.maxDepth
    /// The most containers open at once (read by a split's second scanner).
    var deepest = 0
    /// Given the text offset of the `[` of the root's `deals` array, reads the array elsewhere
    /// (`DirectDeals`) and says where it ends and how many elements it has; the tape then holds
    /// the array's node without children. `nil` from it: the array is scanned here.
    var dealsArrayReader: ((Int) -> (end: Int, count: Int)?)?

    /// A rescan gives its `capacity`: it leaves most of its buffer to be filled later, or never.
    init(bytes: UnsafeBufferPointer<UInt8>, capacity: Int? = nil, expectingSplit: Bool = false) {
        b = bytes
        // About one node per 13 bytes of pretty-printed engagement JSON: room for one per 12, and
        // the pages of one per 14 mapped at once (not more: a page mapped is memory used). A split
        // scan maps its pages on its two threads (`JSONTape+Split.swift`).
        nodes = NodeBuffer(capacity: max(16, capacity ?? bytes.count / 12),
                           prefaulting: capacity == nil && !expectingSplit ? bytes.count / 14 : 0)
        stack.reserveCapacity(32)
        childCounts.reserveCapacity(32)
    }

    func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? i, message: message)
    }

    /// Describes the byte at `i` (or the end) for messages.
    func found() -> String {
        guard i < b.count else { return "the end of the file" }
        let c = b[i]
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        if c >= 0x80 { return "the byte 0x\(String(c, radix: 16, uppercase: true))" }
        return "the control character U+\(pad16(Int(c)))"
    }

    @inline(__always) mutating func skipSpace() { i = JSONText.spaceEnd(b, from: i) }

    mutating func run() throws(JSONSyntaxError) {
        WorkProgress.shared.addBytes(total: b.count)
        // Whatever happens, the file counts as scanned at the end.
        defer { WorkProgress.shared.addBytes(scanned: b.count - reported) }
        try start()
        try finish()
    }

    /// The first value, up to its first container left open.
    mutating func start() throws(JSONSyntaxError) {
        skipSpace()
        guard i < b.count else { throw fail("the file is empty", at: 0) }
        try value()
    }

    /// Everything after `start`, or from where a split scan paused (`pauseAt`).
    mutating func finish() throws(JSONSyntaxError) {
        // Close containers iteratively: each `value` for an array/object returns after pushing it.
        while let top = stack.last {
            if i >= reportAt {
                WorkProgress.shared.addBytes(scanned: i - reported)
                reported = i
                reportAt = i + (1 << 20)
            }
            try continueContainer(top)
            if isPaused { return }
        }
        skipSpace()
        if i < b.count { throw fail("unexpected text after the JSON value: found \(found())") }
    }

    /// Parses one value at `i`. Containers are pushed and then filled by `continueContainer`.
    mutating func value() throws(JSONSyntaxError) {
        guard i < b.count else { throw fail("the JSON ends too early: expected a value") }
        if !childCounts.isEmpty { childCounts[childCounts.count - 1] &+= 1 }
        let c = b[i]
        switch c {
        case quote:
            try string()
        case openBrace, openBracket:
            guard stack.count < depthLimit else { throw fail("values are nested deeper than \(JSONTape.maxDepth) levels") }
            nodes.append(JSONNode(kind: c == openBrace ? .object : .array, hasEscapes: false, start: UInt32(i), end: 0, next: 0, count: 0))
            stack.append(nodes.count - 1)
            if stack.count > deepest { deepest = stack.count }
            childCounts.append(0)
            i &+= 1
            skipSpace()
            let close = c == openBrace ? closeBrace : closeBracket
            if i < b.count && b[i] == close {
                finishContainer()
            } else if c == openBrace {
                try member()
            } else {
                try value()
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
        case UInt8(ascii: "t"): try literal("true", .true)
        case UInt8(ascii: "f"): try literal("false", .false)
        case UInt8(ascii: "n"): try literal("null", .null)
        default:
            throw fail("expected a value, found \(found())")
        }
    }

    /// After a child of the open container `top` is parsed: expects `,` or the closing bracket.
    mutating func continueContainer(_ top: Int) throws(JSONSyntaxError) {
        let isObject = nodes[top].kind == .object
        let close = isObject ? closeBrace : closeBracket
        skipSpace()
        guard i < b.count else {
            throw fail("the JSON ends too early: expected ',' or '\(isObject ? "}" : "]")'")
        }
        let c = b[i]
        if c == close {
            finishContainer()
        } else if c == comma {
            let commaAt = i
            i &+= 1
            skipSpace()
            if i < b.count && (b[i] == closeBrace || b[i] == closeBracket) {
                throw fail("trailing comma before '\(Character(Unicode.Scalar(b[i])))'", at: commaAt)
            }
            if isObject { try member() } else if i == pauseAt { isPaused = true } else { try value() }
        } else {
            throw fail("expected ',' or '\(isObject ? "}" : "]")' \(isObject ? "after an object member" : "after an array element"), found \(found())")
        }
    }

    mutating func member() throws(JSONSyntaxError) {
        guard i < b.count, b[i] == quote else {
            throw fail("expected a key in double quotes, found \(found())")
        }
        try string()
        skipSpace()
        guard i < b.count, b[i] == colon else { throw fail("expected ':' after the key, found \(found())") }
        i &+= 1
        skipSpace()
        if stack.count == 1 && previous != nil && takeUnchangedValue() { return }
        if stack.count == 1, let read = dealsArrayReader, i < b.count, b[i] == openBracket, isDealsKey(nodes[nodes.count - 1]) {
            // The reader tells the array's bytes as it reads them (and takes them back when it gives up).
            WorkProgress.shared.addBytes(scanned: i - reported)
            reported = i
            if let (end, count) = read(i) {
                childCounts[childCounts.count - 1] &+= 1
                nodes.append(JSONNode(kind: .array, hasEscapes: false, start: UInt32(i), end: UInt32(end), next: UInt32(nodes.count + 1), count: UInt32(count)))
                i = end
                reported = end
                reportAt = end + (1 << 20)
                return
            }
        }
        try value()
    }

    private func isDealsKey(_ key: JSONNode) -> Bool {
        !key.hasEscapes && key.end - key.start == 5 && memcmp(b.baseAddress! + Int(key.start), "deals", 5) == 0
    }

    mutating func finishContainer() {
        let top = stack.removeLast()
        i &+= 1
        nodes[top].end = UInt32(i)
        nodes[top].next = UInt32(nodes.count)
        nodes[top].count = childCounts.removeLast()
    }

    mutating func literal(_ word: StaticString, _ kind: JSONKind) throws(JSONSyntaxError) {
        let start = i
        let n = word.utf8CodeUnitCount
        guard start + n <= b.count else { throw fail("expected a value, found \(found())") }
        let w = word.utf8Start
        for k in 0..<n where b[start + k] != w[k] { throw fail("expected a value, found \(found())") }
        i &+= n
        nodes.append(JSONNode(kind: kind, hasEscapes: false, start: UInt32(start), end: UInt32(i), next: UInt32(nodes.count + 1), count: 0))
    }

    mutating func number() throws(JSONSyntaxError) {
        let start = i
        switch JSONText.numberEnd(b, from: start) {
        case .success(let end): i = end
        case .failure(let problem): throw fail(problem.message, at: start)
        }
        nodes.append(JSONNode(kind: .number, hasEscapes: false, start: UInt32(start), end: UInt32(i), next: UInt32(nodes.count + 1), count: 0))
    }

    mutating func string() throws(JSONSyntaxError) {
        let open = i
        i &+= 1
        let start = i
        var escapes = false
        while true {
            i = JSONText.plainRunEnd(b, from: i)
            guard i < b.count else { throw fail("the JSON ends inside a string that starts here", at: open) }
            let c = b[i]
            if c == quote { break }
            if c == backslash {
                escapes = true
                try escape()
            } else if c < 0x20 {
                throw fail("a raw control character (U+\(pad16(Int(c)))) in a string; JSON needs it escaped")
            } else {
                try utf8Sequence()
            }
        }
        nodes.append(JSONNode(kind: .string, hasEscapes: escapes, start: UInt32(start), end: UInt32(i), next: UInt32(nodes.count + 1), count: 0))
        i &+= 1
    }

    mutating func escape() throws(JSONSyntaxError) {
        let at = i
        i &+= 1
        guard i < b.count else { throw fail("the JSON ends inside a string escape", at: at) }
        switch b[i] {
        case quote, backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            i &+= 1
        case UInt8(ascii: "u"):
            i &+= 1
            for _ in 0..<4 {
                guard i < b.count, hexValue(b[i]) != nil else { throw fail("invalid \\u escape: four hex digits must follow", at: at) }
                i &+= 1
            }
        default:
            throw fail("invalid escape '\\\(Character(Unicode.Scalar(b[i])))' in a string", at: at)
        }
    }

    /// Validates one multi-byte UTF-8 sequence at `i`.
    mutating func utf8Sequence() throws(JSONSyntaxError) {
        guard let length = utf8SequenceLength(b, at: i) else {
            throw fail("the file is not UTF-8: invalid byte 0x\(String(b[i], radix: 16, uppercase: true))")
        }
        i &+= length
    }
}

/// The length of the well-formed UTF-8 sequence at `i`, or `nil` (overlongs, surrogates and
/// truncated sequences included).
func utf8SequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
    let c0 = b[i]
    if c0 < 0x80 { return 1 }
    let len: Int
    var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
    switch c0 {
    case 0xC2...0xDF: len = 2
    case 0xE0: len = 3; lo = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: len = 3
    case 0xED: len = 3; hi = 0x9F
    case 0xF0: len = 4; lo = 0x90
    case 0xF1...0xF3: len = 4
    case 0xF4: len = 4; hi = 0x8F
    default: return nil
    }
    guard i + len <= b.count, b[i + 1] >= lo, b[i + 1] <= hi else { return nil }
    for k in 2..<max(2, len) where b[i + k] & 0xC0 != 0x80 { return nil }
    return len
}

func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - 48)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - 87)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - 55)
    default: return nil
    }
}

func pad16(_ value: Int) -> String {
    let s = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
