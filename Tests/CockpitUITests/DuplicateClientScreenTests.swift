import Testing
@testable import CockpitUI
import MetricsCore

/// One client in two files (a backup copy beside it) is said on the first frame, and on the
/// portfolio's summary line for as long as it lasts.
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

    /// A reload (any file changed on disk) replaces the first frame's message: the summary line
    /// still says it; a reload that makes a file repeat another's client says it again.
    @Test func itStaysSaidAfterAReload() throws {
        var files = DemoPortfolio.portfolio(anchor: Cockpit.asOf).files
        var copy = try #require(files.first { $0.engagement?.client.id == "talentloop" })
        copy.file = copy.file.replacingOccurrences(of: "talentloop.json", with: "talentloop copy.json")
        files.append(copy)
        var s = Cockpit.state(files: files)
        let ledgerly = try #require(s.entries.firstIndex { $0.file.engagement?.client.id == "ledgerly" })
        _ = s.update(.reloaded(index: ledgerly, file: s.entries[ledgerly].file))
        var lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(s.status?.hasPrefix("ledgerly.json changed on disk, reloaded") == true)
        _ = Cockpit.press([.char("j")], on: &s)
        lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(lines[22].hasSuffix(" | TalentLoop in two files"), "\(lines[22])")
        // The copy given a client id of its own: the line no longer says it.
        let last = s.entries.count - 1
        var renamed = s.entries[last].file
        renamed.engagement?.client.id = "talentloop-2"
        _ = s.update(.reloaded(index: last, file: renamed))
        #expect(!CockpitView.render(s, glyphs: .ascii).trimmedLines[22].contains("two files"))
        // And the same id again: said as on the first frame, after what the reload changed.
        _ = s.update(.reloaded(index: last, file: copy))
        #expect(s.status == "talentloop copy.json changed on disk, reloaded. talentloop copy.json has the client id \"talentloop\" of talentloop.json: shown and counted twice (a copy? move it out of the folder).")
    }
}
