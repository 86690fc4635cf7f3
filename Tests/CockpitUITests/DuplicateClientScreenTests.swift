import Testing
@testable import CockpitUI
import MetricsCore

/// One client in two files (a backup copy beside it) is said on the first frame.
@Suite struct DuplicateClientScreenTests {
    @Test func aBackupCopyIsSaidOnTheFirstFrame() throws {
        var files = DemoPortfolio.portfolio(anchor: Cockpit.asOf).files
        var copy = try #require(files.first { $0.engagement?.client.id == "talentloop" })
        copy.file = copy.file.replacingOccurrences(of: "talentloop.json", with: "talentloop copy.json")
        files.append(copy)
        let s = Cockpit.state(files: files)
        let lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(Array(lines.suffix(2)) == [
            "talentloop copy.json has the client id \"talentloop\" of talentloop.json: shown",
            "and counted twice (a copy? move it out of the folder).",
        ])
        // Not said when each client has one file.
        #expect(Cockpit.state().status == nil)
    }
}
