import ArgumentParser
import Foundation
import MetricsCore

/// "Did you mean": the nearest of some known words to a mistyped one.
enum Suggestions {
    /// The words closest to `typed` by edit distance (a swap of two neighbours counts one), when
    /// close enough to be a typo: one edit in a word of up to four letters, two in a longer one.
    /// Case, `-` and spaces are not differences (`Win Rate` is `win_rate`).
    static func nearest(_ typed: String, in words: [String]) -> [String] {
        func norm(_ s: String) -> [Character] { Array(s.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 }) }
        let t = norm(typed)
        let scored = words.map { ($0, distance(t, norm($0))) }
        guard let best = scored.map({ $0.1 }).min(), best <= (t.count <= 4 ? 1 : 2) else { return [] }
        return scored.filter { $0.1 == best }.map(\.0)
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// ` (did you mean report?` … or ` (` : the opening of a hint that ends with what lists them.
    static func didYouMean(_ words: [String]) -> String {
        guard !words.isEmpty else { return "" }
        let list = words.count == 1 ? words[0] : words.dropLast().joined(separator: ", ") + " or " + words.last!
        return "did you mean \(list)? "
    }
}

extension Cockpit {
    /// `redline frobnicate`: the cockpit (the default subcommand) takes it for a path. When the
    /// first path that does not exist is a bare word (no `/`, not `*.json`), it may be a mistyped
    /// subcommand: say that it is neither, and the nearest subcommand when one is close.
    static func mistypedSubcommand(_ paths: [String]) -> UsageError? {
        guard let missing = paths.first(where: { !FileManager.default.fileExists(atPath: $0) }),
              !missing.contains("/"), !missing.hasSuffix(".json"), !missing.isEmpty else { return nil }
        let names = Redline.configuration.subcommands.map { $0._commandName } + ["help"]
        let hint = Suggestions.didYouMean(Suggestions.nearest(missing, in: names))
        return UsageError("no such file or folder: \(missing); it is not a subcommand either (\(hint)redline --help lists them)")
    }
}

extension KPIID {
    /// For `@Option(transform:)`: an id that is not in the catalog says where the ids are, and
    /// the nearest ones when the id looks mistyped (30 ids would not fit one line).
    static func argument(_ text: String) throws -> KPIID {
        if let id = KPIID(rawValue: text) { return id }
        let ids = KPIID.allCases.map(\.rawValue)
        var near = Suggestions.nearest(text, in: ids)
        // `velocity` for pipeline_velocity: the ids that contain the word, when they are few.
        if near.isEmpty, text.count >= 3 {
            let word = text.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
            let containing = ids.filter { $0.contains(word) }
            if containing.count <= 3 { near = containing }
        }
        throw ValidationError("no KPI has this id; \(Suggestions.didYouMean(near))redline kpis lists every id")
    }
}
