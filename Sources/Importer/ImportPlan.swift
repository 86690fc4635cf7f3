import Foundation
import MetricsCore

/// Everything decided about an export before its rows become deals: which column is what, the
/// date and number formats, the currency, the stages and the deal types, from one pass over
/// all its rows. What stops an import is collected in `problems` rather than thrown, so that
/// `--write-mapping` can still write what it found.
struct ImportPlan {
    let path: String
    var table: CSVTable
    let mapping: ImportMapping
    /// Per field (by `Field.rawValue`): its columns; a header an export repeats gives several.
    var columns: [[Int]] = Array(repeating: [], count: Field.allCases.count)
    /// Per field: value replacements from the mapping's `[aliases.<header>]`.
    var aliases: [[String: String]?] = Array(repeating: nil, count: Field.allCases.count)
    var footers: [Int] = []
    var dateFormat = DateFormat.iso
    var dateBasis = ""
    /// The decimal separator of the amount columns, by the majority of their values that read
    /// only one way (`nil`: none does; a tie is a decimal point), and those values' counts.
    var decimalComma: Bool?, convertedDecimalComma: Bool?
    var commaVotes = (yes: 0, no: 0), convertedVotes = (yes: 0, no: 0)
    var probabilityPercent: Bool?
    var currency = CurrencyPlan(code: "USD", line: "")
    var stages = StagePlan(stages: [])
    /// A stage label exactly as written (after aliases) → its stage's index.
    var stageIndex: [String: Int] = [:]
    /// `Date entered "<stage>"` columns: per stage, the columns that date its entry.
    var entered: [(stage: Int, columns: [Int])] = []
    var enteredHeaders: [Int: String] = [:]
    /// Each deal-type value with its rows and the type it is read as (`nil`: unmapped).
    var types: [(value: String, count: Int, kind: Deal.Kind?)] = []
    var typeOf: [String: Deal.Kind?] = [:]
    /// File-level notes for the summary: optional columns absent, repeated headers.
    var notes: [String] = []
    var problems: [ImportError] = []
    /// The date or currency problem among them, for the place a written mapping fixes it.
    var dateProblem: ImportError?, currencyProblem: ImportError?
    /// The patterns a file's dates could be in, when they are refused (for a written mapping).
    var dateChoices: [String] = []
    /// Per label: what the file says (counts, probabilities, flags), in order of appearance.
    var labels: [LabelProfile] = []
    /// The header `is_won` and `is_closed` both read: a status column (Pipedrive's `Deal -
    /// Status`: won, lost, open), so a deal's outcome is its status and its stage label only where
    /// it stood; labels are not judged won or lost by their deals' flags.
    var statusColumn: String?

    /// A field's header for messages (an export's text: cut to about 80 characters).
    func header(_ f: Field) -> String? { columns[f.rawValue].first.map { bounded(table.header[$0]) } }
    func has(_ f: Field) -> Bool { !columns[f.rawValue].isEmpty }

    /// A field's value in a row: trimmed, the first filled of a repeated header, aliases applied.
    @inline(__always)
    func value(_ row: [String], _ f: Field) -> String {
        let cols = columns[f.rawValue]
        guard let first = cols.first else { return "" }
        var raw = first < row.count ? trimmed(row[first]) : ""
        if raw.isEmpty && cols.count > 1 {
            for c in cols.dropFirst() where c < row.count {
                let t = trimmed(row[c])
                if !t.isEmpty { raw = t; break }
            }
        }
        if let a = aliases[f.rawValue], let replaced = a[raw] { return replaced }
        return raw
    }

    static func make(csvPath: String, mapping: ImportMapping, dateFormat given: DateFormat?) throws(ImportError) -> ImportPlan {
        var plan = ImportPlan(path: csvPath, table: try CSVTable.read(path: csvPath), mapping: mapping)
        plan.dropFooters()
        guard !plan.table.rows.isEmpty else { throw ImportError("\(csvPath) has a header but no rows") }
        plan.resolveColumns()
        plan.profile(given: given ?? mapping.dateFormat)
        return plan
    }

    /// Report footers (Salesforce: "Grand Totals (N records)", "Confidential Information…",
    /// "Copyright (c) … salesforce.com"): trailing rows with a single filled cell.
    mutating func dropFooters() {
        while let last = table.rows.last {
            let filled = last.map(trimmed).filter { !$0.isEmpty }
            guard filled.count == 1, Self.isFooter(filled[0]) else { break }
            footers.append(table.rowNumbers.removeLast())
            table.rows.removeLast()
        }
    }

    static func isFooter(_ text: String) -> Bool {
        let t = text.lowercased()
        return t.hasPrefix("grand total") || t.hasPrefix("confidential information") || t.hasPrefix("copyright") || t.hasPrefix("total")
    }

    mutating func resolveColumns() {
        // Quoted and bounded: an "all properties" export has hundreds of columns.
        let columnList = table.header.prefix(40).map { shown($0) }.joined(separator: ", ") + (table.header.count > 40 ? ", … (\(table.header.count - 40) more)" : "")
        for f in Field.allCases {
            guard let primary = mapping.columns[f.name] else { continue }
            let names = [primary] + (mapping.alternatives[f.name] ?? [])
            guard let found = names.first(where: { table.column($0) != nil }) else {
                if mapping.optional.contains(f.name) {
                    notes.append("optional column not in this export: \(names.map { shown($0) }.joined(separator: " or ")) (columns.\(f.name))")
                } else {
                    let tried = names.map { shown($0) }.joined(separator: " or ")
                    problems.append(ImportError("the column \(tried) (columns.\(f.name) of the mapping) is not in \(path); its columns are: \(columnList)"))
                }
                continue
            }
            let indices = table.columns(found)
            columns[f.rawValue] = indices
            if indices.count > 1 { notes.append("\(shown(found)) is \(indices.count) columns of this export: the first filled one is read") }
            aliases[f.rawValue] = mapping.aliases[found] ?? mapping.aliases.first { $0.key.caseInsensitiveCompare(found) == .orderedSame }?.value
        }
        for f in [Field.id, .stage] where columns[f.rawValue].isEmpty && mapping.columns[f.name] == nil {
            // What to do: the CRM's own column in the export, or a mapping naming another.
            let own = mapping.preset.flatMap { p in p == .csv ? nil : p.columns[f]?.first.map { "add \(p.crmName)'s \(shown($0)) column to the export, or " } } ?? ""
            problems.append(ImportError("\(path) has no column for the deal's \(f.name); its columns are: \(columnList). To import it, \(own)"
                                        + "name the column in a mapping ([columns] \(f.name) = \"…\"; --write-mapping NEW.toml writes one to edit and pass with --mapping)"))
        }
        // An export without a plain amount column gives its converted one.
        if !has(.amount) && has(.amountConverted) {
            columns[Field.amount.rawValue] = columns[Field.amountConverted.rawValue]
            columns[Field.amountConverted.rawValue] = []
        }
        for (i, h) in table.header.enumerated() {
            if let label = Self.enteredLabel(h) { enteredHeaders[i] = label }
        }
    }

    /// The stage a HubSpot `Date entered "<label> (<pipeline>)"` header names.
    static func enteredLabel(_ header: String) -> String? {
        guard header.lowercased().hasPrefix("date entered") else { return nil }
        let quotes = CharacterSet(charactersIn: " \"'\u{201C}\u{201D}\u{2018}\u{2019}")
        let label = header.dropFirst("date entered".count).trimmingCharacters(in: quotes)
        guard !label.isEmpty, label.lowercased() != "current stage" else { return nil }
        return label
    }

    /// Matches a `Date entered` label to a stage label: whole, or without its `(pipeline)`.
    static func enteredMatches(_ entered: String, _ label: String) -> Bool {
        if entered.caseInsensitiveCompare(label) == .orderedSame { return true }
        guard entered.hasSuffix(")"), let open = entered.range(of: " (", options: .backwards) else { return false }
        return entered[..<open.lowerBound].caseInsensitiveCompare(label) == .orderedSame
    }

    /// One pass over every row: stage labels, probabilities, flags, date and number evidence,
    /// currencies and deal types; then the decisions they support.
    mutating func profile(given: DateFormat?) {
        let hasWonColumn = has(.isWon)
        var labelAt: [String: Int] = [:]
        var evidence = DateEvidence()
        var currencies: [String: Int] = [:], convertedCodes: [String: Int] = [:]
        var currencyOrder: [String] = [], typeCounts: [String: Int] = [:], typeOrder: [String] = []
        var probabilityOverOne = false, probabilitySign = false
        var statusLostUnread = 0
        if hasWonColumn && columns[Field.isWon.rawValue] == columns[Field.isClosed.rawValue] { statusColumn = header(.isWon) }
        let dateFields = Field.dates.filter(has).map { ($0, header($0)!) }
        let enteredColumns = enteredHeaders.sorted { $0.key < $1.key }
        let hasProbability = has(.probability), hasWon = has(.isWon), hasClosed = has(.isClosed), hasForecast = has(.forecastCategory)
        let hasCurrency = has(.currency), hasConverted = has(.amountConverted), hasConvertedCurrency = has(.convertedCurrency), hasType = has(.type)
        for (i, row) in table.rows.enumerated() {
            let rowNumber = table.rowNumbers[i]
            let label = value(row, .stage)
            guard !label.isEmpty else { continue }   // a skipped row later
            let at: Int
            if let known = labelAt[label] { at = known } else {
                at = labels.count
                labelAt[label] = at
                labels.append(LabelProfile(label: label, firstRow: rowNumber))
            }
            labels[at].count += 1
            if hasProbability {
                let t = value(row, .probability)
                if !t.isEmpty, let v = parseAmount(t.hasSuffix("%") ? String(t.dropLast()) : t) {
                    if t.hasSuffix("%") { probabilitySign = true }
                    if v > 1 { probabilityOverOne = true }
                    labels[at].probabilitySum += v
                    labels[at].probabilityCount += 1
                }
            }
            if hasWon || hasClosed {
                let wonText = hasWon ? value(row, .isWon) : ""
                let won = hasWon ? parseFlag(wonText) : nil, closed = hasClosed ? parseFlag(value(row, .isClosed), closed: true) : nil
                if let won { if won { labels[at].won += 1 } else { labels[at].notWon += 1 } }
                if let closed { if closed { labels[at].closed += 1 } else { labels[at].notClosed += 1 } }
                switch FlagOutcome(won: won, closed: closed) {
                case .won: labels[at].saysWon += 1
                case .lost: labels[at].saysLost += 1
                default: break
                }
                if !hasClosed && wonText.caseInsensitiveCompare("lost") == .orderedSame { statusLostUnread += 1 }
            }
            if hasForecast {
                let t = value(row, .forecastCategory)
                if t.caseInsensitiveCompare("Closed") == .orderedSame { labels[at].forecastClosed += 1 } else if !t.isEmpty { labels[at].forecastOther += 1 }
            }
            if given == nil {
                for (f, h) in dateFields {
                    let t = value(row, f)
                    if !t.isEmpty { evidence.add(t, row: rowNumber, column: h) }
                }
                for (c, _) in enteredColumns where c < row.count {
                    let t = trimmed(row[c])
                    if !t.isEmpty { evidence.add(t, row: rowNumber, column: table.header[c]) }
                }
            }
            let amountText = value(row, .amount)
            let scan = AmountScan(amountText)
            if let comma = scan.decimalComma { if comma { commaVotes.yes += 1 } else { commaVotes.no += 1 } }
            let code = hasCurrency ? value(row, .currency).uppercased() : (scan.currency ?? "")
            if !code.isEmpty {
                if currencies[code] == nil { currencyOrder.append(code) }
                currencies[code, default: 0] += 1
            }
            if hasConverted {
                let t = value(row, .amountConverted)
                let s = AmountScan(t)
                if let comma = s.decimalComma { if comma { convertedVotes.yes += 1 } else { convertedVotes.no += 1 } }
                let c = hasConvertedCurrency ? value(row, .convertedCurrency).uppercased() : (s.currency ?? "")
                if !c.isEmpty { convertedCodes[c, default: 0] += 1 }
            }
            if hasType {
                let t = value(row, .type)
                if !t.isEmpty {
                    if typeCounts[t] == nil { typeOrder.append(t) }
                    typeCounts[t, default: 0] += 1
                }
            }
        }
        if statusLostUnread > 0, let h = header(.isWon) {
            notes.append("\(shown(h)) says lost in \(decimals(Double(statusLostUnread), 0)) rows, read as not won only: map is_closed to it too (is_closed = \(jsonQuoted(h))) to read them as lost")
        }
        decimalComma = Self.vote(commaVotes)
        convertedDecimalComma = Self.vote(convertedVotes)
        if hasProbability {
            probabilityPercent = probabilityOverOne || probabilitySign
            if probabilityPercent == true {
                for i in labels.indices { labels[i].probabilitySum /= 100 }
            }
        }

        // Dates: as given, else as every value of the file says.
        if let given {
            dateFormat = given
            dateBasis = "as given"
        } else {
            switch DateFormat.detect(evidence) {
            case .success(let f):
                dateFormat = f
                dateBasis = evidence.readable == 0 ? "no date read: the default" : "read from \(decimals(Double(evidence.readable), 0)) values"
            case .failure(let e):
                let sep = evidence.separator ?? "/"
                dateChoices = evidence.other > 0 ? [DateFormat.Order.dmy, .mdy].map { DateFormat(order: $0, separator: sep, padded: evidence.padded).description } : []
                dateProblem = ImportError("\(path): \(e.message)")
                problems.append(dateProblem!)
            }
        }

        // Currency.
        let seen = currencyOrder.map { ($0, currencies[$0]!) }.sorted { $0.1 > $1.1 }
        let converted = convertedCodes.sorted { $0.value > $1.value }.map { ($0.key, $0.value) }
        switch CurrencyPlan.decide(given: mapping.currency, rates: mapping.rates, configRates: mapping.configRates,
                                   configSource: mapping.configRatesSource, seen: seen, converted: converted,
                                   amountHeader: header(.amount) ?? "amount", convertedHeader: header(.amountConverted),
                                   currencyHeader: header(.currency), path: path) {
        case .success(let c): currency = c
        case .failure(let e):
            problems.append(e)
            currencyProblem = e
            currency = CurrencyPlan(code: mapping.currency ?? seen.first?.0 ?? "USD", line: "")
        }

        // Stage order from `Date entered` columns needs the date format: a second pass, only then.
        if !enteredColumns.isEmpty && !hasProbability && mapping.preset != nil {
            let byLabel = enteredColumns.map { (c, l) in (c, labels.firstIndex { Self.enteredMatches(l, $0.label) }) }
            for row in table.rows {
                var days: [(Int, Day)] = []
                for (c, at) in byLabel where c < row.count {
                    if let at, let d = dateFormat.parse(row[c]) { days.append((at, d)) }
                }
                guard let first = days.map(\.1).min() else { continue }
                for (at, d) in days { labels[at].enteredOffsetSum += d - first; labels[at].enteredCount += 1 }
            }
        }
        // A status column says each deal's outcome, not its label's: the labels are judged by their words.
        stages = StagePlan.resolve(labels, mapping: mapping, evidence: StageEvidenceColumns(
            probability: header(.probability), isWon: statusColumn == nil ? header(.isWon) : nil, isClosed: statusColumn == nil ? header(.isClosed) : nil,
            forecast: header(.forecastCategory), entered: !enteredColumns.isEmpty, status: statusColumn))
        for (i, spec) in stages.stages.enumerated() {
            for p in labels where !stageIndex.keys.contains(p.label) {
                if (spec.labels + [spec.id]).contains(where: { $0.caseInsensitiveCompare(p.label) == .orderedSame }) { stageIndex[p.label] = i }
            }
        }
        // `Date entered` columns of a known stage are its entry dates (a repeated header: several).
        var byStage: [Int: [Int]] = [:]
        for (c, label) in enteredColumns {
            if let s = stages.stages.firstIndex(where: { spec in (spec.labels + [spec.id, spec.name]).contains { Self.enteredMatches(label, $0) } }) {
                byStage[s, default: []].append(c)
            }
        }
        entered = byStage.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }

        for t in typeOrder {
            let kind = DealTypes.kind(of: t, mapping: mapping.types)
            typeOf[t] = .some(kind)
            types.append((t, typeCounts[t]!, kind))
        }
    }

    /// The majority's separator; a tie is a decimal point (the CSV default).
    static func vote(_ v: (yes: Int, no: Int)) -> Bool? {
        v.yes == 0 && v.no == 0 ? nil : v.yes > v.no
    }
}

/// What one amount's text says, read byte by byte (no allocation on plain numbers): the
/// decimal separator it implies, and its currency code or symbol.
struct AmountScan {
    var decimalComma: Bool?
    var currency: String?

    init(_ text: String) {
        var dots = 0, commas = 0
        var letters: [UInt8] = [], symbol: String?
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: ","): commas += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letters.append(b)
            case UInt8(ascii: "$"): symbol = "USD"
            case 0xAC: symbol = "EUR"   // last byte of € (E2 82 AC)
            case 0xA3: symbol = "GBP"   // £ (C2 A3)
            case 0xA5: symbol = "JPY"   // ¥ (C2 A5)
            default: break
            }
        }
        currency = letters.count == 3 ? String(decoding: letters, as: UTF8.self) : symbol
        // A plain `1054` says nothing; a malformed `1,2,3` or one that reads both ways neither.
        if dots + commas > 0, let digits = amountDigits(text) { decimalComma = AmountWays(unsignedDigits(digits)).decimalComma }
    }
}
