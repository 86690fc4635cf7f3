import Foundation
import Testing

/// What a new user met on a first try (notes/tryout.md items 12, 13, 14, 17): an empty folder,
/// a rejected file in a report sent to a file, a `{}` file, the top-level help, a mistyped
/// subcommand or KPI id. Each bad input's message is checked whole.
@Suite struct FirstRunCLITests {
    let good = #"{"format": "redline.engagement/1", "client": {"id": "acme", "name": "Acme", "industry": "saas"}, "stages": [{"id": "open", "probability": 0.5}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}], "deals": [{"id": "D-1", "name": "N", "amount": 10, "created": "2026-11-02", "expected_close": "2026-12-01", "stage_history": [{"stage": "open", "on": "2026-11-02"}]}]}"#
    let asOf = ["--as-of", "2026-11-23"]

    func folder(_ files: [String: String]) throws -> URL {
        let dir = try CommandRunner.temporaryFolder()
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    // MARK: item 13: a folder without engagement files

    /// An empty folder (or one with other files, or its files in subfolders) is not an empty
    /// review with exit 0: report, check and forecast say so and exit 2 (a usage error, as a
    /// path that does not exist), printing nothing on standard output.
    @Test func aFolderWithoutEngagementFilesIsAnError() throws {
        let empty = try folder([:])
        let other = try folder(["notes.txt": "x", ".hidden.json": good])
        try FileManager.default.createDirectory(at: other.appendingPathComponent("acme"), withIntermediateDirectories: true)
        try Data(good.utf8).write(to: other.appendingPathComponent("acme/acme.json"))
        for dir in [empty, other] {
            for args in [["report"], ["report", "--format", "json"], ["report", "--format", "csv"], ["check"], ["forecast"], ["autopsy", "list"]] {
                let r = try CommandRunner.run(args + [dir.path] + (args[0] == "check" ? [] : asOf))
                #expect(r.status == 2, "\(args)")
                #expect(r.stderr == "redline: error: no engagement files (*.json) in \(dir.path) (subfolders are not read): give the folder that holds them, or the files\n", "\(args)")
                #expect(r.stdout.isEmpty, "\(args)")
            }
        }
        // Two of them: both named.
        let both = try CommandRunner.run(["check", empty.path, other.path])
        #expect(both.status == 2 && both.stderr == "redline: error: no engagement files (*.json) in \(empty.path), \(other.path) (subfolders are not read): give the folder that holds them, or the files\n")
    }

    /// Beside paths that give files, an empty folder is a warning and the rest is reviewed.
    @Test func anEmptyFolderBesideFilesIsAWarning() throws {
        let empty = try folder([:])
        let files = try folder(["acme.json": good])
        let warning = "redline: warning: no engagement files (*.json) in \(empty.path) (subfolders are not read); the other paths are reviewed\n"
        let report = try CommandRunner.run(["report", empty.path, files.path] + asOf)
        #expect(report.status == 0 && report.stderr == warning)
        #expect(report.stdout.contains("Acme (saas)"))
        let check = try CommandRunner.run(["check", files.path, empty.path])
        #expect(check.status == 0 && check.stderr == warning)
        #expect(check.stdout == "1 file checked: 0 rejected, 0 errors, 0 warnings\n")
    }

    /// The config's portfolio, emptied: the error names the config's line (no path was typed).
    @Test func anEmptyConfiguredPortfolioNamesTheConfig() throws {
        let root = try CommandRunner.temporaryFolder()
        let xdg = root.appendingPathComponent("xdg").path, home = root.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: xdg + "/redline", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home + "/clients", withIntermediateDirectories: true)
        try Data("theme = \"light\"\nportfolio = \"~/clients\"\n".utf8).write(to: URL(fileURLWithPath: xdg + "/redline/config.toml"))
        let r = try CommandRunner.run(["report"] + asOf, environment: ["XDG_CONFIG_HOME": xdg, "HOME": home])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr == "redline: error: \(xdg)/redline/config.toml:2: portfolio: no engagement files (*.json) in \(home)/clients (subfolders are not read): give the folder that holds them, or the files\n")
    }

    // MARK: item 12: a rejected file is said on standard error too

    /// The report keeps its "Files that did not load" section and says each such file on standard
    /// error, with its first error, whatever the format (the CSV keeps its own line, not two).
    @Test func aRejectedFileIsNamedOnStandardError() throws {
        let dir = try folder(["acme.json": good, "broken.json": #"{"format": "redline.engagement/1",}"#,
                              "half.json": #"{"format": "redline.engagement/1", "client": 3}"#])
        let broken = dir.path + "/broken.json", half = dir.path + "/half.json"
        let lines = """
            redline: \(broken) did not load: line 1: not JSON: trailing comma before '}' (redline check \(broken))
            redline: \(half) did not load: line 1: missing required key "stages" (redline check \(half) lists all 3 errors)

            """
        for extra in [[], ["--format", "markdown"], ["--format", "html"], ["--format", "json"], ["--quarter", "2026-Q4"]] {
            let r = try CommandRunner.run(["report", dir.path] + extra + asOf)
            #expect(r.status == 1, "\(extra)")
            #expect(r.stderr == lines, "\(extra)")
            #expect(r.stdout.contains("broken.json"), "\(extra)")
        }
        let csv = try CommandRunner.run(["report", dir.path, "--format", "csv"] + asOf)
        #expect(csv.status == 1)
        #expect(csv.stderr == "redline: \(broken) did not load and has no rows (redline check \(broken))\nredline: \(half) did not load and has no rows (redline check \(half))\n")
        // The forecast and the autopsy list name them the same way.
        for args in [["forecast"], ["autopsy", "list"]] {
            let r = try CommandRunner.run(args + [dir.path] + asOf)
            #expect(r.status == 1 && r.stderr == lines, "\(args)")
        }
        // The report's own section is still there.
        let text = try CommandRunner.run(["report", dir.path] + asOf)
        #expect(text.stdout.contains("\nFiles that did not load (redline check FILE):\n  \(broken):\n    \(broken):1:34: error: not JSON: trailing comma before '}'\n"))
    }

    // MARK: item 14: a `{}` file, and problems of one kind

    /// `{}` is one error saying what the file is not; a file missing three keys lists them in
    /// the report's grouped line and in `check`, where four of a kind are all listed.
    @Test func aFileThatIsNotAnEngagementAndGroupedKeys() throws {
        let deals = (1...4).map { #"{"id": "E-\#($0)", "name": "N", "amount": 10, "owner": "rep-\#($0)", "created": "2026-11-02", "expected_close": "2026-12-01", "stage_history": [{"stage": "open", "on": "2026-11-02"}]}"# }
        let four = good.replacingOccurrences(of: #""deals": ["#, with: #""deals": [\#(deals.joined(separator: ",\n")), "#)
        let dir = try folder(["empty-object.json": "{}", "keys.json": #"{"format": "redline.engagement/1"}"#, "reps.json": four])
        let p = dir.path + "/"
        let report = try CommandRunner.run(["report", dir.path] + asOf)
        #expect(report.status == 1)
        #expect(report.stdout.contains("""
              \(p)empty-object.json:
                \(p)empty-object.json:1:1: error: not a Redline engagement file: it has none of the keys "format", "client", "stages", "deals" (redline demo --write DIR writes examples)
              \(p)keys.json:
                3 × error: missing required key: "client", "stages", "deals" (line 1)

            """), "\(report.stdout)")
        #expect(report.stdout.contains(#"  4 × warning: no rep has the id: "rep-1", "rep-2", "rep-3", "rep-4" (line 1, line 2, line 3, …)"#), "\(report.stdout)")
        let check = try CommandRunner.run(["check", dir.path])
        #expect(check.status == 1)
        #expect(check.stdout == """
            \(p)empty-object.json:1:1: error: not a Redline engagement file: it has none of the keys "format", "client", "stages", "deals" (redline demo --write DIR writes examples)
            error ×3: missing required key "…"
              \(p)keys.json:1:1: missing required key "client"
              \(p)keys.json:1:1: missing required key "stages"
              \(p)keys.json:1:1: missing required key "deals"
            warning ×4: no rep has the id "…"
              \(p)reps.json:1:274: deals[0].owner: no rep has the id "rep-1"
              \(p)reps.json:2:51: deals[1].owner: no rep has the id "rep-2"
              \(p)reps.json:3:51: deals[2].owner: no rep has the id "rep-3"
              \(p)reps.json:4:51: deals[3].owner: no rep has the id "rep-4"
            3 files checked: 2 rejected, 4 errors, 4 warnings

            """)
    }

    // MARK: item 17: the top-level help, a mistyped subcommand, a KPI id

    /// `redline --help` shows that paths alone open the cockpit, and the common invocations.
    @Test func theTopLevelHelpShowsTheCockpitInvocation() throws {
        let r = try CommandRunner.run(["--help"], environment: ["COLUMNS": "80"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: redline [<path> ...] [--as-of <YYYY-MM-DD>] [--read-only] [<options>]\n       redline <subcommand> [<arguments>] [<options>]\n"))
        #expect(r.stdout.contains("  redline DIR --as-of 2026-11-23  the cockpit on DIR's *.json, on a past date\n"))
        #expect(r.stdout.contains("redline cockpit --help lists them"))
        #expect(r.stdout.replacingOccurrences(of: "\n", with: " ").contains("2 for a usage error (a path that does not exist, a folder without *.json files"))
        // Every line fits 80 columns, so nothing is wrapped out of its column.
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(r.stdout)")
    }

    /// A bare word that is no file may be a mistyped subcommand: the cockpit (the default) says
    /// it is neither, with the nearest subcommand when one is close.
    @Test func aMistypedSubcommandIsNotTakenForAPathAlone() throws {
        let dir = try CommandRunner.temporaryFolder()
        let cases: [([String], String)] = [
            (["frobnicate"], "no such file or folder: frobnicate; it is not a subcommand either (redline --help lists them)"),
            (["reprot", "--as-of", "2026-11-23"], "no such file or folder: reprot; it is not a subcommand either (did you mean report? redline --help lists them)"),
            (["chek"], "no such file or folder: chek; it is not a subcommand either (did you mean check? redline --help lists them)"),
            (["cockpit", "kpi"], "no such file or folder: kpi; it is not a subcommand either (did you mean kpis? redline --help lists them)"),
            // A path, or a subcommand's own argument, is only a path.
            (["nosuch.json"], "no such file or folder: nosuch.json"),
            (["clients/acme"], "no such file or folder: clients/acme"),
            (["report", "frobnicate"], "no such file or folder: frobnicate"),
        ]
        for (args, message) in cases {
            let r = try CommandRunner.run(args, in: dir)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr == "redline: error: \(message)\n", "\(args)")
            #expect(r.stdout.isEmpty, "\(args)")
        }
    }

    /// A KPI id not in the catalog points to `redline kpis`, and to the nearest ids.
    @Test func anUnknownKPIIdSaysWhereTheIdsAre() throws {
        let file = try folder(["acme.json": good]).appendingPathComponent("acme.json").path
        let cases: [([String], String)] = [
            (["target", "set", file, "--kpi", "nosuch", "--quarter", "2026-Q4", "--change", "15%"],
             "The value 'nosuch' is invalid for '--kpi <kpi-id>': no KPI has this id; redline kpis lists every id"),
            (["target", "remove", file, "--kpi", "win_rat"],
             "The value 'win_rat' is invalid for '--kpi <kpi-id>': no KPI has this id; did you mean win_rate? redline kpis lists every id"),
            (["action", "add", file, "--text", "x", "--kpi", "velocity"],
             "The value 'velocity' is invalid for '--kpi <kpi-id>': no KPI has this id; did you mean pipeline_velocity? redline kpis lists every id"),
            (["autopsy", "add", file, "--deal", "D-1", "--root-cause", "x", "--systemic-change", "y", "--kpi", "Win Rate"],
             "The value 'Win Rate' is invalid for '--kpi <kpi-id>': no KPI has this id; did you mean win_rate? redline kpis lists every id"),
        ]
        for (args, message) in cases {
            let r = try CommandRunner.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr == "redline: error: \(message) (see --help)\n", "\(args)")
        }
        #expect(try CommandRunner.run(["target", "set", file, "--kpi", "win_rate", "--quarter", "2026-Q4", "--change", "15%"]).status == 0)
    }
}
