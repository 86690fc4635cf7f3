import Foundation
import Testing

/// `redline autopsy add` keeps the cockpit's rule, one autopsy per deal (try-out 3, ROUGH 5: a
/// second one was appended and the first dropped out of `autopsy list`): a deal that has one is
/// refused with what to do, and `--replace` changes it in place as the cockpit's `e` does.
@Suite struct AutopsyReplaceCLITests {
    let small = #"{"format": "redline.engagement/1", "client": {"id": "acme", "name": "Acme", "industry": "saas"}, "stages": [{"id": "open", "probability": 0.5}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}], "deals": [{"id": "D-1", "name": "N", "amount": 10, "created": "2026-11-02", "expected_close": "2026-12-01", "stage_history": [{"stage": "open", "on": "2026-11-02"}]}], "autopsies": [{"deal": "D-1", "written_on": "2026-11-27", "kpis": ["win_rate"], "root_cause": "late", "systemic_change": "earlier", "owner": "Jordan Blake", "due": "2026-12-14", "status": "done", "x_note": 1}]}"#

    func file() throws -> String {
        let path = try CommandRunner.temporaryFolder().appendingPathComponent("acme.json").path
        try Data(small.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func aSecondAutopsyIsRefusedWithWhatToDo() throws {
        let path = try file()
        let r = try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1", "--kpi", "win_rate", "--root-cause", "Price", "--systemic-change", "Pricing floor"])
        #expect(r.status == 1)
        #expect(r.stderr == "redline: error: D-1 already has an autopsy (written 2026-11-27, owner Jordan Blake, due 2026-12-14, done); nothing written. "
                + "To change it in place, as the cockpit's e does, add --replace: the options given replace its fields, the others keep theirs\n")
        #expect(try text(path) == small)
    }

    @Test func replaceChangesOnlyTheFieldsGiven() throws {
        let path = try file()
        let r = try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1", "--replace", "--root-cause", "Price", "--status", "open"])
        #expect(r.status == 0 && r.stdout == "Autopsy of D-1 (written 2026-11-27) changed in \(path): root cause, status.\n")
        // In place: its date, KPIs, change, owner, due and unknown key stay; one autopsy still.
        #expect(try text(path) == small.replacingOccurrences(of: #""root_cause": "late""#, with: #""root_cause": "Price""#)
                                       .replacingOccurrences(of: #""status": "done""#, with: #""status": "open""#))
        let same = try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1", "--replace", "--root-cause", "Price"])
        #expect(same.status == 0 && same.stdout == "Autopsy of D-1 (written 2026-11-27) already says that; \(path) is unchanged.\n")

        // --replace keeps the date it was written; --status is still open or done.
        let dated = try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1", "--replace", "--written-on", "2026-11-30"])
        #expect(dated.status == 1 && dated.stderr == "redline: error: --written-on 2026-11-30: --replace keeps the date D-1's autopsy was written, 2026-11-27; leave --written-on out\n")
        let status = try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1", "--replace", "--status", "closed"])
        #expect(status.status == 2 && status.stderr == "redline: error: --status: expected open or done, found \"closed\"\n")
    }

    /// Without an autopsy, --replace adds one, and so needs what a new one needs.
    @Test func replaceOnADealWithoutOneAddsIt() throws {
        let path = try file()
        let none = small.replacingOccurrences(of: #", "autopsies": [{"deal": "D-1", "written_on": "2026-11-27", "kpis": ["win_rate"], "root_cause": "late", "systemic_change": "earlier", "owner": "Jordan Blake", "due": "2026-12-14", "status": "done", "x_note": 1}]"#, with: "")
        try Data(none.utf8).write(to: URL(fileURLWithPath: path))
        let missing = try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1", "--replace", "--root-cause", "Price"])
        #expect(missing.status == 1 && missing.stderr == "redline: error: D-1 has no autopsy yet, so --replace adds one: it needs --root-cause and --systemic-change\n")
        let added = try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1", "--replace", "--kpi", "win_rate", "--root-cause", "Price",
                                           "--systemic-change", "Floor", "--written-on", "2026-11-23"])
        #expect(added.status == 0 && added.stdout == "Autopsy of D-1 added to \(path).\n")
        #expect(try text(path).hasSuffix(#""autopsies": [{"deal": "D-1", "written_on": "2026-11-23", "kpis": ["win_rate"], "root_cause": "Price", "systemic_change": "Floor", "status": "open"}]}"#))
        // Without --replace, a new autopsy still needs both texts.
        let bare = try CommandRunner.run(["autopsy", "add", path, "--deal", "D-1", "--systemic-change", "x"])
        #expect(bare.status == 2 && bare.stderr == "redline: error: Missing expected argument '--root-cause <root-cause>' (see --help)\n")
    }
}
