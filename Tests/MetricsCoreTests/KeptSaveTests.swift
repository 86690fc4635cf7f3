import Foundation
import Testing
@testable import MetricsCore

/// Saves one after another in one process, as the cockpit's forms make them (issue 15): the
/// second finds the file it wrote under the lock and neither scans nor decodes it again, and its
/// check takes what the edit left. Whatever a save returns must be what a whole load of the file
/// it wrote gives, problems and their positions included.
@Suite struct KeptSaveTests {
    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-kept-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `EngagementLoader.load(path:)` with nothing to reuse: a whole load of the file on disk.
    static func wholeLoad(_ path: String) -> LoadedFile {
        DecodedDealsCache.shared.set(path, nil)
        return EngagementLoader.load(path: path)
    }

    static func expectWholeLoad(_ saved: LoadedFile?, of path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let saved = try #require(saved, sourceLocation: sourceLocation)
        let whole = wholeLoad(path)
        #expect(saved.problems == whole.problems, sourceLocation: sourceLocation)
        #expect(saved.unlisted == whole.unlisted, sourceLocation: sourceLocation)
        let a = try #require(saved.engagement, sourceLocation: sourceLocation), b = try #require(whole.engagement, sourceLocation: sourceLocation)
        #expect(EngagementWriter.write(a) == EngagementWriter.write(b), sourceLocation: sourceLocation)
    }

    /// Every kind of save after a first one, each checked against a whole load of what it wrote,
    /// in each layout (one line, CRLF, BOM); a next step, which edits a deal, among them.
    @Test func eachSaveIsAWholeLoadOfWhatItWrote() throws {
        let e = Fixtures.engagement(SaveCheckTests.withDealWarnings)
        let edits = SaveCheckTests.besideTheDeals.map(\.0) + [.nextStep(deal: "D-1", base: e.deals[0].nextStep ?? "", mine: "Call")]
        for text in SaveCheckTests.layouts {
            let path = try Self.temporaryFile(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            // The first save loads the file whole under the lock; the next ones find what it wrote.
            let (_, first) = try EngagementFile.saveLoading(.addAction(week: SaveCheckTests.week, text: "First", kpi: nil, owner: nil), to: path)
            try Self.expectWholeLoad(first, of: path)
            for edit in edits {
                let (outcome, saved) = try EngagementFile.saveLoading(edit, to: path)
                #expect(outcome == .saved, "\(edit)")
                try Self.expectWholeLoad(saved, of: path)
            }
        }
    }

    /// Someone else saved meanwhile: the bytes differ from those kept, so the file is loaded
    /// again, taking only the members their save left as they were.
    @Test func aColleaguesSaveInBetween() throws {
        let path = try Self.temporaryFile(SaveCheckTests.withDealWarnings)
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try EngagementFile.saveLoading(.recordForecast(asOf: Fixtures.asOf), to: path)
        let theirs: [(String, String)] = [
            (#""targets": {"#, "\"dashboard\": [\"win_rate\"],\n  \"targets\": {"),   // a member added before the deals
            (#""name": "Two""#, #""name": "Deux""#),                                      // a deal renamed
            (#""name": "A2""#, #""name": "A-2""#),                                         // an account renamed
        ]
        for (from, to) in theirs {
            let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
            try Data(text.replacingOccurrences(of: from, with: to).utf8).write(to: URL(fileURLWithPath: path))
            let (outcome, saved) = try EngagementFile.saveLoading(.addAction(week: SaveCheckTests.week, text: "After \(to)", kpi: nil, owner: nil), to: path)
            #expect(outcome == .saved)
            try Self.expectWholeLoad(saved, of: path)
            #expect(saved?.engagement?.actions.last?.text == "After \(to)")
        }
        let e = try #require(Self.wholeLoad(path).engagement)
        #expect(e.dashboard == ["win_rate"] && e.deals[1].name == "Deux" && e.accounts[1].name == "A-2")
    }

    /// The kept load is what the next save takes when the file on disk is byte for byte the one
    /// kept (a doctored copy shows through), and never once the file differs, even by one byte
    /// of the same length.
    @Test func theKeptLoadIsComparedNotTrusted() throws {
        let path = try Self.temporaryFile(SaveCheckTests.withDealWarnings)
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try EngagementFile.saveLoading(.recordForecast(asOf: Fixtures.asOf), to: path)
        func doctor() throws {
            let kept = try #require(KeptLoads.shared.get(path))
            var file = kept.loaded
            file.engagement?.deals[0].name = "Doctored"
            KeptLoads.shared.set(path, KeptLoad(bytes: kept.bytes, tape: kept.tape, loaded: file, members: kept.members, deals: kept.deals, taken: []))
        }
        try doctor()
        let (_, taken) = try EngagementFile.saveLoading(.addAction(week: SaveCheckTests.week, text: "Kept", kpi: nil, owner: nil), to: path)
        #expect(taken?.engagement?.deals[0].name == "Doctored")

        try doctor()
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        try Data(text.replacingOccurrences(of: #""name": "Two""#, with: #""name": "Owt""#).utf8).write(to: URL(fileURLWithPath: path))
        let (_, compared) = try EngagementFile.saveLoading(.addAction(week: SaveCheckTests.week, text: "Compared", kpi: nil, owner: nil), to: path)
        #expect(compared?.engagement?.deals[0].name == "One")
        #expect(compared?.engagement?.deals[1].name == "Owt")
        try Self.expectWholeLoad(compared, of: path)
    }

    /// The cockpit loads what it shows keeping it for its saves: the first save finds the file
    /// unchanged under the lock (a doctored kept load shows through), and a reload after someone
    /// else's save takes what they left and is a whole load of what they wrote.
    @Test func theCockpitsLoadIsKeptForItsSaves() throws {
        let path = try Self.temporaryFile(SaveCheckTests.withDealWarnings)
        defer { try? FileManager.default.removeItem(atPath: path); KeptLoads.shared.set(path, nil) }
        let shown = EngagementLoader.load(path: path, keepingForSaves: true)
        let kept = try #require(KeptLoads.shared.get(path))
        #expect(kept.loaded.problems == shown.problems)
        var file = kept.loaded
        file.engagement?.deals[0].name = "Doctored"
        KeptLoads.shared.set(path, KeptLoad(bytes: kept.bytes, tape: kept.tape, loaded: file, members: kept.members, deals: kept.deals, taken: []))
        let (_, saved) = try EngagementFile.saveLoading(.addAction(week: SaveCheckTests.week, text: "First", kpi: nil, owner: nil), to: path)
        #expect(saved?.engagement?.deals[0].name == "Doctored")

        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        try Data(text.replacingOccurrences(of: #""name": "Three""#, with: #""name": "Trois""#).utf8).write(to: URL(fileURLWithPath: path))
        let reloaded = EngagementLoader.load(path: path, keepingForSaves: true)
        try Self.expectWholeLoad(reloaded, of: path)
        #expect(KeptLoads.shared.get(path)?.taken.contains("accounts") == true)
        #expect(KeptLoads.shared.get(path)?.taken.contains("deals") == false)
        // A load with errors keeps nothing.
        try Data("{".utf8).write(to: URL(fileURLWithPath: path))
        #expect(EngagementLoader.load(path: path, keepingForSaves: true).isRejected)
        #expect(KeptLoads.shared.get(path) == nil)
    }
}
