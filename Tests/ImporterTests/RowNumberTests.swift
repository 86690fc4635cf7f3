import Foundation
import Testing
@testable import Importer
import MetricsCore

/// Every row number an import gives (skipped rows, warnings, footers, `--strict`) is the row a
/// spreadsheet shows: blank rows and rows of only delimiters count, a quoted value with line
/// breaks is one row (try-out 3, BUG 3: "row 3" for a value on row 5).
@Suite struct RowNumberTests {
    func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-rows-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The line each record starts on, as an editor counts (a quoted line break counts).
    @Test func theReaderGivesEachRowsFirstLine() throws {
        var lines: [Int] = []
        try Array("a\r\n\r\n\"x\ny\",1\r\n,,\nb\n".utf8).withUnsafeBufferPointer { b in
            try CSVBytes.parse(b, delimiter: UInt8(ascii: ",")) { _, line in lines.append(line) }
        }
        #expect(lines == [1, 2, 3, 5, 6])
    }

    /// Blank rows before the header count too: the header is then not row 1.
    @Test func blankRowsBeforeTheHeader() throws {
        let table = try CSVTable.read(path: try file(Array("\n;;\nid;stage\n1;a\n\n2;b\n".utf8)))
        #expect(table.headerRow == 3 && table.rowNumbers == [4, 6] && table.lineShift == nil)
    }

    /// BOM, CRLF, a row of commas, a blank line, a quoted name over two lines and a footer after a
    /// blank line, in a HubSpot export: each warning names the row a spreadsheet shows.
    @Test func warningsNameTheSpreadsheetsRow() throws {
        let text = "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date\r\n"  // row 1
            + "1,A,Closed Won,100,2026-10-01,2026-09-01\r\n"                           // row 2
            + ",,,,,\r\n"                                                              // row 3
            + "\r\n"                                                                   // row 4
            + "2,B,Closed Lost,abc,2026-10-01,2026-09-01\r\n"                          // row 5
            + "3,\"C\r\nsecond line\",Appointment Scheduled,5,2026-12-01,2026-09-01\r\n" // row 6 (lines 6 and 7)
            + "4,D,Appointment Scheduled,,2026-12-01,2026-09-01\r\n"                   // row 7 (line 8)
            + "\r\n"                                                                   // row 8
            + "Total,,,,,\r\n"                                                         // row 9
        let path = try file([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let mapping = ImportPreset.hubspot.mapping(header: try CSVImport.header(of: path), clientID: "c", clientName: "C", industry: "saas")
        let result = try CSVImport.run(csvPath: path, mapping: mapping, asOf: Day("2026-11-30")!)
        #expect(result.summary.rows == 4 && result.summary.deals == 3 && result.summary.skipped == 1)
        #expect(result.summary.warningLines() == [
            "report footer ignored: 1 (row 9)",
            "skipped: not an amount in Amount: 1 (row 5 \"abc\")",
            "line breaks in Deal Name: joined into one line with spaces: 1 (row 6 \"C\\r\\nsecond line\")",
            "empty Amount: 0 used: 1 (row 7)",
            "no stage history in this export: an open deal new to the file is in its stage since its Create Date, so its days in stage, and its stall, are estimates until a later export dates a move",
            "rows are numbered as a spreadsheet shows them: a quoted value with line breaks is one row there, so from row 7 on a text editor's line numbers are higher (row 7 is on line 8)",
        ])
        #expect(throws: ImportError("\(path): row 5: Amount \"abc\" is not an amount")) {
            try CSVImport.run(csvPath: path, mapping: mapping, asOf: Day("2026-11-30")!, strict: true)
        }
    }

    /// The note is only there when a row it shifts is named: a line break in the last row, or
    /// warnings only above it, need no word.
    @Test func noNoteWhenNoNamedRowIsShifted() throws {
        let text = "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date\n"
            + "1,A,Closed Won,,2026-10-01,2026-09-01\n"
            + "2,\"B\nb\",Closed Won,5,2026-10-01,2026-09-01\n"
        let path = try file(Array(text.utf8))
        let mapping = ImportPreset.hubspot.mapping(header: try CSVImport.header(of: path), clientID: "c", clientName: "C", industry: "saas")
        let result = try CSVImport.run(csvPath: path, mapping: mapping, asOf: Day("2026-11-30")!)
        #expect(result.summary.warningLines() == ["empty Amount: 0 used: 1 (row 2)", "line breaks in Deal Name: joined into one line with spaces: 1 (row 3 \"B\\nb\")"])
    }

    /// A UTF-16 export (Excel's "Unicode text", with or without its byte-order mark) is said to
    /// be UTF-16, with what to do; other bytes with zeros are still "binary".
    @Test func utf16IsSaidAsSuch() throws {
        let csv = "Record ID\tDeal Stage\n1\tClosed Won\n"
        let le: [UInt8] = [0xFF, 0xFE] + csv.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + csv.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let bare = Array(le.dropFirst(2))
        for bytes in [le, be, bare] {
            let path = try file(bytes)
            #expect(throws: ImportError("\(path) is UTF-16 text (Excel's \"Unicode text\"), not UTF-8: save the export as \"CSV UTF-8\" and import that")) {
                try CSVTable.read(path: path)
            }
        }
        let png = try file([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52])
        #expect(throws: ImportError("\(png) is a binary file, not CSV text")) { try CSVTable.read(path: png) }
    }
}
