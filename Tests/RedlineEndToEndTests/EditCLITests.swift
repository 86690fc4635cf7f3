import Foundation
import Testing

/// The edit commands end to end: what they write, what they refuse, and two writers at once.
@Suite struct EditCLITests {
    let small = #"{"format": "redline.engagement/1", "client": {"id": "acme", "name": "Acme", "industry": "saas"}, "stages": [{"id": "open", "probability": 0.5}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}], "deals": [{"id": "D-1", "name": "N", "amount": 10, "created": "2026-11-02", "expected_close": "2026-12-01", "stage_history": [{"stage": "open", "on": "2026-11-02"}], "x_keep": [1, {"a": "\u00e9"}]}]}"#

    func file(_ text: String) throws -> String {
        let path = try CommandRunner.temporaryFolder().appendingPathComponent("acme.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func editsChangeOnlyWhatTheySay() throws {
        let path = try file(small)
        #expect(try CommandRunner.run(["ack", path, "--deal", "D-1", "--until", "2026-12-01", "--note", "budget in Q1", "--as-of", "2026-11-23"]).status == 0)
        // The KPI is written as the catalog's id (not the Swift case name: `netNewARR` was a bug).
        #expect(try CommandRunner.run(["action", "add", path, "--text", "Call the CFO", "--week", "2026-W48", "--kpi", "net_new_arr"]).status == 0)
        #expect(try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1", "--kpi", "win_rate", "--root-cause", "late", "--systemic-change", "earlier", "--written-on", "2026-11-23"]).status == 0)
        let done = try CommandRunner.run(["action", "done", path, "1", "--week", "2026-W48"])
        #expect(done.stdout == "Action 1 of 2026-W48 marked done.\n")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(text == #"{"format": "redline.engagement/1", "client": {"id": "acme", "name": "Acme", "industry": "saas"}, "stages": [{"id": "open", "probability": 0.5}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}], "deals": [{"id": "D-1", "name": "N", "amount": 10, "created": "2026-11-02", "expected_close": "2026-12-01", "stage_history": [{"stage": "open", "on": "2026-11-02"}], "x_keep": [1, {"a": "\u00e9"}], "stall_ack": {"until": "2026-12-01", "note": "budget in Q1"}}], "actions": [{"week": "2026-W48", "status": "done", "text": "Call the CFO", "kpi": "net_new_arr"}], "autopsies": [{"deal": "D-1", "written_on": "2026-11-23", "kpis": ["win_rate"], "root_cause": "late", "systemic_change": "earlier", "status": "open"}]}"#)
    }

    @Test func badEditsSayWhyAndWriteNothing() throws {
        let path = try file(small)
        let cases: [([String], Int32, String)] = [
            (["ack", path, "--deal", "D-9", "--until", "2026-12-01", "--note", "x", "--as-of", "2026-11-23"], 1, "redline: error: no deal \"D-9\" in \(path)\n"),
            // The cockpit's rule and words: after the review date, at most 90 days from it.
            (["ack", path, "--deal", "D-1", "--until", "2026-01-01", "--note", "x", "--as-of", "2026-11-30"], 2,
             "redline: error: --until: 2026-01-01 is not after the review date 2026-11-30\n"),
            (["ack", path, "--deal", "D-1", "--until", "2026-11-30", "--note", "x", "--as-of", "2026-11-30"], 2,
             "redline: error: --until: 2026-11-30 is not after the review date 2026-11-30\n"),
            (["ack", path, "--deal", "D-1", "--until", "2027-03-01", "--note", "x", "--as-of", "2026-11-30"], 2,
             "redline: error: --until: 2027-03-01 is after 2027-02-28, the latest it may be; acknowledge again then\n"),
            (["ack", path, "--deal", "D-1", "--until", "2026-13-01", "--note", "x"], 2, "redline: error: The value '2026-13-01' is invalid for '--until <YYYY-MM-DD>': a year has months 01 to 12, not 13 (see --help)\n"),
            (["action", "done", path, "3", "--week", "2026-W48"], 1, "redline: error: \(path) has 0 actions in 2026-W48; there is no number 3\n"),
            (["action", "add", path, "--text", "x", "--week", "2026-48"], 2, "redline: error: The value '2026-48' is invalid for '--week <YYYY-Www>': expected YYYY-Www, e.g. 2026-W48 (see --help)\n"),
            (["action", "add", path, "--text", "x", "--week", "2027-W53"], 2, "redline: error: The value '2027-W53' is invalid for '--week <YYYY-Www>': 2027 has 52 ISO weeks (see --help)\n"),
            (["autopsy", "add", path, "--deal", "D-1", "--kpi", "mrr", "--root-cause", "a", "--systemic-change", "b"], 2, "redline: error: The value 'mrr' is invalid for '--kpi <kpi-id>': no KPI has this id; did you mean nrr, grr or arr? redline kpis lists every id (see --help)\n"),
            (["autopsy", "add", path, "--deal", "D-1", "--root-cause", "a", "--systemic-change", "b"], 1,
             "redline: error: D-1 is not lost, slipped or stalled this quarter, so no KPI is proposed; name them with --kpi\n"),
            (["autopsy", "add", path, "--deal", "D-1", "--kpi", "win_rate", "--root-cause", " ", "--systemic-change", "b"], 2, "redline: error: --root-cause: an autopsy needs words here\n"),
            (["ack", "/no/such.json", "--deal", "D-1", "--until", "2026-12-01", "--note", "x"], 2, "redline: error: no such file: /no/such.json\n"),
            (["ack", path, "--deal", "D-1", "--until", "2026-12-10", "--note", " ", "--as-of", "2026-11-30"], 2,
             "redline: error: --note: say why the stall is known and fine for now\n"),
        ]
        for (args, status, message) in cases {
            let r = try CommandRunner.run(args)
            #expect(r.status == status, "\(args)")
            #expect(r.stderr == message)
        }
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == small)
    }

    /// Text is stored as the cockpit's forms store it (their editor turns line breaks and tabs into
    /// spaces, drops control characters, and the form trims both ends): a note from `$(cat file)`
    /// was written with its newline, and the loader then warned of "text with control characters";
    /// an empty --owner was written as "" where the form writes none.
    @Test func typedTextIsStoredAsTheCockpitStoresIt() throws {
        let path = try file(small)
        #expect(try CommandRunner.run(["ack", path, "--deal", "D-1", "--until", "2026-12-01", "--note", "  budget\nin Q1\n", "--as-of", "2026-11-23"]).status == 0)
        let planned = try CommandRunner.run(["action", "add", path, "--text", " Call the\tCFO\u{1B}[2J ", "--week", "2026-W48", "--owner", " "])
        #expect(planned.stdout == "Planned for 2026-W48: Call the CFO\n")
        #expect(try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1", "--kpi", "win_rate", "--root-cause", "late\r\n", "--systemic-change", "\u{07}earlier ",
                                       "--owner", " Sam ", "--written-on", "2026-11-23"]).status == 0)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(text.contains(#""stall_ack": {"until": "2026-12-01", "note": "budget in Q1"}"#))
        #expect(text.contains(#""actions": [{"week": "2026-W48", "status": "planned", "text": "Call the CFO"}]"#))
        #expect(text.contains(#""root_cause": "late", "systemic_change": "earlier", "owner": "Sam", "status": "open"}"#))
        let check = try CommandRunner.run(["check", path])
        #expect(check.status == 0 && check.stdout.hasSuffix("1 file checked: 0 rejected, 0 errors, 0 warnings\n"), "\(check.stdout)")
        // Nothing left once cleaned is no note.
        let empty = try CommandRunner.run(["ack", path, "--deal", "D-1", "--until", "2026-12-10", "--note", "\n\t\u{1B}[0m", "--as-of", "2026-11-23"])
        #expect(empty.status == 2 && empty.stderr == "redline: error: --note: say why the stall is known and fine for now\n")
    }

    /// As in the cockpit: a deal closed by the review date has no stall to acknowledge, and an
    /// acknowledgement still running is replaced in so many words.
    @Test func ackTakesOpenDealsAndSaysWhatItReplaces() throws {
        let lost = try file(small.replacingOccurrences(of: #"[{"stage": "open", "on": "2026-11-02"}]"#,
                                                       with: #"[{"stage": "open", "on": "2026-11-02"}, {"stage": "lost", "on": "2026-11-20"}]"#))
        let before = try Data(contentsOf: URL(fileURLWithPath: lost))
        let closed = try CommandRunner.run(["ack", lost, "--deal", "D-1", "--until", "2026-12-10", "--note", "x", "--as-of", "2026-11-30"])
        #expect(closed.status == 1)
        #expect(closed.stderr == "redline: error: D-1: the deal is closed (lost on 2026-11-20): it has no stall to acknowledge; redline autopsy add writes its autopsy\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: lost)) == before)
        // Before it was lost, it could be acknowledged.
        #expect(try CommandRunner.run(["ack", lost, "--deal", "D-1", "--until", "2026-11-25", "--note", "x", "--as-of", "2026-11-19"]).status == 0)

        let path = try file(small)
        let first = try CommandRunner.run(["ack", path, "--deal", "D-1", "--until", "2026-12-10", "--note", "budget in Q1", "--as-of", "2026-11-23"])
        #expect(first.stdout == "Stall of D-1 acknowledged until 2026-12-10.\n")
        let second = try CommandRunner.run(["ack", path, "--deal", "D-1", "--until", "2026-12-20", "--note", "legal", "--as-of", "2026-11-30"])
        #expect(second.stdout == "Stall of D-1 acknowledged until 2026-12-20, instead of until 2026-12-10 (\"budget in Q1\").\n")
        // One that ran out is not said to be replaced.
        let third = try CommandRunner.run(["ack", path, "--deal", "D-1", "--until", "2027-01-15", "--note", "x", "--as-of", "2026-12-21"])
        #expect(third.stdout == "Stall of D-1 acknowledged until 2027-01-15.\n")
    }

    /// Two processes each add 500 actions to one file at the same time: all 1,000 are there.
    @Test func twoWritersLoseNothing() throws {
        let path = try file(small)
        let script = """
        w() { i=1; while [ $i -le 500 ]; do "$1" action add "$2" --text "$3$i" --week 2026-W48 >/dev/null || echo FAIL; i=$((i+1)); done; }
        w "$0" "$1" A & w "$0" "$1" B & wait
        """
        let log = path + ".log"
        #expect(try spawnAndWait(["sh", "-c", script, CommandRunner.binary.path, path], output: log) == 0)
        let text = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        #expect(!text.contains("FAIL"), "\(text)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        let texts = (json["actions"] as! [[String: Any]]).map { $0["text"] as! String }
        #expect(texts.count == 1_000)
        #expect(Set(texts) == Set((1...500).map { "A\($0)" } + (1...500).map { "B\($0)" }))
        let check = try CommandRunner.run(["check", path, "-q"])
        #expect(check.stdout == "1 file checked: 0 rejected, 0 errors, 0 warnings\n")
    }

    /// A writer killed with SIGKILL at random moments leaves the old file or the new one, always valid.
    @Test func aKilledWriterNeverLeavesHalfAFile() throws {
        let path = try file(small)
        var completed = 0
        for i in 0..<40 {
            let pid = try spawn([CommandRunner.binary.path, "action", "add", path, "--text", "kill \(i)", "--week", "2026-W48"], output: "/dev/null")
            usleep(UInt32.random(in: 0...40_000))
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            if (status & 0x7F) == 0 { completed += 1 } // finished before the kill
            let check = try CommandRunner.run(["check", path, "-q"])
            #expect(check.status == 0, "after kill \(i): \(check.stdout)")
        }
        // Every finished writer's action is in the file; a killed one left no trace or its whole action.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        let actions = (json["actions"] as? [[String: Any]]) ?? []
        #expect(actions.count >= completed && actions.count <= 40)
    }

    /// A demo engagement file (100 KB) in a folder of its own.
    func demoFile(in dir: URL) throws -> String {
        let all = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", all.path, "--as-of", "2026-11-23"]).status == 0)
        let path = dir.appendingPathComponent("northwind-advisory.json").path
        try FileManager.default.copyItem(atPath: all.appendingPathComponent("northwind-advisory.json").path, toPath: path)
        return path
    }

    /// The replaced file keeps its mode, owner and group (root here gives it to nobody first).
    @Test func anEditKeepsModeOwnerAndGroup() throws {
        let path = try file(small)
        chmod(path, 0o640)
        let wantOwner: uid_t = getuid() == 0 ? 65534 : getuid(), wantGroup: gid_t = getuid() == 0 ? 65534 : getgid()
        #expect(chown(path, wantOwner, wantGroup) == 0)
        #expect(try CommandRunner.run(["action", "add", path, "--text", "Keep owner", "--week", "2026-W48"]).status == 0)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o640 && info.st_uid == wantOwner && info.st_gid == wantGroup)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).contains("Keep owner"))
    }

    /// Colleagues on a shared box: a lock file made by one user (root here) does not stop another
    /// (nobody) from saving a group/world-writable file in a shared folder. Needs root to switch user.
    @Test func anotherUserCanSaveAfterTheFirst() throws {
        guard getuid() == 0 else { return }
        let dir = try CommandRunner.temporaryFolder()
        chmod(dir.path, 0o777)
        let path = try demoFile(in: dir)
        chmod(path, 0o666)
        let binary = dir.appendingPathComponent("redline").path   // where nobody can run it, whatever the checkout's folders allow
        try FileManager.default.copyItem(atPath: CommandRunner.binary.path, toPath: binary)
        #expect(try CommandRunner.run(["action", "add", path, "--text", "By root", "--week", "2026-W48"]).status == 0)
        let log = dir.path + "/nobody.log"
        var status: Int32 = 0
        // A just-copied binary can still be open for writing in a process another test forked (ETXTBSY): retried.
        for _ in 0..<20 {
            status = try spawnAndWait(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary,
                                       "action", "add", path, "--text", "By nobody", "--week", "2026-W48"], output: log)
            let text = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
            guard (status == 126 || status == 127) && text.contains("Text file busy") else { break }
            usleep(100_000)
        }
        #expect(status == 0, "\(String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self))")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"text\": \"By root\"") && text.contains("\"text\": \"By nobody\""))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o666)
    }

    /// Without --kpi, an autopsy takes the KPIs the core's autopsy proposes: the dashboard KPIs
    /// its what-if moves (Northwind: avg_deal_size, sales_cycle_days, gross_margin), then the
    /// KPIs the rules find it hurt.
    @Test func anAutopsyWithoutKPIsTakesTheProposedOnes() throws {
        let path = try demoFile(in: try CommandRunner.temporaryFolder())
        let r = try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1116", "--root-cause", "No budget owner", "--systemic-change", "Name one", "--written-on", "2026-11-23"])
        #expect(r.status == 0 && r.stdout == "KPIs hurt (proposed by the autopsy): avg_deal_size, sales_cycle_days, gross_margin, win_rate, forecast_accuracy\nAutopsy of D-1116 added to \(path).\n")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("      \"deal\": \"D-1116\",\n      \"written_on\": \"2026-11-23\",\n      \"kpis\": [\"avg_deal_size\", \"sales_cycle_days\", \"gross_margin\", \"win_rate\", \"forecast_accuracy\"],\n"))
    }

    /// TalentLoop on 2026-11-30: D-1114 ($192k) won leaves a sliver of the quarter's target, so
    /// weighted coverage goes from 0.62x to 20.61x. The words say ">10x" (D-1211 meets the target:
    /// "target met"); the JSON keeps the exact 20.6125.
    @Test func aWhatIfCoverageAboveTenTimesIsShownAsMoreThanTen() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-30"]).status == 0)
        let path = dir.appendingPathComponent("talentloop.json").path
        let text = try CommandRunner.run(["autopsy", "list", path, "--as-of", "2026-11-30"])
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let d1114 = try #require(lines.firstIndex { $0.hasPrefix("  D-1114") })
        #expect(lines[d1114 + 1] == "      Had D-1114 been won on 2026-11-13: NewARR $32k red → $128k green, Cycle 63.7 d yellow → 58.9 d green, ACV $29k no target → $34k no target, wCov 0.62x red → >10x green")
        #expect(lines.contains("      Had D-1211 been won on 2026-11-15: NewARR $32k red → $169k green, Cycle 63.7 d yellow → 59.2 d green, ACV $29k no target → $38k no target, wCov 0.62x red → target met"))
        let ascii = try CommandRunner.run(["autopsy", "list", path, "--as-of", "2026-11-30"], environment: ["LANG": "C", "LC_ALL": "C"])
        #expect(ascii.stdout.contains("wCov 0.62x red -> >10x green\n"))
        let json = try CommandRunner.run(["report", path, "--as-of", "2026-11-30", "--format", "json"])
        #expect(json.stdout.contains("\"weighted_pipeline_coverage\": [0.6246212121212121, 20.6125, \"red\", \"green\"]"))
    }

    /// The monthly deep dive: the quarter's autopsy as text and markdown, overdue changes named.
    @Test func theAutopsyListForTheDeepDive() throws {
        let path = try demoFile(in: try CommandRunner.temporaryFolder())
        #expect(try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1116", "--root-cause", "No budget owner", "--systemic-change", "Name one at discovery",
                                       "--due", "2026-11-20", "--owner", "Sam", "--written-on", "2026-11-18"]).status == 0)
        let text = try CommandRunner.run(["autopsy", "list", path, "--as-of", "2026-11-23"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(4)) == ["KPI autopsy, 2026-11-23", "", "Northwind Advisory: 2026-10-01 to 2026-11-23",
                                           "8 deals lost, slipped or stalled; 4 autopsies written, 1 systemic change overdue."])
        let d1116 = try #require(lines.firstIndex { $0.hasPrefix("  D-1116") })
        #expect(lines[d1116] == "  D-1116  $147k  lost             change overdue  win_rate, forecast_accuracy")
        // Had it been won the day it was lost: Northwind's dashboard KPIs that move.
        #expect(lines[d1116 + 1] == "      Had D-1116 been won on 2026-10-16: ADS $110k no target → $115k no target, Cycle 73.6 d yellow → 66.8 d yellow, GM 45.6% green → 47.6% green")
        #expect(Array(lines[(d1116 + 2)...(d1116 + 4)]) == ["      written 2026-11-18, owner Sam, due 2026-11-20, overdue",
                                                             "      Root cause: No budget owner", "      Systemic change: Name one at discovery"])
        #expect(lines.contains("  Lost reasons: no decision: 1 deal, $147k; timing: 2 deals, $53k; champion left: 1 deal, $37k"))
        let md = try CommandRunner.run(["autopsy", "list", path, "--as-of", "2026-11-23", "--format", "markdown"])
        #expect(md.stdout.contains("| Deal | Amount | Why | KPIs hurt | Autopsy |\n| --- | ---: | --- | --- | --- |\n"))
        #expect(md.stdout.contains("\n### What if won\n\n- Had D-1116 been won on 2026-10-16: ADS $110k no target → $115k no target, Cycle 73.6 d yellow → 66.8 d yellow, GM 45.6% green → 47.6% green\n"))
        #expect(md.stdout.contains("- **D-1116** (written 2026-11-18, owner Sam, due 2026-11-20, overdue): KPIs avg_deal_size, sales_cycle_days, gross_margin, win_rate, forecast_accuracy  \n  Root cause: No budget owner  \n"))
        let bad = try CommandRunner.run(["autopsy", "list", path, "--format", "pdf"])
        #expect(bad.status == 2 && bad.stderr == "redline: error: The value 'pdf' is invalid for '--format <format>'. Please provide one of 'text', 'markdown' or 'json'. (see --help)\n")
        let missing = try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1116"])
        #expect(missing.status == 2 && missing.stderr == "redline: error: Missing expected argument '--root-cause <root-cause>' (see --help)\n")
    }

    /// Writing fails half way (here: past a file-size limit of 8 blocks): one clear line, exit 1,
    /// the file as it was and no temporary file left behind.
    @Test func aWriteThatFailsLeavesTheFileAsItWas() throws {
        let dir = try CommandRunner.temporaryFolder()
        let path = try demoFile(in: dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let log = dir.appendingPathComponent("out.log").path
        let status = try spawnAndWait(["/bin/sh", "-c", "ulimit -f 8; exec \"$0\" \"$@\"", CommandRunner.binary.path,
                                       "action", "add", path, "--text", "Call the CFO", "--week", "2026-W48"], output: log)
        #expect(status == 1)
        #expect(String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
                == "redline: error: the file size limit was reached while writing; northwind-advisory.json is unchanged\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") } == [])
    }

    /// A really full disk: a 160 KB tmpfs holding the 100 KB file has no room for the new copy.
    /// Needs the right to mount (root in the CI container); elsewhere the size-limit test above covers the path.
    @Test func aFullDiskLeavesTheFileAsItWas() throws {
        let mountPoint = try CommandRunner.temporaryFolder()
        let log = mountPoint.path + ".log"
        guard try spawnAndWait(["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", mountPoint.path], output: log) == 0 else { return }
        defer { _ = try? spawnAndWait(["umount", mountPoint.path], output: log) }
        let path = try demoFile(in: mountPoint)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let r = try CommandRunner.run(["action", "add", path, "--text", "Call the CFO", "--week", "2026-W48"])
        #expect(r.status == 1)
        #expect(r.stderr == "redline: error: the disk is full (or your quota is used up); northwind-advisory.json is unchanged\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint.path).filter { $0.hasSuffix(".tmp") } == [])
    }
}
