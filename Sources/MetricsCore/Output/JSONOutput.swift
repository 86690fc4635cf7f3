/// A JSON value to write, with object keys in the order given.
public indirect enum JSONOutput: Sendable {
    case object([(String, JSONOutput)])
    case array([JSONOutput])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    /// Exact JSON text kept from a file (unknown keys written back as they were).
    case raw(String)

    public static func optional(_ v: Double?) -> JSONOutput { v.map { .number($0) } ?? .null }
    public static func optional(_ s: String?) -> JSONOutput { s.map { .string($0) } ?? .null }
    public static func optional(_ d: Day?) -> JSONOutput { d.map { .string($0.description) } ?? .null }

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    func write(into out: inout String, indent: Int) {
        switch self {
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in members.enumerated() {
                out += String(repeating: "  ", count: indent + 1) + jsonQuoted(k) + ": "
                v.write(into: &out, indent: indent + 1)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy({ $0.isScalar }) {
                out += "[" + items.map { v in var s = ""; v.write(into: &s, indent: 0); return s }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                v.write(into: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .string(let s): out += jsonQuoted(s)
        case .number(let v): out += jsonNumber(v)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .raw(let text): out += text
        }
    }

    var isScalar: Bool {
        switch self {
        case .object, .array, .raw: return false
        default: return true
        }
    }
}

/// A JSON number: integers without a fraction, others in the shortest exact form; non-finite is null.
func jsonNumber(_ v: Double) -> String {
    guard v.isFinite else { return "null" }
    if v.rounded() == v && abs(v) < 1e15 { return String(Int(v)) }
    return String(v)
}
