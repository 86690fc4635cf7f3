import Foundation
import MetricsCore
import Testing

/// The HTML reports in a real browser: headless Chromium renders each demo client's page to a
/// PNG and its parsed DOM gives back every KPI value, equal to the JSON report's value as the
/// page formats it.
@Suite(.serialized) struct HTMLBrowserTests {
    static let asOf = "2026-11-23"
    static let clients = ["brightsignal", "cortexa-ai", "ledgerly", "northwind-advisory", "talentloop"]

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try CommandRunner.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    /// The text a page shows for a KPI value: the text report's formatting, `&` `<` `>` as the DOM writes them.
    static func shown(_ k: [String: Any], currency: String, weekly: Bool) -> String {
        let unit = KPICatalog.definition(KPIID(rawValue: k["id"] as! String)!).unit
        let text: String
        if let v = k["value"] as? Double { text = ValueFormatter(currency: currency).format(v, unit) }
        else if weekly && k["status"] as? String == "green" { text = k["reason"] as? String ?? "—" }   // "target met"
        else { text = "—" }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Writes the page, renders it to PNG (checked to be one) and returns its DOM.
    static func render(_ html: String, name: String, in dir: URL, width: Int) throws -> String {
        let page = dir.appendingPathComponent("\(name).html"), png = dir.appendingPathComponent("\(name).png")
        try Data(html.utf8).write(to: page)
        let seconds = try Chromium.screenshot(page, to: png, width: width, height: 2400)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name): not a PNG")
        #expect(bytes.count > 20_000, "\(name): \(bytes.count) bytes of PNG: an empty page?")
        print("note: \(name): \(html.utf8.count) bytes of HTML, PNG \(bytes.count) bytes at \(width) px wide, chromium \(decimals(seconds, 2)) s")
        return try Chromium.dom(page)
    }

    @Test(.enabled(if: Chromium.shouldRun, Comment(rawValue: Chromium.missing)))
    func eachDemoClientsWeeklyPage() throws {
        guard Chromium.require() != nil else { return }
        let dir = try CommandRunner.temporaryFolder()
        let engagements = try Self.json(["report", "--as-of", Self.asOf, "--format", "json"])["engagements"] as! [[String: Any]]
        for client in Self.clients {
            let r = try CommandRunner.run(["report", "--as-of", Self.asOf, "--client", client, "--format", "html"])
            #expect(r.status == 0, "\(r.stderr)")
            // A phone's width: the page must stand on its own there too.
            let dom = try Self.render(r.stdout, name: "weekly-\(client)", in: dir, width: 412)
            let e = engagements.first { $0["client"] as? String == client }!
            let dashboard = e["dashboard"] as! [String]
            let kpis = e["kpis"] as! [[String: Any]]
            let shown = Chromium.values(dom, attribute: "data-kpi")
            #expect(Set(shown.keys) == Set(dashboard), "\(client)")
            for id in dashboard {
                let k = kpis.first { $0["id"] as? String == id }!
                #expect(shown[id] == Self.shown(k, currency: e["currency"] as! String, weekly: true), "\(client) \(id)")
            }
            #expect(dom.components(separatedBy: "<svg class=\"spark\"").count - 1 == dashboard.count, "\(client): a 12-week line per KPI")
        }
    }

    @Test(.enabled(if: Chromium.shouldRun, Comment(rawValue: Chromium.missing)))
    func eachDemoClientsBoardPack() throws {
        guard Chromium.require() != nil else { return }
        let dir = try CommandRunner.temporaryFolder()
        let args = ["report", "--as-of", Self.asOf, "--quarter", "2026-Q4"]
        let clients = try Self.json(args + ["--format", "json"])["clients"] as! [[String: Any]]
        for client in Self.clients {
            let r = try CommandRunner.run(args + ["--client", client, "--format", "html"])
            #expect(r.status == 0, "\(r.stderr)")
            let dom = try Self.render(r.stdout, name: "pack-\(client)", in: dir, width: 1000)
            let c = clients.first { $0["client"] as? String == client }!
            let currency = c["currency"] as! String
            for (attribute, key) in [("data-kpi", "kpis"), ("data-retention", "retention")] {
                let expected = c[key] as! [[String: Any]]
                let shown = Chromium.values(dom, attribute: attribute)
                #expect(shown.count == expected.count, "\(client) \(key)")
                for k in expected {
                    #expect(shown[k["id"] as! String] == Self.shown(k, currency: currency, weekly: false), "\(client) \(key) \(k["id"]!)")
                }
            }
            let next = c["next_quarter_coverage"] as! [String: Any]
            let nextText = Chromium.values(dom, attribute: "data-next")["pipeline_coverage_next"] ?? ""
            let value = (next["value"] as? Double).map { ValueFormatter(currency: currency).format($0, .multiple) } ?? (next["reason"] as? String ?? "—")
            #expect(nextText.contains(": \(value)  "), "\(client): \(nextText)")
        }
    }
}
