import Foundation
import Testing
@testable import Importer
import MetricsCore

/// The lookup files a mapping names (`[reps]`, `[accounts]`, `[amount_estimate]` file) are found
/// beside the mapping, and a problem with one names the mapping's key, its line and the reason.
@Suite struct LookupFileTests {
    static let asOf = Day("2017-12-31")!

    /// A Maven-shaped export with its mapping and lookup files, in a fresh folder.
    static func folder(mapping: String = mapping, lookups: Bool = true) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("redline-lookup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var files = [
            "sales_pipeline.csv": """
            opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
            1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054
            Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Engaging,2016-10-25,,
            EC4QE1BX,Darcel Schlecht,MG Special,Cancity,Lost,2016-10-25,2017-03-07,0

            """,
            "m.toml": mapping,
        ]
        if lookups {
            files["products.csv"] = "product,series,sales_price\nGTX Plus Basic,GTX,1096\nGTX Pro,GTX,4821\nMG Special,MG,55\n"
            files["sales_teams.csv"] = "sales_agent,manager,regional_office\nMoses Frase,Dustin Brinkmann,Central\nDarcel Schlecht,Melvin Marxen,Central\nAnna Snelling,Dustin Brinkmann,Central\n"
        }
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        return dir
    }

    static let mapping = """
        [client]
        id = "maven"

        [columns]
        id = "opportunity_id"
        owner = "sales_agent"
        stage = "deal_stage"
        engaged = "engage_date"
        close_date = "close_date"
        amount = "close_value"
        product = "product"

        [[stages]]
        id = "engaging"
        labels = ["Engaging"]
        [[stages]]
        id = "won"
        outcome = "won"
        labels = ["Won"]
        [[stages]]
        id = "lost"
        outcome = "lost"
        labels = ["Lost"]

        [aliases.product]
        GTXPro = "GTX Pro"

        [reps]
        file = "sales_teams.csv"   # beside the mapping
        name = "sales_agent"

        [amount_estimate]
          file = "products.csv"
        key = "product"
        value = "sales_price"
        column = "product"

        """

    @Test func lookupFilesAreReadBesideTheMapping() throws {
        let dir = try Self.folder()
        let mapping = try ImportMapping.load(path: dir + "/m.toml")
        #expect(mapping.baseFolder == dir)
        let result = try CSVImport.run(csvPath: dir + "/sales_pipeline.csv", mapping: mapping, asOf: Self.asOf)
        // The open GTXPro deal and the lost one take their product's list price.
        #expect(result.engagement.deals.map(\.amount) == [1_054, 4_821, 55])
        #expect(result.engagement.reps.map(\.id) == ["anna-snelling", "darcel-schlecht", "moses-frase"])
    }

    /// A mapping named without a folder (`--mapping m.toml`) reads its files from the current
    /// folder: `file = "products.csv"` is `products.csv`, not `/products.csv`.
    @Test func aMappingWithoutAFolderResolvesAgainstTheCurrentOne() {
        var mapping = ImportMapping(clientID: "c", clientName: "C", industry: "saas")
        #expect(mapping.resolve("products.csv") == "products.csv")
        mapping.baseFolder = "conf"
        #expect(mapping.resolve("products.csv") == "conf/products.csv")
        #expect(mapping.resolve("/data/products.csv") == "/data/products.csv")
    }

    @Test func aMissingLookupFileNamesTheKeyTheLineAndTheReason() throws {
        let dir = try Self.folder(lookups: false)
        let mapping = try ImportMapping.load(path: dir + "/m.toml")
        #expect(throws: ImportError("\(dir)/m.toml:33: [amount_estimate] file \"products.csv\", relative to the mapping's folder \(dir): cannot read \(dir)/products.csv: No such file or directory")) {
            try CSVImport.run(csvPath: dir + "/sales_pipeline.csv", mapping: mapping, asOf: Self.asOf)
        }
        try Data("product,sales_price\nGTX Pro,4821\n".utf8).write(to: URL(fileURLWithPath: dir + "/products.csv"))
        #expect(throws: ImportError("\(dir)/m.toml:29: [reps] file \"sales_teams.csv\", relative to the mapping's folder \(dir): cannot read \(dir)/sales_teams.csv: No such file or directory")) {
            try CSVImport.run(csvPath: dir + "/sales_pipeline.csv", mapping: mapping, asOf: Self.asOf)
        }
        try FileManager.default.createDirectory(atPath: dir + "/sales_teams.csv", withIntermediateDirectories: false)
        #expect(throws: ImportError("\(dir)/m.toml:29: [reps] file \"sales_teams.csv\", relative to the mapping's folder \(dir): cannot read \(dir)/sales_teams.csv: it is a folder")) {
            try CSVImport.run(csvPath: dir + "/sales_pipeline.csv", mapping: mapping, asOf: Self.asOf)
        }
    }

    /// A relative name that climbs out of the mapping's folder is named as the whole path it
    /// was read at, `..` folded; an absolute one as written, with no "relative" clause.
    @Test func anUnreadableLookupFileIsNamedByItsWholePath() throws {
        let dir = try Self.folder(mapping: Self.mapping.replacingOccurrences(of: "file = \"sales_teams.csv\"", with: "file = \"../teams/sales_teams.csv\""))
        let mapping = try ImportMapping.load(path: dir + "/m.toml")
        let parent = (dir as NSString).deletingLastPathComponent
        #expect(throws: ImportError("\(dir)/m.toml:29: [reps] file \"../teams/sales_teams.csv\", relative to the mapping's folder \(dir): cannot read \(parent)/teams/sales_teams.csv: No such file or directory")) {
            try CSVImport.run(csvPath: dir + "/sales_pipeline.csv", mapping: mapping, asOf: Self.asOf)
        }
        var absolute = mapping
        absolute.repsFile = ("/nonexistent/teams.csv", "sales_agent", [])
        #expect(throws: ImportError("\(dir)/m.toml:29: [reps] file \"/nonexistent/teams.csv\": cannot read /nonexistent/teams.csv: No such file or directory")) {
            try CSVImport.run(csvPath: dir + "/sales_pipeline.csv", mapping: absolute, asOf: Self.asOf)
        }
        #expect(ImportMapping.absolute("/tmp/a/../../x.csv") == "/x.csv")
        #expect(ImportMapping.absolute("/tmp/./a//b.csv") == "/tmp/a/b.csv")
        #expect(ImportMapping.absolute("b.csv") == FileManager.default.currentDirectoryPath + "/b.csv")
    }

    @Test func aLookupFileWithoutItsColumnsNamesTheKey() throws {
        let dir = try Self.folder()
        try Data("product,price\nGTX Pro,4821\n".utf8).write(to: URL(fileURLWithPath: dir + "/products.csv"))
        try Data("agent\nMoses Frase\n".utf8).write(to: URL(fileURLWithPath: dir + "/sales_teams.csv"))
        let mapping = try ImportMapping.load(path: dir + "/m.toml")
        #expect(throws: ImportError("\(dir)/m.toml:33: [amount_estimate] file \"products.csv\": needs the columns \"product\" and \"sales_price\" (key and value); its columns are: \"product\", \"price\"")) {
            try CSVImport.run(csvPath: dir + "/sales_pipeline.csv", mapping: mapping, asOf: Self.asOf)
        }
        try Data("product,sales_price\nGTX Pro,4821\n".utf8).write(to: URL(fileURLWithPath: dir + "/products.csv"))
        #expect(throws: ImportError("\(dir)/m.toml:29: [reps] file \"sales_teams.csv\": has no column \"sales_agent\" (name); its columns are: \"agent\"")) {
            try CSVImport.run(csvPath: dir + "/sales_pipeline.csv", mapping: mapping, asOf: Self.asOf)
        }
    }

    @Test func theLineOfAKeyIsFoundUnderItsTable() {
        let text = "[reps]\nname = \"a\"\nfile=\"r.csv\"\n\n[accounts]\n  # file = \"no\"\n  file   = \"a.csv\"\n[amount_estimate]\nkey = \"k\"\n"
        #expect(ImportMapping.line(of: "file", in: "reps", text: text) == 3)
        #expect(ImportMapping.line(of: "file", in: "accounts", text: text) == 7)
        // No `file` line under the table: its header's line.
        #expect(ImportMapping.line(of: "file", in: "amount_estimate", text: text) == 8)
        #expect(ImportMapping.line(of: "file", in: "deals", text: text) == nil)
        // `filename = …` is not `file`.
        #expect(ImportMapping.line(of: "file", in: "t", text: "[t]\nfilename = \"x\"\n") == 1)
    }
}
