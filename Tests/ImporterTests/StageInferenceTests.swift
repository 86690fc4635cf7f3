import Foundation
import Testing
@testable import Importer
import MetricsCore

/// Outcomes from a label's words, and the stages a preset makes of labels it does not know.
@Suite struct StageInferenceTests {
    @Test(arguments: [
        ("Closed: won", StagePlan.Said.won), ("Closed Won", .won), ("closedwon", .won), ("Gewonnen", .won), ("Gagné", .won),
        ("Closed: abandoned", .lost), ("Disqualified", .lost), ("Verloren", .lost), ("perdu", .lost), ("Closed: lost", .lost),
        ("Won't proceed", .none), ("Opportunity identified", .none), ("On hold / future opportunity", .none), ("Won / lost review", .both),
    ])
    func words(label: String, said: StagePlan.Said) { #expect(StagePlan.wordOutcome(label) == said) }

    @Test func labelsInAnyCaseEmptyCellsAndSeveralWonLabels() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("redline-stages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("deals.csv").path
        try Data("""
        Record ID,Deal Stage,Amount,Create Date,Close Date
        1,Negotiating,100,2023-01-02,2023-03-01
        2,Signed (won),200,2023-01-03,2023-02-01
        3,signed (WON),300,2023-01-04,2023-02-02
        4,,50,2023-01-05,
        5,Perdu,70,2023-01-06,2023-02-03
        6,Won't proceed,80,2023-01-07,
        7,Gagné,90,2023-01-08,2023-02-04

        """.utf8).write(to: URL(fileURLWithPath: path))
        let mapping = ImportPreset.hubspot.mapping(header: try CSVImport.header(of: path), clientID: "c", clientName: "C", industry: "saas")
        let r = try CSVImport.run(csvPath: path, mapping: mapping, asOf: Day("2023-03-31")!)
        #expect(r.engagement.stages.map(\.id) == ["negotiating", "won-t-proceed", "signed-won", "perdu"])
        #expect(r.engagement.stages.map(\.outcome) == [nil, nil, .won, .lost])
        #expect((r.summary.won, r.summary.lost, r.summary.open, r.summary.skipped) == (3, 1, 2, 1))
        #expect(r.summary.groups.first { $0.kind == "skipped: empty Deal Stage" }?.rows == [5])
        #expect(r.stageNotes == ["\"Gagné\" joins the won stage \"Signed (won)\" (one won stage per engagement)"])
        #expect(r.stageLines.map(\.label) == ["Negotiating", "Won't proceed", "Signed (won)", "signed (WON)", "Gagné", "Perdu"])
        #expect(r.stageLines.map(\.stageID) == ["negotiating", "won-t-proceed", "signed-won", "signed-won", "signed-won", "perdu"])
    }
}
