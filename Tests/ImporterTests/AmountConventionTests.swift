import Foundation
import Testing
@testable import Importer
import MetricsCore

/// An amount column has one decimal separator, decided from all its values: a value that reads
/// only with the other one, or with neither, is a skipped row with its row, column and value;
/// a negative amount says that credit notes are not imported.
@Suite struct AmountConventionTests {
    static let asOf = Day("2026-11-30")!

    /// A HubSpot deals export with these amounts, one deal per amount, imported with the preset.
    static func importing(_ amounts: [String], strict: Bool = false) throws -> ImportResult {
        var csv = "Record ID,Deal Name,Deal Stage,Amount,Create Date,Close Date,Deal owner\n"
        for (i, a) in amounts.enumerated() { csv += "\(i + 1),Deal \(i + 1),Closed Won,\"\(a)\",2026-10-01,2026-11-02,Sam Ortiz\n" }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("redline-amounts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/amounts.csv"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        let mapping = ImportPreset.hubspot.mapping(header: try CSVImport.header(of: path), clientID: "c", clientName: "C", industry: "saas")
        return try CSVImport.run(csvPath: path, mapping: mapping, asOf: asOf, strict: strict)
    }

    @Test(arguments: [
        ("1,234.56", 1_234.56, nil as Double?), ("1.234,56", nil, 1_234.56), ("1,234", 1_234, 1.234), ("1.234", 1.234, 1_234),
        ("12,50", nil, 12.5), ("1,2,3", nil, nil), ("1.2.3", nil, nil), ("1,234,567.5", 1_234_567.5, nil), ("1.234.567", nil, 1_234_567),
        ("1234.50", 1_234.5, nil), ("0,75", nil, 0.75), ("0.125", 0.125, nil), ("12,", nil, nil), (",5", nil, nil), ("1,23,456", nil, nil),
        ("1234", 1_234, 1_234),
    ])
    func eachValueReadsEachWay(text: String, point: Double?, comma: Double?) {
        let ways = AmountWays(text)
        #expect(ways.point == point)
        #expect(ways.comma == comma)
    }

    @Test func theColumnsSeparatorIsItsMajority() throws {
        // The try-out's column: two amounts say decimal point, one decimal comma, one neither.
        let r = try Self.importing(["1,2,3", "12,50", "1,234.56", "1 234.50", "1,500"])
        #expect(r.engagement.deals.map(\.id) == ["3", "4", "5"])
        #expect(r.engagement.deals.map(\.amount) == [1_234.56, 1_234.5, 1_500])
        #expect(r.summary.skipped == 2)
        let skipped = r.summary.groups.filter { $0.kind.hasPrefix("skipped") }
        #expect(skipped.map(\.kind) == ["skipped: not an amount in Amount",
                                        "skipped: amount in Amount with a decimal comma, in a column written with a decimal point (1,234.56)"])
        #expect(skipped.map(\.samples) == [[ImportWarning(row: 2, value: "1,2,3")], [ImportWarning(row: 3, value: "12,50")]])
    }

    @Test func aDecimalCommaColumnSkipsTheValueWithAPoint() throws {
        let r = try Self.importing(["12.500,00 €", "€ 45.000,00", "1.234", "1,234.56"])
        // `1.234` reads both ways: in this column it is 1,234.
        #expect(r.engagement.deals.map(\.amount) == [12_500, 45_000, 1_234])
        #expect(r.summary.groups.first { $0.kind.hasPrefix("skipped") }?.kind == "skipped: amount in Amount with a decimal point, in a column written with a decimal comma (1.234,56)")
        #expect(r.summary.groups.first { $0.kind.hasPrefix("skipped") }?.samples == [ImportWarning(row: 5, value: "1,234.56")])
    }

    @Test func strictSaysWhyEachAmountIsRefused() throws {
        func message(_ amounts: [String]) -> String? {
            do { _ = try Self.importing(amounts, strict: true); return nil } catch {
                return (error as? ImportError)?.message.components(separatedBy: ": row ").last
            }
        }
        #expect(message(["1,2,3"]) == "2: Amount \"1,2,3\" is not an amount: its separators fit neither 1,234.56 nor 1.234,56")
        #expect(message(["$ 1.2.3"]) == "2: Amount \"$ 1.2.3\" is not an amount: its separators fit neither 1,234.56 nor 1.234,56")
        #expect(message(["12k"]) == "2: Amount \"12k\" is not an amount")
        #expect(message(["1,5k"]) == "2: Amount \"1,5k\" is not an amount")
        #expect(message(["1,234.56", "1.234,56", "9,99"]) == "2: Amount \"1,234.56\" reads only with a decimal point, but the column is written with a decimal comma (1.234,56: 2 of its 3 amounts that say which): correct it in the export")
        #expect(message(["1,234.56", "2,000.00", "9,99"]) == "4: Amount \"9,99\" reads only with a decimal comma, but the column is written with a decimal point (1,234.56: 2 of its 3 amounts that say which): correct it in the export")
        #expect(message(["-500"]) == "2: Amount \"-500\" is negative: negative amounts (credit notes, refunds) are not imported")
        #expect(message(["(500)"]) == "2: Amount \"(500)\" is negative: negative amounts (credit notes, refunds) are not imported")
        #expect(message(["$ -1,200.00"]) == "2: Amount \"$ -1,200.00\" is negative: negative amounts (credit notes, refunds) are not imported")
    }

    @Test func negativeAmountsAreGroupedAsCreditNotes() throws {
        let r = try Self.importing(["-500", "(500)", "700"])
        #expect(r.engagement.deals.map(\.amount) == [700])
        let group = r.summary.groups.first { $0.kind.hasPrefix("skipped") }
        #expect(group?.kind == "skipped: negative amount in Amount: credit notes and refunds are not imported")
        #expect(group?.samples == [ImportWarning(row: 2, value: "-500"), ImportWarning(row: 3, value: "(500)")])
    }

    @Test func aTieIsADecimalPoint() throws {
        let r = try Self.importing(["1,234.56", "12,50"])
        #expect(r.engagement.deals.map(\.amount) == [1_234.56])
        #expect(r.summary.groups.first { $0.kind.hasPrefix("skipped") }?.samples == [ImportWarning(row: 3, value: "12,50")])
    }
}
