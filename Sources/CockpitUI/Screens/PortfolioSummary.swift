import MetricsCore

extension PortfolioScreen {
    /// The line under the portfolio: the statuses counted, the deals stalled, files rejected, a
    /// client in two files (in the warning colour: it is counted twice while it lasts). The
    /// fullest wording that fits, losing the least first: "now" and the spaces, then the value
    /// at risk, then the file's name; a part is never cut mid-word.
    static func summary(_ state: AppState, loaded: Int, counts: [KPIStatus: Int], stalled: Int, atRisk: String?,
                        glyphs: UIGlyphs, width: Int) -> [(String, Style)] {
        func statuses(_ gap: String) -> String {
            "\(loaded) client\(loaded == 1 ? "" : "s"): " + [KPIStatus.red, .yellow, .green]
                .map { "\(glyphs.text.status($0).split(separator: " ")[0]) \(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: gap)
        }
        let stalled = grouped(stalled)
        let stalledWordings = (atRisk.map { ["\(stalled) deals stalled now, \($0) at risk", "\(stalled) stalled, \($0) at risk"] } ?? [])
            + ["\(stalled) deals stalled now", "\(stalled) stalled"]
        let rejected = state.entries.count - loaded
        let rejectedText = rejected > 0 ? "\(rejected) file\(rejected == 1 ? "" : "s") rejected" : nil
        let duplicates = state.duplicateClients
        var duplicateWordings: [String?] = [nil]
        if let d = duplicates.first {
            let name = state.entries.first { $0.file.file == d.again }?.name ?? d.clientID
            let file = String(d.again.split(separator: "/").last ?? "")
            duplicateWordings = duplicates.count == 1
                ? ["\(name) in two files (\(file)): counted twice", "\(name) in two files", "1 client in two files"]
                : ["\(duplicates.count) clients in two files: counted twice", "\(duplicates.count) clients in two files"]
        }
        var last: [(String, Style)] = []
        for duplicate in duplicateWordings {
            for stalledText in stalledWordings {
                for (gap, sep) in [("  ", "  \(glyphs.separator)  "), (" ", " \(glyphs.separator) ")] {
                    var parts: [(String, Style)] = [(statuses(gap), .muted), (sep + stalledText, .muted)]
                    if let rejectedText { parts.append((sep + rejectedText, .muted)) }
                    if let duplicate { parts.append((sep + duplicate, Style(.warn, bold: true))) }
                    if parts.reduce(0, { $0 + TextWidth.of($1.0) }) <= width { return parts }
                    last = parts
                }
            }
        }
        // Nothing fits whole (a narrow terminal, many files rejected): cut at the edge.
        var room = width
        return last.map { text, style in
            let kept = TextWidth.truncate(text, to: max(0, room), ellipsis: glyphs.text.ellipsis)
            room -= TextWidth.of(kept)
            return (kept, style)
        }
    }
}
