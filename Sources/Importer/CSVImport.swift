import Foundation
import MetricsCore
import SwiftCSV

/// What an import did: counts, and warnings grouped by kind with the first rows of each.
public struct ImportSummary: Sendable {
    public struct Group: Sendable {
        public let kind: String
        public var count: Int
        public var rows: [Int]
    }
    public var rows = 0
    public var deals = 0
    public var won = 0, lost = 0, open = 0
    public var accounts = 0, reps = 0
    public var skipped = 0
    public var groups: [Group] = []
    /// The latest date any row gives (to notice an old export reviewed as of today).
    public var latestDate: Day?

    mutating func note(_ kind: String, row: Int) {
        if let i = groups.firstIndex(where: { $0.kind == kind }) {
            groups[i].count += 1
            if groups[i].rows.count < 5 { groups[i].rows.append(row) }
        } else {
            groups.append(Group(kind: kind, count: 1, rows: [row]))
        }
    }
}

/// The engagement an export makes, and what happened on the way.
public struct ImportResult: Sendable {
    public let engagement: Engagement
    public let summary: ImportSummary
    public let dateFormat: DateFormat
}

/// Turns a CSV export into an engagement with a mapping. Rows with a bad value are reported
/// with their row number and column and skipped (or stop the import with `strict`).
public enum CSVImport {
    public static func run(csvPath: String, mapping: ImportMapping, asOf: Day, dateFormat: DateFormat? = nil,
                           strict: Bool = false) throws(ImportError) -> ImportResult {
        var table = try CSVTable.read(path: csvPath)
        var summary = ImportSummary()
        // Report footers (Salesforce: "Grand Totals (N records)", "Confidential Information…",
        // "Copyright (c) … salesforce.com"): trailing rows with a single filled cell.
        while let last = table.rows.last {
            let filled = last.map(trimmed).filter { !$0.isEmpty }
            guard filled.count == 1, isFooter(filled[0]) else { break }
            summary.note("report footer ignored", row: table.rows.count + 1)
            table.rows.removeLast()
        }
        guard !table.rows.isEmpty else { throw ImportError("\(csvPath) has a header but no rows") }
        summary.rows = table.rows.count

        for field in ["id", "stage"] where mapping.columns[field] == nil {
            throw ImportError("\(csvPath) has no column for the deal's \(field); its columns are: \(table.header.joined(separator: ", ")) (give a --mapping)")
        }
        var index: [String: Int] = [:]
        for field in ImportMapping.fields {
            guard let header = mapping.columns[field] else { continue }
            guard let i = table.column(header) else {
                throw ImportError("the column \"\(header)\" (columns.\(field) of the mapping) is not in \(csvPath); its columns are: \(table.header.joined(separator: ", "))")
            }
            index[field] = i
        }
        let aliases = Dictionary(uniqueKeysWithValues: ImportMapping.fields.compactMap { f in
            mapping.columns[f].flatMap { mapping.aliases[$0] }.map { (f, $0) }
        })
        func value(_ row: [String], _ field: String) -> String {
            guard let i = index[field], i < row.count else { return "" }
            let raw = trimmed(row[i])
            return aliases[field]?[raw] ?? raw
        }
        let template = mapping.nameTemplate.map(NameTemplate.init)
        // One date format for the whole file: given, or detected from every date column.
        let format: DateFormat
        if let given = dateFormat ?? mapping.dateFormat { format = given } else {
            let dates = table.rows.flatMap { row in ["created", "engaged", "close_date"].map { value(row, $0) } }
            switch DateFormat.detect(dates) {
            case .success(let f): format = f
            case .failure(let e): throw ImportError("\(csvPath): \(e.message)")
            }
        }
        let estimates = try mapping.estimate.map { e throws(ImportError) in
            try CSVTable.read(path: mapping.resolve(e.file)).lookup(key: e.key, value: e.value)
        } ?? [:]
        // `Date entered "<stage>"` columns (HubSpot) are real stage history.
        var enteredColumns: [(column: Int, stage: String)] = []
        for (i, h) in table.header.enumerated() where h.lowercased().hasPrefix("date entered") {
            let label = h.dropFirst("date entered".count).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            let bare = label.split(separator: "(").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) } ?? label
            if let stage = mapping.stages.first(where: { s in (s.labels + [s.id]).contains { $0.lowercased() == bare.lowercased() || $0.lowercased() == label.lowercased() } }) {
                enteredColumns.append((i, stage.id))
            }
        }
        let stageByLabel = Dictionary(mapping.stages.flatMap { s in (s.labels + [s.id]).map { ($0.lowercased(), s) } }, uniquingKeysWith: { a, _ in a })
        let firstOpen = mapping.stages.first { $0.outcome == nil }?.id

        var deals: [Deal] = []
        var seen = Set<String>()
        var accounts: [String: String] = [:], reps: [String: String] = [:]
        var slugs: [String: String] = [:]
        func slugOf(_ name: String) -> String {
            if let known = slugs[name] { return known }
            let made = slug(name)
            slugs[name] = made
            return made
        }
        for (i, row) in table.rows.enumerated() {
            let rowNumber = i + 2 // the header is row 1
            func skip(_ message: String) throws(ImportError) {
                if strict { throw ImportError("\(csvPath): row \(rowNumber): \(message)") }
                summary.skipped += 1
                summary.note("skipped: \(message.prefix { $0 != "\"" })", row: rowNumber)
            }
            let id = value(row, "id")
            guard !id.isEmpty else { try skip("empty \(mapping.columns["id"]!)"); continue }
            guard seen.insert(id).inserted else { try skip("duplicate id \"\(id)\" in \(mapping.columns["id"]!)"); continue }
            let label = value(row, "stage")
            guard let stage = stageByLabel[label.lowercased()] else { try skip("unknown stage \"\(label)\" in \(mapping.columns["stage"]!)"); continue }
            var dates: [String: Day] = [:]
            var bad = false
            for field in ["created", "engaged", "close_date"] {
                let text = value(row, field)
                guard !text.isEmpty else { continue }
                guard let day = format.parse(text) else {
                    try skip("\(mapping.columns[field]!) \"\(text)\" is not a date (\(format.rawValue))")
                    bad = true
                    break
                }
                dates[field] = day
            }
            if bad { continue }
            if let latest = dates.values.max(), latest > (summary.latestDate ?? latest - 1) { summary.latestDate = latest }
            var amount: Double?
            let amountText = value(row, "amount")
            if !amountText.isEmpty {
                guard let a = parseAmount(amountText), a >= 0 else { try skip("\(mapping.columns["amount"]!) \"\(amountText)\" is not an amount"); continue }
                amount = a
            }
            if amount == nil || (amount == 0 && stage.outcome == .lost), let e = mapping.estimate {
                let key = value(row, e.column)
                if let estimate = estimates[key] {
                    summary.note(amount == nil ? "amount estimated from \(e.file) \(e.value) (no \(mapping.columns["amount"] ?? "amount"))"
                                               : "lost deal with amount 0: amount estimated from \(e.file) \(e.value)", row: rowNumber)
                    amount = estimate
                }
            }
            if amount == nil { summary.note("no amount: 0 used", row: rowNumber) }

            // History from what the export's dates allow.
            let engaged = dates["engaged"], close = dates["close_date"]
            var created = dates["created"] ?? engaged ?? close ?? asOf
            if dates["created"] == nil && engaged == nil && close == nil { summary.note("no date: created on the export date \(asOf)", row: rowNumber) }
            let startStage = engaged != nil ? (mapping.engagedStage ?? firstOpen ?? stage.id) : (stage.outcome == nil ? stage.id : (firstOpen ?? stage.id))
            let startDay = engaged ?? created
            var history = [StageEntry(stage: startStage, on: startDay)]
            if stage.id != startStage {
                history.append(StageEntry(stage: stage.id, on: max(startDay, stage.outcome != nil ? (close ?? asOf) : startDay)))
            }
            // Real history when the export has it: every stage entered, in date order, ending in the current one.
            let entered = enteredColumns.compactMap { c -> StageEntry? in
                guard c.column < row.count, let day = format.parse(trimmed(row[c.column])) else { return nil }
                return StageEntry(stage: c.stage, on: day)
            }.sorted { $0.on < $1.on }
            if !entered.isEmpty {
                history = entered
                if history.last?.stage != stage.id { history.append(StageEntry(stage: stage.id, on: history.last!.on)) }
                created = min(created, history[0].on)
            }
            created = min(created, startDay)
            let accountName = value(row, "account"), ownerName = value(row, "owner")
            if !accountName.isEmpty { accounts[slugOf(accountName)] = accountName }
            else if stage.outcome == nil, let column = mapping.columns["account"] { summary.note("open deal without \(column)", row: rowNumber) }
            if !ownerName.isEmpty { reps[slugOf(ownerName)] = ownerName }
            if stage.outcome == nil && close == nil { summary.note("open deal without a close date", row: rowNumber) }
            var deal = Deal(id: id, name: name(for: row, mapping: mapping, template: template, value: value), account: accountName.isEmpty ? nil : slugOf(accountName),
                            owner: ownerName.isEmpty ? nil : slugOf(ownerName), amount: amount ?? 0,
                            type: nilIfEmpty(value(row, "type")), segment: nilIfEmpty(value(row, "segment")), source: nilIfEmpty(value(row, "source")),
                            created: created, expectedClose: close, stageHistory: history)
            deal.nextStep = nilIfEmpty(value(row, "next_step"))
            deal.lostReason = nilIfEmpty(value(row, "lost_reason"))
            deal.probability = parseProbability(value(row, "probability")).flatMap { (0...1).contains($0) ? $0 : nil }
            deals.append(deal)
            switch stage.outcome {
            case .won: summary.won += 1
            case .lost: summary.lost += 1
            case nil: summary.open += 1
            }
        }
        // Reps and accounts listed in their own files: every one of them, with what the file adds.
        var repExtras: [String: [UnknownKey]] = [:]
        if let r = mapping.repsFile {
            let file = try CSVTable.read(path: mapping.resolve(r.file))
            guard let nameColumn = file.column(r.name) else { throw ImportError("\(r.file) has no column \(r.name); its columns are: \(file.header.joined(separator: ", "))") }
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
            let file = try CSVTable.read(path: mapping.resolve(a.file))
            guard let nameColumn = file.column(a.name) else { throw ImportError("\(a.file) has no column \(a.name); its columns are: \(file.header.joined(separator: ", "))") }
            let segmentColumn = a.segment.flatMap(file.column)
            let segmentAliases = a.segment.flatMap { mapping.aliases[$0] } ?? [:]
            for (i, row) in file.rows.enumerated() where nameColumn < row.count && !trimmed(row[nameColumn]).isEmpty {
                let name = trimmed(row[nameColumn])
                accounts[slugOf(name)] = name
                if let c = segmentColumn, c < row.count {
                    let raw = trimmed(row[c])
                    if let fixed = segmentAliases[raw] { summary.note("\(a.file): \(a.segment!) \"\(raw)\" read as \"\(fixed)\"", row: i + 2) }
                    segments[slugOf(name)] = segmentAliases[raw] ?? raw
                }
            }
        }
        summary.deals = deals.count
        summary.accounts = accounts.count
        summary.reps = reps.count
        let client = Client(id: mapping.clientID, name: mapping.clientName, industry: mapping.industry, currency: mapping.currency)
        let stages = mapping.stages.map { Stage(id: $0.id, name: $0.name, probability: $0.outcome == nil ? $0.probability : nil, outcome: $0.outcome) }
        let engagement = Engagement(client: client, stages: stages,
                                    reps: reps.sorted { $0.key < $1.key }.map { key, name in
                                        var rep = Rep(id: key, name: name)
                                        rep.unknownKeys = repExtras[key] ?? []
                                        return rep
                                    },
                                    accounts: accounts.sorted { $0.key < $1.key }.map { Account(id: $0.key, name: $0.value, segment: segments[$0.key]) },
                                    deals: deals, dataAsOf: asOf)
        return ImportResult(engagement: engagement, summary: summary, dateFormat: format)
    }

    /// The header of a CSV file (to resolve a preset against it).
    public static func header(of path: String) throws(ImportError) -> [String] { try CSVTable.read(path: path).header }

    static func name(for row: [String], mapping: ImportMapping, template: NameTemplate?, value: ([String], String) -> String) -> String {
        if mapping.columns["name"] != nil { let n = value(row, "name"); if !n.isEmpty { return n } }
        guard let template else { return value(row, "id") }
        var out = ""
        for piece in template.pieces {
            switch piece {
            case .text(let t): out += t
            case .field(let f): let v = value(row, f); out += v.isEmpty ? "(no \(f))" : v
            }
        }
        return out
    }

    static func nilIfEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    static func isFooter(_ text: String) -> Bool {
        let t = text.lowercased()
        return t.hasPrefix("grand total") || t.hasPrefix("confidential information") || t.hasPrefix("copyright") || t.hasPrefix("total")
    }
}

/// A CSV file read with SwiftCSV: header and rows, any of `,` `;` tab, BOM and CRLF handled.
struct CSVTable {
    let header: [String]
    var rows: [[String]]

    static func read(path: String) throws(ImportError) -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("cannot read \(path)") }
        guard !data.isEmpty else { throw ImportError("\(path) is empty") }
        if data.prefix(4096).contains(0) { throw ImportError("\(path) is a binary file, not CSV text") }
        guard var text = String(data: data, encoding: .utf8) else { throw ImportError("\(path) is not UTF-8 text; save the export as UTF-8 CSV") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let csv: CSV<Enumerated>
        do { csv = try CSV<Enumerated>(string: text, delimiter: CSVDelimiter.guessed(string: String(text.prefix(4096))), loadColumns: false) } catch {
            throw ImportError("\(path) is not readable CSV: \(error)")
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = csv.rows.filter { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard !rows.isEmpty else { throw ImportError("\(path) has a header but no rows") }
        return CSVTable(header: header, rows: rows)
    }

    /// The index of a column, matched case-insensitively.
    func column(_ name: String) -> Int? {
        header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// `key column → amount` from a lookup file (list prices by product).
    func lookup(key: String, value: String) throws(ImportError) -> [String: Double] {
        guard let k = column(key), let v = column(value) else { throw ImportError("the lookup file needs the columns \(key) and \(value); it has \(header.joined(separator: ", "))") }
        var out: [String: Double] = [:]
        for row in rows where row.count > max(k, v) { if let a = parseAmount(row[v]) { out[row[k]] = a } }
        return out
    }
}

/// A deal-name template (`"{account}: {product}"`) split once into text and fields.
struct NameTemplate {
    enum Piece { case text(String), field(String) }
    let pieces: [Piece]
    init(_ template: String) {
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            let name = String(rest[rest.index(after: open)..<close])
            pieces.append(ImportMapping.fields.contains(name) ? .field(name) : .text("{\(name)}"))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }
}

/// Spaces and tabs trimmed from both ends, without a round trip through NSString (the import's
/// hottest call before this).
func trimmed(_ s: String) -> String {
    let u = s.utf8
    guard let first = u.first, let last = u.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 else { return s }
    var start = u.startIndex, end = u.endIndex
    while start < end, u[start] == 0x20 || u[start] == 0x09 { start = u.index(after: start) }
    while end > start, u[u.index(before: end)] == 0x20 || u[u.index(before: end)] == 0x09 { end = u.index(before: end) }
    return String(s[start..<end])
}
