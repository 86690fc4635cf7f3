import Testing
@testable import CockpitUI
import MetricsCore

/// Text from a file can never put a control, an escape sequence or a bidi override on screen:
/// every screen of a demo whose names, notes and texts carry them is drawn clean.
@Suite struct HostileScreenTests {
    static let payload = #"\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e\u2066"#

    func hostileState() -> AppState {
        let files = DemoPortfolio.files(anchor: Cockpit.asOf).map { file -> LoadedFile in
            var text = String(decoding: file.bytes, as: UTF8.self)
            for key in ["name", "text", "next_step", "root_cause", "systemic_change", "owner", "lost_reason", "note", "account"] {
                text = text.replacingOccurrences(of: "\"\(key)\": \"", with: "\"\(key)\": \"\(Self.payload)")
            }
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: file.name) }
        }
        #expect(files.allSatisfy { !$0.isRejected })
        return Cockpit.state(size: Size(width: 120, height: 40), files: files)
    }

    @Test func noScreenDrawsAControl() {
        let walks: [[Key]] = [
            [], [.enter], [.enter, .char("f")], [.enter, .char("f"), .enter], [.enter, .char("x")], [.enter, .char("x"), .enter],
            [.enter, .char("a")], [.enter, .char("w")], [.char("x")], [.char("?")], [.enter, .char("a"), .char("e")],
            [.enter, .char("a"), .char("m")], [.enter, .char("a"), .char("m")] + Array(repeating: .char("j"), count: 12),
        ]
        for keys in walks {
            var s = hostileState()
            _ = Cockpit.press(keys, on: &s)
            let buffer = CockpitView.render(s, glyphs: .unicode)
            var bad: Set<String> = []
            for y in 0..<buffer.size.height {
                for x in 0..<buffer.size.width {
                    for u in buffer[x, y].text.unicodeScalars where isUnsafeForTerminal(u) { bad.insert(String(u.value, radix: 16)) }
                }
            }
            #expect(bad.isEmpty, "\(keys): \(bad.sorted())")
        }
    }
}
