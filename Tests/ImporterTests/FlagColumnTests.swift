import Foundation
import Testing
@testable import Importer
import MetricsCore

/// The won/closed flag columns: yes/no values, and a status column (Pipedrive's `Deal - Status`:
/// won, lost, open) read by both; a value neither reads is a warning on its row (try-out 3, BUG 4:
/// such a column was ignored and every deal came in open).
@Suite struct FlagColumnTests {
    let asOf = Day("2026-11-30")!

    func file(_ text: String, name: String = "deals.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("redline-flags-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func statusWordsAnswerEachFlag() {
        // is_won: won → yes, lost and open → no; is_closed: won and lost → yes, open → no.
        #expect(parseFlag("won") == true && parseFlag("Lost") == false && parseFlag("OPEN") == false)
        #expect(parseFlag("Won", closed: true) == true && parseFlag("lost", closed: true) == true && parseFlag(" open ", closed: true) == false)
        #expect(parseFlag("deleted") == nil && parseFlag("true", closed: true) == true && parseFlag("0", closed: true) == false)
        #expect(FlagOutcome(won: true, closed: nil) == .won && FlagOutcome(won: false, closed: true) == .lost)
        #expect(FlagOutcome(won: false, closed: false) == .open && FlagOutcome(won: nil, closed: false) == .open)
        // Not won, and nothing on closed: open or lost, not settled.
        #expect(FlagOutcome(won: false, closed: nil) == nil && FlagOutcome(won: nil, closed: true) == nil && FlagOutcome(won: nil, closed: nil) == nil)
    }

    static let pipedrive = """
    Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Status,Deal - Expected close date,Deal - Deal created,Deal - Owner,Organization - Name,Deal - Lost reason
    1,Acme expansion,12500,USD,Qualified,open,2026-12-15,2026-09-01 10:22:33,Jane,Acme,
    2,Beta,8000.5,USD,Contact Made,Open,2026-11-30,2026-08-15 09:00:00,Bob,Beta,
    3,Gamma,48000,USD,Proposal Made,open,2027-01-10,2026-07-01 12:00:00,Jane,Gamma,
    4,Delta,50000,USD,Proposal Made,WON,2026-10-31,2026-06-01 08:00:00,Jane,Delta,
    5,Eps,3000,USD,Contact Made,lost,2026-11-02,2026-06-01 08:00:00,Bob,Eps,Price too high
    6,Zeta,1000,USD,Qualified,deleted,2026-12-20,2026-10-01 08:00:00,Bob,Zeta,

    """

    /// `--from csv --write-mapping` guesses Pipedrive's columns, its status as both flags; a won or
    /// lost deal goes to the won or lost stage from the stage it stood at; "deleted" is warned.
    @Test func pipedrivesStatusDecidesEachDeal() throws {
        let path = try file(Self.pipedrive)
        let mapping = ImportPreset.csv.mapping(header: try CSVImport.header(of: path), clientID: "pd", clientName: "PD", industry: "saas")
        #expect(mapping.columns["id"] == "Deal - ID" && mapping.columns["amount"] == "Deal - Value" && mapping.columns["stage"] == "Deal - Stage")
        #expect(mapping.columns["is_won"] == "Deal - Status" && mapping.columns["is_closed"] == "Deal - Status")
        let r = try CSVImport.run(csvPath: path, mapping: mapping, asOf: asOf)
        #expect((r.summary.won, r.summary.lost, r.summary.open) == (1, 1, 4))
        // The labels are where deals stood: all open, by their words, not by their deals' status.
        #expect(r.engagement.stages.map(\.id) == ["qualified", "contact-made", "proposal-made", "won", "lost"])
        #expect(r.stageNotes == ["no label is won: the stage \"Won\" is added, for the 1 deal Deal - Status says won",
                                 "no label is lost: the stage \"Lost\" is added, for the 1 deal Deal - Status says lost"])
        let deals = Dictionary(uniqueKeysWithValues: r.engagement.deals.map { ($0.id, $0) })
        #expect(deals["4"]?.stageHistory == [StageEntry(stage: "proposal-made", on: Day("2026-06-01")!), StageEntry(stage: "won", on: Day("2026-10-31")!)])
        #expect(deals["5"]?.stageHistory == [StageEntry(stage: "contact-made", on: Day("2026-06-01")!), StageEntry(stage: "lost", on: Day("2026-11-02")!)])
        #expect(deals["6"]?.stageHistory == [StageEntry(stage: "qualified", on: Day("2026-10-01")!)])
        #expect(r.summary.warningLines() == [
            "not a flag in Deal - Status (yes/no, true/false or won/lost/open): ignored: 1 (row 7 \"deleted\")",
            "won or lost by Deal - Status at an open stage, so closed from that stage on the close date: 1 won, 1 lost",
            "no stage history in this export: an open deal new to the file is in its stage since its Deal - Deal created, so its days in stage, and its stall, are estimates until a later export dates a move",
        ])

        // The mapping it writes says where the closed deals go, and reads the same.
        let text = try MappingWriter.text(csvPath: path, mapping: mapping, dateFormat: nil, command: "redline import")
        #expect(text.contains("is_won = { column = \"Deal - Status\", optional = true }   # filled in every row, e.g. \"open\"\nis_closed = { column = \"Deal - Status\", optional = true }"))
        #expect(text.contains("[[stages]]   # 1 deal; open, 3 of 3; from its words\nid = \"proposal-made\""))
        #expect(text.contains("[[stages]]   # 1 deal; won (1 by Deal - Status, from an open stage)\nid = \"won\""))
        #expect(text.contains("[[stages]]   # 1 deal; lost (1 by Deal - Status, from an open stage)\nid = \"lost\""))
        let written = try file(text, name: "pd.toml")
        let again = try CSVImport.run(csvPath: path, mapping: try ImportMapping.load(path: written), asOf: asOf)
        #expect((again.summary.won, again.summary.lost, again.summary.open) == (1, 1, 4))
        #expect(again.engagement.deals.map(\.stageHistory) == r.engagement.deals.map(\.stageHistory))
    }

    /// A status column mapped as is_won only reads lost as "not won": the summary says how to map it.
    @Test func aStatusColumnAsIsWonOnlySaysWhatToAdd() throws {
        let path = try file(Self.pipedrive)
        var mapping = ImportPreset.csv.mapping(header: try CSVImport.header(of: path), clientID: "pd", clientName: "PD", industry: "saas")
        mapping.columns["is_closed"] = nil
        let r = try CSVImport.run(csvPath: path, mapping: mapping, asOf: asOf)
        #expect((r.summary.won, r.summary.lost, r.summary.open) == (1, 0, 5))
        #expect(r.summary.warningLines().first == "\"Deal - Status\" says lost in 1 rows, read as not won only: map is_closed to it too (is_closed = \"Deal - Status\") to read them as lost")
    }

    /// Separate yes/no flags (HubSpot): a deal they close at an open label is closed from it; one
    /// they contradict at a closed label keeps its stage, warned; any other value is warned.
    @Test func yesNoFlagsAgainstTheStage() throws {
        let path = try file("""
        Record ID,Deal Stage,Amount,Create Date,Close Date,Is Closed Won,Is Deal Closed?
        1,Contract Sent,100,2026-09-01,2026-12-01,false,false
        2,Contract Sent,200,2026-09-02,2026-11-02,true,true
        3,Closed Won,300,2026-09-03,2026-10-03,true,true
        4,Closed Won,400,2026-09-04,2026-10-04,false,false
        5,Closed Lost,500,2026-09-05,2026-10-05,false,true
        6,Contract Sent,600,2026-09-06,2026-12-06,maybe,false
        7,Closed Won,700,2026-09-07,2026-10-07,true,true

        """)
        let mapping = ImportPreset.hubspot.mapping(header: try CSVImport.header(of: path), clientID: "c", clientName: "C", industry: "saas")
        let r = try CSVImport.run(csvPath: path, mapping: mapping, asOf: asOf)
        // Each label's outcome is still its deals' majority (Contract Sent open, Closed Won won).
        #expect((r.summary.won, r.summary.lost, r.summary.open) == (4, 1, 2))
        let d2 = try #require(r.engagement.deals.first { $0.id == "2" })
        #expect(d2.stageHistory == [StageEntry(stage: "contractsent", on: Day("2026-09-02")!), StageEntry(stage: "closedwon", on: Day("2026-11-02")!)])
        #expect(r.summary.warningLines() == [
            "Is Closed Won and Is Deal Closed? disagree with the stage \"Closed Won\" (won): the stage kept: 1 (row 5 \"false\")",
            "not a flag in Is Closed Won (yes/no, true/false or won/lost/open): ignored: 1 (row 7 \"maybe\")",
            "won or lost by Is Closed Won and Is Deal Closed? at an open stage, so closed from that stage on the close date: 1 won, 0 lost",
            "no stage history in this export: an open deal new to the file is in its stage since its Create Date, so its days in stage, and its stall, are estimates until a later export dates a move",
        ])
    }
}
