import Foundation
import Testing
@testable import Importer
import MetricsCore

/// A CRM's multi-line field (a "Next Step" with a line break in its quotes) is written on one
/// line, so the file does not load with "text with control characters" every week after.
@Suite struct OneLineTextTests {
    /// A German Salesforce opportunity report as exported: BOM, CRLF, `;`, decimal commas, `€`,
    /// and a next step, a name and a lead source over several lines.
    static let report = "\u{FEFF}" + [
        "\"Opportunity Name\";\"Account Name\";\"Opportunity Owner\";\"Stage\";\"Amount\";\"Probability (%)\";\"Created Date\";\"Close Date\";\"Opportunity ID\";\"Next Step\";\"Lead Source\"",
        "\"Müller Rollout\";\"Müller Holding\";\"Jonas Weber\";\"Negotiation/Review\";\"12.500,00 €\";\"90%\";\"01.10.2026\";\"15.12.2026\";\"006B0001\";\"Call CFO;\nthen send \"\"pricing\"\", v2\";\"\"",
        "\"Schmidt\r\nPilot\";\"Schmidt AG\";\"Alice Moreau\";\"Closed Lost\";\"€ 45.000,00\";\"0%\";\"02.09.2026\";\"30.10.2026\";\"006B0002\";\"\";\"Partner\t\tevent \r\n\r\n Berlin\"",
        "\"Weber GmbH\";\"Weber GmbH\";\"Jonas Weber\";\"Prospecting\";\"1.200,50 €\";\"10%\";\"03.11.2026\";\"20.01.2027\";\"006B0003\";\"Demo  booked\";\"\"",
    ].joined(separator: "\r\n") + "\r\n"

    @Test func lineBreaksAndTabsBecomeOneSpace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("redline-oneline-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/sf-de.csv"
        try Data(Self.report.utf8).write(to: URL(fileURLWithPath: path))
        let mapping = ImportPreset.salesforce.mapping(header: try CSVImport.header(of: path), clientID: "mueller", clientName: "Müller Holding", industry: "saas")
        let result = try CSVImport.run(csvPath: path, mapping: mapping, asOf: Day("2026-11-30")!)
        let deals = result.engagement.deals
        #expect(deals.map(\.id) == ["006B0001", "006B0002", "006B0003"])
        #expect(deals[0].nextStep == "Call CFO; then send \"pricing\", v2")
        #expect(deals[1].name == "Schmidt Pilot")
        #expect(deals[1].source == "Partner event Berlin")
        // Spaces inside a line are the CRM's: kept.
        #expect(deals[2].nextStep == "Demo  booked")
        #expect(deals.map(\.amount) == [12_500, 45_000, 1_200.5])
        // Each change is reported with its row and the value as it was.
        let joined = result.summary.groups.filter { $0.kind.hasPrefix("line breaks") }
        #expect(joined.map(\.kind) == ["line breaks in Next Step: joined into one line with spaces",
                                       "line breaks in Opportunity Name: joined into one line with spaces",
                                       "line breaks in Lead Source: joined into one line with spaces"])
        #expect(joined.map(\.samples) == [[ImportWarning(row: 2, value: "Call CFO;\nthen send \"pricing\", v2")],
                                          [ImportWarning(row: 3, value: "Schmidt\r\nPilot")],
                                          [ImportWarning(row: 3, value: "Partner\t\tevent \r\n\r\n Berlin")]])
        // The file as written loads without a warning about control characters.
        let bytes = EngagementWriter.write(result.engagement)
        let loaded = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "sf.json") }
        #expect(loaded.errors.isEmpty)
        #expect(!loaded.warnings.contains { $0.description.contains("control characters") })
        #expect(!bytes.contains(UInt8(ascii: "\t")) && !String(decoding: bytes, as: UTF8.self).contains("\\n"))
    }

    /// The warning shows the line breaks that were really there: a bare CR as `\r`, LF as `\n`,
    /// CRLF as `\r\n` (a try-out's `"a\nb\n\nc  d"` came from a file with LFs, not CRs).
    @Test func aWarningShowsEachLineBreakAsItWas() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("redline-oneline-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/breaks.csv"
        let csv = "Deal Name,Deal Stage,Amount,Create Date,Close Date,Record ID\n"
            + "\"a\rb\r\rc  d\",Appointment Scheduled,100,2026-10-01,2026-12-01,1\n"
            + "\"a\nb\n\nc  d\",Appointment Scheduled,100,2026-10-01,2026-12-01,2\n"
            + "\"a\r\nb\",Appointment Scheduled,100,2026-10-01,2026-12-01,3\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        let mapping = ImportPreset.hubspot.mapping(header: try CSVImport.header(of: path), clientID: "c", clientName: "C", industry: "saas")
        let result = try CSVImport.run(csvPath: path, mapping: mapping, asOf: Day("2026-11-30")!)
        #expect(result.engagement.deals.map(\.name) == ["a b c  d", "a b c  d", "a b"])
        #expect(result.summary.warningLines().first { $0.hasPrefix("line breaks") }
                == #"line breaks in Deal Name: joined into one line with spaces: 3 (row 2 "a\rb\r\rc  d", row 3 "a\nb\n\nc  d", row 4 "a\r\nb")"#)
    }

    @Test(arguments: [
        ("a\nb", "a b"), ("a \r\n b", "a b"), ("a\t\tb", "a b"), ("\na\n", "a"), ("a\u{2028}b", "a b"), ("a\u{85}b", "a b"),
        ("x;\n\n- y", "x; - y"),
    ])
    func runsOfBreaksAreOneSpace(text: String, line: String) { #expect(oneLine(text) == line) }

    @Test func oneLineTextIsLeftAsItIs() {
        #expect(oneLine("Müller  Holding") == nil)
        #expect(oneLine("plain") == nil)
        // Other control characters are not line breaks: the loader's warning about them stands.
        #expect(oneLine("a\u{1B}[31mb") == nil)
    }
}
