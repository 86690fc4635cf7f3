import Foundation
import Testing

/// The built binary end to end: output and exit codes of every command, good and bad input.
@Suite struct CLITests {
    let good = #"{"format": "redline.engagement/1", "client": {"id": "acme", "name": "Acme \u001b[31mCo", "industry": "saas"}, "stages": [{"id": "open", "probability": 0.5}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}], "deals": [{"id": "D-1", "name": "N", "amount": 10, "created": "2026-11-02", "expected_close": "2026-12-01", "stage_history": [{"stage": "open", "on": "2026-11-02"}]}]}"#

    func folder(_ files: [String: [UInt8]]) throws -> URL {
        let dir = try CommandRunner.temporaryFolder()
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    @Test func helpListsTheCommands() throws {
        let r = try CommandRunner.run(["--help"])
        #expect(r.status == 0)
        for command in ["report", "check", "kpis", "demo"] { #expect(r.stdout.contains(command)) }
    }

    @Test func reportOnTheDemoAsJSON() throws {
        let r = try CommandRunner.run(["report", "--as-of", "2026-11-23", "--format", "json"])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let engagements = json["engagements"] as! [[String: Any]]
        #expect(engagements.map { $0["client"] as! String } == ["brightsignal", "cortexa-ai", "ledgerly", "northwind-advisory", "talentloop"])
        #expect(engagements.map { $0["weekly_status"] as! String } == ["green", "red", "yellow", "yellow", "red"])
        #expect(engagements.allSatisfy { ($0["kpis"] as! [Any]).count == 30 })
        #expect(engagements[0]["file"] as? String == "demo/brightsignal.json")
    }

    @Test func defaultCommandIsTheReport() throws {
        let r = try CommandRunner.run(["--as-of", "2026-11-23"])
        #expect(r.status == 0)
        // The bundled demo's fictional clients say so in the title.
        #expect(r.stdout.hasPrefix("Weekly revenue review (demo), 2026-11-23 (2026-W48)\n"))
        #expect(r.stdout.contains("Action: Emergency meeting with product & finance"))
    }

    @Test func markdownIsAOnePageDashboardPerClient() throws {
        let r = try CommandRunner.run(["report", "--as-of", "2026-11-23", "--format", "markdown", "--client", "brightsignal"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("## BrightSignal (martech): ● green\n"))
        #expect(r.stdout.contains("**Action:** Continue  \n**Why:** green: Pipeline velocity (€/day) €6.2k/day, PQL-to-paid conversion 12.2%, "))
        #expect(r.stdout.contains("| KPI | Value | Target | Status | vs last week |\n"))
        #expect(r.stdout.contains("**Biggest bottleneck:**"))
        #expect(r.stdout.contains("**Planned this week:**\n1. "))
        #expect(r.stdout.contains("**KPI autopsy this quarter:** 21 deals lost, slipped or stalled; 21 autopsies written.  \nLargest: D-1273 €124k lost (change done); D-1082 €119k slipped (change done); D-1068 €81k lost (change done); all: redline autopsy list\n"))
        #expect(!r.stdout.contains("## Ledgerly"))
    }

    @Test func usageErrorsAreOneLineAndExitTwo() throws {
        let cases: [([String], String)] = [
            (["report", "/no/such/file.json"], "redline: error: no such file or folder: /no/such/file.json\n"),
            // A date that cannot be says why (tryout 3: "invalid" alone left users guessing).
            (["report", "--as-of", "2026-13-45"], "redline: error: The value '2026-13-45' is invalid for '--as-of <YYYY-MM-DD>': a year has months 01 to 12, not 13 (see --help)\n"),
            (["report", "--as-of", "2026-02-29"], "redline: error: The value '2026-02-29' is invalid for '--as-of <YYYY-MM-DD>': February 2026 has days 01 to 28, not 29 (see --help)\n"),
            (["report", "--as-of", "30.11.2026"], "redline: error: The value '30.11.2026' is invalid for '--as-of <YYYY-MM-DD>': expected a date YYYY-MM-DD, e.g. 2026-11-30 (see --help)\n"),
            (["report", "--as-of", "2026-11-23", "--client", "nope"], "redline: error: no engagement has the client id \"nope\"; the clients are: brightsignal, cortexa-ai, ledgerly, northwind-advisory, talentloop\n"),
            (["check", "/no/such/dir"], "redline: error: no such file or folder: /no/such/dir\n"),
        ]
        for (args, message) in cases {
            let r = try CommandRunner.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr == message)
            #expect(r.stdout.isEmpty)
        }
        let bad = try CommandRunner.run(["report", "--format", "pdf"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'pdf'"))
    }

    @Test func aRejectedFileExitsOneAndTheOthersAreReported() throws {
        let dir = try folder(["a-good.json": Array(good.utf8), "b-broken.json": Array(#"{"format": "redline.engagement/1",}"#.utf8),
                              ".hidden.json": [0xFF], "notes.txt": Array("x".utf8)])
        let r = try CommandRunner.run(["report", dir.path, "--as-of", "2026-11-23", "--format", "json"])
        #expect(r.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect((json["engagements"] as! [[String: Any]]).map { $0["file"] as! String } == [dir.path + "/a-good.json"])
        let problems = json["problems"] as! [[String: Any]]
        #expect(problems.count == 2)
        #expect(problems.last?["file"] as? String == dir.path + "/b-broken.json")
        #expect(problems.last?["column"] as? Int == 34)
    }

    @Test func checkPrintsEveryProblemLikeACompiler() throws {
        let dir = try folder(["broken.json": Array(#"{"format": "redline.engagement/1",}"#.utf8), "empty.json": [],
                              "binary.json": [0x89, 0x50, 0x4E, 0x47], "good.json": Array(good.utf8)])
        let r = try CommandRunner.run(["check", dir.path])
        #expect(r.status == 1)
        let p = dir.path + "/"
        #expect(r.stdout == """
        \(p)binary.json:1:1: error: the file is not UTF-8: invalid byte 0x89
        \(p)broken.json:1:34: error: not JSON: trailing comma before '}'
        \(p)empty.json:1:1: error: the file is empty
        \(p)good.json:1:69: warning: client.name: text with control characters (they are shown stripped)
        4 files checked: 3 rejected, 3 errors, 1 warning

        """)
        let ok = try CommandRunner.run(["check", dir.appendingPathComponent("good.json").path, "--quiet"])
        #expect(ok.status == 0)
        #expect(ok.stdout == "1 file checked: 0 rejected, 0 errors, 1 warning\n")
    }

    /// Problems of one kind on many deals: one heading with the count and the first three;
    /// `--all` lists every one; the summary counts them all.
    @Test func checkGroupsProblemsByKind() throws {
        let deals = (1...5).map { #"{"id": "E-\#($0)", "name": "N", "amount": 10, "owner": "rep-\#($0)", "created": "2026-11-02", "expected_close": "2026-12-01", "stage_history": [{"stage": "open", "on": "2026-11-02"}]}"# }
        let text = good.replacingOccurrences(of: "Acme \\u001b[31mCo", with: "Acme")
            .replacingOccurrences(of: #""deals": ["#, with: #""deals": [\#(deals.joined(separator: ",\n")), "#)
        let dir = try folder(["many.json": Array(text.utf8)])
        let p = dir.path + "/many.json"
        let r = try CommandRunner.run(["check", dir.path])
        #expect(r.status == 0)
        #expect(r.stdout == """
        warning ×5: no rep has the id "…"
          \(p):1:274: deals[0].owner: no rep has the id "rep-1"
          \(p):2:51: deals[1].owner: no rep has the id "rep-2"
          \(p):3:51: deals[2].owner: no rep has the id "rep-3"
          … and 2 more (--all lists every one)
        1 file checked: 0 rejected, 0 errors, 5 warnings

        """)
        // Under LANG=C the same in ASCII.
        let ascii = try CommandRunner.run(["check", dir.path], environment: ["LANG": "C", "LC_ALL": "C"])
        #expect(ascii.stdout.hasPrefix("warning x5: no rep has the id \"...\"\n") && ascii.stdout.contains("  ... and 2 more (--all lists every one)\n"))
        let onlyASCII = ascii.stdout.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(onlyASCII)
        let all = try CommandRunner.run(["check", "--all", dir.path])
        #expect(all.stdout.split(separator: "\n").count == 6)
        #expect(all.stdout.hasPrefix("\(p):1:274: warning: deals[0].owner: no rep has the id \"rep-1\"\n"))
    }

    @Test func hostileTextNeverReachesTheTerminal() throws {
        let dir = try folder(["acme.json": Array(good.utf8)])
        for format in ["text", "markdown"] {
            let r = try CommandRunner.run(["report", dir.appendingPathComponent("acme.json").path, "--as-of", "2026-11-23", "--format", format])
            #expect(!r.stdout.unicodeScalars.contains("\u{1B}"))
            #expect(r.stdout.contains("Acme [31mCo") == false)
            #expect(r.stdout.contains("AcmeCo") || r.stdout.contains("Acme Co"))
        }
    }

    @Test func asciiGlyphsWhenTheLocaleIsNotUTF8() throws {
        let r = try CommandRunner.run(["report", "--as-of", "2026-11-23", "--client", "talentloop"], environment: ["LANG": "C"])
        #expect(r.stdout.contains("TalentLoop (hr tech)  ! red\n"))
        #expect(r.stdout.unicodeScalars.allSatisfy { $0.isASCII || $0 == "€" || $0 == "×" || $0 == "≥" || $0 == "≤" || $0 == "—" || $0 == "…" })
    }

    @Test func kpiCatalog() throws {
        let r = try CommandRunner.run(["kpis"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("win_rate  Win rate  [higher is better, T90]\n    formula:    won count / (won + lost count)\n    thresholds: green >= 0.4, red < 0.3\n"))
        #expect(r.stdout.contains("  ai_startup: nnarr, c2re, sccr, pov_to_pipeline, founder_free_close_rate\n"))
        let json = try CommandRunner.run(["kpis", "--json"])
        let list = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(list.count == 30)
        #expect(list.last?["id"] as? String == "autopsy_coverage")
    }

    @Test func demoWriteThenCheckAndSchema() throws {
        let dir = try CommandRunner.temporaryFolder().appendingPathComponent("portfolio")
        let w = try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"])
        #expect(w.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["brightsignal.json", "cortexa-ai.json", "ledgerly.json", "northwind-advisory.json", "talentloop.json"])
        let check = try CommandRunner.run(["check", dir.path])
        #expect(check.status == 0)
        #expect(check.stdout == "5 files checked: 0 rejected, 0 errors, 0 warnings\n")
        // Reading the written files gives the same report as the bundled demo.
        let fromFiles = try CommandRunner.run(["report", dir.path, "--as-of", "2026-11-23", "--format", "json"])
        let bundled = try CommandRunner.run(["report", "--as-of", "2026-11-23", "--format", "json"])
        #expect(fromFiles.stdout == bundled.stdout.replacingOccurrences(of: "\"demo/", with: "\"\(dir.path)/"))
        let again = try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"])
        #expect(again.status == 2)
        #expect(again.stderr == "redline: error: \(dir.path)/brightsignal.json already exists; use --force to overwrite it\n")
    }

    @Test func syntheticPortfolio() throws {
        let dir = try CommandRunner.temporaryFolder()
        let w = try CommandRunner.run(["demo", "--synthetic", "--deals", "1500", "--write", dir.path, "--as-of", "2026-11-23"])
        #expect(w.status == 0)
        let check = try CommandRunner.run(["check", dir.appendingPathComponent("synthetic-1500.json").path])
        #expect(check.stdout == "1 file checked: 0 rejected, 0 errors, 0 warnings\n")
        let bad = try CommandRunner.run(["demo", "--synthetic", "--deals", "0", "--write", dir.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--deals must be at least 1"))
    }
}
