import ArgumentParser
import Foundation
import MetricsCore

/// Options every edit command shares: the engagement file.
struct EditTarget: ParsableArguments {
    @Argument(help: ArgumentHelp("The engagement file to change.", valueName: "file"), completion: .file(extensions: ["json"]))
    var file: String

    @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Seconds to wait for a colleague's save of the same file.", valueName: "seconds"))
    var lockTimeout: Double = EngagementFile.defaultLockTimeout

    func validate() throws {
        guard lockTimeout.isFinite, lockTimeout >= 0, lockTimeout <= 3600 else {
            throw UsageError("--lock-timeout: \(lockTimeout) is not a number of seconds from 0 to 3600")
        }
    }

    func checkExists() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw UsageError("no such file: \(file)") }
    }

    /// Applies edits under the file's lock; a data problem (unknown deal) is one line and exit 1.
    func update(_ edits: (Engagement, JSONDocument) throws(EngagementFile.Failure) -> [JSONEdit]) throws {
        do {
            try EngagementFile.update(file, lockTimeout: lockTimeout, waiting: { who in
                Output.warning("\(file) is being saved by \(who); waiting up to \(decimals(lockTimeout, 0)) s")
            }, edits)
        } catch {
            Output.error(error.message)
            throw ExitCode(1)
        }
    }
}


func dealIndex(_ id: String, in e: Engagement, file: String) throws(EngagementFile.Failure) -> Int {
    guard let i = e.deals.firstIndex(where: { $0.id == id }) else { throw EngagementFile.Failure("no deal \"\(id)\" in \(file)") }
    return i
}


/// `redline autopsy add`: write down why a deal was lost or delayed, and the systemic change.
struct AutopsyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "autopsy", abstract: "Record and list KPI autopsies of lost or delayed deals.",
                                                    subcommands: [Add.self, List.self])

    /// `redline autopsy list`: the quarter's autopsy of each client, for the monthly deep dive.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the quarter's lost, slipped and stalled deals with the KPIs they hurt and the written autopsies.")
        enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }
        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("Only the engagement with this client id.", valueName: "id")) var client: String?
        @Option(help: "Output format (json: the monthly deep dive, with --month).") var format: Format = .text
        @Option(help: ArgumentHelp("The monthly deep dive of this month instead of the quarter: grouped by root cause and systemic change, with the deals still without an autopsy.", valueName: "YYYY-MM"),
                transform: { text in
                    guard let m = YearMonth(text) else { throw ValidationError("expected YYYY-MM, e.g. 2026-11") }
                    return m
                })
        var month: YearMonth?

        func validate() throws {
            if month == nil && format == .json {
                throw ValidationError("--format json is the monthly deep dive (with --month); the quarter's autopsy is in redline report --format json")
            }
        }

        func run() throws {
            DecodedDealsCache.shared.isEnabled = false   // each file is read once
            let asOf = data.reviewDate()
            var portfolio = try data.portfolio(anchor: asOf)
            if let client { portfolio = try portfolio.filtered(client: client) }
            KeptUntilExit.keep(portfolio)
            let glyphs: Glyphs = Environment.localeIsUTF8 ? .unicode : .ascii
            if let month {
                guard month.firstDay <= asOf else { throw UsageError("--month \(month) has not begun on \(asOf)") }
                let dives = portfolio.files.map { $0.engagement.map { MonthlyDeepDive(EngagementIndex($0), month: month, asOf: asOf) } }
                KeptUntilExit.keep(dives)
                switch format {
                case .text: Output.print(AutopsyListing.monthText(dives.compactMap { $0 }, glyphs: glyphs))
                case .markdown: Output.print(AutopsyListing.monthMarkdown(dives.compactMap { $0 }, month: month))
                case .json: Output.print(AutopsyListing.monthJSON(portfolio, dives: dives, month: month))
                }
            } else {
                let reviews = portfolio.reviews(asOf: asOf)
                KeptUntilExit.keep(reviews)
                Output.print(format == .markdown ? AutopsyListing.markdown(reviews, asOf: asOf) : AutopsyListing.text(reviews, asOf: asOf, glyphs: glyphs))
            }
            Output.rejectedFiles(portfolio)
            if portfolio.hasRejectedFile { throw ExitCode(1) }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an autopsy: the KPIs a deal hurt, the root cause and the systemic change.",
            discussion: """
            A deal has one autopsy, as in the cockpit: a deal that already has one is refused, and \
            --replace changes it in place (the options given replace its fields, the others keep theirs).
            """)
        @OptionGroup var target: EditTarget
        @Option(help: "The deal's id.") var deal: String
        @Option(name: .customLong("kpi"), help: ArgumentHelp("A KPI the deal hurt (repeat for several; `redline kpis` lists the ids). Default: the KPIs the autopsy finds the deal hurt (with --replace: the autopsy's).", valueName: "kpi-id"), transform: KPIID.argument) var kpis: [KPIID] = []
        @Option(name: .customLong("root-cause"), help: ArgumentHelp("Why it happened (with --replace: only to change it).", valueName: "root-cause")) var rootCause: String?
        @Option(name: .customLong("systemic-change"), help: ArgumentHelp("What changes so it does not happen again (with --replace: only to change it).", valueName: "systemic-change")) var systemicChange: String?
        @Option(help: "Who owns the change.") var owner: String?
        @Option(help: ArgumentHelp("When the change is due.", valueName: "YYYY-MM-DD"), transform: MetricsCoreDay.argument) var due: MetricsCoreDay?
        @Option(help: "open or done (default: open; with --replace: the autopsy's).") var status: String?
        @Option(name: .customLong("written-on"), help: ArgumentHelp("Default: today.", valueName: "YYYY-MM-DD"), transform: MetricsCoreDay.argument) var writtenOn: MetricsCoreDay?
        @Flag(help: "Change the deal's autopsy in place, as the cockpit's e does (adds one when it has none).") var replace = false

        func validate() throws {
            // Both are needed for a new autopsy; --replace may change one field only.
            guard !replace else { return }
            if rootCause == nil { throw ValidationError("Missing expected argument '--root-cause <root-cause>'") }
            if systemicChange == nil { throw ValidationError("Missing expected argument '--systemic-change <systemic-change>'") }
        }

        /// What the command did, for its last line.
        enum Outcome { case added, changed([String], writtenOn: MetricsCoreDay), unchanged(writtenOn: MetricsCoreDay) }

        func run() throws {
            try target.checkExists()
            if let status, !["open", "done"].contains(status) { throw UsageError("--status: expected open or done, found \"\(status)\"") }
            // Stored as the cockpit's form stores them: one line, no control characters, trimmed.
            let rootCause = self.rootCause.map(typedText), systemicChange = self.systemicChange.map(typedText), owner = self.owner.map(typedText)
            for (option, text) in [("--root-cause", rootCause), ("--systemic-change", systemicChange)] where text?.isEmpty == true {
                throw UsageError("\(option): an autopsy needs words here")
            }
            let written = writtenOn ?? Environment.today()
            let file = target.file, id = deal, given = kpis
            var used: [String] = []
            var outcome = Outcome.added
            try target.update { e, doc throws(EngagementFile.Failure) in
                let d = try dealIndex(id, in: e, file: file)
                if let at = ReviewEdit.latestAutopsy(of: id, in: e) {
                    // The cockpit's rule: a deal's autopsy is edited in place, never written twice.
                    let existing = e.autopsies[at]
                    guard replace else { throw EngagementFile.Failure(Self.refusal(existing, deal: id)) }
                    if let writtenOn, writtenOn != existing.writtenOn {
                        throw EngagementFile.Failure("--written-on \(writtenOn): --replace keeps the date \(id)'s autopsy was written, \(existing.writtenOn); leave --written-on out")
                    }
                    let base = AutopsyDraft(existing)
                    var mine = base
                    if !given.isEmpty { mine.kpis = given.map(\.rawValue) }
                    if let rootCause { mine.rootCause = rootCause }
                    if let systemicChange { mine.systemicChange = systemicChange }
                    if let owner { mine.owner = owner }
                    if let due { mine.due = due }
                    if let status { mine.status = status }
                    guard case .write(let edits) = try ReviewEdit.autopsy(deal: id, base: base, mine: mine, writtenOn: existing.writtenOn).plan(in: e, document: doc) else {
                        outcome = .unchanged(writtenOn: existing.writtenOn)
                        return []
                    }
                    outcome = .changed(Self.changedFields(base, mine), writtenOn: existing.writtenOn)
                    return edits
                }
                guard let rootCause, let systemicChange else {
                    throw EngagementFile.Failure("\(id) has no autopsy yet, so --replace adds one: it needs --root-cause and --systemic-change")
                }
                used = given.map(\.rawValue)
                if used.isEmpty {
                    // Without --kpi: the KPIs the core's autopsy proposes (rules, then what-if; dashboard first).
                    let review = EngagementReview(index: EngagementIndex(e), asOf: max(written, e.deals[d].created))
                    used = review.proposedKPIs(deal: d).map(\.rawValue)
                    guard !used.isEmpty else { throw EngagementFile.Failure("\(id) is not lost, slipped or stalled this quarter, so no KPI is proposed; name them with --kpi") }
                }
                let draft = AutopsyDraft(kpis: used, rootCause: rootCause, systemicChange: systemicChange, owner: owner ?? "", due: due, status: status ?? "open")
                guard case .write(let edits) = try ReviewEdit.addAutopsy(deal: id, draft, writtenOn: written).plan(in: e, document: doc) else { return [] }
                return edits
            }
            switch outcome {
            case .added:
                if kpis.isEmpty { Output.print("KPIs hurt (proposed by the autopsy): \(used.joined(separator: ", "))\n") }
                Output.print("Autopsy of \(deal) added to \(target.file).\n")
            case .changed(let fields, let on):
                Output.print("Autopsy of \(deal) (written \(on)) changed in \(target.file): \(fields.joined(separator: ", ")).\n")
            case .unchanged(let on):
                Output.print("Autopsy of \(deal) (written \(on)) already says that; \(target.file) is unchanged.\n")
            }
        }

        /// Why a second autopsy is refused: the one there, and how to change it.
        static func refusal(_ a: Autopsy, deal: String) -> String {
            var about = ["written \(a.writtenOn)"]
            if let owner = a.owner, !owner.isEmpty { about.append("owner \(sanitizedForDisplay(owner))") }
            if let due = a.due { about.append("due \(due)") }
            about.append(a.status ?? "open")
            return "\(deal) already has an autopsy (\(about.joined(separator: ", "))); nothing written. "
                + "To change it in place, as the cockpit's e does, add --replace: the options given replace its fields, the others keep theirs"
        }

        /// The fields `mine` changes, by the names the cockpit's form gives them.
        static func changedFields(_ base: AutopsyDraft, _ mine: AutopsyDraft) -> [String] {
            var out: [String] = []
            if base.kpis != mine.kpis { out.append("KPIs hurt") }
            if base.rootCause != mine.rootCause { out.append("root cause") }
            if base.systemicChange != mine.systemicChange { out.append("systemic change") }
            if base.owner != mine.owner { out.append("owner") }
            if base.due != mine.due { out.append("due") }
            if base.status != mine.status { out.append("status") }
            return out
        }
    }
}

/// `redline action`: the CRO's weekly actions (the seeds' three done, three planned).
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "action", abstract: "Plan this week's actions and mark last week's done or dropped.",
                                                    subcommands: [Add.self, Done.self, Drop.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Plan an action for a week (default: this week).")
        @OptionGroup var target: EditTarget
        @Option(help: "What will be done.") var text: String
        @Option(help: ArgumentHelp("The ISO week. Default: this week.", valueName: "YYYY-Www"), transform: ISOWeek.argument) var week: ISOWeek?
        @Option(help: ArgumentHelp("The KPI it should move (`redline kpis` lists the ids).", valueName: "kpi-id"), transform: KPIID.argument) var kpi: KPIID?
        @Option(help: "Who does it.") var owner: String?

        func run() throws {
            try target.checkExists()
            let w = week ?? Environment.today().isoWeek
            // Stored as the cockpit's form stores it: one line, no control characters, trimmed; an empty owner is none.
            let text = typedText(self.text), owner = typedText(self.owner ?? "")
            guard !text.isEmpty else { throw UsageError("--text: an action needs words") }
            var fields = ["\"week\": \"\(w)\"", "\"status\": \"planned\"", "\"text\": \(jsonQuoted(text))"]
            if let kpi { fields.append("\"kpi\": \"\(kpi.rawValue)\"") }
            if !owner.isEmpty { fields.append("\"owner\": \(jsonQuoted(owner))") }
            let json = "{" + fields.joined(separator: ", ") + "}"
            try target.update { _, doc in [doc.appending([], toList: "actions", json: json)] }
            Output.print("Planned for \(w): \(text)\n")
        }
    }

    /// Marks the Nth action of a week (as `action list` numbers them).
    static func mark(_ target: EditTarget, week: ISOWeek?, number: Int, status: String) throws {
        try target.checkExists()
        let w = week ?? (Environment.today() - 7).isoWeek
        let file = target.file
        try target.update { e, _ throws(EngagementFile.Failure) in
            let ofWeek = e.actions.indices.filter { e.actions[$0].week == w }
            guard number >= 1, number <= ofWeek.count else {
                throw EngagementFile.Failure("\(file) has \(ofWeek.count) action\(ofWeek.count == 1 ? "" : "s") in \(w); there is no number \(number)")
            }
            return [.replace(["actions", .index(ofWeek[number - 1]), "status"], json: "\"\(status)\"")]
        }
        Output.print("Action \(number) of \(w) marked \(status).\n")
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an action done (default week: last week).")
        @OptionGroup var target: EditTarget
        @Argument(help: "The action's number in its week, as `redline action list` shows it.") var number: Int
        @Option(help: ArgumentHelp("The ISO week. Default: last week.", valueName: "YYYY-Www"), transform: ISOWeek.argument) var week: ISOWeek?
        func run() throws { try ActionCommand.mark(target, week: week, number: number, status: "done") }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an action dropped (default week: last week).")
        @OptionGroup var target: EditTarget
        @Argument(help: "The action's number in its week.") var number: Int
        @Option(help: ArgumentHelp("The ISO week. Default: last week.", valueName: "YYYY-Www"), transform: ISOWeek.argument) var week: ISOWeek?
        func run() throws { try ActionCommand.mark(target, week: week, number: number, status: "dropped") }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a week's actions, numbered (default: this week and last week).")
        @OptionGroup var target: EditTarget
        @Option(help: ArgumentHelp("The ISO week.", valueName: "YYYY-Www"), transform: ISOWeek.argument) var week: ISOWeek?
        func run() throws {
            try target.checkExists()
            let loaded = EngagementLoader.load(path: target.file)
            guard let e = loaded.engagement else { throw failure("\(target.file) has errors (redline check \(target.file))") }
            let weeks = week.map { [$0] } ?? [(Environment.today() - 7).isoWeek, Environment.today().isoWeek]
            for w in weeks {
                let list = e.actions.filter { $0.week == w }
                Output.print("\(w):\(list.isEmpty ? " none" : "")\n" + list.enumerated().map { "  \($0.offset + 1). [\($0.element.status)] \(sanitizedForDisplay($0.element.text))\n" }.joined())
            }
        }
    }
}

/// `redline ack`: acknowledge a stall so it stops shouting until a date.
struct Ack: ParsableCommand {
    /// Why deal `d` takes no acknowledgement on `day`: won, lost or gone by then (the cockpit's words).
    static func whyClosed(_ e: Engagement, deal d: Int, on day: MetricsCoreDay) -> String? {
        guard let how = Snapshot(EngagementIndex(e), asOf: day).howClosed(d) else { return nil }
        return "the deal is closed (\(how)): it has no stall to acknowledge; redline autopsy add writes its autopsy"
    }

    static let configuration = CommandConfiguration(abstract: "Acknowledge a stalled deal until a date, with a note.")
    @OptionGroup var target: EditTarget
    @Option(help: "The deal's id.") var deal: String
    @Option(help: ArgumentHelp("Not flagged as stalled until this day: after the review date, at most 90 days from it.", valueName: "YYYY-MM-DD"), transform: MetricsCoreDay.argument) var until: MetricsCoreDay
    @Option(help: "Why the stall is known and fine for now.") var note: String
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The review date. Default: today.", valueName: "YYYY-MM-DD"), transform: MetricsCoreDay.argument) var asOf: MetricsCoreDay?

    func run() throws {
        try target.checkExists()
        let day = until
        // The cockpit's rule and words: a past day acknowledges nothing, a far one forgets the deal.
        if let why = StallAckRule.problem(day, reviewDate: asOf ?? Environment.today(), label: "--until") { throw UsageError(why) }
        let reviewDate = asOf ?? Environment.today()
        // Stored as the cockpit's form stores it: one line, no control characters, trimmed.
        let note = typedText(self.note)
        if note.isEmpty { throw UsageError("--note: say why the stall is known and fine for now") }
        let json = "{\"until\": \"\(day)\", \"note\": \(jsonQuoted(note))}"
        let file = target.file, id = deal
        var replaced: StallAck?
        try target.update { e, doc throws(EngagementFile.Failure) in
            let i = try dealIndex(id, in: e, file: file)
            // The cockpit's rule: a deal closed by the review date has no stall to acknowledge.
            if let why = Self.whyClosed(e, deal: i, on: reviewDate) { throw EngagementFile.Failure("\(id): \(why)") }
            replaced = e.deals[i].stallAck.flatMap { $0.until > reviewDate ? $0 : nil }
            return [doc.setting(["deals", .index(i)], key: "stall_ack", json: json)]
        }
        if let replaced {
            let said = replaced.note.map { " (\"\(sanitizedForDisplay($0))\")" } ?? ""
            Output.print("Stall of \(deal) acknowledged until \(day), instead of until \(replaced.until)\(said).\n")
        } else {
            Output.print("Stall of \(deal) acknowledged until \(day).\n")
        }
    }
}
