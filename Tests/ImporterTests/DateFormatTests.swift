import Testing
@testable import Importer
import MetricsCore

/// Dates as exports write them: day or month first, `-` `/` `.`, padded or not, with a time.
@Suite struct DateFormatTests {
    @Test(arguments: [
        ("17-7-2018", "2018-07-17"), ("17.07.2018", "2018-07-17"), ("17/07/2018 14:05", "2018-07-17"),
        ("1-2-2019", "2019-02-01"), ("2018-07-17T09:30:00.000Z", "2018-07-17"), ("2023-04-03 14:05", "2023-04-03"),
    ])
    func dayFirst(text: String, day: String) { #expect(DateFormat.european.parse(text) == Day(day)) }

    @Test(arguments: [("7/17/2018", "2018-07-17"), ("07-17-2018 2:05 PM", "2018-07-17"), ("2.1.2019", "2019-02-01")])
    func monthFirst(text: String, day: String) { #expect(DateFormat.us.parse(text) == Day(day)) }

    @Test(arguments: ["31-2-2018", "17-7-18", "17-7", "17 July 2018", "17-7-2018x", "2018-7-17-1", "", "17-07/2018"])
    func notDates(text: String) { #expect(DateFormat.european.parse(text) == nil) }

    @Test func patterns() throws {
        #expect(try DateFormat(pattern: "d-M-yyyy") == DateFormat(order: .dmy, separator: "-", padded: false))
        #expect(try DateFormat(pattern: "d-M-yyyy").description == "d-M-yyyy")
        #expect(try DateFormat(pattern: "MM/dd/yyyy") == .us)
        #expect(try DateFormat(pattern: "yyyy-MM-dd HH:mm") == .iso)
        #expect(try DateFormat(pattern: "dd.MM.yyyy") == .dotted)
        #expect(try DateFormat(pattern: "d-M-yyyy").parse("17-7-2018") == Day("2018-07-17"))
    }

    @Test(arguments: [
        ("YYYY", "\"YYYY\" is not a date pattern; write the order of d, M and yyyy with - / or . (d-M-yyyy, M/d/yyyy, yyyy-MM-dd)"),
        ("d-M-yy", "\"d-M-yy\": two-digit years are not read (17-7-18 could be 1918 or 2018); export dates with four-digit years (yyyy)"),
        ("dd-mm-yyyy", "\"dd-mm-yyyy\": m is minutes; the month is M (write the order of d, M and yyyy with - / or . (d-M-yyyy, M/d/yyyy, yyyy-MM-dd))"),
        ("d-d-yyyy", "\"d-d-yyyy\" is not a date pattern; write the order of d, M and yyyy with - / or . (d-M-yyyy, M/d/yyyy, yyyy-MM-dd)"),
    ])
    func badPatterns(pattern: String, message: String) {
        #expect(throws: ImportError(message)) { try DateFormat(pattern: pattern) }
    }

    @Test func decidedFromEveryValue() throws {
        // One first field over 12 anywhere in the file settles it.
        #expect(try detect(["3-4-2018", "5-6-2018", "17-7-2018"]).get() == DateFormat(order: .dmy, separator: "-", padded: false))
        #expect(try detect(["04/03/2018", "07/17/2018 10:00"]).get() == .us)
        #expect(try detect(["17.07.2018", "01.02.2018"]).get() == .dotted)
        // The same day either way is no ambiguity.
        #expect(try detect(["01/01/2020", "2020-03-04"]).get().order == .dmy)
        #expect(try detect([]).get() == .iso)
    }

    @Test func refusedWithTheRowsThatMakeItSo() {
        guard case .failure(let both) = detect(["13/01/2020", "01/02/2020", "01/13/2020"]) else { Issue.record("not refused"); return }
        #expect(both.message == "dates disagree: day first in row 2 \"13/01/2020\", month first in row 4 \"01/13/2020\"; fix the export or give --date-format")
        guard case .failure(let two) = detect(["17-7-18", "3-4-18"]) else { Issue.record("not refused"); return }
        #expect(two.message == "dates like \"17-7-18\" (row 2, Close Date) have a two-digit year, which Redline does not guess; export them with four-digit years (yyyy)")
        guard case .failure(let words) = detect(["17 juli 2018"]) else { Issue.record("not refused"); return }
        #expect(words.message == "cannot read dates like \"17 juli 2018\" (row 2, Close Date); give --date-format (d-M-yyyy, M/d/yyyy, yyyy-MM-dd)")
        guard case .failure(let ambiguous) = detect(["3-4-2018", "5-6-2018", "7-8-2018", "9-10-2018"]) else { Issue.record("not refused"); return }
        #expect(ambiguous.message == "dates could be day-month or month-day: no value has a day over 12 (row 2 \"3-4-2018\", row 3 \"5-6-2018\", row 4 \"7-8-2018\", …); give --date-format d-M-yyyy or M-d-yyyy")
    }
}

/// Amounts with the file's own decimal separator, probabilities and flags.
@Suite struct NumberTests {
    @Test func theFileSaysWhichSeparatorIsDecimal() {
        #expect(parseAmount("13884,00") == 13_884)
        #expect(parseAmount("100000.0") == 100_000)
        // `1.234` alone reads as 1.234; in a file that writes `13884,00` it is 1,234.
        #expect(parseAmount("1.234") == 1.234)
        #expect(parseAmount("1.234", decimalComma: true) == 1_234)
        // `0.125` reads only with a decimal point: in a decimal-comma column it is not an amount.
        #expect(parseAmount("0.125", decimalComma: true) == nil)
        #expect(parseAmount("0.125") == 0.125)
        #expect(parseAmount("1,234", decimalComma: true) == 1.234)
        #expect(parseAmount("EUR 13.884,00") == 13_884)
        let votes = ["13884,00", "1.234", "950,5"].compactMap { AmountScan($0).decimalComma }
        #expect(votes == [true, true])
        #expect(AmountScan("USD 1,200.50").decimalComma == false && AmountScan("USD 1,200.50").currency == "USD")
        #expect(AmountScan("£1,200").currency == "GBP" && AmountScan("1.234,50 €").currency == "EUR")
    }

    @Test func probabilitiesByColumn() {
        #expect(parseProbability("1", percent: true) == 0.01)
        #expect(parseProbability("1", percent: false) == 1)
        #expect(parseProbability("75.0", percent: true) == 0.75)
        #expect(parseProbability("0.6", percent: false) == 0.6)
        #expect(parseFlag("true") == true && parseFlag("FALSE") == false && parseFlag("ja") == true && parseFlag("maybe") == nil)
    }

    @Test func untrustedTextIsQuotedAndBounded() {
        // Quoted as JSON: inner quotes escaped, and a control or bidi character visible, not stripped.
        #expect(shown("Closed: \"won\"") == #""Closed: \"won\"""#)
        #expect(shown("12\u{1B}[31m000") == #""12\u001B[31m000""#)
        #expect(shown("\u{202E}evil") == #""\u202Eevil""#)
        let long = String(repeating: "x", count: 200)
        #expect(shown(long) == "\"" + String(repeating: "x", count: 79) + "…\"")
        #expect(shown(long).count == 82)
    }
}
