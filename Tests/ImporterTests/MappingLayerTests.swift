import Foundation
import Testing
@testable import Importer
import MetricsCore

/// Mappings that hold only what differs from a preset, written mappings passed back, and the
/// refusals that name what to put in a mapping.
@Suite struct MappingLayerTests {
    let dir: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("redline-layer-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func write(_ toml: String, _ name: String = "m.toml") throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(toml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func preset(_ p: ImportPreset, _ file: String) throws -> ImportMapping {
        p.mapping(header: try CSVImport.header(of: fixture(file)), clientID: "acme", clientName: "Acme", industry: "professional_services")
    }

    func run(_ file: String, _ mapping: ImportMapping, asOf: String = "2023-12-15") throws -> ImportResult {
        try CSVImport.run(csvPath: fixture(file), mapping: mapping, asOf: Day(asOf)!)
    }

    @Test func aMappingWithOnlyStagesOnAPreset() throws {
        let path = try write("[[stages]]\nlabels = [\"On hold / future opportunity\"]\noutcome = \"lost\"\n")
        let mapping = try ImportMapping.load(path: path, over: try preset(.hubspot, "crm/hubspot-custom-pipeline.csv"))
        let r = try run("crm/hubspot-custom-pipeline.csv", mapping)
        let stage = RawCSV(fixture("crm/hubspot-custom-pipeline.csv")).values("Deal Stage")
        let lost: Set = ["Closed: lost", "Closed: abandoned", "On hold / future opportunity"]
        #expect(r.summary.lost == stage.filter(lost.contains).count)
        #expect(r.engagement.stages.map(\.id) == ["opportunity-identified", "awaiting-procurement", "closed-won", "closed-lost",
                                                  "on-hold-future-opportunity", "closed-abandoned"])
        #expect(r.stageLines.first { $0.label == "On hold / future opportunity" }?.basis == "the mapping")
        #expect(r.engagement.client.id == "acme")
    }

    @Test func optionalColumnsAndAlternatives() throws {
        let base = try preset(.hubspot, "crm/hubspot-custom-pipeline.csv")
        let optional = try write("[columns]\nprobability = { column = \"Deal probability\", optional = true }\namount = [\"Amount in company currency\", \"Amount\"]\n")
        let r = try run("crm/hubspot-custom-pipeline.csv", try ImportMapping.load(path: optional, over: base))
        #expect(r.summary.groups.first { $0.kind.hasPrefix("optional column") }?.kind == "optional column not in this export: \"Deal probability\" (columns.probability)")
        #expect(r.currencyLine.hasPrefix("Amount in USD"))
        let required = try write("[columns]\nprobability = \"Deal probability\"\n", "r.toml")
        let path = fixture("crm/hubspot-custom-pipeline.csv")
        #expect(throws: ImportError("the column \"Deal probability\" (columns.probability of the mapping) is not in \(path); its columns are: \"Record ID\", \"Deal Name\", \"Deal Stage\", \"Amount\", \"Create Date\", \"Close Date\", \"Deal owner\", \"Associated Company (Primary)\", \"Deal Type\", \"Pipeline\"")) {
            try run("crm/hubspot-custom-pipeline.csv", try ImportMapping.load(path: required, over: base))
        }
    }

    @Test func aWrittenMappingImportsTheSameAndTakesOneEdit() throws {
        let base = try preset(.hubspot, "crm/hubspot-custom-pipeline.csv")
        let text = try MappingWriter.text(csvPath: fixture("crm/hubspot-custom-pipeline.csv"), mapping: base, dateFormat: nil, command: "redline import …")
        #expect(text.contains("amount = \"Amount\"   # 54 of 87 empty, e.g. \"6500\"\n"))
        #expect(text.contains("#   \"Pipeline\", e.g. \"Consulting Pipeline\"\n"))
        #expect(text.contains("[[stages]]   # 8 deals; open, 3 of 3; from its words\nid = \"on-hold-future-opportunity\"\nname = \"On hold / future opportunity\"\noutcome = \"open\"\n"))
        let presetAlone = try run("crm/hubspot-custom-pipeline.csv", base)
        // Passed back as it is, with the preset or alone: the same engagement.
        for over in [base, ImportMapping(clientID: "acme", clientName: "Acme", industry: "professional_services")] {
            let passed = try run("crm/hubspot-custom-pipeline.csv", try ImportMapping.load(path: try write(text), over: over))
            #expect(EngagementWriter.write(passed.engagement) == EngagementWriter.write(presetAlone.engagement))
        }
        // One edit: this consultancy counts parked deals as lost.
        let edited = text.replacingOccurrences(of: "name = \"On hold / future opportunity\"\noutcome = \"open\"", with: "name = \"On hold / future opportunity\"\noutcome = \"lost\"")
        #expect(edited != text)
        let r = try run("crm/hubspot-custom-pipeline.csv", try ImportMapping.load(path: try write(edited), over: base))
        let stage = RawCSV(fixture("crm/hubspot-custom-pipeline.csv")).values("Deal Stage")
        #expect(r.summary.lost == stage.filter { ["Closed: lost", "Closed: abandoned", "On hold / future opportunity"].contains($0) }.count)
        #expect(r.summary.open == stage.filter { ["Opportunity identified", "Awaiting procurement"].contains($0) }.count)
    }

    @Test func oneMappingServesBothViewsOfTheExport() throws {
        // Written from the "all properties" export, it reads the "selected columns" one too.
        let all = try preset(.hubspot, "crm/hubspot-all-properties.csv")
        let text = try MappingWriter.text(csvPath: fixture("crm/hubspot-all-properties.csv"), mapping: all, dateFormat: nil, command: "redline import …")
        #expect(text.contains("probability = { column = \"Deal probability\", optional = true }"))
        #expect(text.contains("# Stage history: the 12 Date entered columns of known stages are read as it.\n"))
        let mapping = try ImportMapping.load(path: try write(text), over: try preset(.hubspot, "crm/hubspot-custom-pipeline.csv"))
        let selected = try run("crm/hubspot-custom-pipeline.csv", mapping)
        let full = try run("crm/hubspot-all-properties.csv", try ImportMapping.load(path: try write(text, "again.toml"), over: all))
        #expect(selected.engagement.stages.map(\.id) == full.engagement.stages.map(\.id))
        #expect((selected.summary.won, selected.summary.lost, selected.summary.open) == (full.summary.won, full.summary.lost, full.summary.open))
        #expect(selected.engagement.client.currency == "EUR")
        #expect(selected.summary.groups.filter { $0.kind.hasPrefix("optional column not in this export") }.count == 7)
    }

    @Test func ratesConvertAMixedFileAndEveryMissingPieceIsNamed() throws {
        let file = "crm/salesforce-dutch-report.csv", path = fixture(file)
        let base = try preset(.salesforce, file)
        let raw = RawCSV(path, separator: ";")
        let rows = raw.rows.filter { $0.count == raw.header.count }
        let amount = rows.map { Double($0[raw.column("Amount")].replacingOccurrences(of: ",", with: ".")) ?? 0 }
        let currency = rows.map { $0[raw.column("Amount Currency")] }
        let want = zip(amount, currency).reduce(0) { $0 + $1.0 * ($1.1 == "GBP" ? 1.2 : 1) }
        let rated = try write("[client]\ncurrency = \"EUR\"\n[columns]\namount_converted = \"\"\n[currency]\nrates = { GBP = 1.2 }\n")
        let r = try run(file, try ImportMapping.load(path: rated, over: base), asOf: "2018-09-30")
        #expect(abs(r.engagement.deals.reduce(0) { $0 + $1.amount } - want) < 1e-6)
        #expect(r.currencyLine == "Amount in EUR 28, GBP 12, converted to EUR with the mapping's rates (1 GBP = 1.2 EUR)")

        let mixed = try write("[columns]\namount_converted = \"\"\n", "mixed.toml")
        #expect(throws: ImportError("\(path): the amounts are in several currencies (EUR 28, GBP 12 (Amount Currency)) and there is no converted-amount column; name one in a --mapping ([columns] amount_converted = \"…\") or give rates ([currency] rates = { GBP = 1.17 })")) {
            try run(file, try ImportMapping.load(path: mixed, over: base), asOf: "2018-09-30")
        }
        let noRate = try write("[client]\ncurrency = \"USD\"\n[columns]\namount_converted = \"\"\n[currency]\nrates = { GBP = 1.3 }\n", "norate.toml")
        #expect(throws: ImportError("\(path): no rate for EUR in the mapping's [currency] rates (amounts are in EUR 28, GBP 12)")) {
            try run(file, try ImportMapping.load(path: noRate, over: base), asOf: "2018-09-30")
        }
        let noCode = try write("[columns]\namount_converted = \"\"\n[currency]\nrates = { GBP = 1.3 }\n", "nocode.toml")
        #expect(throws: ImportError("\(path): [currency] rates need the currency they convert to: [client] currency or --currency")) {
            try run(file, try ImportMapping.load(path: noCode, over: base), asOf: "2018-09-30")
        }
        var usd = base
        usd.currency = "USD"
        #expect(throws: ImportError("\(path): Amount (converted) is in EUR but the currency given is USD; drop --currency (or [client] currency)")) {
            try run(file, usd, asOf: "2018-09-30")
        }
        var small = try ImportMapping.load(path: fixture("small/mapping.toml"))
        small.currency = "EUR"
        #expect(throws: ImportError("\(fixture("small/export.csv")): the amounts are in USD but the currency given is EUR; drop --currency (or [client] currency), or give a rate: [currency] rates = { USD = … }")) {
            try CSVImport.run(csvPath: fixture("small/export.csv"), mapping: small, asOf: Day("2026-11-23")!)
        }
    }

    @Test func aWrittenMappingSaysWhereAnAmbiguousDateFormatGoes() throws {
        let csv = dir.appendingPathComponent("nl.csv").path
        try Data("Ref;Phase;Waarde;Datum\nA1;Gewonnen;1.200,00;3-4-2018\nA2;Offerte;950,00;5-6-2018\n".utf8).write(to: URL(fileURLWithPath: csv))
        let partial = try write("[columns]\nid = \"Ref\"\nstage = \"Phase\"\namount = \"Waarde\"\nclose_date = \"Datum\"\n")
        let base = ImportPreset.csv.mapping(header: try CSVImport.header(of: csv), clientID: "nl", clientName: "NL", industry: "saas")
        let text = try MappingWriter.text(csvPath: csv, mapping: try ImportMapping.load(path: partial, over: base), dateFormat: nil, command: "…")
        #expect(text.contains("\n# format = \"d-M-yyyy\"   # or \"M-d-yyyy\": the one the export uses\n"))
        #expect(text.contains("[[stages]]   # 1 deal; won; from its words\nid = \"gewonnen\""))
        // The one edit: uncomment the format.
        let edited = try write(text.replacingOccurrences(of: "# format = \"d-M-yyyy\"", with: "format = \"d-M-yyyy\""), "edited.toml")
        let r = try CSVImport.run(csvPath: csv, mapping: try ImportMapping.load(path: edited, over: ImportMapping(clientID: "nl", clientName: "NL", industry: "saas")),
                                  asOf: Day("2018-07-01")!)
        #expect(r.engagement.deals.map(\.amount) == [1_200, 950])
        #expect(r.engagement.deals.map(\.expectedClose) == [Day("2018-04-03"), Day("2018-06-05")])
        #expect(r.engagement.stages.map(\.id) == ["offerte", "gewonnen", "lost"])
    }

    @Test func aRepeatedHeaderGivesItsFirstFilledValue() throws {
        let csv = dir.appendingPathComponent("dup.csv").path
        try Data("Record ID,Deal Stage,Amount,Create Date,Amount\n1,Closed Won,,2023-01-02,500.0\n2,Closed Lost,300.0,2023-01-03,999.0\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        let mapping = ImportPreset.hubspot.mapping(header: try CSVImport.header(of: csv), clientID: "c", clientName: "C", industry: "saas")
        let r = try CSVImport.run(csvPath: csv, mapping: mapping, asOf: Day("2023-01-31")!)
        #expect(r.engagement.deals.map(\.amount) == [500, 300])
        #expect(r.summary.groups.first?.kind == "\"Amount\" is 2 columns of this export: the first filled one is read")
    }

    @Test func hundredsOfColumnsAreListedBounded() throws {
        let csv = dir.appendingPathComponent("wide.csv").path
        let header = (1...60).map { "Column \($0)" } + [String(repeating: "h", count: 120)]
        try Data((header.joined(separator: ",") + "\n" + Array(repeating: "x", count: 61).joined(separator: ",") + "\n").utf8).write(to: URL(fileURLWithPath: csv))
        var mapping = ImportMapping(clientID: "c", clientName: "C", industry: "saas")
        mapping.columns = ["id": "Deal ID", "stage": "Column 2"]
        mapping.stages = [.init(id: "won", name: "Won", probability: nil, outcome: .won, labels: ["x"])]
        let listed = (1...40).map { "\"Column \($0)\"" }.joined(separator: ", ")
        #expect(throws: ImportError("the column \"Deal ID\" (columns.id of the mapping) is not in \(csv); its columns are: \(listed), … (21 more)")) {
            try CSVImport.run(csvPath: csv, mapping: mapping, asOf: Day("2023-01-31")!)
        }
        mapping.columns = ["id": "Column 1", "stage": "Column 2", "amount": String(repeating: "h", count: 120)]
        #expect(throws: ImportError("\(csv): no deal made from its 1 row, so nothing is written: skipped: not an amount in \(String(repeating: "h", count: 79))…: 1 (row 2 \"x\")")) {
            try CSVImport.run(csvPath: csv, mapping: mapping, asOf: Day("2023-01-31")!)
        }
    }

    @Test func aRowWithoutACurrencyIsReadAsTheEngagementsAndSaidSo() throws {
        let csv = dir.appendingPathComponent("mixed.csv").path
        try Data("Opportunity ID,Stage,Amount Currency,Amount,Close Date\n1,Closed Won,EUR,100,2023-01-02\n2,Closed Lost,GBP,100,2023-01-03\n3,Closed Won,,100,2023-01-04\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        var mapping = ImportPreset.salesforce.mapping(header: try CSVImport.header(of: csv), clientID: "c", clientName: "C", industry: "saas", currency: "EUR")
        mapping.rates = ["GBP": 1.2]
        let r = try CSVImport.run(csvPath: csv, mapping: mapping, asOf: Day("2023-01-31")!)
        #expect(r.engagement.deals.map(\.amount) == [100, 120, 100])
        #expect(r.summary.groups.first { $0.kind == "no currency in Amount Currency: read as EUR" }?.samples == [ImportWarning(row: 4, value: "100")])
    }

    @Test func typesAndDateFormatFromTheMapping() throws {
        let file = "crm/salesforce-api-opportunities.csv"
        let typed = try write("[types]\n\"Partner Referral\" = \"expansion\"\n[dates]\nformat = \"yyyy-MM-dd\"\n")
        let r = try run(file, try ImportMapping.load(path: typed, over: try preset(.salesforce, file)), asOf: "2023-12-31")
        #expect(!r.summary.groups.contains { $0.kind.hasPrefix("unmapped deal type") })
        let partner = RawCSV(fixture(file)).values("Type").filter { $0 == "Partner Referral" }.count
        #expect(r.engagement.deals.filter { $0.typeName == "expansion" }.count == RawCSV(fixture(file)).values("Type").filter { $0 == "Existing Business" }.count + partner)
        #expect(r.dateFormat == .iso)
    }

    @Test func anImportThatMakesNoDealIsAnError() throws {
        let path = try write("[client]\nid = \"x\"\n[columns]\nid = \"Record ID\"\nstage = \"Deal Stage\"\n[[stages]]\nid = \"won\"\noutcome = \"won\"\n[[stages]]\nid = \"lost\"\noutcome = \"lost\"\n")
        let csv = fixture("crm/hubspot-custom-pipeline.csv")
        #expect(throws: ImportError("\(csv): no deal made from its 87 rows, so nothing is written: skipped: unknown stage in Deal Stage: 87 (row 2 \"Opportunity identified\", row 3 \"Closed: won\", row 4 \"Awaiting procurement\", row 5 \"Closed: lost\", row 6 \"On hold / future opportunity\", …)")) {
            try CSVImport.run(csvPath: csv, mapping: try ImportMapping.load(path: path), asOf: Day("2023-12-15")!)
        }
    }
}

/// A re-import's stages against the file's: the won stage is the file's, new stages are appended.
@Suite struct ImportStagesTests {
    @Test func stagesAMappingAddsAreAppended() throws {
        let existing = ImportPreset.hubspot.stages.map { Stage(id: $0.id, name: $0.name, probability: $0.probability, outcome: $0.outcome) }
        let deal = Deal(id: "1", name: "One", amount: 5, created: Day("2023-01-02")!, stageHistory: [
            StageEntry(stage: "on-hold", on: Day("2023-01-02")!), StageEntry(stage: "closed-won", on: Day("2023-02-01")!)])
        let incoming = Engagement(client: Client(id: "c", name: "C", industry: "saas"), stages: [
            Stage(id: "on-hold", name: "On hold", probability: 0.05), Stage(id: "qualifiedtobuy", name: "Qualified To Buy", probability: 0.4),
            Stage(id: "closed-won", name: "Closed: won", outcome: .won), Stage(id: "closed-lost", name: "Closed Lost", outcome: .lost),
            Stage(id: "closed-abandoned", name: "Closed: abandoned", outcome: .lost)], deals: [deal])
        let r = ImportStages.reconcile(existing: existing, incoming: incoming)
        #expect(r.added.map(\.id) == ["on-hold", "closed-abandoned"])
        #expect(r.incoming.deals[0].stageHistory.map(\.stage) == ["on-hold", "closedwon"])
        #expect(ImportStages.json(of: r.added[0]) == #"{"id": "on-hold", "name": "On hold", "probability": 0.05}"#)
        #expect(ImportStages.json(of: r.added[1]) == #"{"id": "closed-abandoned", "name": "Closed: abandoned", "outcome": "lost"}"#)
    }
}

/// Warnings grouped by kind, values quoted whole (never cut at a quote) and bounded.
@Suite struct WarningDisplayTests {
    @Test func groupedWithTheirFirstRowsOrAll() {
        var s = ImportSummary()
        for row in 2...8 { s.note("skipped: unknown stage in Stage", row: row, value: row == 2 ? "Closed \"won\" (old)" : String(repeating: "y", count: 100)) }
        s.note("empty Amount: 0 used", row: 9)
        s.note("optional column not in this export: \"Deal probability\" (columns.probability)", row: 0)
        let y79 = "\"" + String(repeating: "y", count: 79) + "…\""
        #expect(s.warningLines() == [
            "skipped: unknown stage in Stage: 7 (row 2 \"Closed \\\"won\\\" (old)\", row 3 \(y79), row 4 \(y79), row 5 \(y79), row 6 \(y79), …)",
            "empty Amount: 0 used: 1 (row 9)",
            "optional column not in this export: \"Deal probability\" (columns.probability)",
        ])
        var all = ImportSummary()
        all.keepAll = true
        for row in 2...8 { all.note("empty Amount: 0 used", row: row) }
        #expect(all.warningLines(all: true) == ["empty Amount: 0 used: 7"] + (2...8).map { "  row \($0)" })
    }
}
