import Foundation
import Testing

/// The Monday one-pager stays one page whatever the data size, and its status never looks
/// healthier than the data (the real Maven export: 1,519 of 2,089 open deals stalled).
@Suite struct OnePageReportTests {
    let root = CommandRunner.packageRoot.path

    /// The Maven export imported as docs/import.md says.
    func maven() throws -> String {
        let out = try CommandRunner.temporaryFolder().appendingPathComponent("crm.json").path
        let r = try CommandRunner.run(["import", "--from", "csv", root + "/Tests/ImporterTests/Fixtures/maven/sales_pipeline.csv",
                                       "--mapping", root + "/Examples/maven-crm/mapping.toml", "--into", out, "--as-of", "2017-12-31", "--apply"])
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    @Test func theMavenReportIsOnePageAndNotGreen() throws {
        let file = try maven()
        let text = try CommandRunner.run(["report", file, "--as-of", "2017-12-31"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 60, "\(lines.count) lines")
        // Win rate and cycle are green, but 75.5% of the open pipeline ($3.75M of $4.97M) is stalled.
        #expect(text.stdout.contains("MavenTech (sample CRM export) (saas)  ▲ yellow\n"))
        #expect(text.stdout.contains("Why: green lifted to yellow: Stalled pipeline 75.5% is red (target ≤10.0%, red >25.0%); green: Win rate 60.3%, Sales cycle length 50.1 d\n"))
        #expect(text.stdout.contains("Stalled: 1,519 deals, $3.75M at risk; the 10 largest:\n"))
        #expect(text.stdout.contains("  and 1,509 more: redline report \(file) --client maven-crm --as-of 2017-12-31 --list stalled\n"))
        #expect(text.stdout.contains("Warnings in the file: 2,089 (every one: redline check \(file) --all)\n"))
        #expect(text.stdout.contains("  2,089 × warning: an open deal without expected_close is left out of coverage and slipped checks (line "))
        let markdown = try CommandRunner.run(["report", file, "--as-of", "2017-12-31", "--format", "markdown"])
        #expect(markdown.stdout.split(separator: "\n").count <= 60)
        #expect(markdown.stdout.utf8.count < 5_000, "\(markdown.stdout.utf8.count) bytes")

        // The whole list on demand: every stalled deal, largest first.
        let list = try CommandRunner.run(["report", file, "--as-of", "2017-12-31", "--list", "stalled"])
        let rows = list.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(rows.count == 1_519)
        #expect(list.stdout.contains("MavenTech (sample CRM export): Stalled: 1,519 deals, $3.75M\n"))
        // JSON stays complete.
        let json = try CommandRunner.run(["report", file, "--as-of", "2017-12-31", "--format", "json"])
        let engagement = ((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["engagements"] as! [[String: Any]])[0]
        #expect((engagement["stalled_deals"] as! [String]).count == 1_519)
        #expect(engagement["weekly_status"] as? String == "yellow")
        let reasons = engagement["status_reasons"] as! [[String: Any]]
        #expect(reasons.first?["kind"] as? String == "stalled_share" && reasons.first?["kpi"] as? String == "stalled_share")
        #expect(reasons.dropFirst().allSatisfy { $0["kind"] as? String == "kpi" })
        let bad = try CommandRunner.run(["report", file, "--format", "json", "--list", "stalled"])
        #expect(bad.status == 2 && bad.stderr == "redline: error: --list is for text and markdown; the JSON report lists every deal already (see --help)\n")
    }

    /// Every demo client's markdown: table lines stay under 100 characters.
    @Test func demoMarkdownTablesAreNarrow() throws {
        let r = try CommandRunner.run(["report", "--as-of", "2026-11-23", "--format", "markdown"])
        #expect(r.status == 0)
        let wide = r.stdout.split(separator: "\n").filter { $0.hasPrefix("|") && $0.count > 100 }
        #expect(wide.isEmpty, "\(wide)")
        // Worst first: the portfolio order of kpis.md.
        let clients = r.stdout.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3).prefix { $0 != " " }) }
        #expect(clients == ["TalentLoop", "Cortexa", "Ledgerly", "Northwind", "BrightSignal"])
    }
}
