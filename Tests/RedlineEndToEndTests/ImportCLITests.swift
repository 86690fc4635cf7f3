import Foundation
import Testing

/// `redline import` end to end on the real export shipped in the tests, as the README shows it.
@Suite struct ImportCLITests {
    let root = CommandRunner.packageRoot.path
    var csv: String { root + "/Tests/ImporterTests/Fixtures/maven/sales_pipeline.csv" }
    var mapping: String { root + "/Examples/maven-crm/mapping.toml" }

    @Test func dryRunThenApplyThenReport() throws {
        let dir = try CommandRunner.temporaryFolder()
        let out = dir.appendingPathComponent("crm.json").path
        let dry = try CommandRunner.run(["import", "--from", "csv", csv, "--mapping", mapping, "--into", out, "--as-of", "2017-12-31"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("  rows read: 8,800; deals made: 8,800 (won 4,238, lost 2,473, open 2,089); rows skipped: 0\n"))
        #expect(dry.stdout.contains("  open deal without account: 1,425 (rows 11, 44, 46, 58, 62, …)\n"))
        #expect(dry.stdout.hasSuffix("Dry run: nothing written. Add --apply to write \(out).\n"))
        #expect(!FileManager.default.fileExists(atPath: out))

        let apply = try CommandRunner.run(["import", csv, "--mapping", mapping, "--into", out, "--as-of", "2017-12-31", "--apply"])
        #expect(apply.status == 0)
        #expect(apply.stdout.hasSuffix("Wrote \(out).\n"))
        let report = try CommandRunner.run(["report", out, "--as-of", "2017-12-31", "--format", "json"])
        #expect(report.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as! [String: Any]
        let kpis = ((json["engagements"] as! [[String: Any]])[0]["kpis"] as! [[String: Any]])
        #expect(abs((kpis[0]["value"] as? Double ?? 0) - 1181.0 / 1958.0) < 1e-12) // Foundation parses the last digit loosely

        // The same export again: nothing moved.
        let again = try CommandRunner.run(["import", csv, "--mapping", mapping, "--into", out, "--as-of", "2017-12-31"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Changes to \(out) since its last import:\n  none\nDry run: nothing written."))

        // A later export without its first 12 deals: ten ids are listed, then how many more.
        // (The file's lines end in CRLF, one Character in Swift.)
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(whereSeparator: \.isNewline)
        let later = dir.appendingPathComponent("later.csv").path
        try (([lines[0]] + lines.dropFirst(13)).joined(separator: "\n")).write(toFile: later, atomically: true, encoding: .utf8)
        let gone = lines[1...12].map { $0.split(separator: ",")[0] }
        let merged = try CommandRunner.run(["import", later, "--mapping", mapping, "--into", out, "--as-of", "2018-01-15"])
        #expect(merged.status == 0)
        #expect(merged.stdout.contains("\n  gone from the CRM (kept, with gone_on): 12 (\(gone.prefix(10).joined(separator: ", ")), and 2 more)\n"))
    }

    @Test func badInputIsOneClearLine() throws {
        let dir = try CommandRunner.temporaryFolder()
        let badMap = dir.appendingPathComponent("bad.toml").path
        try Data("[client]\nid = \"x\"\nname = \"X\"\n[columns]\nid = \"opportunity_id\"\nstage = \"Deal Stage X\"\n[[stages]]\nid = \"won\"\noutcome = \"won\"\n".utf8).write(to: URL(fileURLWithPath: badMap))
        let r = try CommandRunner.run(["import", csv, "--mapping", badMap, "--into", dir.appendingPathComponent("x.json").path])
        #expect(r.status == 1)
        #expect(r.stderr == "redline: error: the column \"Deal Stage X\" (columns.stage of the mapping) is not in \(csv); its columns are: opportunity_id, sales_agent, product, account, deal_stage, engage_date, close_date, close_value\n")
        let missing = try CommandRunner.run(["import", "/no/such.csv", "--mapping", mapping, "--into", "x.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "redline: error: no such file: /no/such.csv\n")
        let format = try CommandRunner.run(["import", csv, "--mapping", mapping, "--into", "x.json", "--date-format", "YYYY"])
        #expect(format.status == 2)
        #expect(format.stderr == "redline: error: --date-format: \"YYYY\" is not one of yyyy-MM-dd, MM/dd/yyyy, dd/MM/yyyy, dd.MM.yyyy\n")
    }
}
