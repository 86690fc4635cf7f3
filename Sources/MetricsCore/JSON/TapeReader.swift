import Foundation

/// Reads values off a `JSONTape` and records problems with their path and byte offset.
///
/// Every typed read either returns the value or records what was found against what was
/// expected and returns `nil`, so one pass collects every problem of a file.
struct TapeReader {
    struct RawProblem {
        var offset: Int?
        var path: String
        var severity: Problem.Severity
        var message: String
        /// Set on the one tally entry that ends a full list: problems counted, not kept.
        var unlisted: ProblemCounts? = nil
    }

    /// The JSON text, without a BOM.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Added to text offsets to make file offsets (the BOM's length).
    let base: Int
    let nodes: UnsafeBufferPointer<JSONNode>
    /// Keeps the node memory alive while the reader reads it.
    let tape: JSONTape
    var problems: [RawProblem] = []
    /// Whether `problems` holds an error (not only counts one).
    var listsAnError = false
    var path: [PathComponent] = []

    init(bytes: UnsafeBufferPointer<UInt8>, base: Int, tape: JSONTape) {
        self.bytes = bytes; self.base = base; self.tape = tape; nodes = tape.nodes
    }

    // MARK: Structure

    @inline(__always) func kind(_ n: Int) -> JSONKind { nodes[n].kind }

    /// File offset of the value's first character (the opening quote of a string).
    func offset(_ n: Int) -> Int {
        let node = nodes[n]
        return base + Int(node.start) - (node.kind == .string ? 1 : 0)
    }

    /// The exact JSON text of a value.
    func rawText(_ n: Int) -> String {
        let node = nodes[n]
        let s = Int(node.start) - (node.kind == .string ? 1 : 0)
        let e = Int(node.end) + (node.kind == .string ? 1 : 0)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
    }

    /// Calls `body` with each member's key and value node, the key pushed on the path.
    ///
    /// Keys are matched against literals byte by byte (`case "amount":`), so the happy path
    /// creates no `String` per key.
    ///
    /// A key that comes again later in the object gets a warning and is skipped: the last one is
    /// read, as by the editor (and most JSON readers).
    mutating func forEachMember(_ n: Int, _ body: (inout TapeReader, JSONKey, Int) -> Void) {
        // nil, not [], in the usual case: no retain per object.
        visitMembers(n, skipping: repeatedKeys(n)) { r, _, key, value in body(&r, key, value) }
    }

    /// The key at node `k`, as its bytes.
    @inline(__always) func key(at k: Int) -> JSONKey {
        let node = nodes[k]
        return JSONKey(node: k, bytes: UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)]), escaped: node.hasEscapes)
    }

    /// Calls `body` with each member's position, key and value node, the key pushed on the path;
    /// a key in `repeated` gets the warning of a key given again, and no call.
    @inline(__always)
    mutating func visitMembers(_ n: Int, skipping repeated: [Int]?, _ body: (inout TapeReader, Int, JSONKey, Int) -> Void) {
        var k = n + 1, i = 0
        let end = Int(nodes[n].next)
        while k < end {
            let key = key(at: k)
            let value = k + 1
            k = Int(nodes[value].next)
            path.append(.keyNode(key.node))
            if let repeated, repeated.contains(key.node) {
                report(.warning, at: offset(key.node), "duplicate key \(jsonQuoted(string(at: key.node))): this one is ignored, the last one is read")
            } else {
                body(&self, i, key, value)
            }
            path.removeLast()
            i += 1
        }
    }

    /// The key nodes of object `n` whose key comes again later in it; `nil` when none. It runs
    /// for every object of a file, so small objects compare 8-byte fingerprints of their keys
    /// pairwise on the stack, and only keys whose fingerprints match byte by byte; large ones hash.
    func repeatedKeys(_ n: Int) -> [Int]? {
        let count = Int(nodes[n].count)
        guard count > 1 else { return nil }
        let end = Int(nodes[n].next)
        if count > 32 {
            var last: [String: Int] = [:]
            var out: [Int] = []
            var k = n + 1
            while k < end {
                if let earlier = last.updateValue(k, forKey: string(at: k)) { out.append(earlier) }
                k = Int(nodes[k + 1].next)
            }
            return out.isEmpty ? nil : out
        }
        let distinct = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { prints -> Bool in
            var k = n + 1, i = 0
            while k < end { prints[i] = fingerprint(k); i += 1; k = Int(nodes[k + 1].next) }
            let p = prints.baseAddress!
            for a in 0..<(count - 1) {
                let x = p[a]
                var b = a + 1
                while b < count { if p[b] == x { return false }; b += 1 }
            }
            return true
        }
        if distinct { return nil }
        // Two fingerprints alike (rare): compare those keys' bytes.
        var keys: [Int] = []
        var k = n + 1
        while k < end { keys.append(k); k = Int(nodes[k + 1].next) }
        let out = keys.indices.dropLast().filter { a in keys[(a + 1)...].contains { sameKey(keys[a], $0) } }.map { keys[$0] }
        return out.isEmpty ? nil : out
    }

    /// Length and first and last eight bytes of a key: equal for equal keys (escaped ones all alike).
    func fingerprint(_ k: Int) -> UInt64 {
        let node = nodes[k]
        if node.hasEscapes { return 0 }
        let base = bytes.baseAddress!
        let start = Int(node.start), length = Int(node.end - node.start)
        var head: UInt64 = 0, tail: UInt64 = 0
        if start + 8 <= bytes.count {
            head = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
            if length < 8 { head &= (1 &<< (8 &* UInt64(length))) &- 1 }
        } else {
            for j in 0..<min(length, 8) { head |= UInt64(base[start + j]) &<< (8 &* UInt64(j)) }
        }
        if length > 8 { tail = UnsafeRawPointer(base + start + length - 8).loadUnaligned(as: UInt64.self) }
        return head ^ (tail &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(truncatingIfNeeded: length) &<< 59
    }

    /// Whether two key nodes spell the same key.
    func sameKey(_ a: Int, _ b: Int) -> Bool {
        let x = nodes[a], y = nodes[b]
        if x.hasEscapes || y.hasEscapes { return string(at: a) == string(at: b) }
        let length = Int(x.end - x.start)
        guard length == Int(y.end - y.start) else { return false }
        return length == 0 || memcmp(bytes.baseAddress! + Int(x.start), bytes.baseAddress! + Int(y.start), length) == 0
    }

    /// The current path as text, keys resolved from the tape.
    var renderedPath: String {
        path.map { c -> PathComponent in
            if case .keyNode(let n) = c { return .key(string(at: n)) }
            return c
        }.rendered
    }

    /// Calls `body` with each element's index and node, the index pushed on the path.
    mutating func forEachElement(_ n: Int, _ body: (inout TapeReader, Int, Int) -> Void) {
        var k = n + 1
        let end = Int(nodes[n].next)
        var i = 0
        while k < end {
            let element = k
            k = Int(nodes[element].next)
            path.append(.index(i))
            body(&self, i, element)
            path.removeLast()
            i += 1
        }
    }

    /// The key node's file offset (its opening quote), for problems about a key.
    func keyOffset(ofValue value: Int) -> Int { offset(value - 1) }

    // MARK: Problems

    /// Records a problem; beyond `LoadLimits.maxProblems` it is only counted, on a last tally entry.
    mutating func report(_ severity: Problem.Severity, at offset: Int?, _ message: String) {
        func problem() -> RawProblem { RawProblem(offset: offset, path: renderedPath, severity: severity, message: boundingQuotedValues(message)) }
        if problems.count < LoadLimits.maxProblems {
            problems.append(problem())
            listsAnError = listsAnError || severity == .error
            return
        }
        if problems[problems.count - 1].unlisted == nil {
            problems.append(RawProblem(offset: nil, path: "", severity: .warning, message: "", unlisted: ProblemCounts()))
        }
        let tally = problems.count - 1
        // A file with errors lists one: the editor and the importer look for it among the listed.
        if severity == .error && !listsAnError {
            problems[tally].unlisted!.add(problems[tally - 1].severity)
            problems[tally - 1] = problem()
            listsAnError = true
            return
        }
        problems[tally].unlisted!.add(severity)
        // An error anywhere rejects the file, listed or not.
        if severity == .error { problems[tally].severity = .error }
    }
    mutating func error(_ n: Int, _ message: String) { report(.error, at: offset(n), message) }
    mutating func warning(_ n: Int, _ message: String) { report(.warning, at: offset(n), message) }

    /// How a message names the value found: `the string "12k"`, `the number -5`, `an array`.
    func found(_ n: Int) -> String {
        switch kind(n) {
        case .string:
            var s = string(at: n)
            if s.count > 40 { s = String(s.prefix(37)) + "..." }
            return "the string \(jsonQuoted(s))"
        case .number: return "the number \(bounded(rawText(n)))"
        default: return kind(n).foundName
        }
    }

    // MARK: Scalars

    /// The decoded contents of a string node.
    func string(at n: Int) -> String {
        let node = nodes[n]
        let slice = UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)])
        return node.hasEscapes ? unescape(slice) : String(decoding: slice, as: UTF8.self)
    }

    /// The value of a number node.
    func double(at n: Int) -> Double {
        let node = nodes[n]
        return parseDouble(UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)]))
    }
}

/// Parses a JSON number; exact fast path for up to 15 significant digits, else the standard library.
func parseDouble(_ b: UnsafeBufferPointer<UInt8>) -> Double {
    var i = 0
    var negative = false
    if b[0] == UInt8(ascii: "-") { negative = true; i = 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = 0
    while i < b.count, b[i] &- 48 < 10 { mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48); digits += 1; i += 1 }
    if i < b.count, b[i] == UInt8(ascii: ".") {
        i += 1
        while i < b.count, b[i] &- 48 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48); digits += 1; fractionDigits += 1; i += 1
        }
    }
    if i == b.count && digits <= 15 && fractionDigits <= 22 {
        // Both operands are exact doubles, so one division is correctly rounded.
        let v = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -v : v
    }
    return Double(String(decoding: b, as: UTF8.self)) ?? .nan
}

private let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

/// Decodes JSON string escapes; a lone surrogate becomes U+FFFD.
func unescape(_ b: UnsafeBufferPointer<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var i = 0
    func hex4(_ at: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in at..<(at + 4) { v = v << 4 | (hexValue(b[k]) ?? 0) }
        return v
    }
    func appendScalar(_ v: UInt32) {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        out.append(contentsOf: String(Character(scalar)).utf8)
    }
    while i < b.count {
        let c = b[i]
        guard c == UInt8(ascii: "\\") else { out.append(c); i += 1; continue }
        let e = b[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            let v = hex4(i)
            i += 4
            if v >= 0xD800 && v < 0xDC00, i + 6 <= b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
                let low = hex4(i + 2)
                if low >= 0xDC00 && low < 0xE000 {
                    appendScalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))
                    i += 6
                    continue
                }
            }
            appendScalar(v)
        default: out.append(e) // \" \\ \/
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// An object key on the tape: its bytes, matched against literals without making a `String`.
struct JSONKey {
    let node: Int
    let bytes: UnsafeBufferPointer<UInt8>
    let escaped: Bool

    static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        if key.escaped {
            return unescape(key.bytes) == String(decoding: UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount), as: UTF8.self)
        }
        let n = pattern.utf8CodeUnitCount
        guard n == key.bytes.count else { return false }
        return memcmp(pattern.utf8Start, key.bytes.baseAddress!, n) == 0
    }
}
