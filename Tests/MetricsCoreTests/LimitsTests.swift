import Foundation
import Testing
@testable import MetricsCore

/// The shapes that once crashed Redline or made it print gigabytes, each with what it does now:
/// the limits of docs/decisions.md ("Limits").
@Suite struct LimitsTests {
    typealias Doc = LoaderValidationTests

    static func deal(_ id: String, amount: String = "10", extra: String = "", stage: String = "open") -> String {
        #"{"id": "\#(id)", "name": "N", "amount": \#(amount), "created": "2026-01-05", "expected_close": "2026-03-01", "stage_history": [{"stage": "\#(stage)", "on": "2026-01-05"}]\#(extra)}"#
    }

    // MARK: amounts of 1e25 and 1e300 (they trapped every report)

    @Test func amountsBeyondTheLimitAreErrorsWithTheirPlace() {
        let text = Doc.doc(deals: Self.deal("D-1", amount: "1e25") + ", " + Self.deal("D-2", amount: "1e300", extra: #", "delivery_cost": 1e300"#)
                           + ", " + Self.deal("D-3", amount: "-1e300"))
        let file = Fixtures.load(text, name: "f.json")
        #expect(file.isRejected)
        #expect(Doc.problems(text) == [
            "\(Doc.at("1e25", in: text)): error: deals[0].amount: the number 1e25 is beyond the ±1e15 that Redline handles",
            "\(Doc.at("1e300", in: text)): error: deals[1].amount: the number 1e300 is beyond the ±1e15 that Redline handles",
            "\(Doc.at("1e300", in: text, occurrence: 2)): error: deals[1].delivery_cost: the number 1e300 is beyond the ±1e15 that Redline handles",
            "\(Doc.at("-1e300", in: text)): error: deals[2].amount: expected a number ≥ 0, found the number -1e300",
        ])
    }

    @Test func everyKindOfNumberHasTheLimit() {
        let extra = #", "accounts": [{"id": "a", "revenue": {"2026-01": 1e300}}], "spend": {"2026-01": 2e15}, "#
            + #""reps": [{"id": "r", "quota": {"2026-Q1": -1e16}}], "targets": {"bookings": {"2026-Q1": 1E400}, "kpis": {"nrr": {"green": 1e20}}}, "#
            + #""funnel": {"2026-01": {"signups": 1e18}}, "forecasts": [{"month": "2026-01", "amount": 1e16, "made_on": "2026-01-01"}]"#
        let text = Doc.doc(deals: Self.deal("D-1", extra: #", "churn": {"on": "2026-02-01", "amount": 5e15}"#), extra: extra)
        let beyond = Doc.problems(text).map { String($0.drop { $0 != " " }.dropFirst()) }
        #expect(beyond == [
            "error: deals[0].churn.amount: the number 5e15 is beyond the ±1e15 that Redline handles",
            "error: accounts[0].revenue[\"2026-01\"]: the number 1e300 is beyond the ±1e15 that Redline handles",
            "error: spend[\"2026-01\"]: the number 2e15 is beyond the ±1e15 that Redline handles",
            "error: reps[0].quota[\"2026-Q1\"]: the number -1e16 is beyond the ±1e15 that Redline handles",
            "error: targets.bookings[\"2026-Q1\"]: the number 1E400 is beyond the ±1e15 that Redline handles",
            "error: targets.kpis.nrr.green: the number 1e20 is beyond the ±1e15 that Redline handles",
            "error: funnel[\"2026-01\"].signups: the number 1e18 is beyond the ±1e15 that Redline handles",
            "error: forecasts[0].amount: the number 1e16 is beyond the ±1e15 that Redline handles",
        ])
    }

    @Test func theLimitItselfLoadsAndEveryReportFormatsIt() throws {
        let text = Doc.doc(deals: Self.deal("D-1", amount: "1e15") + ", " + Self.deal("D-2", amount: "999999999999999"))
        let file = Fixtures.load(text)
        #expect(file.problems.map(\.message) == [])
        #expect(file.engagement?.deals.map(\.amount) == [1e15, 999_999_999_999_999])
        let portfolio = Portfolio(files: [file])
        let reviews = portfolio.reviews(asOf: Fixtures.asOf)
        let report = ReportText.render(portfolio, reviews: reviews, asOf: Fixtures.asOf, glyphs: .unicode)
        #expect(report.contains("2.0e15"))   // the two open deals' pipeline
        #expect(!ReportMarkdown.render(portfolio, reviews: reviews, asOf: Fixtures.asOf).isEmpty)
        #expect(!ReportJSON.render(portfolio, reviews: reviews, asOf: Fixtures.asOf).isEmpty)
    }

    // MARK: a 1 MB stage id named by 1,000 deals (check printed 1 GB)

    @Test func aHugeStageListIsQuotedBoundedOnEveryDeal() {
        let huge = String(repeating: "s", count: 1_000_000)
        let stages = #""stages": [{"id": "open"}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}, {"id": "\#(huge)"}]"#
        let deals = (0..<1_000).map { Self.deal("D-\($0)", stage: $0 == 1 ? huge + "x" : "gone") }.joined(separator: ", ")
        let file = Fixtures.load(Doc.doc(deals: deals, stages: stages), name: "f.json")
        #expect(file.problems.count == 1_000)
        let listed = "the stages are open, won, lost, " + String(repeating: "s", count: 39) + "…"
        #expect(file.problems[0].message == #"unknown stage "gone"; \#(listed)"#)
        #expect(file.problems[1].message == #"unknown stage ""# + String(repeating: "s", count: 79) + #"…"; \#(listed)"#)
        #expect(file.problems.map(\.description.utf8.count).reduce(0, +) < 250_000)
    }

    @Test func manyStagesAreListedAsAFew() {
        let ids = (1...20).map { "stage-\($0)" }
        #expect(unknownStageMessage("x", stages: ids) == #"unknown stage "x"; the stages are stage-1, stage-2, stage-3, stage-4, stage-5, stage-6, stage-7, stage-8 and 12 more"#)
        #expect(unknownStageMessage("x", stages: ["a", "b"]) == #"unknown stage "x"; the stages are a, b"#)
    }

    @Test func quotedValuesInMessagesAreCutAt80Characters() {
        let s80 = String(repeating: "a", count: 80), s81 = s80 + "b"
        #expect(boundingQuotedValues("found \(jsonQuoted(s80)) here") == "found \"\(s80)\" here")
        #expect(boundingQuotedValues("found \(jsonQuoted(s81)) and \"x\"") == "found \"\(s80.dropLast())…\" and \"x\"")
        // An escape is one character and never cut in half.
        let escaped = String(repeating: "a", count: 78) + "\u{1B}\u{1B}" + "zz"
        #expect(boundingQuotedValues("v \(jsonQuoted(escaped))") == "v \"" + String(repeating: "a", count: 78) + "\\u001B…\"")
        // Scalars are counted (a grapheme can be any length): 80 "é" stay, 81 are cut.
        #expect(bounded(String(repeating: "é", count: 80)) == String(repeating: "é", count: 80))
        #expect(bounded(String(repeating: "é", count: 81)) == String(repeating: "é", count: 79) + "…")
        #expect(bounded("a" + String(repeating: "\u{301}", count: 1_000)).unicodeScalars.count == 80)
        let path = [PathComponent.key("spend"), .key(String(repeating: "k", count: 1_000))].rendered
        #expect(path == "spend[\"" + String(repeating: "k", count: 79) + "…\"]")
    }

    @Test func aLongKeyIsQuotedBoundedInPathAndMessage() {
        let key = String(repeating: "9", count: 5_000)
        let text = Doc.doc(extra: #", "spend": {"\#(key)": 5}"#)
        let p = Fixtures.load(text).problems
        #expect(p.map(\.path) == [#"spend[""# + String(repeating: "9", count: 79) + #"…"]"#])
        #expect(p.map(\.message) == [#"expected a month YYYY-MM as the key, found ""# + String(repeating: "9", count: 79) + #"…""#])
    }

    // MARK: problems per file

    /// A deal with 100 warnings: its key `x` written 101 times.
    static func noisyDeal(_ id: String, amount: String = "10") -> String {
        deal(id, amount: amount, extra: String(repeating: #", "x": 1"#, count: 101))
    }

    @Test func problemsBeyondTheCapAreCountedNotKept() {
        let file = Fixtures.load(Doc.doc(deals: (0..<105).map { Self.noisyDeal("D-\($0)", amount: "-1") }.joined(separator: ", ")))
        #expect(file.problems.count == LoadLimits.maxProblems)
        #expect(file.unlisted == ProblemCounts(errors: 5, warnings: 600))
        #expect(file.counts == ProblemCounts(errors: 105, warnings: 10_500))
        #expect(file.isRejected)
        // Document order, the first ones kept.
        #expect(file.problems.prefix(2).map(\.description) == [
            "fixture.json:1:255: error: deals[0].amount: expected a number ≥ 0, found the number -1",
            #"fixture.json:1:374: warning: deals[0].x: duplicate key "x": this one is ignored, the last one is read"#,
        ])
        #expect(file.problems.last?.path == "deals[99].amount")
    }

    /// The editor, the importer and the cockpit look for errors among the listed problems: a file
    /// with errors lists one, in place of the last warning.
    @Test func anErrorBeyondTheCapIsStillListed() {
        let deals = ((0..<100).map { Self.noisyDeal("D-\($0)") } + [Self.deal("D-last", amount: "-1")]).joined(separator: ", ")
        let file = Fixtures.load(Doc.doc(deals: deals))
        #expect(file.isRejected)
        #expect(file.problems.count == LoadLimits.maxProblems)
        #expect(file.errors.map(\.path) == ["deals[100].amount"])
        #expect(file.counts == ProblemCounts(errors: 1, warnings: 10_000))
        #expect(file.unlisted == ProblemCounts(errors: 0, warnings: 1))
        // A warning before the deals (the industry): the merged list is cut by position, the error kept.
        let industry = Fixtures.load(Doc.doc(deals: deals, client: Doc.client.replacingOccurrences(of: #""saas""#, with: #""fintech""#)))
        #expect(industry.problems.count == LoadLimits.maxProblems)
        #expect(industry.problems.first?.path == "client.industry")
        #expect(industry.errors.map(\.path) == ["deals[100].amount"])
        #expect(industry.counts == ProblemCounts(errors: 1, warnings: 10_001))
    }

    // MARK: reading

    static func tempFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-limits-\(UUID().uuidString).json").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Files are read with read(2) into memory of our own, never mapped: a file another process
    /// truncates while it is read then reads short (a syntax error), and cannot raise SIGBUS.
    @Test func aFileIsReadIntoMemoryOfItsOwn() throws {
        let text = Doc.doc()
        let path = try Self.tempFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = EngagementLoader.load(path: path, displayName: "f.json")
        #expect(file.problems.isEmpty)
        #expect(file.engagement?.deals.map(\.id) == ["D-1"])
        // What a reader sees of a file cut short as it reads.
        let cut = try Self.tempFile(Array(text.utf8.prefix(60)))
        defer { try? FileManager.default.removeItem(atPath: cut) }
        #expect(EngagementLoader.load(path: cut, displayName: "f.json").problems.map(\.description) == ["f.json:1:58: error: not JSON: the JSON ends inside a string that starts here"])
    }

    #if os(Linux)
    /// A file whose size says 0 (as a pipe's) is read to its end all the same.
    @Test func aFileLongerThanItsSizeIsReadToTheEnd() {
        #expect(EngagementLoader.load(path: "/proc/self/status", displayName: "s").problems.map(\.description) == ["s:1:1: error: not JSON: expected a value, found 'N'"])
    }
    #endif

    @Test func aFolderAndAMissingFileAreOneProblem() {
        let dir = FileManager.default.temporaryDirectory.path
        #expect(EngagementLoader.load(path: dir, displayName: "d").problems.map(\.description) == ["d: error: cannot read the file: it is a folder"])
        #expect(EngagementLoader.load(path: "/no/such/file.json", displayName: "n").problems.map(\.description) == ["n: error: cannot read the file: No such file or directory"])
    }

    @Test func aFileOver2GiBIsRefusedUnread() throws {
        let path = try Self.tempFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Sparse: no disk and no memory is used for the 3 GiB.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        #expect(EngagementLoader.load(path: path, displayName: "big.json").problems.map(\.description)
                == ["big.json: error: the file is larger than 2 GiB (2,147,483,648 bytes), the most Redline reads"])
    }
}
