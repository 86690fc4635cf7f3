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
        file builds history: new stages and close dates since the last import are appended (dated \
        after it, so earlier reviews stay as they were), deals gone from the export get gone_on \
        (never deleted), and nothing else in the file changes.
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
        let source = mapping ?? "the \(from.rawValue) preset"
        guard merging else {
            let bytes = EngagementWriter.write(result.engagement)
            let check = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: into) }
            Output.print(ImportReport.text(result, file: file, mapping: source, into: into, asOf: exportDate, errors: check.errors, applied: apply))
            guard check.errors.isEmpty else { throw ExitCode(1) }
            if apply {
                // A new file, created under its lock (refused if someone created it meanwhile).
                do { try EngagementFile.create(into, bytes: bytes) } catch { throw failure("cannot write \(into): \(error)") }
            }
            return
        }
        // History from successive exports: edits of the existing file, nothing else touched.
        let (report, errors) = try apply ? mergeUnderLock(result.engagement, exportDate) : mergeDryRun(result.engagement, exportDate)
        let changes = ImportReport.changes(report, into: into)
        let text = ImportReport.text(result, file: file, mapping: source, into: into, asOf: exportDate, errors: errors, applied: apply)
        Output.print(text.replacingOccurrences(of: "Dry run:", with: changes + "Dry run:")
                         .replacingOccurrences(of: "Wrote \(into).", with: changes + (report.isEmpty ? "Nothing to write: \(into) is unchanged." : "Updated \(into).")))
        guard errors.isEmpty else { throw ExitCode(1) }
    }

    /// The merge planned against the file as it is, and checked, without writing.
    func mergeDryRun(_ incoming: Engagement, _ exportDate: MetricsCoreDay) throws -> (MergeReport, [Problem]) {
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
            let plan = try ImportMerge.plan(existing: existing, document: document, incoming: incoming, asOf: exportDate)
            let bytes = try document.applying(plan.edits)
            let check = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: into) }
            return (plan.report, check.errors)
        } catch {
            throw UsageError("cannot update \(into): \(error)")
        }
    }

    /// The merge planned, checked and written under the file's lock, against the file as it is
    /// then (another user may have saved meanwhile): planned once, the file read once.
    func mergeUnderLock(_ incoming: Engagement, _ exportDate: MetricsCoreDay) throws -> (MergeReport, [Problem]) {
        var report = MergeReport()
        var refused: MergeError?
        do throws(EngagementFile.Failure) {
            try EngagementFile.update(into, waiting: { who in Output.warning("\(into) is being saved by \(who); waiting") }) { existing, document throws(EngagementFile.Failure) in
                do throws(MergeError) {
                    let plan = try ImportMerge.plan(existing: existing, document: document, incoming: incoming, asOf: exportDate)
                    report = plan.report
                    return plan.edits
                } catch {
                    refused = error
                    throw EngagementFile.Failure(error.message)
                }
            }
        } catch {
            if let refused { throw UsageError("cannot update \(into): \(refused)") }
            Output.error(error.message)
            throw ExitCode(1)
        }
        return (report, [])
    }
}

/// The import's summary as text.
enum ImportReport {
    static func text(_ r: ImportResult, file: String, mapping: String, into: String, asOf: MetricsCoreDay, errors: [Problem], applied: Bool) -> String {
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
    /// Ids listed per kind of change before "and N more".
    static let listed = 10

    /// What a re-import changes in an existing engagement file.
    static func changes(_ r: MergeReport, into: String) -> String {
        func list<T>(_ items: [T], _ show: (T) -> String) -> String {
            items.prefix(listed).map { sanitizedForDisplay(show($0)) }.joined(separator: ", ") + (items.count > listed ? ", and \(decimals(Double(items.count - listed), 0)) more" : "")
        }
        func line<T>(_ label: String, _ items: [T], _ show: (T) -> String) -> String {
            items.isEmpty ? "" : "  \(label): \(decimals(Double(items.count), 0)) (\(list(items, show)))\n"
        }
        func day(_ d: Day?) -> String { d.map { "\($0)" } ?? "none" }
        var out = "Changes to \(into) since its last import:\n"
        if r.isEmpty { return out + "  none\n" }
        if let d = r.dataAsOf { out += "  data_as_of: \(day(d.from)) → \(d.to)\n" }
        // The day after the last import: the earliest date given to what moved since.
        let after = r.dataAsOf.flatMap { $0.from.map { "\($0 + 1)" } } ?? "the day after the last import"
        out += line("new deals", r.newDeals) { $0 }
        if r.newDealsRedated > 0 { out += "    \(r.newDealsRedated) of them with CRM dates up to the last import: dated from \(after)\n" }
        out += line("stage moves", r.stageMoves) { "\($0.id) \($0.from) → \($0.to)" }
        if r.movesRedated > 0 { out += "    \(r.movesRedated) of them dated from \(after), not the CRM's earlier date\n" }
        out += line("close-date moves", r.closeDateMoves) { "\($0.id) \($0.from) → \($0.to)" }
        out += line("first close dates", r.firstCloseDates) { "\($0.id) \($0.to)" }
        out += line("amount changes", r.amountChanges) { "\($0.id) \(decimals($0.from, 0)) → \(decimals($0.to, 0))" }
        out += line("renamed", r.renames) { "\($0.id) \(jsonQuoted($0.from)) → \(jsonQuoted($0.to))" }
        out += line("owner changes", r.ownerChanges) { "\($0.id) \($0.from ?? "none") → \($0.to)" }
        out += line("account changes", r.accountChanges) { "\($0.id) \($0.from ?? "none") → \($0.to)" }
        out += line("probability changes", r.probabilityChanges) { "\($0.id) \($0.from.map { decimals($0 * 100, 0) + "%" } ?? "none") → \(decimals($0.to * 100, 0))%" }
        if r.newAccounts + r.newReps > 0 { out += "  new accounts: \(r.newAccounts); new reps: \(r.newReps)\n" }
        out += line("gone from the CRM (kept, with gone_on)", r.gone) { $0 }
        out += line("came back (gone_on removed)", r.cameBack) { $0 }
        if r.stillGone > 0 { out += "  still gone: \(decimals(Double(r.stillGone), 0))\n" }
        return out
    }
}
