import Foundation
import Testing

/// `redline autopsy list --month`: the monthly deep dive, grouped by root cause and systemic change.
@Suite struct DeepDiveCLITests {
    @Test func novemberOfNorthwind() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let file = dir.appendingPathComponent("northwind-advisory.json").path
        // D-1093 ($53k, slipped in November) gets the same root cause as D-1043 ($179k): one group of 2 deals, $179k + $53k = $232k.
        #expect(try CommandRunner.run(["autopsy", "add", file, "--deal", "D-1093", "--root-cause", "Champion left mid-cycle",
                                       "--systemic-change", "Multi-thread every deal above 50k", "--written-on", "2026-11-20",
                                       "--due", "2026-11-21", "--owner", "Sam"]).status == 0)
        let r = try CommandRunner.run(["autopsy", "list", file, "--month", "2026-11", "--as-of", "2026-11-23"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            Northwind Advisory: deep dive of 2026-11 (as of 2026-11-23)
            4 deals lost, slipped or stalled; 3 autopsies written, 1 systemic change overdue.
              By root cause:
                2 deals, $232k: Champion left mid-cycle
                  D-1043, D-1093
                1 deal, $37k: Close date set by the rep's quota, not the buyer's process
                  D-1020
              By systemic change:
                2 deals, $232k: Multi-thread every deal above 50k
                  D-1043, D-1093
                1 deal, $37k: Close dates come from a mutual action plan
                  D-1020
              Systemic changes:
                done      D-1043  Multi-thread every deal above 50k (owner Jordan Blake, due 2026-12-07)
                overdue   D-1093  Multi-thread every deal above 50k (owner Sam, due 2026-11-21)
                open      D-1020  Close dates come from a mutual action plan (owner Jordan Blake, due 2026-12-07)
              Without an autopsy (1): D-1036 $23k slipped+stalled


            """)
        let bad: [([String], String)] = [
            (["--month", "2026-13"], "redline: error: The value '2026-13' is invalid for '--month <YYYY-MM>': expected YYYY-MM, e.g. 2026-11 (see --help)\n"),
            (["--month", "2027-01", "--as-of", "2026-11-23"], "redline: error: --month 2027-01 has not begun on 2026-11-23\n"),
        ]
        for (args, message) in bad {
            let b = try CommandRunner.run(["autopsy", "list", file] + args)
            #expect(b.status == 2 && b.stderr == message, "\(args): \(b.stderr)")
        }
    }

    /// The same deep dive as markdown: tables, the changes' statuses counted, every deal without
    /// an autopsy listed (the text stops at ten). Figures as in the text above: $179k + $53k = $232k;
    /// D-1093's change was due 2026-11-21, before 2026-11-23, and is open: overdue.
    @Test func novemberOfNorthwindAsMarkdown() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let file = dir.appendingPathComponent("northwind-advisory.json").path
        #expect(try CommandRunner.run(["autopsy", "add", file, "--deal", "D-1093", "--root-cause", "Champion left mid-cycle",
                                       "--systemic-change", "Multi-thread every deal above 50k", "--written-on", "2026-11-20",
                                       "--due", "2026-11-21", "--owner", "Sam"]).status == 0)
        let r = try CommandRunner.run(["autopsy", "list", file, "--month", "2026-11", "--as-of", "2026-11-23", "--format", "markdown"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout == """
            # Monthly deep dive, 2026-11

            ## Northwind Advisory: 2026-11 (as of 2026-11-23)

            4 deals lost, slipped or stalled; 3 autopsies written, 1 systemic change overdue.

            ### By root cause

            | Root cause | Deals | Amount | Deal ids | Won, they would have lifted |
            | --- | ---: | ---: | --- | --- |
            | Champion left mid-cycle | 2 | $232k | D-1043, D-1093 | — |
            | Close date set by the rep's quota, not the buyer's process | 1 | $37k | D-1020 | — |

            ### By systemic change

            | Systemic change | Deals | Amount | Deal ids | Won, they would have lifted |
            | --- | ---: | ---: | --- | --- |
            | Multi-thread every deal above 50k | 2 | $232k | D-1043, D-1093 | — |
            | Close dates come from a mutual action plan | 1 | $37k | D-1020 | — |

            ### Systemic changes

            1 done, 1 open, 1 overdue on 2026-11-23.

            | Status | Deal | Systemic change | Owner | Due |
            | --- | --- | --- | --- | --- |
            | done | D-1043 | Multi-thread every deal above 50k | Jordan Blake | 2026-12-07 |
            | **overdue** | D-1093 | Multi-thread every deal above 50k | Sam | 2026-11-21 |
            | open | D-1020 | Close dates come from a mutual action plan | Jordan Blake | 2026-12-07 |

            ### Without an autopsy (1)

            | Deal | Amount | Why | KPIs hurt |
            | --- | ---: | --- | --- |
            | D-1036 Initech Foods: Operating model review | $23k | slipped+stalled | sales_cycle_days, pipeline_velocity, stalled_share |

            """)
        // October, where a win would have lifted the dashboard: the what-if column names the KPI.
        let october = try CommandRunner.run(["autopsy", "list", file, "--month", "2026-10", "--as-of", "2026-11-23", "--format", "markdown"])
        #expect(october.stdout.contains("| Proposal went out without an economic buyer | 1 | $19k | D-1072 | Cycle (1) |"))
        #expect(october.stdout.contains("### Without an autopsy (5)\n"))
        #expect(october.stdout.contains("| D-1116 "))
    }

    /// The deep dive for scripts (`redline.deepdive/1`): exact amounts, D-1043 $179,000 + D-1093
    /// $52,500 = $231,500 in one group; the changes counted by state; without --month, json
    /// points to the report's JSON, which holds the quarter's autopsy.
    @Test func novemberOfNorthwindAsJSON() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let file = dir.appendingPathComponent("northwind-advisory.json").path
        #expect(try CommandRunner.run(["autopsy", "add", file, "--deal", "D-1093", "--root-cause", "Champion left mid-cycle",
                                       "--systemic-change", "Multi-thread every deal above 50k", "--written-on", "2026-11-20",
                                       "--due", "2026-11-21", "--owner", "Sam"]).status == 0)
        let r = try CommandRunner.run(["autopsy", "list", file, "--month", "2026-11", "--as-of", "2026-11-23", "--format", "json"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "redline.deepdive/1" && json["month"] as? String == "2026-11")
        #expect((json["problems"] as? [Any])?.isEmpty == true)
        let client = try #require((json["clients"] as? [[String: Any]])?.first)
        #expect(client["client"] as? String == "northwind-advisory" && client["as_of"] as? String == "2026-11-23" && client["from"] as? String == "2026-11-01")
        #expect(client["deals"] as? Int == 4 && client["written"] as? Int == 3)
        #expect(client["changes"] as? [String: Int] == ["done": 1, "open": 1, "overdue": 1])
        let causes = try #require(client["by_root_cause"] as? [[String: Any]])
        #expect(causes.map { $0["text"] as? String } == ["Champion left mid-cycle", "Close date set by the rep's quota, not the buyer's process"])
        #expect(causes.map { $0["amount"] as? Double } == [231500, 36500] && causes.map { $0["count"] as? Int } == [2, 1])
        #expect(causes[0]["deals"] as? [String] == ["D-1043", "D-1093"])
        let changes = try #require(client["systemic_changes"] as? [[String: Any]])
        #expect(changes.map { "\($0["deal"] as? String ?? "") \($0["state"] as? String ?? "")" } == ["D-1043 done", "D-1093 overdue", "D-1020 open"])
        #expect(changes[1]["owner"] as? String == "Sam" && changes[1]["due"] as? String == "2026-11-21")
        let unwritten = try #require(client["without_autopsy"] as? [[String: Any]])
        #expect(unwritten.map { $0["deal"] as? String } == ["D-1036"] && unwritten[0]["causes"] as? [String] == ["slipped", "stalled"])
        // October: a win of D-1072 would have lifted the sales cycle (as the markdown says).
        let october = try CommandRunner.run(["autopsy", "list", file, "--month", "2026-10", "--as-of", "2026-11-23", "--format", "json"])
        let oct = try #require(try JSONSerialization.jsonObject(with: Data(october.stdout.utf8)) as? [String: Any])
        let lift = ((oct["clients"] as? [[String: Any]])?.first?["by_root_cause"] as? [[String: Any]])?.first?["would_lift"] as? [[String: Any]]
        #expect(lift?.map { "\($0["kpi"] as? String ?? "") \($0["deals"] as? Int ?? 0)" } == ["sales_cycle_days 1"])
        let quarter = try CommandRunner.run(["autopsy", "list", file, "--format", "json"])
        #expect(quarter.status == 2 && quarter.stderr == "redline: error: --format json is the monthly deep dive (with --month); the quarter's autopsy is in redline report --format json (see --help)\n")
    }
}
