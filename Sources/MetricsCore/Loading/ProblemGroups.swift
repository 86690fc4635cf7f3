/// Problems of one kind: one severity and one message template, so that a thousand deals with
/// the same warning read as one line with a count and a few examples (engagement-format.md:
/// "summarized by kind wherever a person reads them").
public struct ProblemGroup: Sendable, Equatable {
    public let severity: Problem.Severity
    /// The message with its values masked: `no account has the id "…"`.
    public let kind: String
    /// Every problem of the kind, shown or not.
    public var count: Int
    /// The first few, in the order given.
    public var examples: [Problem]
}

extension Problem {
    /// The message template: each value in it masked (quoted text becomes `"…"`; a number found,
    /// an index and a date become `…`), so messages that differ only in their values are of one
    /// kind. Numbers of the message's own wording (`from 0 to 1`, `1e15`) stay.
    public var kind: String { messageKind(message) }
}

/// Groups problems by severity and kind, in the order each kind first appears, keeping the
/// first `examples` of each.
public func groupProblems(_ problems: some Sequence<Problem>, examples: Int = 3) -> [ProblemGroup] {
    var groups: [ProblemGroup] = []
    var index: [String: Int] = [:]
    for p in problems {
        let key = p.severity.rawValue + ":" + p.kind
        if let i = index[key] {
            groups[i].count += 1
            if groups[i].examples.count < examples { groups[i].examples.append(p) }
        } else {
            index[key] = groups.count
            groups.append(ProblemGroup(severity: p.severity, kind: p.kind, count: 1, examples: examples > 0 ? [p] : []))
        }
    }
    return groups
}

func messageKind(_ message: String) -> String { maskValues(message, collecting: false).kind }

/// The values `messageKind` masks, as written in the message (`"format"` with its quotes, `12`,
/// `2026-01-05`): what differs between the problems of one kind.
func messageValues(_ message: String) -> [String] { maskValues(message, collecting: true).values }

private func maskValues(_ message: String, collecting: Bool) -> (kind: String, values: [String]) {
    var out = String.UnicodeScalarView()
    var values: [String] = []
    var literal = String.UnicodeScalarView()
    var inLiteral = false, escaped = false
    var previous: Unicode.Scalar = " "
    var scalars = message.unicodeScalars.makeIterator()
    var next = scalars.next()
    while let u = next {
        next = scalars.next()
        if inLiteral {
            if collecting { literal.append(u) }
            if escaped { escaped = false } else if u == "\\" { escaped = true } else if u == "\"" {
                out.append("…"); out.append(u); inLiteral = false
                if collecting { values.append(String(literal)) }
            }
        } else if u == "\"" {
            out.append(u); inLiteral = true
            if collecting { literal = String.UnicodeScalarView([u]) }
        } else if isDigit(u) || (u == "-" && !isWordScalar(previous) && next.map(isDigit) == true) {
            // A number or a date: digits with the signs, points and letters written with them (1e+300, 2026-01-05).
            var token = String.UnicodeScalarView([u])
            while let c = next, isDigit(c) || c == "." || c == "-" || c == "+" || (c.isASCII && c.properties.isAlphabetic) {
                token.append(c); next = scalars.next()
            }
            let value = previous == "[" || String(out).hasSuffix("the number ") || isDate(token)
            out.append(contentsOf: value ? "…".unicodeScalars : token)
            if value && collecting { values.append(String(token)) }
            previous = token.last!
            continue
        } else {
            out.append(u)
        }
        previous = u
    }
    return (String(out), values)
}

private func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 48 && u.value <= 57 }
private func isWordScalar(_ u: Unicode.Scalar) -> Bool { u.properties.isAlphabetic || isDigit(u) || u == "_" }
private func isDate(_ token: String.UnicodeScalarView) -> Bool {
    let t = Array(token)
    return t.count == 10 && t[4] == "-" && t[7] == "-" && t.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || isDigit($0.element) }
}
