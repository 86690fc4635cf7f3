import Foundation
import Testing

/// `redline report --quarter` and `--format csv` end to end: the board pack on the demo, every
/// refused combination with its message, and the CSV read back by Python's csv module.
@Suite struct ReportFormatsCLITests {
    let asOf = ["--as-of", "2026-11-23"]

    @Test func theBoardPackOnTheDemo() throws {
        let text = try CommandRunner.run(["report", "--quarter", "2026-Q4", "--client", "ledgerly"] + asOf)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Quarterly board pack (demo), 2026-Q4 (review date 2026-11-23)\n\nLedgerly (saas)  "))
        #expect(text.stdout.contains("\n2026-Q4 (2026-10-01 … 2026-12-31), running: judged on 2026-11-23 (59% of the quarter)\n"))
        for heading in ["\nBookings: ", "\nDashboard KPIs:\n", "\nForecast against won, by month:\n", "\nRetention:\n", "\nLargest wins:",
                        "\nLargest losses:", "\nImprovement targets:", "\nKPI autopsy: ", "\nNext quarter's coverage: 2027-Q1: "] {
            #expect(text.stdout.contains(heading), "\(heading)")
        }
        let json = try CommandRunner.run(["report", "--quarter", "2026-Q4", "--format", "json"] + asOf)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(doc["format"] as? String == "redline.boardpack/1")
        let clients = doc["clients"] as! [[String: Any]]
        // Paths' order (the demo's files by name); TalentLoop's fiscal year starts in February, so its 2026-Q4 ended in January.
        #expect(clients.map { $0["client"] as! String } == ["brightsignal", "cortexa-ai", "ledgerly", "northwind-advisory", "talentloop"])
        let talent = clients[4]["quarter"] as! [String: Any]
        #expect(talent["from"] as? String == "2025-11-01" && talent["to"] as? String == "2026-01-31" && talent["complete"] as? Bool == true)
        // The same figures as the weekly review's on the judging day: the dashboard KPIs' values.
        let weekly = try JSONSerialization.jsonObject(with: Data(try CommandRunner.run(["report", "--format", "json"] + asOf).stdout.utf8)) as! [String: Any]
        let ledgerly = (weekly["engagements"] as! [[String: Any]]).first { $0["client"] as? String == "ledgerly" }!
        let weeklyValues = Dictionary(uniqueKeysWithValues: (ledgerly["kpis"] as! [[String: Any]]).map { ($0["id"] as! String, $0["value"] as? Double) })
        for k in clients[2]["kpis"] as! [[String: Any]] { #expect(k["value"] as? Double == weeklyValues[k["id"] as! String]!, "\(k["id"]!)") }
        let markdown = try CommandRunner.run(["report", "--quarter", "2026-Q4", "--format", "markdown", "--client", "cortexa-ai"] + asOf)
        #expect(markdown.status == 0 && markdown.stdout.contains("\n### Largest losses\n\n| Deal | Amount | Closed | Name | Reason |\n"))
    }

    @Test func refusedCombinationsSayWhy() throws {
        let cases: [([String], String)] = [
            (["--quarter", "2026-Q5"], "The value '2026-Q5' is invalid for '--quarter <YYYY-Qn>': expected a fiscal quarter YYYY-Qn with n from 1 to 4, e.g. 2026-Q4 (see --help)"),
            (["--quarter", "2027-Q1"] + asOf, "brightsignal: 2027-Q1 starts on 2027-01-01, after the review date 2026-11-23"),
            (["--quarter", "2026-Q4", "--format", "csv"], "--format csv is the weekly dashboard; the board pack is text, markdown, html or json (see --help)"),
            (["--quarter", "2026-Q4", "--list", "stalled"], "--list is for the weekly one-pager, not the board pack (see --help)"),
            (["--format", "html", "--list", "stalled"], "--list is for text and markdown (see --help)"),
            (["--format", "csv", "--list", "slipped"], "--list is for text and markdown (see --help)"),
            (["--format", "pdf"], "The value 'pdf' is invalid for '--format <format>'. Please provide one of 'text', 'markdown', 'html', 'csv' or 'json'. (see --help)"),
        ]
        for (args, message) in cases {
            let r = try CommandRunner.run(["report"] + args)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(args)")
            #expect(r.stderr == "redline: error: \(message)\n", "\(args)")
        }
    }

    /// Python's csv module reads the file back: each cell equals the JSON report's value; a name
    /// that is a formula stays text; negative values stay numbers.
    @Test func theCSVParsesBackToTheJSONValues() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path] + asOf).status == 0)
        let file = dir.appendingPathComponent("ledgerly.json")
        var doc = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        var client = doc["client"] as! [String: Any]
        let evil = #"=HYPERLINK("http://evil.example","Click"), Inc."#
        client["name"] = evil
        doc["client"] = client
        try JSONSerialization.data(withJSONObject: doc).write(to: file)

        let csv = try CommandRunner.run(["report", dir.path, "--format", "csv"] + asOf)
        #expect(csv.status == 0, "\(csv.stderr)")
        let csvFile = dir.appendingPathComponent("report.csv"), jsonFile = dir.appendingPathComponent("report.json")
        try Data(csv.stdout.utf8).write(to: csvFile)
        try Data(try CommandRunner.run(["report", dir.path, "--format", "json"] + asOf).stdout.utf8).write(to: jsonFile)
        // Python reads both: each CSV row comes back with the JSON report's numbers beside it, as
        // Python writes them (its repr is exact; Foundation's JSON reader rounds the last digit).
        let script = """
        import csv, json, sys
        rows = list(csv.reader(open(sys.argv[1], newline='')))
        report = json.load(open(sys.argv[2]))
        kpis = {(e['client'], k['id']): (e, k) for e in report['engagements'] for k in e['kpis']}
        r = lambda v: '' if v is None else repr(v)
        out = [rows[0]]
        for row in rows[1:]:
            e, k = kpis[(row[0], row[2])]
            t = k['thresholds'] or {}
            out.append(row + [e['name'], r(k['value']), r(k['previous_week']), r(t.get('green')), r(t.get('red')), r(t.get('target')), r(t.get('pace'))])
        print(json.dumps(out))
        """
        let parsed = dir.appendingPathComponent("parsed.json").path
        let status = try spawnAndWait(["python3", "-c", script, csvFile.path, jsonFile.path], output: parsed)
        let text = String(decoding: FileManager.default.contents(atPath: parsed) ?? Data(), as: UTF8.self)
        #expect(status == 0, "\(text)")
        let rows = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [[String]]
        #expect(rows.first == ["client", "name", "kpi", "value", "unit", "status", "green", "red", "previous_week", "as_of"])
        // Every client's dashboard, in the JSON report's order of paths: 5 clients, 5 or 6 KPIs each.
        #expect(rows.count == 1 + 6 + 5 + 6 + 5 + 6)
        var negative = 0
        for row in rows.dropFirst() {
            let (name, value, previous, green, red, target, pace) = (row[10], row[11], row[12], row[13], row[14], row[15], row[16])
            #expect(row[1] == (name.hasPrefix("=") ? "'" + name : name) && row[9] == "2026-11-23", "\(row)")
            #expect(Double(row[3]) == Double(value) && Double(row[8]) == Double(previous), "\(row)")
            if !target.isEmpty {
                // Paced: target × pace and 0.8 of it, computed as the report does.
                #expect(Double(row[6]) == Double(target)! * Double(pace)! && Double(row[7]) == 0.8 * Double(target)! * Double(pace)!, "\(row)")
            } else {
                #expect(Double(row[6]) == Double(green) && Double(row[7]) == Double(red), "\(row)")
            }
            if row[3].hasPrefix("-") { negative += 1 }
            #expect(!row[3].contains(",") && !row[3].contains("$") && !row[3].contains("e"), "\(row)")
        }
        #expect(negative > 0, "the demo has a negative KPI (Cortexa's compression rate): written as a number, no apostrophe")
        #expect(rows.contains { $0[1] == "'" + evil })
        #expect(csv.stdout.contains(#",Cortexa AI,sccr,-0.0"#))
    }

    /// A file that does not load: no rows, said on standard error, exit 1.
    @Test func aRejectedFileInTheCSVIsSaidOnStandardError() throws {
        let dir = try CommandRunner.temporaryFolder()
        try Data(#"{"format": "redline.engagement/1", "client": 3}"#.utf8).write(to: dir.appendingPathComponent("broken.json"))
        let r = try CommandRunner.run(["report", dir.path, "--format", "csv"] + asOf)
        #expect(r.status == 1)
        #expect(r.stdout == "client,name,kpi,value,unit,status,green,red,previous_week,as_of\n")
        #expect(r.stderr == "redline: \(dir.path)/broken.json did not load and has no rows (redline check \(dir.path)/broken.json)\n")
        // HTML and the board pack name it in the page, and exit 1 too.
        for extra in [["--format", "html"], ["--quarter", "2026-Q4", "--format", "html"], ["--quarter", "2026-Q4"]] {
            let page = try CommandRunner.run(["report", dir.path] + extra + asOf)
            #expect(page.status == 1, "\(extra)")
            let message = extra.contains("html") ? "error: client: expected an object, found the number 3</li>" : "/broken.json:1:46: error: client: expected an object, found the number 3\n"
            #expect(page.stdout.contains("did not load") && page.stdout.contains(message), "\(extra)")
        }
        let json = try CommandRunner.run(["report", dir.path, "--quarter", "2026-Q4", "--format", "json"] + asOf)
        #expect(json.status == 1 && json.stdout.contains(#""clients": [],"#) && json.stdout.contains(#""message": "missing required key \"stages\"""#))
    }
}
