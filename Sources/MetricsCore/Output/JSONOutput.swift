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
    /// Bytes `write` made on another thread (`prerendered`), copied in as they are.
    case prewritten([UInt8])

    public static func optional(_ v: Double?) -> JSONOutput { v.map { .number($0) } ?? .null }
    public static func optional(_ s: String?) -> JSONOutput { s.map { .string($0) } ?? .null }
    public static func optional(_ d: Day?) -> JSONOutput { d.map { .string($0.description) } ?? .null }

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String { String(decoding: renderedBytes(), as: UTF8.self) }

    /// `rendered()` as its UTF-8 bytes, for output written as bytes (a 10 MB report is not
    /// decoded into a `String` to be encoded again).
    public func renderedBytes() -> [UInt8] {
        var out = JSONBytes()
        write(into: &out, indent: 0)
        out.bytes.append(UInt8(ascii: "\n"))
        return out.bytes
    }

    /// This value as `write` would put it at `indent`, kept as raw text: a large part of a
    /// document can be written on another thread, then copied in.
    public func prerendered(indent: Int) -> JSONOutput {
        var out = JSONBytes()
        write(into: &out, indent: indent)
        return .prewritten(out.bytes)
    }

    /// Written into one byte buffer: no `String` per line or per indentation (issue 15's profile
    /// had them at 12% of a JSON report).
    func write(into out: inout JSONBytes, indent: Int) {
        switch self {
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{\n")
            for (i, (k, v)) in members.enumerated() {
                out.indent(indent + 1)
                out.quoted(k)
                out.append(": ")
                v.write(into: &out, indent: indent + 1)
                out.append(i == members.count - 1 ? "\n" : ",\n")
            }
            out.indent(indent)
            out.append("}")
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            if items.allSatisfy({ $0.isScalar }) {
                out.append("[")
                for (i, v) in items.enumerated() {
                    if i > 0 { out.append(", ") }
                    v.write(into: &out, indent: 0)
                }
                out.append("]")
                return
            }
            out.append("[\n")
            for (i, v) in items.enumerated() {
                out.indent(indent + 1)
                v.write(into: &out, indent: indent + 1)
                out.append(i == items.count - 1 ? "\n" : ",\n")
            }
            out.indent(indent)
            out.append("]")
        case .string(let s): out.quoted(s)
        case .number(let v): out.number(v)
        case .bool(let b): out.append(b ? "true" : "false")
        case .null: out.append("null")
        case .raw(let text): out.append(text)
        case .prewritten(let bytes): out.bytes.append(contentsOf: bytes)
        }
    }

    var isScalar: Bool {
        switch self {
        case .object, .array, .raw, .prewritten: return false
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

/// The bytes of a JSON text being written.
struct JSONBytes {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func indent(_ level: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// As `jsonQuoted`: the common case (printable ASCII without a quote or backslash) copied as is.
    mutating func quoted(_ text: String) {
        var text = text
        let plain = text.withUTF8 { utf8 -> Bool in
            guard utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 < 0x7F }) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { append(jsonQuoted(text)) }
    }

    mutating func number(_ v: Double) {
        guard v.isFinite else { append("null"); return }
        if v.rounded() == v && abs(v) < 1e15 { integer(Int(v)) } else { append(String(v)) }
    }

    mutating func integer(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }
}
