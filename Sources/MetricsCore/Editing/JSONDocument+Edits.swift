/// An edit of a JSON document, addressed by path.
public enum JSONEdit: Sendable {
    /// Replace the value at the path with this JSON text.
    case replace([JSONDocument.Step], json: String)
    /// Append this JSON text as the last element of the array at the path.
    case append([JSONDocument.Step], json: String)
    /// Add a member (the key must be new) at the end of the object at the path.
    case insert([JSONDocument.Step], key: String, json: String)
    /// Remove the member or element at the path, with the separator that went with it.
    case remove([JSONDocument.Step])

    var path: [JSONDocument.Step] {
        switch self {
        case .replace(let p, _), .append(let p, _), .insert(let p, _, _), .remove(let p): return p
        }
    }

    /// Top-level members that decoding the deals never reads (it reads stages, reps and accounts).
    static let besideTheDeals: Set<String> = ["dashboard", "targets", "spend", "forecasts", "funnel", "actions", "autopsies", "data_as_of"]

    /// True when the edit stays inside one of `besideTheDeals` (or adds one at the top level):
    /// the `deals` array and everything its decoding reads are left byte for byte as they were.
    var leavesDealsAsTheyWere: Bool {
        if case .insert(let p, let key, _) = self, p.isEmpty { return Self.besideTheDeals.contains(key) }
        guard case .key(let top)? = path.first else { return false }
        return Self.besideTheDeals.contains(top)
    }
}

/// Why an edit cannot be made.
public struct JSONEditError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension JSONDocument {
    /// The document's bytes with the edits made: bytes outside the edited spans are unchanged;
    /// new text follows the file's indentation and line endings (or stays on one line in a
    /// minified file). Multi-line JSON given for a value is re-indented to where it goes.
    ///
    /// One pass: the output is the spans between sorted splice points copied into one new
    /// buffer, so a merge of 300k deals with thousands of edits costs about one copy of the file.
    public func applying(_ edits: [JSONEdit]) throws(JSONEditError) -> [UInt8] {
        // (offset, bytes replaced, new bytes, order): appends to one array are merged into one.
        var splices: [(at: Int, length: Int, text: [UInt8], order: Int)] = []
        var appends: [Int: [(String, Int)]] = [:]
        var inserts: [Int: [(String, String, Int)]] = [:]
        for (order, edit) in edits.enumerated() {
            switch edit {
            case .replace(let path, let json):
                guard let n = node(at: path) else { throw JSONEditError(message: "no value at \(render(path))") }
                let span = span(of: n)
                splices.append((span.lowerBound, span.count, reindent(json, at: span.lowerBound, extra: []), order))
            case .append(let path, let json):
                guard let n = node(at: path), nodes[n].kind == .array else { throw JSONEditError(message: "no array at \(render(path))") }
                appends[n, default: []].append((json, order))
            case .insert(let path, let key, let json):
                guard let n = node(at: path), nodes[n].kind == .object else { throw JSONEditError(message: "no object at \(render(path))") }
                if node(at: path + [.key(key)]) != nil { throw JSONEditError(message: "\(render(path + [.key(key)])) exists already") }
                inserts[n, default: []].append((key, json, order))
            case .remove(let path):
                // The last step names the member or element, so the parent is the path before it.
                let named: Bool
                switch path.last {
                case .key?, .index?: named = true
                default: named = false
                }
                guard named, let parent = node(at: Array(path.dropLast())), let child = node(at: path) else {
                    throw JSONEditError(message: "no value at \(render(path))")
                }
                let range = removal(of: child, in: parent)
                splices.append((range.lowerBound, range.count, [], order))
            }
        }
        for (n, items) in appends { splices.append(addChildren(to: n, items.map { $0.0 }, order: items[0].1)) }
        for (n, items) in inserts {
            splices.append(addChildren(to: n, items.map { jsonQuoted($0.0) + ": " + $0.1 }, order: items[0].2))
        }
        // In file order; at one offset, insertions before a replacement, else the first edit's text first.
        splices.sort { ($0.at, $0.length > 0 ? 1 : 0, $0.order) < ($1.at, $1.length > 0 ? 1 : 0, $1.order) }
        var copied = 0, previous = 0
        for s in splices {
            guard s.at >= copied else {
                throw JSONEditError(message: "the edits at \(render(edits[previous].path)) and \(render(edits[s.order].path)) overlap")
            }
            copied = s.at + s.length
            previous = s.order
        }
        let size = bytes.count + splices.reduce(0) { $0 + $1.text.count - $1.length }
        return [UInt8](unsafeUninitializedCapacity: size) { out, count in
            guard let base = out.baseAddress else { count = 0; return }
            Prefault.forWriting(base, byteCount: size)
            count = 0
            func copy(_ chunk: UnsafeBufferPointer<UInt8>) {
                if let from = chunk.baseAddress { (base + count).initialize(from: from, count: chunk.count) }
                count += chunk.count
            }
            var from = 0
            bytes.withUnsafeBufferPointer { source in
                for s in splices {
                    copy(UnsafeBufferPointer(rebasing: source[from..<s.at]))
                    s.text.withUnsafeBufferPointer(copy)
                    from = s.at + s.length
                }
                copy(UnsafeBufferPointer(rebasing: source[from...]))
            }
        }
    }

    /// The bytes that removing `child` (a value, or an object member's value) from `parent`
    /// takes away: from the end of the previous sibling, else up to the next sibling, else
    /// everything inside the brackets.
    func removal(of child: Int, in parent: Int) -> Range<Int> {
        let isObject = nodes[parent].kind == .object
        let end = Int(nodes[parent].next)
        var previous: Int?, next: Int?
        var k = parent + 1
        while k < end {
            let value = isObject ? k + 1 : k
            let after = Int(nodes[value].next)
            if value == child { next = after < end ? after : nil; break }
            previous = value
            k = after
        }
        let start = span(of: isObject ? child - 1 : child).lowerBound
        if let previous { return span(of: previous).upperBound..<span(of: child).upperBound }
        if let next { return start..<span(of: next).lowerBound }
        let container = span(of: parent)
        return (container.lowerBound + 1)..<(container.upperBound - 1)
    }

    /// Inserts children (elements or `"key": value` members) after the last child of a container.
    func addChildren(to n: Int, _ children: [String], order: Int) -> (at: Int, length: Int, text: [UInt8], order: Int) {
        let container = span(of: n)
        let close = container.upperBound - 1
        let nl = lineEnding
        let minified = !bytes[container].contains(0x0A) && !bytes.contains(0x0A)
        if nodes[n].count == 0 {
            // `[]` or `{}`: children go on their own lines, one step deeper than the container's line.
            let outer = indentation(ofLineAt: container.lowerBound)
            let inner = outer + indentUnit
            var text: [UInt8] = []
            for (i, child) in children.enumerated() {
                if i > 0 { text += Array(",".utf8) + (minified ? [0x20] : []) }
                text += (minified ? [] : nl + inner) + reindent(child, at: nil, extra: inner)
            }
            text += minified ? [] : nl + outer
            let inside = (container.lowerBound + 1)..<close
            return (inside.lowerBound, inside.count, text, order)
        }
        // After the last child, with the separator the container already uses before it.
        var last = n + 1
        while Int(nodes[last].next) < Int(nodes[n].next) { last = Int(nodes[last].next) }
        let lastSpan = span(of: last)
        var childStart = lastSpan.lowerBound
        if nodes[n].kind == .object { childStart = span(of: last - 1).lowerBound } // the member starts at its key
        var k = childStart
        while k > container.lowerBound && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[k - 1]) { k -= 1 }
        let leading = Array(bytes[k..<childStart])
        let onOwnLine = leading.contains(0x0A)
        let indent = onOwnLine ? indentation(ofLineAt: childStart) : []
        // An object added after an object laid out over several lines is laid out the same way.
        let siblingIsMultiLine = onOwnLine && nodes[n].kind == .array && nodes[last].kind == .object && bytes[lastSpan].contains(0x0A)
        var text: [UInt8] = []
        for child in children {
            text += Array(",".utf8) + (onOwnLine ? nl + indent : (leading.isEmpty ? [] : [0x20]))
            text += reindent(siblingIsMultiLine ? Self.memberPerLine(child) : child, at: nil, extra: indent)
        }
        return (lastSpan.upperBound, 0, text, order)
    }

    /// A one-line object with one member per line (two-space steps; values kept as written).
    static func memberPerLine(_ json: String) -> String {
        guard !json.contains("\n"), let doc = try? JSONDocument(bytes: Array(json.utf8)), doc.nodes[0].kind == .object, doc.nodes[0].count > 0 else { return json }
        var members: [String] = []
        var k = 1
        while k < Int(doc.nodes[0].next) {
            let text = { (n: Int) in String(decoding: doc.bytes[doc.span(of: n)], as: UTF8.self) }
            members.append(text(k) + ": " + text(k + 1))
            k = Int(doc.nodes[k + 1].next)
        }
        return "{\n  " + members.joined(separator: ",\n  ") + "\n}"
    }

    /// JSON text made to fit where it goes: its lines after the first get the indentation of
    /// the line it starts on (or `extra`), and the file's line ending.
    func reindent(_ json: String, at offset: Int?, extra: [UInt8]) -> [UInt8] {
        let lines = json.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8).filter { $0 != 0x0D } }
        guard lines.count > 1 else { return lines.first ?? [] }
        let indent = offset.map(indentation(ofLineAt:)) ?? extra
        let unit = indentUnit
        var out = lines[0]
        for line in lines.dropFirst() {
            // The text's own two-space steps become the file's step (tabs stay tabs).
            var spaces = 0
            while spaces < line.count && line[spaces] == 0x20 { spaces += 1 }
            out += lineEnding + indent + Array(repeating: unit, count: spaces / 2).flatMap { $0 } + line.dropFirst(spaces - spaces % 2)
        }
        return out
    }

    func render(_ path: [Step]) -> String {
        // A node step stands for the path that leads to it.
        let resolved = path.flatMap { step -> [Step] in
            if case .node(let n) = step, n >= 0 && n < nodes.count { return self.path(of: n) }
            return [step]
        }
        return resolved.compactMap { step -> PathComponent? in
            switch step {
            case .key(let k): return .key(k)
            case .index(let i): return .index(i)
            case .node: return nil
            }
        }.rendered
    }
}

extension JSONDocument {
    /// Sets member `key` of the object at `path`: replaced when present, added at its end otherwise.
    public func setting(_ path: [Step], key: String, json: String) -> JSONEdit {
        node(at: path + [.key(key)]) == nil ? .insert(path, key: key, json: json) : .replace(path + [.key(key)], json: json)
    }

    /// Appends to the list `key` of the object at `path`, adding the list when it is absent.
    public func appending(_ path: [Step], toList key: String, json: String) -> JSONEdit {
        node(at: path + [.key(key)]) == nil ? .insert(path, key: key, json: "[\(json)]") : .append(path + [.key(key)], json: json)
    }
}
