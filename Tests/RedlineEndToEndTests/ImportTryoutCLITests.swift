import Foundation
import Testing

/// The import items of try-out 3 through the command a user types: spreadsheet row numbers,
/// Pipedrive's status column, the client's currency and industry, a UTF-16 export, a report
/// without its id column.
@Suite struct ImportTryoutCLITests {
    func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// BUG 3: a blank row and a row of commas before "abc": it is on row 5, as a spreadsheet shows it.
    @Test func rowNumbersAreTheSpreadsheets() throws {
        let dir = try CommandRunner.temporaryFolder()
        let csv = try write(Array(("Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date\r\n1,A,Closed Won,100,2026-10-01,2026-09-01\r\n,,,,,\r\n\r\n"
                                  + "2,B,Closed Lost,abc,2026-10-01,2026-09-01\r\n3,C,Closed Lost,5,2026-10-01,2026-09-01\r\n").utf8), "rows.csv", in: dir)
        let r = try CommandRunner.run(["import", "--from", "hubspot", csv, "--into", dir.appendingPathComponent("rows.json").path, "--as-of", "2026-11-30"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("  rows read: 3; deals made: 2 (won 1, lost 1, open 0); rows skipped: 1\n"))
        #expect(r.stdout.contains("Warnings, by kind:\n  skipped: not an amount in Amount: 1 (row 5 \"abc\")\n"))
        let strict = try CommandRunner.run(["import", "--from", "hubspot", csv, "--into", dir.appendingPathComponent("rows.json").path, "--as-of", "2026-11-30", "--strict"])
        #expect(strict.status == 1 && strict.stderr == "redline: error: \(csv): row 5: Amount \"abc\" is not an amount\n")
    }

    /// BUG 4: a Pipedrive export: --write-mapping reads its status as the won and closed flags,
    /// and the import gives the won and the lost deal, each closed from the stage it stood at.
    @Test func pipedrivesStatusMakesWonAndLostDeals() throws {
        let dir = try CommandRunner.temporaryFolder()
        let csv = try write(Array("""
        Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Status,Deal - Expected close date,Deal - Deal created,Deal - Owner,Organization - Name
        1,Acme expansion,12500,USD,Qualified,open,2026-12-15,2026-09-01 10:22:33,Jane,Acme
        2,Beta,8000.5,USD,Contact Made,open,2026-11-30,2026-08-15 09:00:00,Bob,Beta
        4,Delta,50000,USD,Proposal Made,won,2026-10-31,2026-06-01 08:00:00,Jane,Delta
        5,Eps,3000,USD,Contact Made,lost,2026-11-02,2026-06-01 08:00:00,Bob,Eps

        """.utf8), "pipedrive.csv", in: dir)
        let map = dir.appendingPathComponent("pd.toml").path, out = dir.appendingPathComponent("pd.json").path
        let written = try CommandRunner.run(["import", "--from", "csv", csv, "--write-mapping", map, "--into", out, "--as-of", "2026-11-30"])
        #expect(written.status == 0)
        #expect(written.stdout.hasSuffix("With it as it is: 4 deals (won 1, lost 1, open 2), 0 rows skipped.\n"))
        let r = try CommandRunner.run(["import", "--from", "csv", csv, "--mapping", map, "--into", out, "--as-of", "2026-11-30", "--apply"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("  rows read: 4; deals made: 4 (won 1, lost 1, open 2); rows skipped: 0\n"))
        #expect(r.stdout.contains("  won or lost by Deal - Status at an open stage, so closed from that stage on the close date: 1 won, 1 lost\n"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        let histories = (json["deals"] as! [[String: Any]]).map { deal in
            (deal["stage_history"] as! [[String: String]]).map { "\($0["stage"]!) \($0["on"]!)" }.joined(separator: ", ")
        }
        #expect(histories == ["qualified 2026-09-01", "contact-made 2026-08-15", "proposal-made 2026-06-01, won 2026-10-31", "contact-made 2026-06-01, lost 2026-11-02"])
    }

    /// ROUGH 8: `usd` is USD; EURO and an unknown industry are refused before anything is read,
    /// as --date-format is; the mapping's [client] the same way, at its file.
    @Test func theClientsCurrencyAndIndustryAreChecked() throws {
        let dir = try CommandRunner.temporaryFolder()
        let csv = try write(Array("Record ID,Deal Stage,Amount,Create Date\n1,Closed Won,100,2026-09-01\n".utf8), "hs.csv", in: dir)
        let out = dir.appendingPathComponent("hs.json").path
        let usd = try CommandRunner.run(["import", "--from", "hubspot", csv, "--into", out, "--as-of", "2026-11-30", "--currency", "usd", "--industry", "HR_Tech", "--apply"])
        #expect(usd.status == 0 && usd.stdout.contains("  amounts: Amount in USD (as given)\n"))
        let file = try String(contentsOfFile: out, encoding: .utf8)
        #expect(file.contains("\"industry\": \"hr_tech\"") && file.contains("\"currency\": \"USD\""))
        let cases: [([String], Int32, String)] = [
            (["--currency", "EURO"], 2, "redline: error: --currency: \"EURO\" is not an ISO 4217 code (three letters, e.g. EUR)\n"),
            (["--industry", "fintech"], 2, "redline: error: --industry: unknown industry \"fintech\"; known: professional_services, hr_tech, martech, ai_startup, saas, other\n"),
        ]
        for (args, status, message) in cases {
            let r = try CommandRunner.run(["import", "--from", "hubspot", csv, "--into", dir.appendingPathComponent("new.json").path, "--as-of", "2026-11-30"] + args)
            #expect(r.status == status && r.stderr == message)
        }
        let map = try write(Array("[client]\nindustry = \"fintech\"\n".utf8), "m.toml", in: dir)
        let mapped = try CommandRunner.run(["import", "--from", "hubspot", csv, "--mapping", map, "--into", dir.appendingPathComponent("new.json").path, "--as-of", "2026-11-30"])
        #expect(mapped.status == 1 && mapped.stderr == "redline: error: \(map): client.industry: unknown industry \"fintech\"; known: professional_services, hr_tech, martech, ai_startup, saas, other\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("new.json").path))
    }

    /// ROUGH 8: Excel's "Unicode text" is said to be UTF-16, with what to do; a Salesforce report
    /// without its id column says how to import it.
    @Test func aUTF16ExportAndAReportWithoutItsId() throws {
        let dir = try CommandRunner.temporaryFolder()
        let text = "Record ID\tDeal Stage\r\n1\tClosed Won\r\n"
        let u16 = try write([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "u16.csv", in: dir)
        let r = try CommandRunner.run(["import", "--from", "hubspot", u16, "--into", dir.appendingPathComponent("x.json").path, "--as-of", "2026-11-30"])
        #expect(r.status == 1 && r.stderr == "redline: error: \(u16) is UTF-16 text (Excel's \"Unicode text\"), not UTF-8: save the export as \"CSV UTF-8\" and import that\n")
        let sf = try write(Array("Opportunity Name;Stage;Amount\nAcme;Closed Won;100\n".utf8), "sf.csv", in: dir)
        let noID = try CommandRunner.run(["import", "--from", "salesforce", sf, "--into", dir.appendingPathComponent("x.json").path, "--as-of", "2026-11-30"])
        #expect(noID.status == 1)
        #expect(noID.stderr == "redline: error: \(sf) has no column for the deal's id; its columns are: \"Opportunity Name\", \"Stage\", \"Amount\". To import it, add Salesforce's \"Opportunity ID\" column to the export, "
                + "or name the column in a mapping ([columns] id = \"…\"; --write-mapping NEW.toml writes one to edit and pass with --mapping)\n")
    }
}
