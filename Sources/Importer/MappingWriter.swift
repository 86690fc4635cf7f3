import Foundation
import MetricsCore

/// `--write-mapping`: a complete, commented mapping for one export (every column with the field
/// it was read as, every stage label with its count, outcome and place), ready to edit and pass
/// back with `--mapping`. Written even when the import itself would be refused, with the
/// reason where the fix goes.
public enum MappingWriter {
    /// The mapping's TOML text. `command` is how to import with it, for the header comment.
    public static func text(csvPath: String, mapping: ImportMapping, dateFormat: DateFormat?, command: String) throws(ImportError) -> String {
        let plan = try ImportPlan.make(csvPath: csvPath, mapping: mapping, dateFormat: dateFormat)
        let table = plan.table
        let rows = table.rows.count
        func filled(_ c: Int) -> (count: Int, first: String?) {
            var n = 0, first: String?
            for row in table.rows where c < row.count {
                let t = trimmed(row[c])
                if !t.isEmpty { n += 1; if first == nil { first = t } }
            }
            return (n, first)
        }
        var out = """
        # Mapping of \(csvPath) (\(decimals(Double(rows), 0)) rows), written by redline import --write-mapping.
        # Check each guess, edit what is wrong, then import with it:
        #   \(command)
        # Keys are explained in docs/import.md.

        [client]
        id = \(toml(mapping.clientID))
        name = \(toml(mapping.clientName))
        industry = \(toml(mapping.industry))
        currency = \(toml(plan.currency.code))\(plan.currency.line.isEmpty ? "" : "   # amounts: \(comment(plan.currency.line))")


        """
        out += "[columns]\n# field = \"header\"; { column = \"header\", optional = true } may be missing from an export.\n"
        let essential: Set<Field> = [.id, .name, .stage, .amount, .created, .closeDate, .engaged]
        var used = Set<Int>()
        for f in Field.allCases {
            guard let c = plan.columns[f.rawValue].first else {
                if let named = mapping.columns[f.name] { out += "# \(f.name) = \(toml(named))   # not in this export\n" }
                else if f == .id || f == .stage { out += "# \(f.name) = \"…\"   # no column guessed: name the deal \(f.name)'s column (required)\n" }
                continue
            }
            used.formUnion(plan.columns[f.rawValue])
            let header = table.header[c]
            let value = essential.contains(f) ? toml(header) : "{ column = \(toml(header)), optional = true }"
            let stats = filled(c)
            let sample = stats.first.map { ", e.g. \(comment(shown($0, limit: 40)))" } ?? ""
            out += "\(f.name) = \(value)   # \(stats.count == rows ? "filled in every row" : "\(decimals(Double(rows - stats.count), 0)) of \(decimals(Double(rows), 0)) empty")\(sample)\n"
        }
        let entered = plan.entered.flatMap(\.columns)
        used.formUnion(entered)
        if !entered.isEmpty { out += "# Stage history: the \(entered.count) Date entered columns of known stages are read as it.\n" }
        let unused = table.header.indices.filter { !used.contains($0) }
        if !unused.isEmpty {
            out += "# Columns not read (give one a field above to read it):\n"
            for c in unused {
                let first = filled(c).first.map { ", e.g. \(comment(shown($0, limit: 40)))" } ?? ", always empty"
                out += "#   \(comment(shown(table.header[c])))\(first)\n"
            }
        }

        out += "\n[dates]\n"
        if let problem = plan.dateProblem {
            let choices = plan.dateChoices.isEmpty ? ["d/M/yyyy", "M/d/yyyy", "yyyy-MM-dd"] : plan.dateChoices
            out += "# The import stops here: \(comment(problem.message))\n# format = \(toml(choices[0]))   # or \(choices.dropFirst().map(toml).joined(separator: ", ")): the one the export uses\n"
        } else {
            out += "format = \(toml(plan.dateFormat.description))   # \(plan.dateBasis)\n"
        }
        if let engaged = mapping.engagedStage { out += "\n[history]\nengaged_stage = \(toml(engaged))\n" }
        if let name = mapping.nameTemplate { out += "\n[deals]\nname = \(toml(name))\n" }

        let currencyProblem = plan.currencyProblem
        if !mapping.rates.isEmpty || currencyProblem != nil {
            out += "\n[currency]\n"
            if let currencyProblem { out += "# The import stops here: \(comment(currencyProblem.message))\n# Give each other currency's worth in \(plan.currency.code):\n# rates = { GBP = 1.17 }\n" }
            if !mapping.rates.isEmpty {
                out += "rates = { " + mapping.rates.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ") + " }\n"
            }
        }

        if !plan.types.isEmpty {
            out += "\n[types]\n# Each deal type in the export: new_logo, expansion or renewal (net new ARR counts the first two).\n"
            for t in plan.types {
                let line = "\(toml(t.value)) = \(toml(t.kind?.rawValue ?? "new_logo"))"
                out += t.kind == nil ? "# \(line)   # \(t.count) deals: unmapped, left out until set here\n" : "\(line)   # \(t.count) deals\n"
            }
        }
        for (column, map) in mapping.aliases.sorted(by: { $0.key < $1.key }) {
            out += "\n[aliases.\(toml(column))]\n" + map.sorted { $0.key < $1.key }.map { "\(toml($0.key)) = \(toml($0.value))\n" }.joined()
        }
        if let r = mapping.repsFile {
            out += "\n[reps]\nfile = \(toml(r.file))\nname = \(toml(r.name))\nkeep = [\(r.extra.map(toml).joined(separator: ", "))]\n"
        }
        if let a = mapping.accountsFile {
            out += "\n[accounts]\nfile = \(toml(a.file))\nname = \(toml(a.name))\n" + (a.segment.map { "segment = \(toml($0))\n" } ?? "")
        }
        if let e = mapping.estimate {
            out += "\n[amount_estimate]\nfile = \(toml(e.file))\nkey = \(toml(e.key))\nvalue = \(toml(e.value))\ncolumn = \(toml(e.column))\n"
        }

        out += "\n# Stages in funnel order, open ones first"
        out += plan.stages.order.map { " (ordered \(comment($0)))" } ?? ""
        out += ". Move a block to reorder; outcome is \"open\", \"won\" (one stage) or \"lost\".\n"
        for note in plan.stages.notes { out += "# \(comment(note))\n" }
        var counts = Dictionary(plan.labels.map { ($0.label.lowercased(), $0.count) }, uniquingKeysWith: +)
        // Deals the won/closed flags close at an open label go to the won or lost stage (CSVImport).
        var moved = (won: 0, lost: 0)
        for p in plan.labels where p.saysWon + p.saysLost > 0 {
            guard let i = plan.stageIndex[p.label], plan.stages.stages[i].outcome == nil else { continue }
            moved.won += p.saysWon; moved.lost += p.saysLost
            counts[p.label.lowercased(), default: 0] -= p.saysWon + p.saysLost
        }
        let flags = plan.statusColumn ?? [plan.header(.isWon), plan.header(.isClosed)].compactMap { $0 }.joined(separator: " and ")
        let firstLost = plan.stages.stages.firstIndex { $0.outcome == .lost }
        let basis = Dictionary(plan.stages.lines.map { ($0.label.lowercased(), $0.basis) }, uniquingKeysWith: { a, _ in a })
        let openCount = plan.stages.stages.filter { $0.outcome == nil }.count
        var openIndex = 0
        for (i, spec) in plan.stages.stages.enumerated() {
            var deals = spec.labels.reduce(0) { $0 + (counts[$1.lowercased()] ?? 0) }
            var why = spec.outcome?.rawValue ?? "open"
            let closedHere = spec.outcome == .won ? moved.won : i == firstLost ? moved.lost : 0
            if closedHere > 0 {
                deals += closedHere
                why += " (\(decimals(Double(closedHere), 0)) by \(flags), from an open stage)"
            }
            if spec.outcome == nil { openIndex += 1; why += ", \(openIndex) of \(openCount)" }
            let reasons = Set(spec.labels.compactMap { basis[$0.lowercased()] })
            if !reasons.isEmpty { why += "; from \(reasons.sorted().joined(separator: ", "))" }
            out += "\n[[stages]]   # \(decimals(Double(deals), 0)) deal\(deals == 1 ? "" : "s"); \(comment(why))\n"
            out += "id = \(toml(spec.id))\nname = \(toml(spec.name))\n"
            if spec.outcome == nil, let p = spec.probability { out += "probability = \(p)\n" }
            out += "outcome = \(toml(spec.outcome?.rawValue ?? "open"))\n"
            out += "labels = [\(spec.labels.map(toml).joined(separator: ", "))]\n"
        }
        return out
    }

    /// A TOML basic string: TOML's escapes are JSON's (`\"` `\\` `\n` `\uXXXX`), so the one
    /// quoting of the project serves, control and bidi characters escaped.
    static func toml(_ s: String) -> String { jsonQuoted(s) }

    /// Text safe inside a TOML comment: one line, no control characters.
    static func comment(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}
