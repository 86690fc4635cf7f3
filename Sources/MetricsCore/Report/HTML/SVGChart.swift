/// Inline SVG charts for the HTML reports: drawn from numbers, labelled with text escaped by
/// `htmlText`, no script, no fonts or images. Each has a `<title>` and an aria-label, so a
/// reader (or a mail client that drops SVG) still has the words; the tables beside them
/// carry every figure.
enum SVGChart {
    static let ink = "#1b1b1b", soft = "#9aa3ad", pale = "#d5dae0", good = "#2f7d46", bad = "#b3261e"

    /// A coordinate: one decimal, no grouping.
    static func c(_ v: Double) -> String {
        // A coordinate from a ratio can be infinite or NaN (a scale of 0): drawn at 0, never
        // given to `Int(_:)`, which traps on those.
        guard v.isFinite else { return "0" }
        let r = (v * 10).rounded() / 10
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }

    static func open(_ width: Double, _ height: Double, label: String, cls: String? = nil) -> String {
        "<svg\(cls.map { " class=\"\($0)\"" } ?? "") viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" aria-label=\"\(htmlText(label))\"><title>\(htmlText(label))</title>"
    }

    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String = "start", bold: Bool = false) -> String {
        "<text x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\"\(bold ? " font-weight=\"700\"" : "")>\(htmlText(s))</text>"
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ fill: String) -> String {
        "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, w)))\" height=\"\(c(max(0, h)))\" fill=\"\(fill)\"/>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ stroke: String, dash: Bool = false, width: Double = 1) -> String {
        "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(c(width))\"\(dash ? " stroke-dasharray=\"4 3\"" : "")/>"
    }

    /// A KPI's weeks, oldest first: a line with gaps where a week has no value, the latest
    /// point marked, the first and last values written under it.
    static func sparkline(_ values: [Double?], label: String, first: String, last: String) -> String {
        let w = 240.0, h = 56.0, top = 4.0, bottom = 40.0
        var out = open(w, h, label: label, cls: "spark")
        let known = values.compactMap { $0 }
        guard let lo = known.min(), let hi = known.max() else {
            return out + text(0, 30, "no data in these weeks") + "</svg>"
        }
        let step = values.count > 1 ? (w - 8) / Double(values.count - 1) : 0
        func y(_ v: Double) -> Double { hi == lo ? (top + bottom) / 2 : bottom - (v - lo) / (hi - lo) * (bottom - top) }
        out += line(0, bottom + 1, w, bottom + 1, pale)
        var run: [String] = []
        func flush() {
            if run.count > 1 { out += "<polyline points=\"\(run.joined(separator: " "))\" fill=\"none\" stroke=\"\(ink)\" stroke-width=\"2\"/>" }
            run = []
        }
        for (i, v) in values.enumerated() {
            guard let v else { flush(); continue }
            run.append("\(c(4 + Double(i) * step)),\(c(y(v)))")
        }
        flush()
        if let i = values.lastIndex(where: { $0 != nil }), let v = values[i] {
            out += "<circle cx=\"\(c(4 + Double(i) * step))\" cy=\"\(c(y(v)))\" r=\"3.5\" fill=\"\(ink)\"/>"
        }
        out += text(0, h - 2, first) + text(w, h - 2, last, anchor: "end")
        return out + "</svg>"
    }

    /// Horizontal bars, one per row, with its label on the left and its words on the right.
    static func bars(_ rows: [(label: String, value: Double, words: String)], label: String) -> String {
        let rowH = 22.0, labelW = 150.0, wordsW = 150.0, w = 640.0
        let h = Double(max(rows.count, 1)) * rowH + 6
        var out = open(w, h, label: label)
        let top = rows.map(\.value).max() ?? 0
        for (i, r) in rows.enumerated() {
            let y = 4 + Double(i) * rowH
            let len = top > 0 ? max(0, r.value) / top * (w - labelW - wordsW - 10) : 0
            out += text(0, y + 14, String(r.label.prefix(22)))
            out += rect(labelW, y + 3, len, rowH - 8, soft)
            out += text(labelW + len + 6, y + 14, r.words)
        }
        return out + "</svg>"
    }

    /// Grouped columns per period (e.g. forecast and won per month) with a dashed target line per period.
    static func columns(_ groups: [(label: String, values: [Double?], target: Double?)], series: [String], label: String,
                        money: (Double) -> String) -> String {
        let w = 640.0, h = 240.0, top = 40.0, bottom = 200.0, left = 8.0
        var out = open(w, h, label: label)
        let fills = [ink, soft, pale]
        let peak = groups.flatMap { g in g.values.compactMap { $0 } + [g.target].compactMap { $0 } }.max() ?? 0
        func y(_ v: Double) -> Double { peak > 0 ? bottom - max(0, v) / peak * (bottom - top) : bottom }
        let groupW = (w - left) / Double(max(groups.count, 1))
        let barW = min(56, (groupW - 24) / Double(max(series.count, 1)))
        out += line(left, bottom, w, bottom, ink)
        for (gi, g) in groups.enumerated() {
            let x0 = left + Double(gi) * groupW + 12
            for (si, v) in g.values.enumerated() {
                let x = x0 + Double(si) * barW
                if let v {
                    out += rect(x, y(v), barW - 4, bottom - y(v), fills[si % fills.count])
                    out += text(x + (barW - 4) / 2, y(v) - 4, money(v), anchor: "middle")
                } else {
                    out += text(x + (barW - 4) / 2, bottom - 4, "—", anchor: "middle")
                }
            }
            if let t = g.target {
                let span = barW * Double(series.count)
                out += line(x0 - 4, y(t), x0 + span, y(t), bad, dash: true, width: 2)
            }
            out += text(x0, bottom + 16, g.label)
        }
        // The legend: each series' swatch and name, then the target line's.
        var x = left
        for (si, s) in series.enumerated() {
            out += rect(x, 4, 10, 10, fills[si % fills.count]) + text(x + 14, 13, s)
            x += 24 + Double(s.count) * 6.5
        }
        out += line(x, 9, x + 16, 9, bad, dash: true, width: 2) + text(x + 20, 13, "target")
        return out + "</svg>"
    }

    /// The pipeline waterfall: the start, each movement floating from the running total, the end.
    static func waterfall(_ steps: [(label: String, delta: Double)], start: Double, end: Double, label: String,
                          money: (Double) -> String) -> String {
        let w = 640.0, h = 220.0, top = 20.0, bottom = 180.0
        var out = open(w, h, label: label)
        var running = start
        var bars: [(String, Double, Double, String, String)] = [("Start", 0, start, soft, money(start))]
        for s in steps {
            let next = running + s.delta
            bars.append((s.label, min(running, next), max(running, next), s.delta >= 0 ? good : bad, (s.delta >= 0 ? "+" : "−") + money(abs(s.delta))))
            running = next
        }
        bars.append(("End", 0, end, soft, money(end)))
        let peak = bars.map(\.2).max() ?? 0
        func y(_ v: Double) -> Double { peak > 0 ? bottom - v / peak * (bottom - top) : bottom }
        let slot = w / Double(bars.count), barW = min(60, slot - 12)
        out += line(0, bottom, w, bottom, ink)
        for (i, b) in bars.enumerated() {
            let x = Double(i) * slot + (slot - barW) / 2
            out += rect(x, y(b.2), barW, max(1, y(b.1) - y(b.2)), b.3)
            out += text(x + barW / 2, y(b.2) - 4, b.4, anchor: "middle")
            out += text(x + barW / 2, bottom + 15, String(b.0.prefix(12)), anchor: "middle")
        }
        return out + "</svg>"
    }
}
