import Foundation
import MetricsCore
import TOMLKit

/// How a CSV export becomes an engagement: which column is what, how stage labels map to
/// stages, how dates are written. Read from a TOML file (see Examples/maven-crm/mapping.toml).
public struct ImportMapping: Sendable {
    public struct StageSpec: Sendable {
        public var id: String, name: String, probability: Double?, outcome: Stage.Outcome?
        /// The labels of this stage in the export (matched case-insensitively).
        public var labels: [String]
    }

    public var clientID: String
    public var clientName: String
    public var industry: String
    public var currency: String = "USD"
    /// Field name (`id`, `name`, `account`, `owner`, `amount`, `stage`, `created`, `engaged`,
    /// `close_date`, `product`, `probability`, `type`, `segment`, `source`) → column header.
    public var columns: [String: String] = [:]
    public var stages: [StageSpec] = []
    /// The stage a deal enters on its `engaged` date (history derived from the export's dates).
    public var engagedStage: String?
    public var dateFormat: DateFormat?
    /// `{column}` placeholders; default: the id.
    public var nameTemplate: String?
    /// Per column, value replacements applied before anything else: `GTXPro` → `GTX Pro`.
    public var aliases: [String: [String: String]] = [:]
    /// A second CSV giving an estimated amount per value of a column (list prices by product).
    public var estimate: (file: String, key: String, value: String, column: String)?
    /// A file listing every rep: its name column and extra columns kept on the rep (manager, office).
    public var repsFile: (file: String, name: String, extra: [String])?
    /// A file listing accounts: its name column and the column giving the account's segment.
    public var accountsFile: (file: String, name: String, segment: String?)?
    /// Where relative files of the mapping are found.
    public var baseFolder: String = "."

    public static let fields = ["id", "name", "account", "owner", "amount", "stage", "created", "engaged", "close_date",
                                "product", "probability", "type", "segment", "source", "next_step", "lost_reason"]

    /// Reads a mapping file; every problem names the file and the key.
    /// A mapping's file path resolved against the mapping's folder.
    func resolve(_ file: String) -> String { file.hasPrefix("/") ? file : baseFolder + "/" + file }

    public static func load(path: String) throws(ImportError) -> ImportMapping {
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("cannot read the mapping \(path)") }
        let table: TOMLTable
        do { table = try TOMLTable(string: String(decoding: data, as: UTF8.self)) } catch {
            throw ImportError("\(path): not valid TOML: \(error)")
        }
        func string(_ t: TOMLTable?, _ key: String, _ where_: String) throws(ImportError) -> String? {
            guard let value = t?[key] else { return nil }
            guard let s = value.string else { throw ImportError("\(path): \(where_).\(key) must be a string") }
            return s
        }
        var m = ImportMapping(clientID: "", clientName: "", industry: "other")
        m.baseFolder = (path as NSString).deletingLastPathComponent
        let client = table["client"]?.table
        guard let id = try string(client, "id", "client"), let name = try string(client, "name", "client") else {
            throw ImportError("\(path): [client] needs id and name")
        }
        m.clientID = id; m.clientName = name
        m.industry = try string(client, "industry", "client") ?? "other"
        m.currency = try string(client, "currency", "client") ?? "USD"
        guard let columns = table["columns"]?.table else { throw ImportError("\(path): missing the [columns] table") }
        for key in columns.keys {
            guard fields.contains(key) else { throw ImportError("\(path): columns.\(key) is not a field (fields: \(fields.joined(separator: ", ")))") }
            m.columns[key] = try string(columns, key, "columns")
        }
        for required in ["id", "stage"] where m.columns[required] == nil {
            throw ImportError("\(path): columns.\(required) is required")
        }
        guard let stages = table["stages"]?.array, !stages.isEmpty else { throw ImportError("\(path): missing [[stages]]") }
        for (i, item) in stages.enumerated() {
            guard let t = item.table, let sid = try string(t, "id", "stages[\(i)]") else { throw ImportError("\(path): stages[\(i)] needs an id") }
            let outcome = try string(t, "outcome", "stages[\(i)]").flatMap(Stage.Outcome.init(rawValue:))
            let labels = t["labels"]?.array?.compactMap(\.string) ?? [sid]
            m.stages.append(StageSpec(id: sid, name: try string(t, "name", "stages[\(i)]") ?? sid,
                                      probability: t["probability"]?.double ?? t["probability"]?.int.map(Double.init),
                                      outcome: outcome, labels: labels))
        }
        let history = table["history"]?.table
        m.engagedStage = try string(history, "engaged_stage", "history")
        if let format = try string(table["dates"]?.table, "format", "dates"), format != "auto" {
            guard let f = DateFormat(rawValue: format) else {
                throw ImportError("\(path): dates.format \"\(format)\" is not one of auto, \(DateFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            m.dateFormat = f
        }
        m.nameTemplate = try string(table["deals"]?.table, "name", "deals")
        if let aliases = table["aliases"]?.table {
            for column in aliases.keys {
                var map: [String: String] = [:]
                for (k, v) in aliases[column]?.table ?? TOMLTable() { map[k] = v.string ?? "" }
                m.aliases[column] = map
            }
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
