import Foundation
import Testing

/// Three successive exports of one CRM imported into one file (engagement-format.md, "Successive
/// exports"): what a review of an earlier day computed never changes, and gone deals leave the
/// pipeline. The exports (Tests/ImporterTests/Fixtures/successive) have real exports' habits:
/// times after dates, currency amounts, a quoted company with a comma, percent probabilities,
/// and CRM dates for moves that are before the earlier export (a late won, a late create).
@Suite struct SuccessiveImportTests {
    let fixtures = CommandRunner.packageRoot.path + "/Tests/ImporterTests/Fixtures/successive"
    var mapping: String { fixtures + "/mapping.toml" }
    func export(_ date: String) -> String { fixtures + "/export-\(date).csv" }

    func day(_ s: String) -> Date { ISO8601DateFormatter().date(from: s + "T12:00:00Z")! }
    func days(from: String, through: String) -> [String] {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return stride(from: day(from), through: day(through), by: 86_400).map { f.string(from: $0) }
    }

    func importing(_ date: String, into file: String, apply: Bool = true) throws -> CommandRunner.Result {
        try CommandRunner.run(["import", export(date), "--mapping", mapping, "--into", file, "--as-of", date] + (apply ? ["--apply"] : []))
    }

    /// `redline report --as-of D --format json` for each day.
    func reports(_ file: String, _ dates: [String]) throws -> [String: String] {
        var out: [String: String] = [:]
        for d in dates {
            let r = try CommandRunner.run(["report", file, "--as-of", d, "--format", "json"])
            #expect(r.status == 0, "\(d): \(r.stderr)")
            out[d] = r.stdout
        }
        return out
    }

    /// The report with the file's `data_as_of` (which every import sets) put back to `date`:
    /// every other byte must be as it was.
    func withDataAsOf(_ report: String, _ date: String) -> String {
        report.replacingOccurrences(of: #""data_as_of": "\d{4}-\d{2}-\d{2}""#, with: "\"data_as_of\": \"\(date)\"", options: .regularExpression)
    }

    func engagement(_ report: String) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: Any]
        return (json["engagements"] as! [[String: Any]])[0]
    }

    func kpi(_ e: [String: Any], _ id: String) -> Double? {
        (e["kpis"] as! [[String: Any]]).first { $0["id"] as? String == id }?["value"] as? Double
    }

    @Test func aNewerExportNeverChangesAnEarlierReview() throws {
        let dir = try CommandRunner.temporaryFolder()
        let file = dir.appendingPathComponent("crm.json").path
        #expect(try importing("2026-10-31", into: file).status == 0)
        // Every day from the first deal's creation to the first export's date.
        let early = days(from: "2026-08-20", through: "2026-10-31")
        let baseline = try reports(file, early)

        // A dry run writes nothing.
        let firstBytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let dry = try importing("2026-11-14", into: file, apply: false)
        #expect(dry.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == firstBytes)

        let second = try importing("2026-11-14", into: file)
        #expect(second.status == 0, "\(second.stderr)")
        let changes = """
            Changes to \(file) since its last import:
              data_as_of: 2026-10-31 → 2026-11-14
              new deals: 2 (D-11, D-12)
                1 of them with CRM dates up to the last import: dated from 2026-11-01
              stage moves: 3 (D-1 qualified → contract, D-2 contract → won, D-7 contract → lost)
                2 of them dated from 2026-11-01, not the CRM's earlier date
              close-date moves: 3 (D-1 2026-11-20 → 2026-12-05, D-2 2026-11-05 → 2026-10-28, D-7 2026-11-10 → 2026-11-12)
              renamed: 1 (D-1 "Globex platform" → "Globex platform, 2 years")
              owner changes: 1 (D-3 sam-ortiz → priya-nair)
              account changes: 1 (D-9 soylent → soylent-corp)
              probability changes, not applied (the file keeps its value: past forecasts must not change): 3 (D-1 40% → 80%, D-2 80% → 100%, D-7 80% → 0%)
              new accounts: 3; new reps: 0
              gone from the CRM (kept, with gone_on): 2 (D-4, D-8)
            Updated \(file).

            """
        #expect(second.stdout.hasSuffix(changes))
        #expect(dry.stdout.hasSuffix(changes.replacingOccurrences(of: "Updated \(file).\n", with: "Dry run: nothing written. Add --apply to write \(file).\n")))

        // Every review up to the first export computes what it computed before, byte for byte.
        let after = try reports(file, early)
        for d in early { #expect(withDataAsOf(after[d]!, "2026-10-31") == baseline[d]!, "as of \(d)") }

        // At the second export's date D-4 and D-8 (open, $30k and $15k) are gone: out of the pipeline.
        let now = try engagement(try reports(file, ["2026-11-14"])["2026-11-14"]!)
        #expect(now["gone_deals"] as? [String] == ["D-4", "D-8"])
        // Open per the second export, by hand: appointment D-3, D-11; qualified D-9, D-12; contract D-1.
        let funnel = (now["review"] as! [String: Any])["funnel"] as! [[String: Any]]
        #expect(funnel.map { $0["stage"] as! String } == ["appointment", "qualified", "contract"])
        #expect(funnel.map { $0["count"] as! Int } == [2, 2, 1])
        // T90 2026-08-17 … 2026-11-14: won D-5 (10-10), D-10 (10-25), D-2 (dated 11-01); lost D-6, D-7: 3 / 5.
        #expect(kpi(now, "win_rate") == 0.6)
        // Average win (50,000 + 18,000 + 25,000) / 3; cycle (51 + 54 + 52) / 3 days from created to won.
        #expect(kpi(now, "avg_deal_size") == 31_000)
        #expect(abs(kpi(now, "sales_cycle_days")! - 157.0 / 3) < 1e-9)
        // Velocity counts the 5 open deals: 5 × 0.6 × 31,000 ÷ 52.33 days.
        #expect(abs(kpi(now, "pipeline_velocity")! - 5 * 0.6 * 31_000 / (157.0 / 3)) < 1e-9)
        let text = try CommandRunner.run(["report", file, "--as-of", "2026-11-14"])
        #expect(text.stdout.contains("\nGone from the CRM this week: 2 deals, $45k (D-4 $30k, D-8 $15k)\n"))

        // The same export again: nothing to write, not a byte changed.
        let secondBytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let again = try importing("2026-11-14", into: file)
        #expect(again.status == 0)
        #expect(again.stdout.hasSuffix("Changes to \(file) since its last import:\n  probability changes, not applied (the file keeps its value: past forecasts must not change): 3 (D-1 40% → 80%, D-2 80% → 100%, D-7 80% → 0%)\n  still gone: 2\nNothing to write: \(file) is unchanged.\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == secondBytes)

        // An older export is refused, and the file is untouched.
        let older = try importing("2026-10-31", into: file)
        #expect(older.status == 2)
        #expect(older.stderr == "redline: error: cannot update \(file): the export's date 2026-10-31 is before the file's data_as_of 2026-11-14 (its last import): import exports oldest first\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == secondBytes)

        // A third export: D-8 is back (moved to qualified while it was out), D-4 still gone.
        let between = days(from: "2026-11-01", through: "2026-11-13")
        let beforeThird = try reports(file, between + ["2026-11-14"])
        let third = try importing("2026-11-28", into: file)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.hasSuffix("""
            Changes to \(file) since its last import:
              data_as_of: 2026-11-14 → 2026-11-28
              stage moves: 1 (D-8 appointment → qualified)
                1 of them dated from 2026-11-15, not the CRM's earlier date
              probability changes, not applied (the file keeps its value: past forecasts must not change): 4 (D-1 40% → 80%, D-2 80% → 100%, D-7 80% → 0%, D-8 20% → 40%)
              came back (gone_on removed): 1 (D-8)
              still gone: 1
            Updated \(file).

            """))
        let afterThird = try reports(file, early + between + ["2026-11-14"])
        for d in early { #expect(withDataAsOf(afterThird[d]!, "2026-10-31") == baseline[d]!, "as of \(d)") }
        for d in between { #expect(withDataAsOf(afterThird[d]!, "2026-11-14") == beforeThird[d]!, "as of \(d)") }
        // The one day a come-back changes: on the day it went, D-8 is no longer gone (it has no gone_on).
        #expect(try engagement(beforeThird["2026-11-14"]!)["gone_deals"] as? [String] == ["D-4", "D-8"])
        #expect(try engagement(afterThird["2026-11-14"]!)["gone_deals"] as? [String] == ["D-4"])
    }
}
