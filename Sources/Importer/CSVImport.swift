import Foundation
import MetricsCore

/// The engagement an export makes, and what happened on the way.
public struct ImportResult: Sendable {
    public let engagement: Engagement
    public let summary: ImportSummary
    public let dateFormat: DateFormat
    /// How each label became a stage, when any was inferred (empty when all are as given).
    public let stageLines: [StageLine]
    /// How inferred open stages were ordered; labels merged; outcome stages added.
    public let stageOrder: String?
    public let stageNotes: [String]
    /// Which amounts, in which currency: `Amount (converted) in EUR (the export mixes …)`.
    public let currencyLine: String
    /// Each deal-type value, its rows and the type it is read as (`nil`: unmapped, left out).
    public let types: [(value: String, count: Int, kind: Deal.Kind?)]
}

/// Turns a CSV export into an engagement with a mapping. Rows with a bad value are reported
/// with their row number and column and skipped (or stop the import with `strict`); every
/// value changed or left out is a warning with its row, column and the value.
public enum CSVImport {
    public static func run(csvPath: String, mapping: ImportMapping, asOf: Day, dateFormat: DateFormat? = nil,
                           strict: Bool = false, allWarnings: Bool = false) throws(ImportError) -> ImportResult {
        let plan = try ImportPlan.make(csvPath: csvPath, mapping: mapping, dateFormat: dateFormat)
        if let problem = plan.problems.first { throw problem }
        return try build(plan, asOf: asOf, strict: strict, allWarnings: allWarnings)
    }

    /// The header of a CSV file (to resolve a preset against it).
    public static func header(of path: String) throws(ImportError) -> [String] { try CSVTable.read(path: path).header }

    static func build(_ plan: ImportPlan, asOf: Day, strict: Bool, allWarnings: Bool) throws(ImportError) -> ImportResult {
        let mapping = plan.mapping, csvPath = plan.path
        var summary = ImportSummary()
        summary.keepAll = allWarnings
        for row in plan.footers.sorted() { summary.note("report footer ignored", row: row) }
        for note in plan.notes { summary.note(note, row: 0) }
        summary.rows = plan.table.rows.count
        func h(_ f: Field) -> String { plan.header(f) ?? f.name }
        let stages = plan.stages.stages
        let firstOpen = stages.first { $0.outcome == nil }?.id
        let template = mapping.nameTemplate.map(NameTemplate.init)
        let estimates = try mapping.estimate.map { e throws(ImportError) -> [String: Double] in
            let table = try mapping.readLookup("amount_estimate", e.file)
            guard let prices = table.lookup(key: e.key, value: e.value) else {
                throw mapping.lookupProblem("amount_estimate", e.file, "needs the columns \(shown(e.key)) and \(shown(e.value)) (key and value); its columns are: \(table.header.map { shown($0) }.joined(separator: ", "))")
            }
            return prices
        } ?? [:]
        let format = plan.dateFormat
        let dateFields = Field.dates.filter(plan.has)
        let undated = "no date in \(dateFields.map(h).joined(separator: " or ")): created on the export date \(asOf), the only date known for these deals (--as-of sets it)"
        let currency = plan.currency
        let hasCurrencyColumn = plan.has(.currency), hasType = plan.has(.type), hasProbability = plan.has(.probability)
        let stageList = stages.map(\.id).prefix(12).joined(separator: ", ") + (stages.count > 12 ? ", …" : "")
        let estimateField = mapping.estimate.flatMap { Field(name: $0.column) }

        let hasWonFlag = plan.has(.isWon), hasClosedFlag = plan.has(.isClosed)
        let flagHeaders = [plan.header(.isWon), plan.statusColumn == nil ? plan.header(.isClosed) : nil].compactMap { $0 }.joined(separator: " and ")
        let flagWords = "yes/no, true/false or won/lost/open"
        let wonAt = stages.firstIndex { $0.outcome == .won }, lostAt = stages.firstIndex { $0.outcome == .lost }
        var closedByFlags = (won: 0, lost: 0)

        var deals: [Deal] = []
        deals.reserveCapacity(plan.table.rows.count)
        var seen = Set<String>()
        seen.reserveCapacity(plan.table.rows.count)   // grown from empty it was resized, every id hashed again, 17 times at 100k
        var accounts: [String: String] = [:], reps: [String: String] = [:]
        var slugs: [String: String] = [:]
        func slugOf(_ name: String) -> String {
            if let known = slugs[name] { return known }
            let made = slug(name)
            slugs[name] = made
            return made
        }
        WorkProgress.shared.addRows(total: plan.table.rows.count)
        var rowsTold = 0
        defer { WorkProgress.shared.addRows(done: plan.table.rows.count - rowsTold) }
        for (i, row) in plan.table.rows.enumerated() {
            let rowNumber = plan.table.rowNumbers[i]   // as a spreadsheet shows it (the header is row 1)
            if i - rowsTold == 1024 { WorkProgress.shared.addRows(done: 1024); rowsTold = i }
            func skip(_ kind: String, _ value: String?, _ message: String) throws(ImportError) {
                if strict { throw ImportError("\(csvPath): row \(rowNumber): \(message)") }
                summary.skipped += 1
                summary.note("skipped: \(kind)", row: rowNumber, value: value)
            }
            func warn(_ kind: String, _ value: String? = nil) { summary.note(kind, row: rowNumber, value: value) }
            let id = plan.value(row, .id)
            guard !id.isEmpty else { try skip("empty \(h(.id))", nil, "empty \(h(.id))"); continue }
            guard seen.insert(id).inserted else { try skip("duplicate id in \(h(.id))", id, "duplicate id \(shown(id)) in \(h(.id))"); continue }
            let label = plan.value(row, .stage)
            guard !label.isEmpty else { try skip("empty \(h(.stage))", nil, "empty \(h(.stage))"); continue }
            guard let stageAt = plan.stageIndex[label] else {
                try skip("unknown stage in \(h(.stage))", label, "unknown stage \(shown(label)) in \(h(.stage)); the stages are \(stageList)")
                continue
            }
            var stage = stages[stageAt]
            // The CRM's won/closed flags decide a deal its label leaves open (Pipedrive's status:
            // the label is only where the deal stood); a closed label that they contradict is kept.
            var stoodAt: ImportMapping.StageSpec?
            if hasWonFlag || hasClosedFlag {
                var won: Bool?, closed: Bool?
                var said = ""
                if hasWonFlag {
                    said = plan.value(row, .isWon)
                    won = parseFlag(said)
                    if won == nil && !said.isEmpty { warn("not a flag in \(h(.isWon)) (\(flagWords)): ignored", said) }
                }
                if hasClosedFlag {
                    let t = plan.value(row, .isClosed)
                    closed = parseFlag(t, closed: true)
                    if closed == nil && !t.isEmpty && plan.statusColumn == nil { warn("not a flag in \(h(.isClosed)) (\(flagWords)): ignored", t) }
                    if said.isEmpty { said = t }
                }
                if let says = FlagOutcome(won: won, closed: closed) {
                    switch (says, stage.outcome) {
                    case (.won, nil) where wonAt != nil:
                        stoodAt = stage; stage = stages[wonAt!]; closedByFlags.won += 1
                    case (.lost, nil) where lostAt != nil:
                        stoodAt = stage; stage = stages[lostAt!]; closedByFlags.lost += 1
                    case (.won, .won?), (.lost, .lost?), (.open, nil), (.won, nil), (.lost, nil):
                        break
                    default:
                        warn("\(flagHeaders) \(flagHeaders.contains(" and ") ? "disagree" : "disagrees") with the stage \(shown(stage.name)) (\(stage.outcome?.rawValue ?? "open")): the stage kept", said)
                    }
                }
            }
            // By `Field.dates` position: created, engaged, close date, last activity.
            var dates: (Day?, Day?, Day?, Day?) = (nil, nil, nil, nil)
            var bad = false
            for field in dateFields {
                let text = plan.value(row, field)
                guard !text.isEmpty else { continue }
                guard let day = format.parse(text) else {
                    if field == .lastActivity { warn("not a date in \(h(field)) (\(format)): left out", text); continue }
                    try skip("not a date in \(h(field)) (\(format))", text, "\(h(field)) \(shown(text)) is not a date (\(format))\(format.hint(text))")
                    bad = true
                    break
                }
                switch field {
                case .created: dates.0 = day
                case .engaged: dates.1 = day
                case .closeDate: dates.2 = day
                default: dates.3 = day
                }
            }
            if bad { continue }

            // The amount, in the engagement's currency.
            var amountText = plan.value(row, .amount), amountHeader = h(.amount), decimalComma = plan.decimalComma, votes = plan.commaVotes
            var rowCurrency: String?
            if !currency.rates.isEmpty || currency.useConverted {
                let code = hasCurrencyColumn ? plan.value(row, .currency).uppercased() : (AmountScan(amountText).currency ?? "")
                rowCurrency = code.isEmpty ? nil : code
            }
            if currency.useConverted {
                let converted = plan.value(row, .amountConverted)
                if !converted.isEmpty || amountText.isEmpty || (rowCurrency ?? currency.code) != currency.code {
                    amountText = converted
                    amountHeader = h(.amountConverted)
                    decimalComma = plan.convertedDecimalComma
                    votes = plan.convertedVotes
                }
            }
            var amount: Double?
            if !amountText.isEmpty {
                let reading = readAmount(amountText, decimalComma: decimalComma)
                guard case .value(let a) = reading else {
                    let why = Self.amountSkip(reading, text: amountText, header: amountHeader, decimalComma: decimalComma, votes: votes)
                    try skip(why.kind, amountText, why.message)
                    continue
                }
                amount = a
                if let c = rowCurrency, c != currency.code, let rate = currency.rates[c] { amount = a * rate }
                if rowCurrency == nil && !currency.rates.isEmpty { warn("no currency in \(plan.header(.currency) ?? amountHeader): read as \(currency.code)", amountText) }
            }
            if amount == nil || (amount == 0 && stage.outcome == .lost), let e = mapping.estimate {
                // Not `estimateField.map { plan.value(row, $0) }`: that closure copied the whole plan per row.
                let key = if let estimateField { plan.value(row, estimateField) } else { "" }
                if let estimate = estimates[key] {
                    warn(amount == nil ? "amount estimated from \(e.file) \(e.value) (no \(amountHeader))"
                                       : "lost deal with amount 0: amount estimated from \(e.file) \(e.value)")
                    amount = estimate
                }
            }
            if amount == nil { warn("empty \(amountHeader): 0 used") }

            // History: the export's `Date entered` columns when it has them, else what its dates allow.
            let createdColumn = dates.0, engaged = dates.1, close = dates.2
            var created = createdColumn ?? engaged ?? close ?? asOf
            var history: [StageEntry] = []
            for (s, columns) in plan.entered {
                var first: Day?
                for c in columns where c < row.count {
                    let text = trimmed(row[c])
                    guard !text.isEmpty else { continue }
                    guard let d = format.parse(text) else { warn("not a date in \(bounded(plan.table.header[c])) (\(format)): left out", text); continue }
                    first = min(first ?? d, d)
                }
                if let first { history.append(StageEntry(stage: stages[s].id, on: first)) }
            }
            if !history.isEmpty {
                history.sort { $0.on < $1.on }
                if history.last!.stage != stage.id {
                    var on = history.last!.on
                    if stage.outcome != nil {
                        if let close { on = max(on, close) } else { warn("closed deal without a \(h(.closeDate)) or a Date entered for its stage: closed on its last Date entered") }
                    }
                    history.append(StageEntry(stage: stage.id, on: on))
                }
                if let c = createdColumn, history[0].on < c { warn("Date entered before \(h(.created)): created moved back to it", "\(history[0].on)") }
                created = min(created, history[0].on)
            } else {
                if createdColumn == nil && engaged == nil && close == nil { warn(undated) }
                if let e = engaged, let c = createdColumn, e < c {
                    warn("\(h(.engaged)) before \(h(.created)): created moved back to it", plan.value(row, .engaged))
                    created = e
                }
                // A deal its flags closed at an open stage went from that stage.
                let startStage = stoodAt?.id ?? (engaged != nil ? (mapping.engagedStage ?? firstOpen ?? stage.id) : (stage.outcome == nil ? stage.id : (firstOpen ?? stage.id)))
                var startDay = engaged ?? created
                var closedOn = startDay
                if stage.outcome != nil && stage.id != startStage {
                    if let close {
                        closedOn = close
                        if close < startDay {
                            if engaged != nil {
                                warn("\(h(.closeDate)) before \(h(.engaged)): closed on the \(h(.engaged)) date", plan.value(row, .closeDate))
                                closedOn = startDay
                            } else {
                                warn("\(h(.closeDate)) before \(h(.created)): created moved back to the close date", plan.value(row, .closeDate))
                                created = close
                                startDay = close
                            }
                        }
                    } else {
                        closedOn = max(startDay, asOf)
                        warn("closed deal without a \(h(.closeDate)): closed on the export date \(asOf)")
                    }
                }
                history = [StageEntry(stage: startStage, on: startDay)]
                if stage.id != startStage { history.append(StageEntry(stage: stage.id, on: closedOn)) }
                created = min(created, startDay)
            }
            if let d = max(dates.0, dates.1, dates.2, dates.3), d > (summary.latestDate ?? d - 1) { summary.latestDate = d }

            // Text the file keeps: one line each (a CRM's multi-line field would be flagged as
            // control characters by every load).
            func text(_ field: Field, _ value: String? = nil) -> String {
                let raw = value ?? plan.value(row, field)
                guard let line = oneLine(raw) else { return raw }
                warn("line breaks in \(h(field)): joined into one line with spaces", raw)
                return line
            }
            let accountName = text(.account), ownerName = text(.owner)
            if !accountName.isEmpty { accounts[slugOf(accountName)] = accountName }
            else if stage.outcome == nil, let column = plan.header(.account) { warn("open deal without \(column)") }
            if !ownerName.isEmpty { reps[slugOf(ownerName)] = ownerName }
            if stage.outcome == nil && close == nil { warn("open deal without a close date") }
            var typeName: String?
            if hasType {
                let t = plan.value(row, .type)
                if !t.isEmpty {
                    if let kind = plan.typeOf[t] ?? nil { typeName = kind.rawValue } else { warn("unmapped deal type in \(h(.type)): left out, so it counts as new_logo ([types] maps it)", t) }
                }
            }
            var probability: Double?
            if hasProbability {
                let t = plan.value(row, .probability)
                if let p = parseProbability(t, percent: plan.probabilityPercent), (0...1).contains(p) {
                    probability = (p * 10_000).rounded() / 10_000   // engagement-format.md's deal `probability`
                } else if !t.isEmpty {
                    warn("not a probability from 0 to 1 in \(h(.probability)): left out", t)
                }
            }
            // Made in the array and set there: a `var deal` appended was copied, its every string
            // retained, then released.
            deals.append(Deal(id: id, name: text(.name, name(for: row, plan: plan, template: template)), account: accountName.isEmpty ? nil : slugOf(accountName),
                              owner: ownerName.isEmpty ? nil : slugOf(ownerName), amount: amount ?? 0,
                              type: typeName, segment: nilIfEmpty(text(.segment)), source: nilIfEmpty(text(.source)),
                              created: created, expectedClose: close, stageHistory: history, lastActivity: dates.3,
                              lostReason: nilIfEmpty(text(.lostReason)), nextStep: nilIfEmpty(text(.nextStep))))
            if let probability { deals[deals.count - 1].probability = probability }
            switch stage.outcome {
            case .won: summary.won += 1
            case .lost: summary.lost += 1
            case nil: summary.open += 1
            }
        }
        if closedByFlags.won + closedByFlags.lost > 0 {
            summary.note("won or lost by \(flagHeaders) at an open stage, so closed from that stage on the close date: "
                         + "\(decimals(Double(closedByFlags.won), 0)) won, \(decimals(Double(closedByFlags.lost), 0)) lost", row: 0)
        }
        // Without `Date entered` columns an open deal's stage is dated by the export's other dates:
        // its days in stage (and so its stall) are an estimate until a later export dates a move.
        if plan.entered.isEmpty && summary.open > 0 {
            let from = plan.header(.engaged) != nil ? "\(h(.engaged)) (else \(h(.created)))" : h(.created)
            summary.note("no stage history in this export: an open deal new to the file is in its stage "
                         + "since its \(from), so its days in stage, and its stall, are estimates until a later export dates a move", row: 0)
        }
        // A row a text editor shows further down than its number, among the rows said: how so.
        if let shift = plan.table.lineShift, summary.groups.contains(where: { $0.samples.contains { $0.row >= shift.row } }) {
            summary.note("rows are numbered as a spreadsheet shows them: a quoted value with line breaks is one row there, "
                         + "so from row \(shift.row) on a text editor's line numbers are higher (row \(shift.row) is on line \(shift.line))", row: 0)
        }
        guard !deals.isEmpty else {
            let why = summary.warningLines().filter { $0.hasPrefix("skipped") }.prefix(3).joined(separator: "; ")
            throw ImportError("\(csvPath): no deal made from its \(decimals(Double(summary.rows), 0)) row\(summary.rows == 1 ? "" : "s"), so nothing is written: \(why)")
        }
        // Reps and accounts listed in their own files: every one of them, with what the file adds.
        var repExtras: [String: [UnknownKey]] = [:]
        if let r = mapping.repsFile {
            let file = try mapping.readLookup("reps", r.file)
            guard let nameColumn = file.column(r.name) else { throw mapping.lookupProblem("reps", r.file, "has no column \(shown(r.name)) (name); its columns are: \(file.header.map { shown($0) }.joined(separator: ", "))") }
            for row in file.rows where nameColumn < row.count && !trimmed(row[nameColumn]).isEmpty {
                let name = trimmed(row[nameColumn])
                reps[slugOf(name)] = name
                repExtras[slugOf(name)] = r.extra.compactMap { key in
                    file.column(key).flatMap { $0 < row.count ? UnknownKey(key: key, rawJSON: jsonQuoted(trimmed(row[$0]))) : nil }
                }
            }
        }
        var segments: [String: String] = [:]
        if let a = mapping.accountsFile {
            let file = try mapping.readLookup("accounts", a.file)
            guard let nameColumn = file.column(a.name) else { throw mapping.lookupProblem("accounts", a.file, "has no column \(shown(a.name)) (name); its columns are: \(file.header.map { shown($0) }.joined(separator: ", "))") }
            let segmentColumn = a.segment.flatMap(file.column)
            let segmentAliases = a.segment.flatMap { mapping.aliases[$0] } ?? [:]
            for (i, row) in file.rows.enumerated() where nameColumn < row.count && !trimmed(row[nameColumn]).isEmpty {
                let name = trimmed(row[nameColumn])
                accounts[slugOf(name)] = name
                if let c = segmentColumn, c < row.count {
                    let raw = trimmed(row[c])
                    if let fixed = segmentAliases[raw] { summary.note("\(a.file): \(a.segment!) read as \(shown(fixed))", row: file.rowNumbers[i], value: raw) }
                    segments[slugOf(name)] = segmentAliases[raw] ?? raw
                }
            }
        }
        summary.deals = deals.count
        summary.accounts = accounts.count
        summary.reps = reps.count
        let client = Client(id: mapping.clientID, name: mapping.clientName, industry: mapping.industry, currency: currency.code)
        let engagement = Engagement(client: client, stages: stages.map { Stage(id: $0.id, name: $0.name, probability: $0.outcome == nil ? $0.probability : nil, outcome: $0.outcome) },
                                    reps: reps.sorted { $0.key < $1.key }.map { key, name in
                                        var rep = Rep(id: key, name: name)
                                        rep.unknownKeys = repExtras[key] ?? []
                                        return rep
                                    },
                                    accounts: accounts.sorted { $0.key < $1.key }.map { Account(id: $0.key, name: $0.value, segment: segments[$0.key]) },
                                    deals: deals, dataAsOf: asOf)
        return ImportResult(engagement: engagement, summary: summary, dateFormat: format, stageLines: plan.stages.lines,
                            stageOrder: plan.stages.order, stageNotes: plan.stages.notes, currencyLine: currency.line, types: plan.types)
    }

    static func name(for row: [String], plan: ImportPlan, template: NameTemplate?) -> String {
        if plan.has(.name) { let n = plan.value(row, .name); if !n.isEmpty { return n } }
        guard let template else { return plan.value(row, .id) }
        var out = ""
        for piece in template.pieces {
            switch piece {
            case .text(let t): out += t
            case .field(let f): let v = plan.value(row, f); out += v.isEmpty ? "(no \(f.name))" : v
            }
        }
        return out
    }

    static func nilIfEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    /// Why an amount is skipped: the kind the summary groups rows by, and `--strict`'s message.
    static func amountSkip(_ reading: AmountReading, text: String, header: String, decimalComma: Bool?,
                           votes: (yes: Int, no: Int)) -> (kind: String, message: String) {
        func separator(_ comma: Bool) -> String { comma ? "decimal comma" : "decimal point" }
        func example(_ comma: Bool) -> String { comma ? "1.234,56" : "1,234.56" }
        switch reading {
        case .negative:
            return ("negative amount in \(header): credit notes and refunds are not imported",
                    "\(header) \(shown(text)) is negative: negative amounts (credit notes, refunds) are not imported")
        case .otherConvention:
            let comma = decimalComma ?? false
            let column = comma ? votes.yes : votes.no
            return ("amount in \(header) with a \(separator(!comma)), in a column written with a \(separator(comma)) (\(example(comma)))",
                    "\(header) \(shown(text)) reads only with a \(separator(!comma)), but the column is written with a \(separator(comma)) "
                    + "(\(example(comma)): \(column) of its \(votes.yes + votes.no) amounts that say which): correct it in the export")
        case .notAmount, .value:
            // Digits and separators that make no number (`$1,2,3`): the separators are the fault.
            let digits = amountDigits(text).map(unsignedDigits) ?? ""
            let separated = digits.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") } && digits.contains { $0 == "." || $0 == "," }
            let hint = separated ? ": its separators fit neither 1,234.56 nor 1.234,56" : ""
            return ("not an amount in \(header)", "\(header) \(shown(text)) is not an amount\(hint)")
        }
    }
}

/// The latest of the dates a row gives.
private func max(_ a: Day?, _ b: Day?, _ c: Day?, _ d: Day?) -> Day? {
    func later(_ x: Day?, _ y: Day?) -> Day? {
        guard let x else { return y }
        guard let y else { return x }
        return x > y ? x : y
    }
    return later(later(a, b), later(c, d))
}

/// A deal-name template (`"{account}: {product}"`) split once into text and fields.
struct NameTemplate {
    enum Piece { case text(String), field(Field) }
    let pieces: [Piece]
    init(_ template: String) {
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            let name = String(rest[rest.index(after: open)..<close])
            pieces.append(Field(name: name).map { .field($0) } ?? .text("{\(name)}"))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }
}
