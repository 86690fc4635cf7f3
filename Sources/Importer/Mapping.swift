import Foundation
import MetricsCore
import TOMLKit

/// A deal field an export's column can give; its raw value is its slot in per-field arrays.
enum Field: Int, CaseIterable, Sendable {
    case id, name, account, owner, amount, amountConverted, currency, convertedCurrency
    case stage, created, engaged, closeDate, lastActivity
    case product, probability, type, segment, source, nextStep, lostReason
    case isWon, isClosed, forecastCategory

    /// The name a mapping uses (`close_date`).
    var name: String { Field.names[rawValue] }

    /// Names by slot, written out (string interpolation of a case goes through reflection: slow
    /// on a per-row path).
    private static let names = [
        "id", "name", "account", "owner", "amount", "amount_converted", "currency", "amount_converted_currency",
        "stage", "created", "engaged", "close_date", "last_activity",
        "product", "probability", "type", "segment", "source", "next_step", "lost_reason",
        "is_won", "is_closed", "forecast_category",
    ]

    init?(name: String) {
        guard let f = Field.allCases.first(where: { $0.name == name }) else { return nil }
        self = f
    }

    static let dates: [Field] = [.created, .engaged, .closeDate, .lastActivity]
}

/// How a CSV export becomes an engagement: which column is what, how stage labels map to
/// stages, how dates are written. Read from a TOML file (see Examples/maven-crm/mapping.toml),
/// alone or layered on a preset: a mapping then holds only what differs.
public struct ImportMapping: Sendable {
    public struct StageSpec: Sendable, Equatable {
        public var id: String, name: String, probability: Double?, outcome: Stage.Outcome?
        /// The labels of this stage in the export (matched case-insensitively).
        public var labels: [String]
        public init(id: String, name: String, probability: Double?, outcome: Stage.Outcome?, labels: [String]) {
            self.id = id; self.name = name; self.probability = probability; self.outcome = outcome; self.labels = labels
        }
    }

    public var clientID: String
    public var clientName: String
    public var industry: String
    /// `nil` when neither the mapping nor the command line says: the export's own currency, else USD.
    public var currency: String?
    /// Field name (`id`, `name`, `account`, `owner`, `amount`, `stage`, `created`, `engaged`,
    /// `close_date`, `product`, `probability`, `type`, `segment`, `source`, …) → column header.
    public var columns: [String: String] = [:]
    /// More headers to try for a field, in order, when the first is not in the file.
    public var alternatives: [String: [String]] = [:]
    /// Fields whose column may be missing from the file (one mapping for several export views).
    public var optional: Set<String> = []
    public var stages: [StageSpec] = []
    /// The preset this mapping layers on: its default stages, and inferred stages for other labels.
    public var preset: ImportPreset?
    /// The stage a deal enters on its `engaged` date (history derived from the export's dates).
    public var engagedStage: String?
    public var dateFormat: DateFormat?
    /// `{column}` placeholders; default: the id.
    public var nameTemplate: String?
    /// Per column, value replacements applied before anything else: `GTXPro` → `GTX Pro`.
    public var aliases: [String: [String: String]] = [:]
    /// Deal type values (lowercased) → the format's type, on top of the built-in ones.
    public var types: [String: Deal.Kind] = [:]
    /// Currency → how many of the engagement's currency one unit is worth (`GBP = 1.17`).
    public var rates: [String: Double] = [:]
    /// The user's config's rates (`[rates]` of config.toml): each currency's value in one common
    /// unit, so the rate from X into the engagement's currency C is `configRates[X] / configRates[C]`.
    /// Used for a currency the mapping gives no rate for.
    public var configRates: [String: Double] = [:]
    /// Where `configRates` come from, for the summary and errors (`~/.config/redline/config.toml:4`).
    public var configRatesSource = "the config"
    /// A second CSV giving an estimated amount per value of a column (list prices by product).
    public var estimate: (file: String, key: String, value: String, column: String)?
    /// A file listing every rep: its name column and extra columns kept on the rep (manager, office).
    public var repsFile: (file: String, name: String, extra: [String])?
    /// A file listing accounts: its name column and the column giving the account's segment.
    public var accountsFile: (file: String, name: String, segment: String?)?
    /// Where relative files of the mapping are found: the mapping file's folder ("." for a
    /// mapping named without one, or made without a file).
    public var baseFolder: String = "."
    /// Per lookup table (`reps`, `accounts`, `amount_estimate`): where the mapping names its
    /// file (`map.toml:31`), for messages.
    public var lookupPlaces: [String: String] = [:]

    public static let fields = Field.allCases.map(\.name)

    public init(clientID: String, clientName: String, industry: String, currency: String? = nil) {
        self.clientID = clientID; self.clientName = clientName; self.industry = industry; self.currency = currency
    }

    /// A mapping's file path resolved against the mapping's folder (the current folder when the
    /// mapping was named without one: `"" + "/"` would have read from `/`).
    func resolve(_ file: String) -> String {
        file.hasPrefix("/") || baseFolder.isEmpty || baseFolder == "." ? file : baseFolder + "/" + file
    }

    /// A lookup file of the mapping (`table` is `reps`, `accounts` or `amount_estimate`), read;
    /// a problem with it names the mapping's key and where it is written.
    /// A relative name is read from the mapping's folder, whatever the current one: a problem
    /// says so and names the whole path, so `../../x.csv` copied elsewhere shows where it looked.
    func readLookup(_ table: String, _ file: String) throws(ImportError) -> CSVTable {
        if file.hasPrefix("/") {
            do { return try CSVTable.read(path: file) } catch { throw lookupProblem(table, file, error.message) }
        }
        do { return try CSVTable.read(path: resolve(file), shownAs: Self.absolute(resolve(file))) } catch {
            throw lookupProblem(table, file, error.message, relativeTo: Self.absolute(baseFolder))
        }
    }

    func lookupProblem(_ table: String, _ file: String, _ message: String, relativeTo folder: String) -> ImportError {
        ImportError("\(lookupPlaces[table] ?? "the mapping"): [\(table)] file \(shown(file)), relative to the mapping's folder \(folder): \(message)")
    }

    /// `path` from the root with `.` and `..` folded, as a person reads a path (`cd ..` does
    /// the same): `/tmp/a/../../x.csv` is `/x.csv`.
    static func absolute(_ path: String) -> String {
        let whole = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in whole.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    func lookupProblem(_ table: String, _ file: String, _ message: String) -> ImportError {
        ImportError("\(lookupPlaces[table] ?? "the mapping"): [\(table)] file \(shown(file)): \(message)")
    }

    /// The line of `key = …` under the header `[table]` of a mapping's text (1-based), else the
    /// header's line; nil when the table is written inline.
    static func line(of key: String, in table: String, text: String) -> Int? {
        var current = "", header: Int?
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                current = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                if current == table { header = i + 1 }
                continue
            }
            guard current == table, line.hasPrefix(key) else { continue }
            if line.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") { return i + 1 }
        }
        return header
    }

    /// Reads a mapping file over `base` (a preset's mapping, or the client the command line
    /// names): what the file says replaces what the base says; every problem names the file
    /// and the key.
    public static func load(path: String, over base: ImportMapping? = nil) throws(ImportError) -> ImportMapping {
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("cannot read the mapping \(path)") }
        let text = String(decoding: data, as: UTF8.self)
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch {
            throw ImportError("\(path): not valid TOML: \(error)")
        }
        func string(_ t: TOMLTable?, _ key: String, _ where_: String) throws(ImportError) -> String? {
            guard let value = t?[key] else { return nil }
            guard let s = value.string else { throw ImportError("\(path): \(where_).\(key) must be a string") }
            return s
        }
        func number(_ value: TOMLValueConvertible?) -> Double? { value?.double ?? value?.int.map(Double.init) }
        var m = base ?? ImportMapping(clientID: "", clientName: "", industry: "other")
        let folder = (path as NSString).deletingLastPathComponent
        m.baseFolder = folder.isEmpty ? "." : folder
        for lookup in ["reps", "accounts", "amount_estimate"] {
            m.lookupPlaces[lookup] = line(of: "file", in: lookup, text: text).map { "\(path):\($0)" } ?? path
        }
        let client = table["client"]?.table
        if let id = try string(client, "id", "client") { m.clientID = id; if base == nil { m.clientName = id } }
        if let name = try string(client, "name", "client") { m.clientName = name }
        if let industry = try string(client, "industry", "client") {
            switch ClientSetting.industry(industry) {
            case .success(let id): m.industry = id
            case .failure(let e): throw ImportError("\(path): client.industry: \(e.message)")
            }
        }
        if let currency = try string(client, "currency", "client") {
            switch ClientSetting.currency(currency) {
            case .success(let code): m.currency = code
            case .failure(let e): throw ImportError("\(path): client.currency: \(e.message)")
            }
        }
        guard !m.clientID.isEmpty else { throw ImportError("\(path): [client] needs an id (or give --client-id)") }

        for (key, value) in table["columns"]?.table ?? TOMLTable() {
            guard fields.contains(key) else { throw ImportError("\(path): columns.\(key) is not a field (fields: \(fields.joined(separator: ", ")))") }
            // A header, a list of headers (the first present wins), or `{ column = …, optional = true }`.
            var spec: TOMLValueConvertible = value
            if let t = value.table {
                guard let c = t["column"] else { throw ImportError("\(path): columns.\(key) needs column = \"header\"") }
                spec = c
                if let o = t["optional"] {
                    guard let b = o.bool else { throw ImportError("\(path): columns.\(key).optional must be true or false") }
                    if b { m.optional.insert(key) } else { m.optional.remove(key) }
                }
            }
            let headers: [String]
            if let s = spec.string { headers = [s] } else if let a = spec.array, a.allSatisfy({ $0.string != nil }) { headers = a.compactMap(\.string) } else {
                throw ImportError("\(path): columns.\(key) must be a header, a list of headers, or { column = \"header\", optional = true }")
            }
            // An empty header removes a preset's column.
            guard let first = headers.first, !first.isEmpty else { m.columns[key] = nil; m.alternatives[key] = nil; continue }
            m.columns[key] = first
            m.alternatives[key] = Array(headers.dropFirst())
        }
        if m.preset == nil {
            for required in ["id", "stage"] where m.columns[required] == nil {
                throw ImportError("\(path): columns.\(required) is required (or layer the mapping on --from hubspot or salesforce)")
            }
        }
        if let stages = table["stages"] {
            guard let list = stages.array else { throw ImportError("\(path): stages must be [[stages]] tables") }
            m.stages = []
            for (i, item) in list.enumerated() {
                let at = "stages[\(i)]"
                guard let t = item.table else { throw ImportError("\(path): \(at) must be a table") }
                var labels: [String] = []
                if let l = t["labels"] {
                    guard let a = l.array, a.allSatisfy({ $0.string != nil }) else { throw ImportError("\(path): \(at).labels must be a list of strings") }
                    labels = a.compactMap(\.string)
                }
                // Without an id the stage is named after its first label.
                guard let sid = try string(t, "id", at) ?? labels.first.map(slug) else { throw ImportError("\(path): \(at) needs an id or labels") }
                var outcome: Stage.Outcome?
                if let o = try string(t, "outcome", at), o != "open" {
                    guard let parsed = Stage.Outcome(rawValue: o) else { throw ImportError("\(path): \(at).outcome \(shown(o)) is not won, lost or open") }
                    outcome = parsed
                }
                var probability: Double?
                if let p = t["probability"] {
                    guard let v = number(p), (0...1).contains(v) else { throw ImportError("\(path): \(at).probability must be a number from 0 to 1") }
                    probability = v
                }
                m.stages.append(StageSpec(id: sid, name: try string(t, "name", at) ?? labels.first ?? sid,
                                          probability: probability, outcome: outcome, labels: labels.isEmpty ? [sid] : labels))
            }
        }
        if m.preset == nil && m.stages.isEmpty { throw ImportError("\(path): missing [[stages]] (or layer the mapping on --from hubspot or salesforce)") }
        if let e = try string(table["history"]?.table, "engaged_stage", "history") { m.engagedStage = e }
        if let format = try string(table["dates"]?.table, "format", "dates"), format != "auto" {
            do { m.dateFormat = try DateFormat(pattern: format) } catch { throw ImportError("\(path): dates.format \(error.message)") }
        }
        if let n = try string(table["deals"]?.table, "name", "deals") { m.nameTemplate = n }
        for (column, value) in table["aliases"]?.table ?? TOMLTable() {
            var map: [String: String] = [:]
            for (k, v) in value.table ?? TOMLTable() {
                guard let s = v.string else { throw ImportError("\(path): aliases.\(column).\(k) must be a string") }
                map[k] = s
            }
            m.aliases[column] = map
        }
        for (value, kind) in table["types"]?.table ?? TOMLTable() {
            guard let k = kind.string.flatMap(Deal.Kind.init(rawValue:)) else {
                throw ImportError("\(path): types.\(shown(value)) must be \"new_logo\", \"expansion\" or \"renewal\"")
            }
            m.types[value.lowercased()] = k
        }
        for (code, rate) in table["currency"]?.table?["rates"]?.table ?? TOMLTable() {
            guard let r = number(rate), r > 0 else { throw ImportError("\(path): currency.rates.\(code) must be a positive number") }
            m.rates[code.uppercased()] = r
        }
        if let r = table["reps"]?.table {
            guard let file = try string(r, "file", "reps"), let name = try string(r, "name", "reps") else {
                throw ImportError("\(path): [reps] needs file and name")
            }
            m.repsFile = (file, name, r["keep"]?.array?.compactMap(\.string) ?? [])
        }
        if let a = table["accounts"]?.table {
            guard let file = try string(a, "file", "accounts"), let name = try string(a, "name", "accounts") else {
                throw ImportError("\(path): [accounts] needs file and name")
            }
            m.accountsFile = (file, name, try string(a, "segment", "accounts"))
        }
        if let e = table["amount_estimate"]?.table {
            guard let file = try string(e, "file", "amount_estimate"), let key = try string(e, "key", "amount_estimate"),
                  let value = try string(e, "value", "amount_estimate"), let column = try string(e, "column", "amount_estimate") else {
                throw ImportError("\(path): [amount_estimate] needs file, key, value and column")
            }
            m.estimate = (file, key, value, column)
        }
        return m
    }
}

/// The client settings an import writes, checked as it takes them: a currency as an ISO 4217
/// code in capitals (`usd` is USD; the loader shows anything else as XXX), an industry among the
/// format's six (the loader would only warn, and judge the client by the saas/other preset).
public enum ClientSetting {
    /// The code in capitals, or why it is not one.
    public static func currency(_ text: String) -> Result<String, ImportError> {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.utf8.count == 3, code.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            return .failure(ImportError("\(shown(text)) is not an ISO 4217 code (three letters, e.g. EUR)"))
        }
        return .success(code)
    }

    /// The industry's id (any case), or why it is none.
    public static func industry(_ text: String) -> Result<String, ImportError> {
        let id = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard Industry(rawValue: id) != nil else {
            return .failure(ImportError("unknown industry \(shown(text)); known: \(Industry.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        return .success(id)
    }
}
