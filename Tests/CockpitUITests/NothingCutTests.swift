import Testing
@testable import CockpitUI
import MetricsCore

/// No number is cut (`$601…`, `112.4…`) on the screens a review reads most, at the sizes people
/// use, with either glyph set: where a value does not fit, the layout moves it, not the ellipsis.
@Suite struct NothingCutTests {
    static let screens: [(String, [Key])] = [
        ("portfolio", []), ("dashboard", [.enter]), ("funnel", [.enter, .char("f")]), ("stalled", [.enter, .char("x")]),
        ("stage deals", [.enter, .char("f"), .down, .enter]), ("all stalled", [.char("x")]),
        ("autopsy by month", [.enter, .char("a"), .char("m")]), ("autopsy by month, October", [.enter, .char("a"), .char("m"), .char("<")]),
    ]

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 160, height: 48), Size(width: 200, height: 60)])
    func noNumberEndsInAnEllipsis(size: Size) {
        for glyphs in [UIGlyphs.unicode, .ascii] {
            let ellipsis = glyphs.text.ellipsis
            for (name, keys) in Self.screens {
                for (i, line) in Cockpit.screen(keys, size: size, glyphs: glyphs).enumerated() {
                    var rest = Substring(line)
                    while let r = rest.range(of: ellipsis) {
                        let before = rest[..<r.lowerBound].last
                        #expect(!(before.map { $0.isNumber || "$€%x".contains($0) } ?? false),
                                "\(name) at \(size.width)x\(size.height), line \(i): a value is cut: \(line)")
                        rest = rest[r.upperBound...]
                    }
                }
            }
        }
    }
}
