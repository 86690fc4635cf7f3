/// The page around the HTML reports: one self-contained file (inline CSS, inline SVG, no
/// script, nothing fetched) that reads on a phone (fluid, max-width) and prints on A4 (a
/// page per client). Statuses are a glyph and a word on a tinted badge, never colour alone.
enum HTMLPage {
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(htmlText(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    static let css = """
    body{margin:0;background:#fff;color:#1b1b1b;font:15px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
    main{max-width:960px;margin:0 auto;padding:16px}
    h1{font-size:1.45em;margin:.2em 0 .6em}
    h2{font-size:1.25em;margin:0 0 .3em;padding-bottom:.2em;border-bottom:2px solid #1b1b1b}
    h3{font-size:1.02em;margin:1.3em 0 .4em}
    p{margin:.3em 0}
    section.client{margin:0 0 2.8em}
    .muted{color:#555}
    .badge{display:inline-block;font-weight:600;white-space:nowrap;padding:0 .45em;border-radius:3px;border:1px solid #1b1b1b}
    .s-green{background:#d7f0dc}.s-yellow{background:#fff1b8}.s-red{background:#f9d0cc}.s-none{background:#fff;border-style:dashed}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:10px;margin:.6em 0}
    .card{border:1px solid #bbb;border-radius:6px;padding:8px 10px}
    .card .name{font-weight:600}
    .card .value{font-size:1.55em;font-weight:700;font-variant-numeric:tabular-nums}
    .card .small{font-size:.88em;color:#444}
    .wrap{overflow-x:auto}
    table{border-collapse:collapse;width:100%;font-size:.93em}
    th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
    th{border-bottom:1px solid #1b1b1b}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    svg{display:block;width:100%;height:auto;max-width:640px}
    svg.spark{max-width:260px}
    svg text{font-size:12px;fill:#1b1b1b}
    ul,ol{margin:.2em 0;padding-left:1.4em}
    @media (max-width:600px){body{font-size:14px}main{padding:10px}th,td{padding:3px 5px}}
    @page{size:A4;margin:14mm}
    @media print{body{font-size:10pt}main{max-width:none;padding:0}section.client{break-before:page;page-break-before:always}
    section.client:first-of-type{break-before:auto;page-break-before:auto}
    .card,table,svg,figure{break-inside:avoid;page-break-inside:avoid}
    .badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
    """

    /// `<span class="badge s-red">■ red</span>`.
    static func badge(_ s: KPIStatus, _ glyphs: Glyphs = .unicode) -> String {
        let tone: String
        switch s {
        case .green: tone = "s-green"
        case .yellow: tone = "s-yellow"
        case .red: tone = "s-red"
        case .noTarget, .noData: tone = "s-none"
        }
        return "<span class=\"badge \(tone)\">\(htmlText(glyphs.status(s)))</span>"
    }

    /// A table; `cells` are HTML already (escaped data or our markup); `numeric` columns align right.
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        guard !rows.isEmpty else { return "<p class=\"muted\">none</p>\n" }
        func cls(_ i: Int) -> String { numeric.contains(i) ? " class=\"num\"" : "" }
        var out = "<div class=\"wrap\"><table>\n<thead><tr>"
        out += header.enumerated().map { "<th\(cls($0.offset))>\(htmlText($0.element))</th>" }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.enumerated().map { "<td\(cls($0.offset))>\($0.element)</td>" }.joined() + "</tr>\n" }
        return out + "</tbody></table></div>\n"
    }

    /// A numbered or bulleted list of text (escaped here).
    static func list(_ items: [String], ordered: Bool = false, empty: String = "none recorded") -> String {
        guard !items.isEmpty else { return "<p class=\"muted\">\(htmlText(empty))</p>\n" }
        let tag = ordered ? "ol" : "ul"
        return "<\(tag)>" + items.map { "<li>\(htmlText($0))</li>" }.joined() + "</\(tag)>\n"
    }

    /// The files that did not load, grouped as the text report does.
    static func rejected(_ portfolio: Portfolio) -> String {
        let files = portfolio.files.filter(\.isRejected)
        guard !files.isEmpty else { return "" }
        var out = "<section class=\"client\"><h2>Files that did not load</h2>\n"
        for file in files {
            out += "<h3>\(htmlText(file.file))</h3>\n" + list(OnePage.groupedProblems(file.problems, escape: { $0 }))
        }
        return out + "</section>\n"
    }
}
