import Foundation
import Testing
@testable import Importer
import MetricsCore

/// The four exports of issue 11 (fixtures written by Fixtures/crm/make_fixtures.py), each
/// imported with its preset alone; every figure is checked against the tests' own count of the
/// raw file (RawCSV), never against the importer's code.
@Suite struct RealExportTests {
    func run(_ preset: ImportPreset, _ file: String, asOf: String, mapping: ImportMapping? = nil) throws -> ImportResult {
        let path = fixture(file)
        let m = try mapping ?? preset.mapping(header: try CSVImport.header(of: path), clientID: "c", clientName: "C", industry: "professional_services")
        return try CSVImport.run(csvPath: path, mapping: m, asOf: Day(asOf)!)
    }

    /// The import's engagement reloaded from its JSON, reviewed as of `asOf`.
    func review(_ r: ImportResult, asOf: String) throws -> (EngagementReview, LoadedFile) {
        let bytes = EngagementWriter.write(r.engagement)
        let file = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "x.json") }
        #expect(file.errors.isEmpty, "\(file.errors)")
        return (EngagementReview(index: EngagementIndex(try #require(file.engagement)), asOf: Day(asOf)!), file)
    }

    /// Win rate over T90 and won amount (new logo + expansion) over QTD, from (outcome, closed on, amount, counts in net new ARR).
    func expected(_ closed: [(won: Bool, on: Day, amount: Double, netNew: Bool)], asOf: Day, quarterStart: Day) -> (winRate: Double, netNew: Double, ads: Double) {
        let t90 = closed.filter { $0.on >= asOf - 89 && $0.on <= asOf }
        let won = t90.filter(\.won)
        let qtd = closed.filter { $0.won && $0.netNew && $0.on >= quarterStart && $0.on <= asOf }
        return (Double(won.count) / Double(t90.count), qtd.reduce(0) { $0 + $1.amount }, won.reduce(0) { $0 + $1.amount } / Double(won.count))
    }

    @Test func hubspotCustomPipelineWithBOMAndCRLF() throws {
        let r = try run(.hubspot, "crm/hubspot-custom-pipeline.csv", asOf: "2023-12-15")
        let raw = RawCSV(fixture("crm/hubspot-custom-pipeline.csv"))
        let stage = raw.values("Deal Stage"), amount = raw.values("Amount"), created = raw.values("Create Date"), close = raw.values("Close Date")
        let lostLabels: Set = ["Closed: lost", "Closed: abandoned"]
        let won = stage.filter { $0 == "Closed: won" }.count, lost = stage.filter(lostLabels.contains).count
        #expect((r.summary.rows, r.summary.deals, r.summary.skipped) == (87, 87, 0))
        #expect((r.summary.won, r.summary.lost, r.summary.open) == (won, lost, 87 - won - lost))
        #expect(r.engagement.stages.map(\.id) == ["opportunity-identified", "awaiting-procurement", "on-hold-future-opportunity",
                                                  "closed-won", "closed-lost", "closed-abandoned"])
        #expect(r.stageOrder == "by first appearance in the file")
        #expect(r.stageLines.map(\.count) == ["Opportunity identified", "Awaiting procurement", "On hold / future opportunity",
                                             "Closed: won", "Closed: lost", "Closed: abandoned"].map { l in stage.filter { $0 == l }.count })
        #expect(Set(r.stageLines.map(\.basis)) == ["its words"])
        // Every changed value is a warning: 54 empty amounts, closed without a close date, closed before created.
        let empty = amount.filter(\.isEmpty).count
        #expect(empty == 54)
        let closedRows = raw.rows.indices.filter { stage[$0].hasPrefix("Closed") }
        let noClose = closedRows.filter { close[$0].isEmpty }
        let before = closedRows.filter { !close[$0].isEmpty && testDay(close[$0])! < testDay(created[$0])! }
        func group(_ kind: String) -> ImportSummary.Group? { r.summary.groups.first { $0.kind == kind } }
        #expect(group("empty Amount: 0 used")?.count == empty)
        #expect(group("closed deal without a Close Date: closed on the export date 2023-12-15")?.rows == noClose.map { $0 + 2 })
        #expect(group("Close Date before Create Date: created moved back to the close date")?.samples
                == before.map { ImportWarning(row: $0 + 2, value: close[$0]) })
        #expect(r.engagement.deals.reduce(0) { $0 + $1.amount } == amount.compactMap(Double.init).reduce(0, +))
        #expect(r.currencyLine == "Amount in USD (the export names no currency: USD assumed; --currency sets it)")
        // KPIs: a closed deal is closed on its close date, else on the export date.
        let asOf = Day("2023-12-15")!
        let closed = closedRows.map { i in (stage[i] == "Closed: won", testDay(close[i]) ?? asOf, Double(amount[i]) ?? 0, true) }
        let want = expected(closed, asOf: asOf, quarterStart: Day("2023-10-01")!)
        let (review, _) = try review(r, asOf: "2023-12-15")
        #expect(review.kpi(.winRate).value == want.winRate)
        #expect(review.kpi(.netNewARR).value == want.netNew)
        #expect(review.kpi(.avgDealSize).value == want.ads)
    }

    @Test func hubspotAllPropertiesWithRepeatedHeaders() throws {
        let r = try run(.hubspot, "crm/hubspot-all-properties.csv", asOf: "2023-12-15")
        let raw = RawCSV(fixture("crm/hubspot-all-properties.csv"))
        let stage = raw.values("Deal Stage"), amount = raw.values("Amount"), probability = raw.values("Deal probability")
        let won = raw.values("Is Closed Won").filter { $0 == "true" }.count
        let closedCount = raw.values("Is Deal Closed?").filter { $0 == "true" }.count
        let counts = [r.summary.deals, r.summary.won, r.summary.lost, r.summary.open]
        #expect(counts == [87, won, closedCount - won, 87 - closedCount])
        // Open stages in the order of the CRM's own probabilities, which become the stages'.
        #expect(r.stageOrder == "by Deal probability")
        #expect(r.engagement.stages.filter { $0.outcome == nil }.map(\.id) == ["on-hold-future-opportunity", "opportunity-identified", "awaiting-procurement"])
        #expect(r.engagement.stages.filter { $0.outcome == nil }.map(\.probability) == [0.05, 0.1, 0.6])
        #expect(r.engagement.client.currency == "EUR")
        #expect(r.engagement.deals.reduce(0) { $0 + $1.amount } == amount.compactMap(Double.init).reduce(0, +))
        // Each deal's probability is the CRM's, in the deal's `probability`.
        let written = r.engagement.deals.compactMap(\.probability)
        #expect(written.count == 87)
        let writtenSum: Double = written.reduce(0, +), rawSum: Double = probability.compactMap { Double($0) }.reduce(0, +)
        #expect(abs(writtenSum - rawSum) < 1e-9)
        // History from the `Date entered` columns (each stage's header twice: the first filled one).
        func entered(_ row: [String], _ label: String) -> Day? {
            raw.columns("Date entered \"\(label) (Consulting Pipeline)\"").lazy.compactMap { testDay(row[$0]) }.first
        }
        let closed = raw.rows.indices.filter { stage[$0].hasPrefix("Closed") }.map { i in
            (stage[i] == "Closed: won", entered(raw.rows[i], stage[i])!, Double(amount[i]) ?? 0, true)
        }
        let first = r.engagement.deals[1]
        #expect(first.stageHistory.last == StageEntry(stage: "closed-won", on: entered(raw.rows[1], "Closed: won")!))
        let want = expected(closed, asOf: Day("2023-12-15")!, quarterStart: Day("2023-10-01")!)
        let (review, _) = try review(r, asOf: "2023-12-15")
        #expect(review.kpi(.winRate).value == want.winRate)
        #expect(review.kpi(.netNewARR).value == want.netNew)
    }

    @Test func dutchSalesforceReportInTwoCurrencies() throws {
        let r = try run(.salesforce, "crm/salesforce-dutch-report.csv", asOf: "2018-09-30")
        let raw = RawCSV(fixture("crm/salesforce-dutch-report.csv"), separator: ";")
        let rows = raw.rows.filter { $0.count == raw.header.count }
        func col(_ name: String) -> [String] { let c = raw.column(name); return rows.map { $0[c] } }
        let stage = col("Stage"), converted = col("Amount (converted)"), currency = col("Amount Currency"), type = col("Type")
        let close = col("Close Date"), probability = col("Probability (%)")
        #expect(r.dateFormat.description == "d-M-yyyy")
        #expect(r.summary.rows == rows.count && r.summary.deals == rows.count)
        #expect(r.summary.groups.first { $0.kind == "report footer ignored" }?.count == 3)
        #expect((r.summary.won, r.summary.lost) == (stage.filter { $0 == "Closed Won" }.count, stage.filter { $0 == "Closed Lost" }.count))
        // Amounts from the converted column, in its currency; the summary says what the export mixes.
        let eur = currency.filter { $0 == "EUR" }.count, gbp = currency.filter { $0 == "GBP" }.count
        #expect(r.engagement.client.currency == "EUR")
        #expect(r.currencyLine == "Amount (converted) in EUR (the export mixes EUR \(eur), GBP \(gbp) (Amount Currency))")
        let euros = converted.map { Double($0.replacingOccurrences(of: ",", with: ".")) ?? 0 }
        #expect(abs(r.engagement.deals.reduce(0) { $0 + $1.amount } - euros.reduce(0, +)) < 1e-6)
        #expect(r.engagement.deals[0].amount == 13_884)
        // Types and probabilities as the report has them.
        let kinds = ["New Business": "new_logo", "Existing Business": "expansion", "Renewal": "renewal"]
        #expect(r.engagement.deals.map(\.typeName) == type.map { kinds[$0] })
        #expect(r.engagement.deals.map(\.probability) == probability.map { p in Double(p)! / 100 })
        let closed = rows.indices.filter { stage[$0].hasPrefix("Closed") }.map { i in
            (stage[i] == "Closed Won", testDay(close[i], dayFirst: true)!, euros[i], type[i] != "Renewal")
        }
        let want = expected(closed, asOf: Day("2018-09-30")!, quarterStart: Day("2018-07-01")!)
        let (review, _) = try review(r, asOf: "2018-09-30")
        #expect(review.kpi(.winRate).value == want.winRate)
        #expect(abs(review.kpi(.netNewARR).value! - want.netNew) < 1e-6)
    }

    @Test func salesforceAPIFieldNames() throws {
        let r = try run(.salesforce, "crm/salesforce-api-opportunities.csv", asOf: "2023-12-31")
        let raw = RawCSV(fixture("crm/salesforce-api-opportunities.csv"))
        let stage = raw.values("StageName"), isWon = raw.values("IsWon"), isClosed = raw.values("IsClosed"), type = raw.values("Type")
        let amount = raw.values("Amount"), close = raw.values("CloseDate"), created = raw.values("CreatedDate")
        let won = isWon.filter { $0 == "true" }.count, closedCount = isClosed.filter { $0 == "true" }.count
        let counts = [r.summary.deals, r.summary.won, r.summary.lost, r.summary.open]
        #expect(counts == [300, won, closedCount - won, 300 - closedCount])
        // Custom stages ordered by Probability; "Closed - No Decision" is lost because IsClosed says so.
        #expect(r.engagement.stages.map(\.id) == ["discovery", "demo", "proposal", "negotiation", "closed-won", "closed-lost", "closed-no-decision"])
        #expect(r.engagement.stages.prefix(4).map(\.probability) == [0.1, 0.25, 0.5, 0.75])
        #expect(r.stageLines.first { $0.label == "Closed - No Decision" }?.basis == "IsWon and IsClosed")
        // Salesforce's types mapped; the one that is not is a warning with its rows, never a `check` warning.
        let partner = raw.rows.indices.filter { type[$0] == "Partner Referral" }
        let unmapped = try #require(r.summary.groups.first { $0.kind.hasPrefix("unmapped deal type in Type") })
        #expect(unmapped.count == partner.count)
        #expect(unmapped.samples.first == ImportWarning(row: partner[0] + 2, value: "Partner Referral"))
        #expect(r.types.map(\.kind) == [.newLogo, .expansion, .renewal, nil])
        let before = raw.rows.indices.filter { testDay(close[$0])! < testDay(created[$0])! && isClosed[$0] == "true" }
        #expect(r.summary.groups.first { $0.kind == "CloseDate before CreatedDate: created moved back to the close date" }?.count == before.count)
        let (review, file) = try review(r, asOf: "2023-12-31")
        #expect(!file.warnings.contains { $0.description.contains("unknown deal type") })
        let closed = raw.rows.indices.filter { isClosed[$0] == "true" }.map { i in
            (isWon[i] == "true", testDay(close[i])!, Double(amount[i]) ?? 0, type[i] != "Renewal")
        }
        let want = expected(closed, asOf: Day("2023-12-31")!, quarterStart: Day("2023-10-01")!)
        #expect(review.kpi(.winRate).value == want.winRate)
        #expect(review.kpi(.netNewARR).value == want.netNew)
        #expect(review.kpi(.avgDealSize).value == want.ads)
        #expect(stage.filter { $0 == "Closed - No Decision" }.count == r.engagement.deals.filter { $0.stageHistory.last?.stage == "closed-no-decision" }.count)
    }
}
