import ArgumentParser
import Foundation
import Importer
import MetricsCore

/// `redline import`: a CRM export (CSV) into an engagement file.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a CRM export (CSV) into an engagement file, with a mapping; a dry run unless --apply.",
        discussion: """
        The mapping (TOML) says which column is the deal id, stage, amount, dates...; see \
        Examples/maven-crm/mapping.toml. Rows with a bad date or amount are reported with their row \
        number and column and skipped (--strict stops instead). Importing into an existing engagement \
        file builds history: new stages and close dates since the last import are appended, deals \
        gone from the export are reported (never deleted), and nothing else in the file changes.
        """
    )

    enum Source: String, ExpressibleByArgument, CaseIterable { case hubspot, salesforce, csv }

    @Option(help: "The export's kind: hubspot (deals export) and salesforce (opportunity report) need no mapping; csv needs --mapping.")
    var from: Source = .csv

    @Argument(help: ArgumentHelp("The export, a CSV file.", valueName: "file"), completion: .file(extensions: ["csv"]))
    var file: String

    @Option(help: ArgumentHelp("The column mapping, a TOML file (required with --from csv; overrides a preset).", valueName: "map.toml"), completion: .file(extensions: ["toml"]))
    var mapping: String?

    @Option(name: .customLong("client-id"), help: ArgumentHelp("With a preset: the client's id. Default: from the --into file name.", valueName: "id"))
    var clientID: String?

    @Option(name: .customLong("client-name"), help: ArgumentHelp("With a preset: the client's name. Default: the id.", valueName: "name"))
    var clientName: String?

    @Option(help: ArgumentHelp("With a preset: the client's industry (professional_services, hr_tech, martech, ai_startup, saas, other).", valueName: "industry"))
    var industry: String = "saas"

    @Option(help: ArgumentHelp("With a preset: the currency of amounts.", valueName: "code"))
    var currency: String = "USD"

    @Option(help: ArgumentHelp("The engagement file to write.", valueName: "engagement.json"), completion: .file(extensions: ["json"]))
    var into: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The export's date, YYYY-MM-DD. Default: the file's modification date.", valueName: "date"))
    var asOf: String?

    @Option(name: .customLong("date-format"), help: ArgumentHelp("How the export writes dates: yyyy-MM-dd, MM/dd/yyyy, dd/MM/yyyy or dd.MM.yyyy. Default: detected; ambiguous dates are refused.", valueName: "format"))
    var dateFormat: String?

    @Flag(help: "Write the engagement file (without it, only print what would be written).")
    var apply = false

    @Flag(help: "Stop at the first bad row instead of skipping it.")
    var strict = false

    func run() throws {
        for path in [file] + (mapping.map { [$0] } ?? []) where !FileManager.default.fileExists(atPath: path) {
            throw UsageError("no such file: \(path)")
        }
        if from == .csv && mapping == nil { throw UsageError("--from csv needs --mapping MAP.toml (or use --from hubspot or salesforce)") }
        var format: DateFormat?
        if let dateFormat {
            guard let f = DateFormat(rawValue: dateFormat) else {
                throw UsageError("--date-format: \"\(dateFormat)\" is not one of \(DateFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            format = f
        }
        let exportDate: MetricsCoreDay
        if let asOf {
            guard let d = MetricsCoreDay(asOf) else { throw UsageError("--as-of: \"\(asOf)\" is not a date; expected YYYY-MM-DD") }
            exportDate = d
        } else {
            let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? Date()
            let c = Calendar.current.dateComponents([.year, .month, .day], from: modified)
            exportDate = MetricsCoreDay(year: c.year!, month: c.month!, day: c.day!)!
        }
        let merging = FileManager.default.fileExists(atPath: into)
        let result: ImportResult
        do {
            let map: ImportMapping
            if let mapping {
                map = try ImportMapping.load(path: mapping)
            } else {
                let preset = ImportPreset(rawValue: from.rawValue)!
                let id = clientID ?? URL(fileURLWithPath: into).deletingPathExtension().lastPathComponent
                map = preset.mapping(header: try CSVImport.header(of: file), clientID: id, clientName: clientName ?? id,
                                     industry: industry, currency: currency)
            }
            result = try CSVImport.run(csvPath: file, mapping: map, asOf: exportDate, dateFormat: format, strict: strict)
        } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
        var bytes = EngagementWriter.write(result.engagement)
        var mergeReport: MergeReport?
        if merging {
            // History from successive exports: edits of the existing file, nothing else touched.
            guard let data = FileManager.default.contents(atPath: into) else { throw UsageError("cannot read \(into)") }
            let current = Array(data)
            let loaded = current.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: into) }
            guard let existing = loaded.engagement else {
                Output.error("\(into) has errors; fix them first (redline check \(into)):")
                for p in loaded.errors.prefix(5) { Output.warning("  \(p)") }
                throw ExitCode(1)
            }
            do {
                let document = try JSONDocument(bytes: current)
                let plan = ImportMerge.plan(existing: existing, document: document, incoming: result.engagement, asOf: exportDate)
                bytes = try document.applying(plan.edits)
                mergeReport = plan.report
            } catch {
                throw UsageError("cannot update \(into): \(error)")
            }
        }
        let check = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: into) }
        var text = ImportReport.text(result, file: file, mapping: mapping ?? "the \(from.rawValue) preset", into: into, asOf: exportDate, check: check, applied: apply)
        if let mergeReport { text = text.replacingOccurrences(of: "Dry run:", with: ImportReport.changes(mergeReport, into: into) + "Dry run:")
                                        .replacingOccurrences(of: "Wrote \(into).", with: ImportReport.changes(mergeReport, into: into) + "Updated \(into).") }
        Output.print(text)
        guard check.errors.isEmpty else { throw ExitCode(1) }
        if apply {
            do {
                if merging {
                    // Under the file's lock, against the file as it is now (another user may have saved meanwhile).
                    let incoming = result.engagement
                    try EngagementFile.update(into, waiting: { who in Output.warning("\(into) is being saved by \(who); waiting") }) { existing, document in
                        ImportMerge.plan(existing: existing, document: document, incoming: incoming, asOf: exportDate).edits
                    }
                } else {
                    try EngagementFile.create(into, bytes: bytes)
                }
            } catch {
                // A write failure is not a usage error: exit 1, as for every other failed save.
                Output.error("cannot write \(into): \(error)")
                throw ExitCode(1)
            }
        }
    }
}

/// The import's summary as text.
enum ImportReport {
    static func text(_ r: ImportResult, file: String, mapping: String, into: String, asOf: MetricsCoreDay, check: LoadedFile, applied: Bool) -> String {
        let s = r.summary
        func n(_ v: Int) -> String { decimals(Double(v), 0) }
        var out = "Import of \(file) with \(mapping), export date \(asOf), dates \(r.dateFormat.rawValue)\n"
        out += "  rows read: \(n(s.rows)); deals made: \(n(s.deals)) (won \(n(s.won)), lost \(n(s.lost)), open \(n(s.open))); rows skipped: \(n(s.skipped))\n"
        out += "  accounts: \(n(s.accounts)); reps: \(n(s.reps))\n"
        if !s.groups.isEmpty {
            out += "Warnings, by kind:\n"
            for g in s.groups {
                out += "  \(g.kind): \(n(g.count)) (row\(g.rows.count == 1 ? "" : "s") \(g.rows.map(String.init).joined(separator: ", "))\(g.count > g.rows.count ? ", …" : ""))\n"
            }
        }
        let errors = check.errors
        if !errors.isEmpty {
            out += "The engagement would not load:\n" + errors.prefix(5).map { "  \($0)\n" }.joined()
        }
        if let latest = s.latestDate, asOf - latest > 30 {
            out += "Note: the export's latest date is \(latest), \(asOf - latest) days before the export date \(asOf); review it as of then: redline report \(into) --as-of \(latest)\n"
        }
        out += applied && errors.isEmpty ? "Wrote \(into).\n" : "Dry run: nothing written. Add --apply to write \(into).\n"
        return out
    }
}

extension ImportReport {
    /// What a re-import changes in an existing engagement file.
    static func changes(_ r: MergeReport, into: String) -> String {
        func list<T>(_ items: [T], _ show: (T) -> String) -> String {
            items.prefix(5).map(show).joined(separator: ", ") + (items.count > 5 ? ", …" : "")
        }
        var out = "Changes to \(into) since its last import:\n"
        if r.isEmpty && r.gone.isEmpty { return out + "  none\n" }
        if !r.newDeals.isEmpty { out += "  new deals: \(r.newDeals.count) (\(list(r.newDeals) { $0 }))\n" }
        if !r.stageMoves.isEmpty { out += "  stage moves: \(r.stageMoves.count) (\(list(r.stageMoves) { "\($0.id) \($0.from) → \($0.to)" }))\n" }
        if !r.closeDateMoves.isEmpty { out += "  close-date moves: \(r.closeDateMoves.count) (\(list(r.closeDateMoves) { "\($0.id) \($0.from) → \($0.to)" }))\n" }
        if !r.amountChanges.isEmpty { out += "  amount changes: \(r.amountChanges.count) (\(list(r.amountChanges) { "\($0.id) \(decimals($0.from, 0)) → \(decimals($0.to, 0))" }))\n" }
        if r.newAccounts + r.newReps > 0 { out += "  new accounts: \(r.newAccounts); new reps: \(r.newReps)\n" }
        if !r.gone.isEmpty { out += "  gone from the export (kept in the file): \(r.gone.count) (\(list(r.gone) { $0 }))\n" }
        return out
    }
}
