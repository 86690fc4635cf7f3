import Foundation
import Testing
@testable import MetricsCore

/// The HTML reports: data text can never become markup, the page fetches nothing and runs no
/// script, and it prints a page per client.
@Suite struct HTMLReportTests {
    static let hostile = [
        "<script>alert(1)</script>",
        "\" onmouseover=\"alert(1)",
        "' onmouseover='alert(2)",
        "</style><style>body{display:none}</style>",
        "<img src=x onerror=alert(3)>",
        "<!-- & \u{1B}]0;title\u{07}\u{202E}",
    ]

    /// The board pack fixture with a payload in every text a report shows.
    static func hostileFile() -> LoadedFile {
        var e = BoardPackTests.fixture()
        e.client.name = "Acme " + hostile.joined(separator: " ")
        for i in e.deals.indices {
            e.deals[i].name = hostile[i % hostile.count]
            e.deals[i].lostReason = e.deals[i].lostReason.map { _ in hostile[3] }
        }
        e.autopsies[0].systemicChange = hostile[0]
        e.autopsies[0].owner = hostile[1]
        e.stages[0].name = hostile[4]
        e.actions = [Action(week: Day("2026-11-16")!.isoWeek, status: "done", text: hostile[3], kpi: hostile[0])]
        return LoadedFile(file: "evil<script>.json", engagement: e, problems: [])
    }

    static func weekly(_ file: LoadedFile, asOf: String = "2026-11-23") -> String {
        let p = Portfolio(files: [file])
        return ReportHTML.render(p, reviews: p.reviews(asOf: Day(asOf)!), asOf: Day(asOf)!)
    }

    static func pack(_ file: LoadedFile, asOf: String = "2027-01-15") -> String {
        let p = Portfolio(files: [file]), label = QuarterLabel("2026-Q4")!, day = Day(asOf)!
        let packs = p.files.map { f in f.engagement.map { BoardPack(index: EngagementIndex($0), quarter: label.quarter(startMonth: 1), asOf: day) } }
        return BoardPackHTML.render(p, packs: packs, quarter: label, asOf: day)
    }

    static let tags: Set<String> = ["html", "head", "meta", "title", "style", "body", "main", "section", "h1", "h2", "h3", "p", "span", "strong",
                                    "div", "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "svg", "rect", "line", "polyline",
                                    "circle", "text"]
    static let attributes: Set<String> = ["lang", "charset", "name", "content", "class", "viewBox", "role", "aria-label", "x", "y", "width",
                                          "height", "fill", "x1", "y1", "x2", "y2", "stroke", "stroke-width", "stroke-dasharray", "points",
                                          "cx", "cy", "r", "text-anchor", "font-weight", "data-kpi", "data-retention", "data-next", "data-bookings"]

    /// Every `<` of the page opens one of our tags with our attributes (values quoted, with no
    /// quote or angle bracket inside), and the one style sheet is ours.
    static func markupProblems(_ html: String) -> [String] {
        var problems: [String] = []
        let tag = try! NSRegularExpression(pattern: #"\G<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z][A-Za-z0-9-]*="[^"<>]*")*)\s*/?>"#)
        let attribute = try! NSRegularExpression(pattern: #"([A-Za-z][A-Za-z0-9-]*)=""#)
        let ns = html as NSString
        var search = NSRange(location: 0, length: ns.length)
        while true {
            let lt = ns.range(of: "<", options: [], range: search)
            guard lt.location != NSNotFound else { break }
            let rest = NSRange(location: lt.location, length: ns.length - lt.location)
            if ns.substring(with: NSRange(location: lt.location, length: min(15, rest.length))) == "<!DOCTYPE html>" {
                search = NSRange(location: lt.location + 1, length: ns.length - lt.location - 1); continue
            }
            if let m = tag.firstMatch(in: html, options: [.anchored], range: rest) {
                let name = ns.substring(with: m.range(at: 2))
                if !tags.contains(name) { problems.append("tag <\(name)>") }
                let attrs = ns.substring(with: m.range(at: 3))
                for a in attribute.matches(in: attrs, range: NSRange(location: 0, length: (attrs as NSString).length)) {
                    let key = (attrs as NSString).substring(with: a.range(at: 1))
                    if !attributes.contains(key) { problems.append("attribute \(key) on <\(name)>") }
                }
            } else {
                problems.append("raw < at \(ns.substring(with: NSRange(location: lt.location, length: min(40, rest.length))))")
            }
            search = NSRange(location: lt.location + 1, length: ns.length - lt.location - 1)
        }
        let styles = html.components(separatedBy: "<style>")
        if styles.count != 2 || !styles[1].hasPrefix("\n" + HTMLPage.css + "\n</style>") { problems.append("the style sheet is not ours alone") }
        if html.components(separatedBy: "</style").count != 2 { problems.append("a second </style") }
        return problems
    }

    @Test func hostileTextStaysText() {
        for (kind, html) in [("weekly", Self.weekly(Self.hostileFile())), ("board pack", Self.pack(Self.hostileFile()))] {
            #expect(Self.markupProblems(html).isEmpty, "\(kind): \(Self.markupProblems(html).prefix(5))")
            #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<!--"), "\(kind)")
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(kind)")
            #expect(html.contains("&quot; onmouseover=&quot;alert(1)") && html.contains("&#39; onmouseover=&#39;alert(2)"), "\(kind)")
            #expect(html.contains("&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;"), "\(kind)")
            // Controls and bidi overrides are stripped before escaping.
            #expect(!html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(kind)")
            // The OSC title sequence goes whole, payload included.
            #expect(html.contains("&lt;!-- &amp; ") && !html.contains("]0;title"), "\(kind)")
        }
        // The board pack shows the hostile systemic change, owner and lost reason as text.
        let pack = Self.pack(Self.hostileFile())
        #expect(pack.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>&quot; onmouseover=&quot;alert(1)</td>"))
    }

    /// The checker itself catches what it is there for.
    @Test func theMarkupCheckFindsPlantedMarkup() {
        let page = HTMLPage.document(title: "t", body: #"<p onmouseover="x">a</p><img src="x"><p>1 < 2</p>"#)
        let found = Self.markupProblems(page)
        #expect(Array(found.prefix(3)) == ["attribute onmouseover on <p>", "tag <img>", "attribute src on <img>"])
        #expect(found.count == 4 && found[3].hasPrefix("raw < at < 2</p>"))
        #expect(Self.markupProblems(HTMLPage.document(title: "t", body: "</style><style>x</style>")).contains("the style sheet is not ours alone"))
    }

    @Test func htmlTextEscapesTheFiveCharacters() {
        #expect(htmlText(#"a & b < c > d " e ' f"#) == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
        #expect(htmlText("plain €12k ≥ 3") == "plain €12k ≥ 3")
        #expect(htmlText("x\u{1B}[2Jy\u{202E}z\tw") == "xyz w")
    }

    /// Self-contained: no script, nothing fetched; phone width and A4 print with a page per client.
    @Test func selfContainedResponsiveAndPrintable() {
        let html = Self.weekly(LoadedFile(file: "c.json", engagement: BoardPackTests.fixture(), problems: []))
        for fetch in ["<script", "src=", "href=", "url(", "@import", "<link", "<iframe", "<object", "javascript:"] {
            #expect(!html.contains(fetch), "\(fetch)")
        }
        #expect(html.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
        #expect(HTMLPage.css.contains("main{max-width:960px;") && HTMLPage.css.contains("@page{size:A4;"))
        #expect(HTMLPage.css.contains("section.client{break-before:page;page-break-before:always}"))
        // A status is a glyph and a word, not a colour alone.
        #expect(html.contains(#"<span class="badge s-green">● green</span>"#) || html.contains(#"<span class="badge s-yellow">▲ yellow</span>"#)
                || html.contains(#"<span class="badge s-red">■ red</span>"#))
        // Every dashboard KPI's value carries its id for a browser to read back; six SVG lines of 12 weeks.
        for id in KPICatalog.preset(for: .saas) { #expect(html.contains("data-kpi=\"\(id.rawValue)\""), "\(id)") }
        #expect(html.components(separatedBy: "<svg class=\"spark\"").count - 1 == 6)
    }

    /// Twelve weekly reviews, t − 77 … t: the win rate of the board pack fixture worked by hand at three of them.
    @Test func twelveWeeksOfAKPI() {
        let e = BoardPackTests.fixture()
        let h = KPIHistory(index: EngagementIndex(e), endingOn: Day("2026-12-31")!, kpis: [.winRate])
        #expect(h.days.count == 12 && h.days.first == Day("2026-10-15")! && h.days.last == Day("2026-12-31")!)
        let win = h.values[.winRate]!
        // 12-31 (T90 from 10-03): W1, W2, W3 won, L1 lost → 0.75. 10-15 (T90 from 07-18): W0, W1 won, L0 lost → 2/3.
        // 11-12 (T90 from 08-15): W0, W1, W2 won, L1 lost that day → 0.75.
        #expect(win.last! == 0.75 && abs(win.first!! - 2.0 / 3) < 1e-12 && win[4] == 0.75)
    }
}
