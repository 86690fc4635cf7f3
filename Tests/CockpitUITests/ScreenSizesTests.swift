import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// Every screen with ASCII glyphs (`LANG=C`) at 80×24, 120×40 and 200×60: compared with the
/// files in `Snapshots/`, and checked for what a first review found: a number, target or
/// status word cut while the screen had room. `REDLINE_SNAPSHOT_RECORD=1 swift test --filter
/// ScreenSizesTests` writes the files again (review the diff: it is what users see).
@Suite struct ScreenSizesTests {
    static let screens: [(name: String, keys: [Key])] = [
        ("portfolio", []), ("portfolio-why", [.char("y")]), ("dashboard", [.enter]), ("funnel", [.enter, .char("f")]),
        ("stage-deals", [.enter, .char("f"), .enter]), ("stalled", [.enter, .char("x")]), ("stalled-all", [.char("x")]),
        ("story", [.enter, .char("x"), .enter]), ("autopsy", [.enter, .char("a")]), ("autopsy-month", [.enter, .char("a"), .char("m")]),
        ("actions", [.enter, .char("w")]), ("forecast", [.enter, .char("F")]), ("search", [.char("/"), .char("m"), .char("e")]),
        ("help", [.char("?")]),
    ]
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    @Test(arguments: sizes) func everyScreenInASCII(size: Size) throws {
        for (name, keys) in Self.screens {
            let lines = Cockpit.screen(keys, size: size, glyphs: .ascii)
            let file = Self.folder.appendingPathComponent("\(name)-\(size.width)x\(size.height).txt")
            let text = lines.joined(separator: "\n") + "\n"
            if ProcessInfo.processInfo.environment["REDLINE_SNAPSHOT_RECORD"] != nil {
                try text.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let want = try String(contentsOf: file, encoding: .utf8)
            if text != want {
                let got = text.split(separator: "\n", omittingEmptySubsequences: false), exp = want.split(separator: "\n", omittingEmptySubsequences: false)
                let i = zip(got, exp).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, exp.count)
                Issue.record("\(name) at \(size.width)x\(size.height), line \(i):\n  got:  \(got[safe: i] ?? "")\n  want: \(exp[safe: i] ?? "")")
            }
            #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(name) at \(size): a glyph that is not ASCII")
            for line in lines { #expect(Self.cutValue(line) == nil, "\(name) at \(size): cut \(Self.cutValue(line) ?? "") in\n\(line)") }
        }
    }

    /// A number or a status word that ends in the ASCII ellipsis: `$601...`, `112.4...`, `yel...`.
    static func cutValue(_ line: String) -> String? {
        guard let r = line.range(of: #"([0-9]|\b(gr|gre|gree|ye|yel|yell|yello|re))\.\.\."#, options: .regularExpression) else { return nil }
        return String(line[r])
    }

    @Test func theCheckFindsACutNumber() {
        #expect(Self.cutValue("  target $601... by now") == "1...")
        #expect(Self.cutValue("  ! red   yel...") == "yel...")
        #expect(Self.cutValue("  2026-11-01 ... 2026-11-23  and more...") == nil)
    }
}

/// Under a locale that is not UTF-8 the terminal cannot show "é": names from the data are
/// written in ASCII, each cluster in as many cells as it had, so columns stay put.
@Suite struct ASCIIFoldTests {
    @Test func namesFoldAndKeepTheirCells() {
        var b = Buffer(size: Size(width: 24, height: 1))
        b.asciiOnly = true
        b.put("Chloé Łódź 中文 ß e\u{301}|", x: 0, y: 0)
        #expect(b.lines == ["Chloe Lodz ???? s e|    "])
        var unicode = Buffer(size: Size(width: 24, height: 1))
        unicode.put("Chloé Łódź", x: 0, y: 0)
        #expect(unicode.lines == ["Chloé Łódź              "])
    }
}


/// The core's own words reach a `LANG=C` screen in ASCII glyphs: the window in "no deals won or
/// lost in 2026-08-26 … 2026-11-23" reads "...", not a lone "." folded from the ellipsis.
@Suite struct CoreWordsInASCIITests {
    static let file = #"""
    {
      "format": "redline.engagement/1",
      "client": {"id": "empty", "name": "Empty Co", "industry": "saas"},
      "stages": [{"id": "lead", "name": "Lead"}, {"id": "won", "name": "Won", "outcome": "won"}, {"id": "lost", "name": "Lost", "outcome": "lost"}],
      "dashboard": ["win_rate"],
      "deals": []
    }
    """#

    @Test func aKPIsReasonUsesTheLocalesGlyphs() {
        let file = Array(Self.file.utf8).withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "empty.json") }
        var s = Cockpit.state(files: [file])
        let portfolio = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(portfolio.contains("    no deals won or lost in 2026-08-26 ... 2026-11-23"), "\(portfolio.joined(separator: "\n"))")
        _ = Cockpit.press([.enter], on: &s)
        let dashboard = CockpitView.render(s, glyphs: .ascii).trimmedLines
        // The tile is narrower: its line is cut, in ASCII too.
        #expect(dashboard.contains { $0.hasSuffix(" no deals won or lost in 2026-08-2...") }, "\(dashboard.joined(separator: "\n"))")
    }
}
