import Foundation
import Testing
@testable import Importer
import MetricsCore

/// The CSV reader over bytes: fields and rows as exports write them, quirks included.
@Suite struct CSVBytesTests {
    func rows(_ text: String, delimiter: Character = ",") throws -> [[String]] {
        var out: [[String]] = []
        try Array(text.utf8).withUnsafeBufferPointer { b in
            try CSVBytes.parse(b, delimiter: UInt8(ascii: delimiter.unicodeScalars.first!)) { fields, _ in out.append(fields) }
        }
        return out
    }

    @Test func fieldsAndRows() throws {
        #expect(try rows("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        // CRLF, a lone CR, no line break at the end.
        #expect(try rows("a,b\r\n1,2\r3,4") == [["a", "b"], ["1", "2"], ["3", "4"]])
        // Empty fields, at the start, in the middle and at the end of a row and of the file.
        #expect(try rows(",x,,\n,") == [["", "x", "", ""], ["", ""]])
        // A blank line is a row of one empty field (the table skips it).
        #expect(try rows("a\n\nb\n") == [["a"], [""], ["b"]])
        #expect(try rows("a;b\t c\n", delimiter: ";") == [["a", "b\t c"]])
    }

    @Test func quotedFields() throws {
        // Delimiters, line breaks and doubled quotes inside quotes; an empty quoted field.
        #expect(try rows(#""Acme, Inc.","He said ""go""","line one"# + "\nline two\"," + #""""# + "\n")
                == [["Acme, Inc.", #"He said "go""#, "line one\nline two", ""]])
        // Text after the closing quote is kept; a quote inside an unquoted field is text.
        #expect(try rows(#""ab"c,5" wide"#) == [["abc", #"5" wide"#]])
        // UTF-8 and a CRLF inside quotes.
        #expect(try rows("\"Chloé\r\nMartin\",€12k\r\n") == [["Chloé\r\nMartin", "€12k"]])
    }

    @Test func aQuoteNeverClosedIsAnError() {
        #expect(throws: CSVBytes.SyntaxError(line: 2)) { try rows("id,name\nD-1,\"Acme\nD-2,Beta\n") }
        #expect(CSVBytes.SyntaxError(line: 2).description == "a quoted field that starts on line 2 is never closed")
    }

    @Test func theDelimiterOfTheHeader() {
        func guess(_ text: String) -> Character {
            Character(UnicodeScalar(Array(text.utf8).withUnsafeBufferPointer { CSVBytes.guessDelimiter($0) }))
        }
        #expect(guess("a,b;c\n") == "," && guess("a;b,c\n") == ";" && guess("a\tb\n") == "\t")
        #expect(guess("\"a,b\";c\n") == ";" && guess("abc\nd;e") == ",")
        // Blank lines before the header are passed over.
        #expect(guess("\r\n \nid;stage\n") == ";" && guess("\n\nabc\nd;e") == ",")
    }

    /// An unclosed quote in a real import is said with the file and the line.
    @Test func theImportSaysWhere() throws {
        let mapping = try ImportMapping.load(path: fixture("small/mapping.toml"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-quote-\(UUID().uuidString).csv").path
        try Data("Deal ID,Stage\nD-1,\"Won\nD-2,Lost\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ImportError("\(path) is not readable CSV: a quoted field that starts on line 2 is never closed")) {
            try CSVImport.run(csvPath: path, mapping: mapping, asOf: Day("2026-11-23")!)
        }
    }
}
