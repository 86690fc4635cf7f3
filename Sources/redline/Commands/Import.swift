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

    @Option(help: "The export's kind: hubspot (deals export) and salesforce (opportunity report or object export) need no mapping; csv needs --mapping.")
    var from: Source = .csv

    @Argument(help: ArgumentHelp("The export, a CSV file.", valueName: "file"), completion: .file(extensions: ["csv"]))
    var file: String

    @Option(help: ArgumentHelp("The column mapping, a TOML file: complete with --from csv; with a preset, only what differs.", valueName: "map.toml"), completion: .file(extensions: ["toml"]))
    var mapping: String?

    @Option(name: .customLong("write-mapping"), help: ArgumentHelp("Write a complete, commented mapping for this export to this file (a dry run): every column and stage label with its guess, to edit and pass back with --mapping.", valueName: "map.toml"), completion: .file(extensions: ["toml"]))
    var writeMapping: String?

    @Option(name: .customLong("client-id"), help: ArgumentHelp("The client's id. Default: the mapping's, else the --into file name.", valueName: "id"))
    var clientID: String?

    @Option(name: .customLong("client-name"), help: ArgumentHelp("The client's name. Default: the mapping's, else the id.", valueName: "name"))
    var clientName: String?

    @Option(help: ArgumentHelp("The client's industry (professional_services, hr_tech, martech, ai_startup, saas, other). Default: the mapping's, else saas.", valueName: "industry"))
    var industry: String?

    @Option(help: ArgumentHelp("The engagement's currency. Default: the mapping's, else the export's own, else USD.", valueName: "code"))
    var currency: String?

    @Option(help: ArgumentHelp("The engagement file to write.", valueName: "engagement.json"), completion: .file(extensions: ["json"]))
    var into: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The export's date, YYYY-MM-DD. Default: the file's modification date.", valueName: "date"))
    var asOf: String?

    @Option(name: .customLong("date-format"), help: ArgumentHelp("How the export writes dates: d-M-yyyy, dd/MM/yyyy, M/d/yyyy, dd.MM.yyyy, yyyy-MM-dd… Default: decided from all the file's dates; ambiguous ones are refused.", valueName: "pattern"))
    var dateFormat: String?

    @Flag(help: "Write the engagement file (without it, only print what would be written).")
    var apply = false

    @Flag(help: "Stop at the first bad row instead of skipping it.")
    var strict = false

    @Flag(name: .customLong("all-warnings"), help: "List every row of every warning, not only the first few of each kind.")
    var allWarnings = false

    func validate() throws {
        if into == nil && writeMapping == nil { throw ValidationError("Missing expected argument '--into <engagement.json>'") }
    }

    func run() throws {
        for path in [file] + (mapping.map { [$0] } ?? []) where !FileManager.default.fileExists(atPath: path) {
            throw UsageError("no such file: \(path)")
        }
        if from == .csv && mapping == nil && writeMapping == nil {
            throw UsageError("--from csv needs --mapping MAP.toml (or use --from hubspot or salesforce; --write-mapping MAP.toml writes a first one)")
        }
        if let writeMapping, FileManager.default.fileExists(atPath: writeMapping) {
            throw UsageError("--write-mapping: \(writeMapping) exists; give a new file name (it is never overwritten)")
        }
        var format: DateFormat?
        if let dateFormat {
            do { format = try DateFormat(pattern: dateFormat) } catch { throw UsageError("--date-format: \(error.message)") }
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
        let result: ImportResult
        let map: ImportMapping
        do {
            map = try resolvedMapping()
            if let writeMapping {
                try writeMappingFile(writeMapping, map: map, format: format, date: exportDate)
                return
            }
            result = try CSVImport.run(csvPath: file, mapping: map, asOf: exportDate, dateFormat: format, strict: strict, allWarnings: allWarnings)
        } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
        let into = into!
        let merging = FileManager.default.fileExists(atPath: into)
        var bytes = EngagementWriter.write(result.engagement)
        var changes = ""
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
                let edits = Self.mergeEdits(existing: existing, document: document, incoming: result.engagement, asOf: exportDate)
                bytes = try document.applying(edits.edits)
                changes = ImportReport.changes(edits.report, into: into) + edits.stages
            } catch {
                throw UsageError("cannot update \(into): \(error)")
            }
        }
        let check = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: into) }
        var text = ImportReport.text(result, file: file, mapping: mapping ?? "the \(from.rawValue) preset", into: into, asOf: exportDate,
                                     check: check, applied: apply, allWarnings: allWarnings)
        if merging { text = text.replacingOccurrences(of: "Dry run:", with: changes + "Dry run:")
                                .replacingOccurrences(of: "Wrote \(into).", with: changes + "Updated \(into).") }
        Output.print(text)
        guard check.errors.isEmpty else { throw ExitCode(1) }
        if apply {
            do {
                if merging {
                    // Under the file's lock, against the file as it is now (another user may have saved meanwhile).
                    let incoming = result.engagement
                    try EngagementFile.update(into) { existing, document in
                        Self.mergeEdits(existing: existing, document: document, incoming: incoming, asOf: exportDate).edits
                    }
                } else {
                    try AtomicFile.write(bytes, to: into)
                }
            } catch {
                throw UsageError("cannot write \(into): \(error)")
            }
        }
    }

    /// The preset resolved against the file's header, the mapping over it, the options over both.
    func resolvedMapping() throws(ImportError) -> ImportMapping {
        let target = into ?? file
        let id = clientID ?? slug(URL(fileURLWithPath: target).deletingPathExtension().lastPathComponent)
        var base: ImportMapping
        // `--from csv --write-mapping` guesses too, over a partial mapping as well.
        if from != .csv || mapping == nil || writeMapping != nil {
            let preset = ImportPreset(rawValue: from.rawValue)!
            base = preset.mapping(header: try CSVImport.header(of: file), clientID: id, clientName: clientName ?? id,
                                  industry: industry ?? "saas", currency: currency)
        } else {
            base = ImportMapping(clientID: id, clientName: clientName ?? id, industry: industry ?? "saas", currency: currency)
        }
        guard let mapping else { return base }
        var map = try ImportMapping.load(path: mapping, over: base)
        if let clientID { map.clientID = clientID }
        if let clientName { map.clientName = clientName }
        if let industry { map.industry = industry }
        if let currency { map.currency = currency }
        return map
    }

    /// `--write-mapping`: the mapping file, then the dry run it gives (or why it stops).
    func writeMappingFile(_ path: String, map: ImportMapping, format: DateFormat?, date: MetricsCoreDay) throws(ImportError) {
        let command = "redline import --from \(from == .csv ? "csv" : from.rawValue) \(file) --mapping \(path) --into \(into ?? "ENGAGEMENT.json")"
        let text = try MappingWriter.text(csvPath: file, mapping: map, dateFormat: format, command: command)
        do { try AtomicFile.write(Array(text.utf8), to: path) } catch { throw ImportError("cannot write \(path): \(error)") }
        var out = "Wrote the mapping \(path): check each guess in it, edit what is wrong, then:\n  \(command)\n"
        do {
            let r = try CSVImport.run(csvPath: file, mapping: map, asOf: date, dateFormat: format, strict: false, allWarnings: allWarnings)
            func n(_ v: Int) -> String { decimals(Double(v), 0) }
            let s = r.summary
            out += "With it as it is: \(n(s.deals)) deals (won \(n(s.won)), lost \(n(s.lost)), open \(n(s.open))), \(n(s.skipped)) rows skipped.\n"
        } catch {
            out += "With it as it is, the import stops: \(error.message)\n"
        }
        Output.print(out)
    }

    /// A re-import's edits: the stages the export adds appended to the file's, then the deals'.
    static func mergeEdits(existing: Engagement, document: JSONDocument, incoming: Engagement, asOf: MetricsCoreDay) -> (edits: [JSONEdit], report: MergeReport, stages: String) {
        let stages = ImportStages.reconcile(existing: existing.stages, incoming: incoming)
        let plan = ImportMerge.plan(existing: existing, document: document, incoming: stages.incoming, asOf: asOf)
        let added = stages.added.map { JSONEdit.append([.key("stages")], json: ImportStages.json(of: $0)) }
        let line = stages.added.isEmpty ? "" : "  new stages, appended to the file's: \(stages.added.map { "\($0.id) (\($0.outcome?.rawValue ?? "open"))" }.joined(separator: ", "))\n"
        return (added + plan.edits, plan.report, line)
    }
}

/// The import's summary as text.
enum ImportReport {
    static func text(_ r: ImportResult, file: String, mapping: String, into: String, asOf: MetricsCoreDay, check: LoadedFile, applied: Bool, allWarnings: Bool = false) -> String {
        let s = r.summary
        func n(_ v: Int) -> String { decimals(Double(v), 0) }
        var out = "Import of \(file) with \(mapping), export date \(asOf), dates \(r.dateFormat)\n"
        out += "  rows read: \(n(s.rows)); deals made: \(n(s.deals)) (won \(n(s.won)), lost \(n(s.lost)), open \(n(s.open))); rows skipped: \(n(s.skipped))\n"
        out += "  accounts: \(n(s.accounts)); reps: \(n(s.reps))\n"
        out += "  amounts: \(r.currencyLine)\n"
        if !r.stageLines.isEmpty {
            out += "Stages, label by label (not all the CRM's defaults; open stages ordered \(r.stageOrder ?? "as given")):\n"
            let openIDs = r.engagement.stages.filter { $0.outcome == nil }.map(\.id)
            for line in r.stageLines {
                let place = openIDs.firstIndex(of: line.stageID).map { "open, \($0 + 1) of \(openIDs.count)" } ?? (line.outcome?.rawValue ?? "open")
                out += "  \(shown(line.label)): \(n(line.count)) → \(place), stage \(line.stageID) (\(line.basis))\n"
            }
            for note in r.stageNotes { out += "  \(note)\n" }
            out += "  (--write-mapping FILE writes them out to edit and pass back with --mapping)\n"
        }
        if !r.types.isEmpty {
            out += "Deal types: " + r.types.map { "\(shown($0.value)) \(n($0.count)) → \($0.kind?.rawValue ?? "unmapped, left out")" }.joined(separator: ", ") + "\n"
        }
        if !s.groups.isEmpty {
            out += "Warnings, by kind:\n"
            out += s.warningLines(all: allWarnings).map { "  \($0)\n" }.joined()
            if !allWarnings && s.groups.contains(where: { $0.count > 5 && $0.samples.contains { $0.row > 0 } }) { out += "  (--all-warnings lists every row)\n" }
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
