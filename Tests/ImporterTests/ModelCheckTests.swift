import Foundation
import Testing
@testable import Importer
@testable import MetricsCore

/// `ModelCheck` against the loader it stands in for: on every engagement here, its errors are
/// those of loading the writer's output (message and path, in order), and its size bound is at
/// least the written size.
@Suite struct ModelCheckTests {
    /// The loader's errors of the written engagement, and the written size.
    static func loaded(_ e: Engagement) -> (errors: [String], size: Int, problems: Int) {
        let bytes = EngagementWriter.write(e)
        let file = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "x.json") }
        return (file.errors.map { "\($0.path): \($0.message)" }, bytes.count, file.problems.count)
    }

    static func checked(_ e: Engagement) -> [String]? {
        ModelCheck.errors(of: e, file: "x.json").map { $0.map { "\($0.path): \($0.message)" } }
    }

    /// The check and the loader agree on `e`; returns the errors.
    @discardableResult
    static func expectSame(_ e: Engagement, _ note: @autoclosure () -> String = "", mayBeUnmodelled: Bool = false,
                           sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let load = loaded(e)
        #expect(load.problems < LoadLimits.maxProblems, "too many problems to compare", sourceLocation: sourceLocation)
        guard let checked = checked(e) else {
            if !mayBeUnmodelled { Issue.record("not modelled: \(note())", sourceLocation: sourceLocation) }
            return load.errors
        }
        #expect(checked == load.errors, "\(note())", sourceLocation: sourceLocation)
        if let bound = ModelCheck.writtenSizeBound(of: e) { #expect(bound >= load.size, "\(note())", sourceLocation: sourceLocation) }
        return checked
    }

    // MARK: real-shaped engagements, from the fixtures

    static func imported() throws -> [(String, Engagement)] {
        var out: [(String, Engagement)] = []
        let presets: [(ImportPreset, String, String)] = [
            (.hubspot, "crm/hubspot-custom-pipeline.csv", "2023-12-15"), (.hubspot, "crm/hubspot-deals.csv", "2024-06-30"),
            (.hubspot, "crm/hubspot-all-properties.csv", "2024-06-30"), (.salesforce, "crm/salesforce-report.csv", "2024-06-30"),
            (.salesforce, "crm/salesforce-api-opportunities.csv", "2024-06-30"), (.salesforce, "crm/salesforce-dutch-report.csv", "2024-06-30"),
        ]
        for (preset, file, asOf) in presets {
            let path = fixture(file)
            let m = preset.mapping(header: try CSVImport.header(of: path), clientID: "c", clientName: "C", industry: "saas")
            out.append((file, try CSVImport.run(csvPath: path, mapping: m, asOf: Day(asOf)!).engagement))
        }
        let small = try ImportMapping.load(path: fixture("small/mapping.toml"))
        out.append(("small", try CSVImport.run(csvPath: fixture("small/export.csv"), mapping: small, asOf: Day("2026-11-23")!).engagement))
        let successive = try ImportMapping.load(path: fixture("successive/mapping.toml"))
        out.append(("successive", try CSVImport.run(csvPath: fixture("successive/export-2026-10-31.csv"), mapping: successive, asOf: Day("2026-10-31")!).engagement))
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/maven-crm/mapping.toml").path
        var maven = try ImportMapping.load(path: shipped)
        maven.estimate = (fixture("maven/products.csv"), "product", "sales_price", "product")
        out.append(("maven", try CSVImport.run(csvPath: fixture("maven/sales_pipeline.csv"), mapping: maven, asOf: Day("2017-12-31")!).engagement))
        return out
    }

    @Test func theFixturesImportCleanAndTheCheckSaysSo() throws {
        for (name, e) in try Self.imported() {
            #expect(Self.expectSame(e, name).isEmpty, "\(name)")
        }
    }

    // MARK: each error, one at a time

    static func base() -> Engagement {
        let stages = [Stage(id: "discovery", name: "Discovery", probability: 0.2), Stage(id: "proposal", name: "Proposal", probability: 0.6),
                      Stage(id: "won", name: "Won", outcome: .won), Stage(id: "lost", name: "Lost", outcome: .lost)]
        let d = Day("2026-01-10")!
        var deals: [Deal] = []
        for i in 0..<6 {
            var deal = Deal(id: "D-\(i)", name: "Deal \(i)", account: "acme", owner: "sam", amount: Double(1000 * i), created: d + i,
                            expectedClose: d + 60, stageHistory: [StageEntry(stage: "discovery", on: d + i), StageEntry(stage: i % 2 == 0 ? "won" : "proposal", on: d + 20 + i)])
            deal.probability = 0.5
            deals.append(deal)
        }
        return Engagement(client: Client(id: "c", name: "C", industry: "saas"), stages: stages,
                          reps: [Rep(id: "sam", name: "Sam")], accounts: [Account(id: "acme", name: "Acme")], deals: deals, dataAsOf: Day("2026-03-01")!)
    }

    @Test func everyErrorTheLoaderGivesAValue() {
        let far = Day(ordinal: Day(year: 9999, month: 12, day: 31)!.ordinal + 1)
        let edits: [(String, (inout Engagement) -> Void)] = [
            ("empty deal id", { $0.deals[2].id = "" }),
            ("duplicate deal id", { $0.deals[4].id = "D-1" }),
            ("duplicate of a deal that does not decode", { $0.deals[1].amount = -1; $0.deals[4].id = "D-1" }),
            ("negative amount", { $0.deals[0].amount = -5 }),
            ("NaN amount", { $0.deals[0].amount = .nan }),
            ("infinite amount", { $0.deals[3].amount = .infinity }),
            ("amount beyond 1e15", { $0.deals[3].amount = 2e15 }),
            ("amount 1e15", { $0.deals[3].amount = 1e15 }),
            ("tiny negative amount", { $0.deals[3].amount = -1e-300 }),
            ("negative zero amount", { $0.deals[3].amount = -0.0 }),
            ("term 0", { $0.deals[1].termMonths = 0 }),
            ("term Int.max", { $0.deals[1].termMonths = .max }),
            ("term Int.min", { $0.deals[1].termMonths = .min }),
            ("probability 1.5", { $0.deals[1].probability = 1.5 }),
            ("probability NaN", { $0.deals[1].probability = .nan }),
            ("probability -0.0", { $0.deals[1].probability = -0.0 }),
            ("delivery cost beyond", { $0.deals[1].deliveryCost = -1e300 }),
            ("created year 10000", { $0.deals[5].created = far }),
            ("created year -1", { $0.deals[5].created = Day(year: -1, month: 6, day: 1)! }),
            ("created year 0", { $0.deals[5].created = Day(year: 0, month: 6, day: 1)! }),
            ("created far before", { $0.deals[5].created = Day(ordinal: -4_000_000_000_000) }),
            ("dates of every kind", { d in
                d.deals[0].firstMeeting = far; d.deals[0].expectedClose = far; d.deals[0].lastActivity = far; d.deals[0].goneOn = far
                d.deals[0].closeDateChanges = [CloseDateChange(on: far, from: Day("2026-01-01")!, to: far)]
                d.deals[0].pov = ProofOfValue(started: far, ended: far, outcome: "running")
                d.deals[0].churn = Churn(on: far, amount: .nan)
                d.deals[0].stallAck = StallAck(until: far, note: "n")
            }),
            ("churn amount negative", { $0.deals[0].churn = Churn(on: Day("2026-02-01")!, amount: -3) }),
            ("empty stage history", { $0.deals[3].stageHistory = [] }),
            ("unknown stage", { $0.deals[3].stageHistory[1].stage = "negotiation" }),
            ("empty stage in history", { $0.deals[3].stageHistory[0].stage = "" }),
            ("dates backwards", { $0.deals[2].stageHistory.reverse() }),
            ("backwards past an entry that does not decode", { d in
                d.deals[2].stageHistory = [StageEntry(stage: "discovery", on: Day("2026-02-01")!), StageEntry(stage: "nope", on: Day("2026-01-01")!),
                                           StageEntry(stage: "proposal", on: Day("2026-01-15")!), StageEntry(stage: "won", on: Day("2026-01-14")!)]
            }),
            ("entry date invalid", { $0.deals[2].stageHistory[1].on = far }),
            ("empty stage id", { $0.stages[1].id = "" }),
            ("duplicate stage id", { $0.stages[1].id = "discovery" }),
            ("two won stages", { $0.stages[0].outcome = .won }),
            ("no won stage", { $0.stages[2].outcome = nil }),
            ("no lost stage", { $0.stages[3].outcome = .won; $0.stages[2].outcome = nil }),
            ("won stage a duplicate", { $0.stages[2].id = "proposal" }),
            ("stage probability", { $0.stages[0].probability = -0.1 }),
            ("stage stall days", { $0.stages[0].stallAfterDays = 100_001 }),
            ("many stages, one unknown", { d in
                for k in 0..<20 { d.stages.insert(Stage(id: "s\(k)", name: "S\(k)"), at: 0) }
                d.deals[1].stageHistory[0].stage = "s99"
            }),
            ("canonically equal stage id", { $0.stages[0].id = "de\u{301}couverte"; $0.deals[1].stageHistory[0].stage = "d\u{E9}couverte" }),
            ("canonically equal deal ids", { $0.deals[0].id = "caf\u{E9}"; $0.deals[1].id = "cafe\u{301}" }),
            ("long duplicate id", { $0.deals[0].id = String(repeating: "x", count: 200); $0.deals[1].id = String(repeating: "x", count: 200) }),
            ("control characters", { $0.deals[0].id = "a\u{1}b\"c"; $0.deals[1].id = "a\u{1}b\"c"; $0.deals[1].name = "\u{202E}x" }),
            ("client id empty", { $0.client.id = "" }),
            ("fiscal month 13", { $0.client.fiscalYearStartMonth = 13 }),
            ("gross margin 2", { $0.client.grossMargin = 2 }),
            ("data as of", { $0.dataAsOf = far }),
            ("terms", { d in
                d.terms = EngagementTerms(cro: "x", started: far, daysPerMonth: -1, monthlyFee: 1e16, stallAfterDays: 0, noActivityDays: 100_001)
            }),
            ("rep ids", { d in d.reps = [Rep(id: "", name: "x"), Rep(id: "a", name: "A", start: far), Rep(id: "a", name: "B", end: far)] }),
            ("account ids", { d in d.accounts = [Account(id: "a", name: "A"), Account(id: "", name: "x"), Account(id: "a", name: "B")] }),
        ]
        var withErrors = 0
        for (name, edit) in edits {
            var e = Self.base()
            edit(&e)
            if !Self.expectSame(e, name).isEmpty { withErrors += 1 }
        }
        // Not a comparison of two empty lists: nearly every edit above is an error.
        #expect(withErrors >= edits.count - 6)
        #expect(Self.expectSame(Self.base()).isEmpty)
    }

    @Test func whatItDoesNotModelIsLeftToTheLoader() {
        var e = Self.base()
        e.deals[0].unknownKeys = [UnknownKey(key: "x", rawJSON: "1")]
        #expect(ModelCheck.errors(of: e, file: "x") == nil)
        e = Self.base()
        e.forecasts = [Forecast(month: YearMonth(year: 2026, month: 1), amount: 1, madeOn: Day("2026-01-01")!)]
        #expect(ModelCheck.errors(of: e, file: "x") == nil)
        // Unknown keys the loader reads back as they are: a reps file's extra columns.
        e = Self.base()
        e.reps[0].unknownKeys = [UnknownKey(key: "team", rawJSON: "\"East \\\"1\\\" \\u001B\""), UnknownKey(key: "office", rawJSON: "null")]
        Self.expectSame(e)
        // Those it would read otherwise: a key of the object's own (a duplicate key), a number, a bad escape.
        for odd in [UnknownKey(key: "name", rawJSON: "\"x\""), UnknownKey(key: "team", rawJSON: "1"), UnknownKey(key: "team", rawJSON: "\"\\ud800\""),
                    UnknownKey(key: "t\u{E9}am", rawJSON: "\"x\""), UnknownKey(key: "team", rawJSON: "\"x\\\"")] {
            e.reps[0].unknownKeys = [odd]
            #expect(ModelCheck.errors(of: e, file: "x") == nil, "\(odd)")
        }
        e.reps[0].unknownKeys = [UnknownKey(key: "team", rawJSON: "\"a\""), UnknownKey(key: "team", rawJSON: "\"b\"")]
        #expect(ModelCheck.errors(of: e, file: "x") == nil)
        // The size bound counts every byte of a string as its worst escape (`\u0001`: six).
        e = Self.base()
        e.deals[0].name = String(repeating: "\u{1}", count: 10_000)
        Self.expectSame(e)
        #expect(ModelCheck.writtenSizeBound(of: e)! >= Self.loaded(e).size)
    }

    // MARK: mutants of real-shaped engagements

    /// One to three random edits of values the writer writes, to values at and beyond each limit.
    static func mutate(_ e: inout Engagement, _ rng: inout SplitMix) {
        let numbers: [Double] = [.nan, .infinity, -.infinity, -1, -0.0, 0, 0.5, 1, 1.5, 12, 1e15, 1e15 + 1, -1e15, 2e15, 1e300, 1e-300, -1e-300, .greatestFiniteMagnitude, 123_456.789]
        let integers = [Int.min, -1, 0, 1, 12, 13, 10_000, 10_001, 100_000, 100_001, .max]
        let days = [Day(year: 0, month: 1, day: 1)!, Day(year: 9999, month: 12, day: 31)!, Day(year: 10_000, month: 1, day: 1)!,
                    Day(year: -1, month: 12, day: 31)!, Day(ordinal: Int.max / 1024), Day(ordinal: Int.min / 1024), Day("2017-06-15")!, Day("2010-01-01")!]
        let stageIDs = e.stages.map(\.id)
        func string(_ rng: inout SplitMix) -> String {
            let pool = ["", "x", "a\u{1}b", "\"\\", "\u{202E}", "e\u{301}", "\u{E9}", String(repeating: "ü", count: 90)]
            return rng.pick(pool + stageIDs + e.deals.prefix(3).map(\.id))
        }
        for _ in 0..<rng.pick([1, 1, 2, 3]) {
            let i = e.deals.isEmpty ? 0 : rng.int(e.deals.count)
            switch rng.int(21) {
            case 0: e.deals[i].id = string(&rng)
            case 1: e.deals[i].amount = rng.pick(numbers)
            case 2: e.deals[i].termMonths = rng.pick(integers)
            case 3: e.deals[i].probability = rng.pick(numbers)
            case 4: e.deals[i].created = rng.pick(days)
            case 5: e.deals[i].expectedClose = rng.pick(days); e.deals[i].lastActivity = rng.pick(days)
            case 6 where !e.deals[i].stageHistory.isEmpty:
                let k = rng.int(e.deals[i].stageHistory.count)
                e.deals[i].stageHistory[k].on = rng.pick(days)
            case 7 where !e.deals[i].stageHistory.isEmpty:
                let k = rng.int(e.deals[i].stageHistory.count)
                e.deals[i].stageHistory[k].stage = string(&rng)
            case 6, 7: break
            case 8: e.deals[i].stageHistory = rng.int(3) == 0 ? [] : e.deals[i].stageHistory.reversed() + [StageEntry(stage: rng.pick(stageIDs), on: rng.pick(days))]
            case 9: e.deals[i].id = e.deals[rng.int(e.deals.count)].id
            case 10: e.stages[rng.int(e.stages.count)].id = string(&rng)
            case 11: e.stages[rng.int(e.stages.count)].outcome = rng.pick([nil, .won, .lost])
            case 12: e.stages[rng.int(e.stages.count)].probability = rng.pick(numbers)
            case 13: e.stages[rng.int(e.stages.count)].stallAfterDays = rng.pick(integers)
            case 14: if !e.reps.isEmpty { e.reps[rng.int(e.reps.count)].id = string(&rng) }
            case 15: if !e.accounts.isEmpty { e.accounts[rng.int(e.accounts.count)].id = string(&rng) }
            case 16: e.client.id = string(&rng); e.client.fiscalYearStartMonth = rng.pick(integers)
            case 17: e.client.grossMargin = rng.pick(numbers); e.dataAsOf = rng.pick(days)
            case 19:
                let keys = ["x", "id", "stage", "team", "t\u{E9}am", ""]
                let values = ["\"a\"", "\"\\u0001\\n\"", "1", "true", "\"\\ud800\"", "{}", "\"", "null"]
                let extra = UnknownKey(key: rng.pick(keys), rawJSON: rng.pick(values))
                switch rng.int(4) {
                case 0: if !e.reps.isEmpty { e.reps[rng.int(e.reps.count)].unknownKeys.append(extra) }
                case 1: e.deals[i].unknownKeys.append(extra)
                case 2: if !e.deals[i].stageHistory.isEmpty { e.deals[i].stageHistory[0].unknownKeys.append(extra) }
                default: e.unknownKeys.append(extra)
                }
            case 18: e.deals[i].churn = Churn(on: rng.pick(days), amount: rng.pick(numbers)); e.deals[i].deliveryCost = rng.pick(numbers)
            default: e.terms = EngagementTerms(started: rng.pick(days), daysPerMonth: rng.pick(numbers), stallAfterDays: rng.pick(integers))
            }
        }
    }

    @Test func mutantsOfTheFixturesGiveTheLoadersErrors() throws {
        var rng = SplitMix(seed: 15)
        var withErrors = 0, clean = 0, unmodelled = 0
        for (name, full) in try Self.imported() {
            // A slice of the large ones: the loader runs once per mutant.
            var base = full
            base.deals = Array(full.deals.prefix(40))
            for k in 0..<150 {
                var e = base
                Self.mutate(&e, &rng)
                if ModelCheck.errors(of: e, file: "x") == nil { unmodelled += 1 }
                if Self.expectSame(e, "\(name) mutant \(k)", mayBeUnmodelled: true).isEmpty { clean += 1 } else { withErrors += 1 }
            }
        }
        // Both answers occur, often: the comparison is not of empty lists.
        #expect(withErrors > 600 && clean > 100 && unmodelled < 150, "\(withErrors) with errors, \(clean) clean, \(unmodelled) unmodelled")
    }
}

/// The mutants' generator: the demo's SplitMix64, with a count's index (0 when the count is 0).
typealias SplitMix = SeededRandom
extension SeededRandom {
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
