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

    /// An engagement that would not load (here an empty client id) is reported at its line and
    /// column in the file it would be (the model check finds it, the written bytes place it), and
    /// nothing is written. --apply refuses it, so the dry run ends by saying so, not by inviting
    /// --apply (it said "Add --apply to write …", and --apply itself said "Dry run").
    @Test func anEngagementThatWouldNotLoadIsNotWritten() throws {
        let dir = try CommandRunner.temporaryFolder()
        let out = dir.appendingPathComponent("crm.json").path
        let problem = "The engagement would not load:\n  \(out):5:11: error: client.id: expected a non-empty string id, found the empty string\n"
        for (apply, last) in [(false, "Dry run: nothing written, and --apply would refuse too: the engagement would not load.\n"),
                              (true, "Nothing written: the engagement would not load.\n")] {
            let r = try CommandRunner.run(["import", csv, "--mapping", mapping, "--into", out, "--as-of", "2017-12-31", "--client-id", ""] + (apply ? ["--apply"] : []))
            #expect(r.status == 1 && r.stderr.isEmpty)
            #expect(r.stdout.hasSuffix(problem + last), "\(apply): \(r.stdout.suffix(300))")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func badInputIsOneClearLine() throws {
        let dir = try CommandRunner.temporaryFolder()
        let badMap = dir.appendingPathComponent("bad.toml").path
        try Data("[client]\nid = \"x\"\nname = \"X\"\n[columns]\nid = \"opportunity_id\"\nstage = \"Deal Stage X\"\n[[stages]]\nid = \"won\"\noutcome = \"won\"\n".utf8).write(to: URL(fileURLWithPath: badMap))
        let r = try CommandRunner.run(["import", csv, "--mapping", badMap, "--into", dir.appendingPathComponent("x.json").path])
        #expect(r.status == 1)
        #expect(r.stderr == "redline: error: the column \"Deal Stage X\" (columns.stage of the mapping) is not in \(csv); its columns are: \"opportunity_id\", \"sales_agent\", \"product\", \"account\", \"deal_stage\", \"engage_date\", \"close_date\", \"close_value\"\n")
        let missing = try CommandRunner.run(["import", "/no/such.csv", "--mapping", mapping, "--into", "x.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "redline: error: no such file: /no/such.csv\n")
        let format = try CommandRunner.run(["import", csv, "--mapping", mapping, "--into", "x.json", "--date-format", "YYYY"])
        #expect(format.status == 2)
        #expect(format.stderr == "redline: error: --date-format: \"YYYY\" is not a date pattern; write the order of d, M and yyyy with - / or . (d-M-yyyy, M/d/yyyy, yyyy-MM-dd)\n")
        let twoDigits = try CommandRunner.run(["import", csv, "--mapping", mapping, "--into", "x.json", "--date-format", "d-M-yy"])
        #expect(twoDigits.status == 2)
        #expect(twoDigits.stderr == "redline: error: --date-format: \"d-M-yy\": two-digit years are not read (17-7-18 could be 1918 or 2018); export dates with four-digit years (yyyy)\n")
        let noInto = try CommandRunner.run(["import", "--from", "hubspot", csv])
        #expect(noInto.status == 2)
        #expect(noInto.stderr.contains("Missing expected argument '--into <engagement.json>'"))
    }
}

/// The exports of issue 11 through the command a user types (fixtures in Tests/ImporterTests/Fixtures/crm).
@Suite struct ImportRealExportsCLITests {
    let crm = CommandRunner.packageRoot.path + "/Tests/ImporterTests/Fixtures/crm/"

    @Test func anImportThatMakesNoDealExitsOneAndWritesNothing() throws {
        let dir = try CommandRunner.temporaryFolder()
        let map = dir.appendingPathComponent("m.toml").path
        try Data("[client]\nid = \"x\"\n[columns]\nid = \"Record ID\"\nstage = \"Deal Stage\"\n[[stages]]\nid = \"won\"\noutcome = \"won\"\n[[stages]]\nid = \"lost\"\noutcome = \"lost\"\n".utf8).write(to: URL(fileURLWithPath: map))
        let out = dir.appendingPathComponent("x.json").path
        let r = try CommandRunner.run(["import", crm + "hubspot-custom-pipeline.csv", "--mapping", map, "--into", out, "--as-of", "2023-12-15", "--apply"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("redline: error: \(crm)hubspot-custom-pipeline.csv: no deal made from its 87 rows, so nothing is written: skipped: unknown stage in Deal Stage: 87 (row 2 \"Opportunity identified\", row 3 \"Closed: won\""))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func thePresetAloneSaysWhatItInferred() throws {
        let dir = try CommandRunner.temporaryFolder()
        let out = dir.appendingPathComponent("consultancy.json").path
        let r = try CommandRunner.run(["import", "--from", "hubspot", crm + "hubspot-custom-pipeline.csv", "--into", out, "--as-of", "2023-12-15", "--currency", "EUR"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("  amounts: Amount in EUR (as given)\n"))
        #expect(r.stdout.contains("Stages, label by label (not all the CRM's defaults; open stages ordered by first appearance in the file):\n  \"Opportunity identified\": 14 → open, 1 of 3, stage opportunity-identified (its words)\n"))
        #expect(r.stdout.contains("  \"Closed: abandoned\": 11 → lost, stage closed-abandoned (its words)\n"))
        #expect(r.stdout.contains("Deal types: \"New Business\" 57 → new_logo, \"Existing Business\" 30 → expansion\n"))
        #expect(r.stdout.contains("  empty Amount: 0 used: 54 (rows "))
        #expect(r.stdout.contains("  (--all-warnings lists every row)\n"))
        let all = try CommandRunner.run(["import", "--from", "hubspot", crm + "hubspot-custom-pipeline.csv", "--into", out, "--as-of", "2023-12-15", "--all-warnings"])
        let rows = all.stdout.components(separatedBy: "\n").drop { $0 != "empty Amount: 0 used: 54" && $0 != "  empty Amount: 0 used: 54" }.dropFirst().prefix { $0.hasPrefix("    row ") }
        #expect(rows.count == 54)
    }

    @Test func writeMappingEditOnceAndImport() throws {
        let dir = try CommandRunner.temporaryFolder()
        let map = dir.appendingPathComponent("map.toml").path, out = dir.appendingPathComponent("consultancy.json").path
        let file = crm + "hubspot-custom-pipeline.csv"
        let w = try CommandRunner.run(["import", "--from", "hubspot", file, "--write-mapping", map, "--into", out, "--as-of", "2023-12-15"])
        #expect(w.status == 0)
        #expect(w.stdout == "Wrote the mapping \(map): check each guess in it, edit what is wrong, then:\n  redline import --from hubspot \(file) --mapping \(map) --into \(out)\nWith it as it is: 87 deals (won 28, lost 28, open 31), 0 rows skipped.\n")
        #expect(!FileManager.default.fileExists(atPath: out))
        let again = try CommandRunner.run(["import", "--from", "hubspot", file, "--write-mapping", map, "--into", out])
        #expect(again.status == 2)
        #expect(again.stderr == "redline: error: --write-mapping: \(map) exists; give a new file name (it is never overwritten)\n")
        // The one edit: amounts are in euros.
        let text = try String(contentsOfFile: map, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "currency = \"USD\"", with: "currency = \"EUR\"").utf8).write(to: URL(fileURLWithPath: map))
        let r = try CommandRunner.run(["import", "--from", "hubspot", file, "--mapping", map, "--into", out, "--as-of", "2023-12-15", "--apply"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("  amounts: Amount in EUR (as given)\n"))
        #expect(r.stdout.hasSuffix("Wrote \(out).\n"))
        let check = try CommandRunner.run(["check", out])
        #expect(!check.stdout.contains("unknown deal type"))
    }

    @Test func aReimportAppendsTheStagesItsMappingAdds() throws {
        let dir = try CommandRunner.temporaryFolder()
        let out = dir.appendingPathComponent("acme.json").path
        // First import: HubSpot's default pipeline.
        let first = try CommandRunner.run(["import", "--from", "hubspot", crm + "hubspot-deals.csv", "--into", out, "--as-of", "2026-11-23", "--apply"])
        #expect(first.status == 0)
        // Then the consultancy's own pipeline, with a mapping that holds only one stage.
        let map = dir.appendingPathComponent("m.toml").path
        try Data("[[stages]]\nid = \"on-hold\"\nlabels = [\"On hold / future opportunity\"]\n".utf8).write(to: URL(fileURLWithPath: map))
        let r = try CommandRunner.run(["import", "--from", "hubspot", crm + "hubspot-custom-pipeline.csv", "--mapping", map, "--into", out, "--as-of", "2026-11-23", "--apply"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("  new stages, appended to the file's: opportunity-identified (open), awaiting-procurement (open), on-hold (open), closed-lost (lost), closed-abandoned (lost)\n"))
        #expect(r.stdout.hasSuffix("Updated \(out).\n"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        let stages = (json["stages"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(stages == ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost",
                           "opportunity-identified", "awaiting-procurement", "on-hold", "closed-lost", "closed-abandoned"])
        let check = try CommandRunner.run(["check", out])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func theDutchReportWithItsPatternAndTheCurrencyItIsIn() throws {
        let dir = try CommandRunner.temporaryFolder()
        let out = dir.appendingPathComponent("nl.json").path
        let r = try CommandRunner.run(["import", "--from", "salesforce", crm + "salesforce-dutch-report.csv", "--into", out, "--as-of", "2018-09-30", "--date-format", "d-M-yyyy"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Import of \(crm)salesforce-dutch-report.csv with the salesforce preset, export date 2018-09-30, dates d-M-yyyy\n"))
        #expect(r.stdout.contains("  amounts: Amount (converted) in EUR (the export mixes EUR 28, GBP 12 (Amount Currency))\n"))
        let usd = try CommandRunner.run(["import", "--from", "salesforce", crm + "salesforce-dutch-report.csv", "--into", out, "--as-of", "2018-09-30", "--currency", "USD"])
        #expect(usd.status == 1)
        #expect(usd.stderr == "redline: error: \(crm)salesforce-dutch-report.csv: Amount (converted) is in EUR but the currency given is USD; drop --currency (or [client] currency)\n")
    }
}
