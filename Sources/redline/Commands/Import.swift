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

    @Option(help: ArgumentHelp("The client's industry: professional_services, hr_tech, martech, ai_startup, saas or other (any case; anything else is refused). Default: the mapping's, else saas.", valueName: "industry"))
    var industry: String?

    @Option(help: ArgumentHelp("The engagement's currency, an ISO 4217 code (any case). Default: the mapping's, else the export's own, else USD.", valueName: "code"))
    var currency: String?

    @Option(help: ArgumentHelp("The engagement file to write.", valueName: "engagement.json"), completion: .file(extensions: ["json"]))
    var into: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The export's date. Default: the file's modification date (--apply refuses it when the data ends over 30 days before).", valueName: "YYYY-MM-DD"), transform: MetricsCoreDay.argument)
    var asOf: MetricsCoreDay?

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
        // The client's settings as the file takes them: refused here rather than written and
        // warned about by every later load.
        var currencyCode: String?, industryID: String?
        if let currency {
            switch ClientSetting.currency(currency) {
            case .success(let code): currencyCode = code
            case .failure(let e): throw UsageError("--currency: \(e.message)")
            }
        }
        if let industry {
            switch ClientSetting.industry(industry) {
            case .success(let id): industryID = id
            case .failure(let e): throw UsageError("--industry: \(e.message)")
            }
        }
        var format: DateFormat?
        if let dateFormat {
            do { format = try DateFormat(pattern: dateFormat) } catch { throw UsageError("--date-format: \(error.message)") }
        }
        let exportDate: MetricsCoreDay
        if let asOf {
            exportDate = asOf
        } else {
            let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? Date()
            let c = Calendar.current.dateComponents([.year, .month, .day], from: modified)
            exportDate = MetricsCoreDay(year: c.year!, month: c.month!, day: c.day!)!
        }
        // An export from the future (a typo, a clock ahead) would become the file's data_as_of,
        // and every right import after it would be refused as older. A day of slack: time zones.
        let today = Environment.today()
        if exportDate - today > 1 {
            let source = asOf != nil ? "--as-of \(exportDate)" : "the export date \(exportDate) (\(file)'s modification date: a clock ahead?)"
            throw UsageError("\(source) is after today, \(today): an export cannot be dated later; give the day it was exported with --as-of YYYY-MM-DD")
        }
        let result: ImportResult
        let map: ImportMapping
        do {
            map = try resolvedMapping(currency: currencyCode, industry: industryID)
            if let writeMapping {
                try writeMappingFile(writeMapping, map: map, format: format, date: exportDate)
                return
            }
            ProgressLine.begin("importing")
            result = try CSVImport.run(csvPath: file, mapping: map, asOf: exportDate, dateFormat: format, strict: strict, allWarnings: allWarnings)
        } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
        ProgressLine.set("checking the result")
        let into = into!
        if asOf == nil && apply, let why = Self.staleModificationDate(latest: result.summary.latestDate, exportDate: exportDate, file: file) {
            throw failure(why)
        }
        let source = mapping ?? "the \(from.rawValue) preset"
        guard FileManager.default.fileExists(atPath: into) else {
            var (errors, bytes) = Self.newFileCheck(result.engagement, into: into)
            var writeFailure: String?
            if apply && errors.isEmpty {
                if bytes == nil { bytes = EngagementWriter.write(result.engagement) }
                // A new file, created under its lock (refused if someone created it meanwhile).
                do { try EngagementFile.create(into, bytes: bytes!) } catch { writeFailure = "cannot write \(into): \(error)" }
            } else if !apply, let why = EngagementFile.whyNoNewFile(at: into) {
                // The dry run ends as --apply would (a folder that does not exist), not inviting it.
                writeFailure = "cannot write \(into): \(why)"
            }
            let text = ImportReport.text(result, file: file, mapping: source, into: into, asOf: exportDate, asOfGiven: asOf != nil,
                                         errors: errors, applied: apply, allWarnings: allWarnings, unwritable: writeFailure != nil)
            // "Wrote" only once it is written; a failed write ends with its reason instead.
            Output.print(writeFailure == nil ? text : text.replacingOccurrences(of: "Wrote \(into).\n", with: ""))
            if let writeFailure { throw failure(writeFailure) }
            guard errors.isEmpty else { throw ExitCode(1) }
            return
        }
        // History from successive exports: edits of the existing file, nothing else touched.
        let (report, stages, errors) = try apply ? mergeUnderLock(into, result.engagement, exportDate) : mergeDryRun(into, result.engagement, exportDate)
        let changes = ImportReport.changes(report, into: into) + stages
        let text = ImportReport.text(result, file: file, mapping: source, into: into, asOf: exportDate, asOfGiven: asOf != nil,
                                     errors: errors, applied: apply, allWarnings: allWarnings)
        Output.print(text.replacingOccurrences(of: "Dry run:", with: changes + "Dry run:")
                         .replacingOccurrences(of: "Wrote \(into).", with: changes + (report.isEmpty && stages.isEmpty ? "Nothing to write: \(into) is unchanged." : "Updated \(into).")))
        guard errors.isEmpty else { throw ExitCode(1) }
    }

    /// Days between the data's latest date and a default export date (the file's modification
    /// date) beyond which the default is refused: a copied or old export would move `data_as_of`
    /// years ahead, and every correct import after it would be refused ("oldest first").
    static let staleDays = 30

    /// Why the modification date cannot be the export's date, when the data ends long before it.
    static func staleModificationDate(latest: MetricsCoreDay?, exportDate: MetricsCoreDay, file: String) -> String? {
        guard let latest, exportDate - latest > staleDays else { return nil }
        return "\(file): its latest date is \(latest), \(decimals(Double(exportDate - latest), 0)) days before its modification date \(exportDate), "
            + "the export date when --as-of is not given (a copy of an older export?); nothing written. "
            + "Give the day it was exported: --as-of \(latest) if it was exported when its data ends"
    }

    /// The errors a new engagement file would load with, and its bytes when they were written
    /// to find them. A clean engagement is checked on the model (`ModelCheck`), not written and
    /// read back; one with errors is loaded from its bytes, for the lines and columns the report
    /// shows, as is one the check does not model.
    static func newFileCheck(_ engagement: Engagement, into: String) -> (errors: [Problem], bytes: [UInt8]?) {
        if let found = ModelCheck.errors(of: engagement, file: into), found.isEmpty {
            #if DEBUG
            // The safety net of debug builds and tests: the loader agrees, or the import stops here.
            let bytes = EngagementWriter.write(engagement)
            let loaded = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: into) }
            assert(loaded.errors.isEmpty, "ModelCheck missed loader errors: \(loaded.errors.prefix(3))")
            return (loaded.errors, bytes)
            #else
            return ([], nil)
            #endif
        }
        let bytes = EngagementWriter.write(engagement)
        let loaded = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: into) }
        return (loaded.errors, bytes)
    }

    /// The merge planned against the file as it is, and checked, without writing.
    func mergeDryRun(_ into: String, _ incoming: Engagement, _ exportDate: MetricsCoreDay) throws -> (MergeReport, String, [Problem]) {
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
            let plan = try Self.mergeEdits(existing: existing, document: document, incoming: incoming, asOf: exportDate, asOfGiven: asOf != nil)
            let bytes = try document.applying(plan.edits)
            let check = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: into) }
            return (plan.report, plan.stages, check.errors)
        } catch {
            throw UsageError("cannot update \(into): \(error)")
        }
    }

    /// The merge planned, checked and written under the file's lock, against the file as it is
    /// then (another user may have saved meanwhile): planned once, the file read once.
    func mergeUnderLock(_ into: String, _ incoming: Engagement, _ exportDate: MetricsCoreDay) throws -> (MergeReport, String, [Problem]) {
        var report = MergeReport()
        var stages = ""
        var refused: MergeError?
        do throws(EngagementFile.Failure) {
            try EngagementFile.update(into, waiting: { who in Output.warning("\(into) is being saved by \(who); waiting") }) { existing, document throws(EngagementFile.Failure) in
                do throws(MergeError) {
                    let plan = try Self.mergeEdits(existing: existing, document: document, incoming: incoming, asOf: exportDate, asOfGiven: asOf != nil)
                    report = plan.report
                    stages = plan.stages
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
        return (report, stages, [])
    }

    /// The preset resolved against the file's header, the mapping over it, the options over both
    /// (`currency` and `industry` as checked, in place of the options' text).
    func resolvedMapping(currency: String?, industry: String?) throws(ImportError) -> ImportMapping {
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
        var map = base
        if let mapping {
            map = try ImportMapping.load(path: mapping, over: base)
            if let clientID { map.clientID = clientID }
            if let clientName { map.clientName = clientName }
            if let industry { map.industry = industry }
            if let currency { map.currency = currency }
        }
        // The config's rates, for currencies the mapping has no rate for.
        let config = UserConfig.shared.rates
        if !config.value.isEmpty {
            map.configRates = config.value
            map.configRatesSource = config.source.description
        }
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
    static func mergeEdits(existing: Engagement, document: JSONDocument, incoming: Engagement, asOf: MetricsCoreDay,
                           asOfGiven: Bool = true) throws(MergeError) -> (edits: [JSONEdit], report: MergeReport, stages: String) {
        let stages = ImportStages.reconcile(existing: existing.stages, incoming: incoming)
        let plan = try ImportMerge.plan(existing: existing, document: document, incoming: stages.incoming, asOf: asOf, asOfGiven: asOfGiven)
        let added = stages.added.map { JSONEdit.append([.key("stages")], json: ImportStages.json(of: $0)) }
        let line = stages.added.isEmpty ? "" : "  new stages, appended to the file's: \(stages.added.map { "\($0.id) (\($0.outcome?.rawValue ?? "open"))" }.joined(separator: ", "))\n"
        return (added + plan.edits, plan.report, line)
    }
}

/// The import's summary as text.
enum ImportReport {
    /// `unwritable`: `into` cannot be created (the error follows on standard error), so a dry
    /// run does not end by inviting --apply; nor does one whose engagement has `errors`, which
    /// --apply refuses (a new file is not written; a merge is refused as "would make … invalid").
    static func text(_ r: ImportResult, file: String, mapping: String, into: String, asOf: MetricsCoreDay, asOfGiven: Bool = true,
                     errors: [Problem], applied: Bool, allWarnings: Bool = false, unwritable: Bool = false) -> String {
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
        if !errors.isEmpty {
            out += "The engagement would not load:\n" + errors.prefix(5).map { "  \($0)\n" }.joined()
        }
        if let latest = s.latestDate, asOf - latest > Import.staleDays {
            let days = decimals(Double(asOf - latest), 0)
            if asOfGiven {
                out += "Note: the export's latest date is \(latest), \(days) days before the export date \(asOf); review it as of then: redline report \(into) --as-of \(latest)\n"
            } else {
                out += "Note: the export's latest date is \(latest), \(days) days before the export date \(asOf), the file's modification date; "
                    + "--apply refuses that date: give the day it was exported (--as-of \(latest) if it was exported when its data ends)\n"
            }
        }
        // The date --apply would refuse: the next step is the date, not --apply alone.
        let refusedDate = !asOfGiven && s.latestDate.map { asOf - $0 > Import.staleDays } == true
        if applied && errors.isEmpty {
            out += "Wrote \(into).\n"
        } else if applied {
            // --apply refuses a file that would not load (exit 1): never "Dry run", never an invitation.
            out += "Nothing written: the engagement would not load.\n"
        } else if !errors.isEmpty && !unwritable {
            // The dry run ends as --apply would: it refuses such a file, so it is not invited.
            out += "Dry run: nothing written, and --apply would refuse too: the engagement would not load.\n"
        } else if unwritable {
            out += "Dry run: nothing written.\n"
        } else if refusedDate {
            out += "Dry run: nothing written. Add --apply and the export's date (--as-of YYYY-MM-DD) to write \(into).\n"
        } else {
            out += "Dry run: nothing written. Add --apply to write \(into).\n"
        }
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
        if let kept = r.keptDataAsOf {
            out += "  none (data_as_of stays \(kept): nothing moved, and without --as-of the export's date is only its file's modification date)\n"
            if r.probabilityChanges.isEmpty { return out }
        } else if r.isEmpty && r.probabilityChanges.isEmpty { return out + "  none\n" }
        if let d = r.dataAsOf { out += "  data_as_of: \(day(d.from)) → \(d.to)\n" }
        if let same = r.sameDayAsLastImport {
            out += "  the last import was of \(same) too: these changes are dated \(same), so the figures of \(same) change (the later export of a day corrects the earlier)\n"
        }
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
        out += line("probability changes, not applied (the file keeps its value: past forecasts must not change)", r.probabilityChanges) { "\($0.id) \($0.from.map { decimals($0 * 100, 0) + "%" } ?? "none") → \(decimals($0.to * 100, 0))%" }
        if r.newAccounts + r.newReps > 0 { out += "  new accounts: \(r.newAccounts); new reps: \(r.newReps)\n" }
        out += line("gone from the CRM (kept, with gone_on)", r.gone) { $0 }
        out += line("came back (gone_on removed)", r.cameBack) { $0 }
        if r.stillGone > 0 { out += "  still gone: \(decimals(Double(r.stillGone), 0))\n" }
        return out
    }
}
