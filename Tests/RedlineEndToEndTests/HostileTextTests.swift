import Foundation
import Testing

/// A shared box: whoever runs redline on a colleague's (or a CRM's) file must not have their
/// terminal driven by it. Every string of a demo file carries escape sequences (window title,
/// clear screen, clipboard write), a C1 CSI, a bidi override and HTML/markdown link syntax; every
/// command's output, on both streams, must come out without any of those bytes.
@Suite struct HostileTextTests {
    static let payload = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}31m\u{202E}\u{2066}<img src=x onerror=alert(1)>[click](http://evil.example)"

    /// The demo's Northwind file with the payload appended to every string value that is not a
    /// date, week, quarter or enumerated word (those would only make the file fail to load).
    func hostileFile(in dir: URL, name: String = "hostile.json") throws -> String {
        let all = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", all.path, "--as-of", "2026-11-23"]).status == 0)
        let data = try Data(contentsOf: all.appendingPathComponent("northwind-advisory.json"))
        let json = try JSONSerialization.jsonObject(with: data)
        let enumerated: Set<String> = ["format", "outcome", "status", "industry", "currency", "retention_basis", "type", "kpi", "basis"]
        let datelike = try NSRegularExpression(pattern: "^\\d{4}-(\\d\\d(-\\d\\d)?|W\\d\\d|Q\\d)$")
        func poison(_ v: Any, key: String?) -> Any {
            switch v {
            case let o as [String: Any]: return o.reduce(into: [String: Any]()) { $0[$1.key] = poison($1.value, key: $1.key) }
            case let a as [Any]: return a.map { poison($0, key: key) }
            case let s as String:
                if let key, enumerated.contains(key) { return s }
                if datelike.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil { return s }
                return s + Self.payload
            default: return v
            }
        }
        let path = dir.appendingPathComponent(name).path
        try JSONSerialization.data(withJSONObject: poison(json, key: nil), options: [.prettyPrinted]).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The bytes no output may hold: ESC, C1 controls (UTF-8 C2 80–9F), bidi controls.
    static func unsafeBytes(in text: String) -> [String] {
        var found: Set<String> = []
        for u in text.unicodeScalars {
            switch u.value {
            case 0x1B: found.insert("ESC")
            case 0x07: found.insert("BEL")
            case 0x80...0x9F: found.insert("C1 \(String(u.value, radix: 16))")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: found.insert("bidi \(String(u.value, radix: 16))")
            default: break
            }
        }
        return found.sorted()
    }

    func expectSafe(_ args: [String], _ r: CommandRunner.Result, markdown: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Self.unsafeBytes(in: r.stdout).isEmpty, "\(args) stdout: \(Self.unsafeBytes(in: r.stdout))", sourceLocation: sourceLocation)
        #expect(Self.unsafeBytes(in: r.stderr).isEmpty, "\(args) stderr: \(Self.unsafeBytes(in: r.stderr))", sourceLocation: sourceLocation)
        #expect(r.status < 128, "\(args) died of a signal", sourceLocation: sourceLocation)
        if markdown {
            // Data can neither become HTML nor a link: `<` is an entity, `[` `]` are escaped.
            #expect(!r.stdout.contains("<img"), "\(args)", sourceLocation: sourceLocation)
            #expect(r.stdout.range(of: #"(?<!\\)\]\("#, options: .regularExpression) == nil, "\(args)", sourceLocation: sourceLocation)
            #expect(r.stdout.contains("&lt;img src=x onerror=alert(1)&gt;\\[click\\](http:\\/\\/evil.example)"), "\(args)", sourceLocation: sourceLocation)
        }
    }

    @Test func noCommandPassesEscapesFromTheFile() throws {
        let dir = try CommandRunner.temporaryFolder()
        let path = try hostileFile(in: dir)
        let check = try CommandRunner.run(["check", path])
        #expect(check.status == 0, "the hostile file loads (with warnings): \(check.stdout.suffix(300))")
        expectSafe(["check"], check)
        let asOf = ["--as-of", "2026-11-23"]
        let runs: [([String], Bool)] = [
            (["report", path] + asOf, false),
            (["report", path, "--format", "markdown"] + asOf, true),
            (["report", path, "--format", "json"] + asOf, false),
            (["report", path, "--format", "html"] + asOf, false),
            (["report", path, "--format", "csv"] + asOf, false),
            (["report", path, "--quarter", "2026-Q4"] + asOf, false),
            (["report", path, "--quarter", "2026-Q4", "--format", "markdown"] + asOf, true),
            (["report", path, "--quarter", "2026-Q4", "--format", "html"] + asOf, false),
            (["autopsy", "list", path] + asOf, false),
            (["autopsy", "list", path, "--format", "markdown"] + asOf, true),
            (["autopsy", "list", path, "--month", "2026-11"] + asOf, false),
            (["autopsy", "list", path, "--month", "2026-11", "--format", "markdown"] + asOf, true),
            (["autopsy", "list", path, "--month", "2026-11", "--format", "json"] + asOf, false),
            (["action", "list", path, "--week", "2026-W47"], false),
            (["check", path, "--all"], false),
            (["report", path, "--client", "nope\u{1B}]0;title\u{07}\u{202E}"] + asOf, false),
            (["cockpit", path] + asOf, false),   // not a terminal: prints the report
        ]
        for (args, markdown) in runs {
            expectSafe(args, try CommandRunner.run(args), markdown: markdown)
        }
        // HTML, the weekly page and the board pack: the payload is text, never a tag or a link.
        for extra in [[String](), ["--quarter", "2026-Q4"]] {
            let html = try CommandRunner.run(["report", path, "--format", "html"] + asOf + extra)
            #expect(!html.stdout.contains("<img") && !html.stdout.contains("href="), "\(extra)")
            #expect(html.stdout.contains("&lt;img src=x onerror=alert(1)&gt;[click](http://evil.example)"), "\(extra)")
        }
        // The JSON report keeps the data, escaped: the text survives for machines, inert for people.
        let json = try CommandRunner.run(["report", path, "--format", "json"] + asOf)
        #expect(json.stdout.contains(#"\u001B]0;pwned\u0007"#) && json.stdout.contains(#"\u202E"#))
    }

    @Test func fileNamesAndIdsInMessagesAreStripped() throws {
        let dir = try CommandRunner.temporaryFolder()
        let path = try hostileFile(in: dir, name: "evil\u{1B}]0;t\u{07}\u{202E}.json")
        for args in [["check", path], ["report", path, "--as-of", "2026-11-23"], ["check", dir.path + "/missing\u{1B}[2J.json"],
                     ["action", "add", path, "--text", "x\u{1B}[2J", "--week", "2026-W48"],
                     ["ack", path, "--deal", "D-\u{1B}]52;c;eA==\u{07}", "--until", "2026-12-30", "--as-of", "2026-11-23"]] {
            expectSafe(args, try CommandRunner.run(args))
        }
    }

    /// The import's summary quotes CSV values (ids, stage labels): a hostile export stays inert.
    @Test func importSummariesAreStripped() throws {
        let dir = try CommandRunner.temporaryFolder()
        let csv = dir.appendingPathComponent("export.csv").path
        let evil = "\u{1B}]0;t\u{07}\u{9B}2J\u{202E}"
        try Data("""
        Deal ID,Deal Name,Stage,Amount,Created,Close Date,Owner
        A-1\(evil),Acme\(evil),Proposal,1000,2026-11-03,2026-12-15,Sam\(evil)
        A-2,Beta,Mystery\(evil),500,2026-11-04,2026-12-16,Sam
        A-3,Gamma,Closed Won,700,2026-10-01,2026-11-02,Priya\(evil)

        """.utf8).write(to: URL(fileURLWithPath: csv))
        let into = dir.appendingPathComponent("acme.json").path
        let args = ["import", csv, "--from", "hubspot", "--into", into, "--as-of", "2026-11-20", "--industry", "saas"]
        expectSafe(args, try CommandRunner.run(args))
        expectSafe(args, try CommandRunner.run(args + ["--apply"]))
        expectSafe(args, try CommandRunner.run(args + ["--apply"]))   // a merge: the changes summary
    }
}
