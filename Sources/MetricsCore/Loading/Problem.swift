/// A validation problem of an engagement file: where it is, how bad, and what was expected.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var file: String
    /// 1-based; `nil` when the problem has no place in the text (an unreadable file).
    public var line: Int?
    /// 1-based, counting Unicode scalars from the start of the line (a BOM is not counted).
    public var column: Int?
    /// The JSON path: `deals[12].stage_history[0].stage`; empty for the root.
    public var path: String
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int?, column: Int?, path: String, severity: Severity, message: String) {
        self.file = file; self.line = line; self.column = column; self.path = path; self.severity = severity; self.message = message
    }

    /// `file:line:col: error: path: message`, the form compilers and editors understand.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        s += ": \(severity.rawValue): "
        if !path.isEmpty { s += "\(path): " }
        return s + message
    }
}

/// How many problems of each severity: those a file has beyond the ones it lists.
public struct ProblemCounts: Sendable, Equatable {
    public var errors = 0
    public var warnings = 0
    public init(errors: Int = 0, warnings: Int = 0) { self.errors = errors; self.warnings = warnings }
    public var total: Int { errors + warnings }
    public mutating func add(_ severity: Problem.Severity) { if severity == .error { errors += 1 } else { warnings += 1 } }
    public mutating func add(_ other: ProblemCounts) { errors += other.errors; warnings += other.warnings }
}

/// One step of a JSON path.
enum PathComponent {
    case key(String)
    /// A key still on the tape (resolved only when a problem is reported).
    case keyNode(Int)
    case index(Int)
}

extension Array where Element == PathComponent {
    /// Renders `.key` for keys of letters, digits and `_`, `["key"]` otherwise, `[n]` for elements.
    var rendered: String {
        var s = ""
        for c in self {
            switch c {
            case .index(let n): s += "[\(n)]"
            case .keyNode: s += ".?"
            case .key(let key):
                // A key is a value of the file too: bounded like every quoted value.
                let k = bounded(key)
                let plain = !k.isEmpty && k.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 }
                if plain { s += s.isEmpty ? k : ".\(k)" } else { s += "[\(jsonQuoted(k))]" }
            }
        }
        return s
    }
}

/// `"text"` as a JSON string literal: for messages, paths and every JSON Redline writes.
public func jsonQuoted(_ text: String) -> String {
    // Most names and ids need no escaping: one pass over the bytes decides.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 < 0x7F }) { return "\"" + text + "\"" }
    var out = "\""
    for u in text.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            // Bidi controls too: the value is kept, but no viewer of the JSON sees its text reordered.
            if u.value < 0x20 || u.value == 0x7F || (u.value >= 0x80 && u.value < 0xA0) || isBidiControl(u.value) {
                out += "\\u" + pad16(Int(u.value))
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
