/// A JSON file kept as its exact bytes plus a tape of value spans, for edits that leave every
/// byte they do not touch as it was: formatting, key order, unknown keys, escapes.
public struct JSONDocument: Sendable {
    /// One step of a path into the document.
    public enum Step: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case key(String)
        case index(Int)
        /// The value at this tape node (from `node(at:)` or `elements(of:)`): the path goes on from
        /// there, so edits of many array elements do not walk the array from its start each time.
        case node(Int)
        public init(stringLiteral value: String) { self = .key(value) }
        public init(integerLiteral value: Int) { self = .index(value) }
    }

    /// The file as read, BOM included.
    public let bytes: [UInt8]
    let bom: Int
    let tape: JSONTape

    public init(bytes: [UInt8]) throws(JSONSyntaxError) {
        self.bytes = bytes
        bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let base = bom
        tape = try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONTape in
            try JSONTape(scanning: UnsafeBufferPointer(rebasing: b[base...]))
        }
    }

    /// A document from bytes already scanned (by the loader): `tape` must be the scan of `bytes` after any BOM.
    init(bytes: [UInt8], tape: JSONTape) {
        self.bytes = bytes
        bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        self.tape = tape
    }

    var nodes: UnsafeBufferPointer<JSONNode> { tape.nodes }

    /// The tape node at `path`, or `nil` when the path does not exist.
    public func node(at path: [Step]) -> Int? {
        var n = 0
        for step in path {
            if case .node(let m) = step {
                guard m >= 0 && m < nodes.count else { return nil }
                n = m
                continue
            }
            let node = nodes[n]
            var k = n + 1
            let end = Int(node.next)
            var found: Int?
            switch (step, node.kind) {
            case (.key(let key), .object):
                while k < end {
                    if string(at: k) == key { found = k + 1 }
                    k = Int(nodes[k + 1].next)
                }
            case (.index(let i), .array):
                var j = 0
                while k < end && found == nil {
                    if j == i { found = k }
                    k = Int(nodes[k].next); j += 1
                }
            default: return nil
            }
            guard let next = found else { return nil }
            n = next
        }
        return n
    }

    /// The element nodes of the array at node `n`, in order (empty when it is not an array).
    public func elements(of n: Int) -> [Int] {
        guard nodes[n].kind == .array else { return [] }
        var out: [Int] = []
        out.reserveCapacity(Int(nodes[n].count))
        var k = n + 1
        while k < Int(nodes[n].next) { out.append(k); k = Int(nodes[k].next) }
        return out
    }

    /// The path of node `n` from the root, by keys and indices (for messages).
    func path(of n: Int) -> [Step] {
        var path: [Step] = []
        var at = 0
        while at != n {
            let end = Int(nodes[at].next)
            guard at < n && n < end else { return path }
            var k = at + 1, i = 0
            if nodes[at].kind == .object {
                // Members are key, value pairs: the value's subtree holds `n`, or the key is `n`.
                while k < end && Int(nodes[k + 1].next) <= n { k = Int(nodes[k + 1].next) }
                path.append(.key(string(at: k)))
                at = k + 1
            } else {
                while k < end && Int(nodes[k].next) <= n { k = Int(nodes[k].next); i += 1 }
                path.append(.index(i))
                at = k
            }
        }
        return path
    }

    /// The byte range of a value in `bytes` (strings with their quotes).
    public func span(of n: Int) -> Range<Int> {
        let node = nodes[n]
        let quote = node.kind == .string ? 1 : 0
        return (bom + Int(node.start) - quote)..<(bom + Int(node.end) + quote)
    }

    func string(at n: Int) -> String {
        let node = nodes[n]
        let slice = bytes[(bom + Int(node.start))..<(bom + Int(node.end))]
        return slice.withUnsafeBufferPointer { node.hasEscapes ? unescape($0) : String(decoding: $0, as: UTF8.self) }
    }

    /// The file's line ending: CRLF when its first line ends so.
    var lineEnding: [UInt8] {
        guard let nl = bytes.firstIndex(of: 0x0A) else { return [0x0A] }
        return nl > 0 && bytes[nl - 1] == 0x0D ? [0x0D, 0x0A] : [0x0A]
    }

    /// The whitespace that starts the line holding `offset`.
    func indentation(ofLineAt offset: Int) -> [UInt8] {
        var start = offset
        while start > bom && bytes[start - 1] != 0x0A { start -= 1 }
        var end = start
        while end < bytes.count && (bytes[end] == 0x20 || bytes[end] == 0x09) { end += 1 }
        return Array(bytes[start..<end])
    }

    /// One indentation step of the file: what the second indented line adds to the first, else two spaces.
    var indentUnit: [UInt8] {
        var i = 0
        var shortest: [UInt8]?
        while i < bytes.count {
            if bytes[i] == 0x0A {
                var j = i + 1
                while j < bytes.count && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
                if j > i + 1, shortest == nil || j - i - 1 < shortest!.count { shortest = Array(bytes[(i + 1)..<j]) }
                if shortest != nil && i > 4096 { break }
            }
            i += 1
        }
        return shortest ?? [0x20, 0x20]
    }
}
