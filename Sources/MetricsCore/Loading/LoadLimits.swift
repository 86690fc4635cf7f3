/// What Redline reads at most, in one place (docs/decisions.md, "Limits"): a file that `check`
/// accepts can always be computed, formatted and drawn, and no file can make a message, the
/// problem list or the memory of a load grow without bound.
public enum LoadLimits {
    /// The largest magnitude of any number in a file: money (amounts, costs, revenue, spend,
    /// quotas, targets), counts and thresholds. A thousand times the largest companies' revenue;
    /// sums of a million such values (1e21) are still far from a Double's limits.
    public static let maxMagnitude = 1e15
    /// The largest file read: 2 GiB (the scanner's offsets are 32-bit; memory is ~6× the file).
    public static let maxFileBytes = 2 << 30
    /// Problems kept per file; beyond it they are only counted (a file of a million bad deals
    /// must not need a million messages in memory).
    public static let maxProblems = 10_000
    /// Characters of a value a message quotes; longer ones are cut with `…`.
    public static let quotedLength = 80
    /// Stage ids an "unknown stage" message lists, each cut to `listedIDLength`.
    public static let listedStages = 8
    public static let listedIDLength = 40
}

/// `text` cut to `limit` characters (Unicode scalars: a grapheme can be any length), the last
/// one `…` when it was longer.
func bounded(_ text: String, _ limit: Int = LoadLimits.quotedLength) -> String {
    // Cheap test first: a short UTF-8 form has few scalars.
    if text.utf8.count <= limit { return text }
    let scalars = text.unicodeScalars
    guard let cut = scalars.index(scalars.startIndex, offsetBy: limit - 1, limitedBy: scalars.endIndex),
          scalars.index(cut, offsetBy: 1, limitedBy: scalars.endIndex).map({ $0 < scalars.endIndex }) == true else { return text }
    return String(scalars[..<cut]) + "…"
}

/// Bounds every quoted value inside a message: each JSON string literal longer than
/// `LoadLimits.quotedLength` characters is cut with `…`. Every loader message passes through
/// here, so no value of a file, wherever it is quoted, makes a message long.
func boundingQuotedValues(_ message: String) -> String {
    if message.utf8.count <= LoadLimits.quotedLength + 2 { return message }
    let limit = LoadLimits.quotedLength
    var out = String.UnicodeScalarView()
    // Inside a literal, a unit is one scalar or one whole escape (`\n`, `\u001B`): never cut inside one.
    var inLiteral = false, units = 0, escapeLeft = 0
    var pending = String.UnicodeScalarView()
    for u in message.unicodeScalars {
        guard inLiteral else {
            out.append(u)
            if u == "\"" { inLiteral = true; units = 0; pending = .init() }
            continue
        }
        if escapeLeft > 0 {
            escapeLeft -= 1
            if escapeLeft == 4 && u != "u" { escapeLeft = 0 }
        } else if u == "\"" {
            if units > limit { out.append("…") } else { out.append(contentsOf: pending) }
            out.append(u)
            inLiteral = false
            continue
        } else {
            units += 1
            if u == "\\" { escapeLeft = 5 }
        }
        // The first limit − 1 units go out; the next waits: it is written only if the literal ends there.
        if units < limit { out.append(u) } else if units == limit { pending.append(u) }
    }
    if inLiteral { if units > limit { out.append("…") } else { out.append(contentsOf: pending) } }
    return String(out)
}

/// The message of a stage reference that names no stage: a few of the stages, each bounded.
func unknownStageMessage(_ id: String, stages: [String]) -> String {
    var listed = stages.prefix(LoadLimits.listedStages).map { bounded($0, LoadLimits.listedIDLength) }.joined(separator: ", ")
    if stages.count > LoadLimits.listedStages { listed += " and \(stages.count - LoadLimits.listedStages) more" }
    return "unknown stage \(jsonQuoted(bounded(id))); the stages are \(listed)"
}
