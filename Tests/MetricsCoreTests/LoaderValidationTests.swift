import Testing
@testable import MetricsCore

/// Every validation rule of engagement-format.md: exact message, severity, path and position.
@Suite struct LoaderValidationTests {
    static let stages = #""stages": [{"id": "open", "probability": 0.5}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}]"#
    static let client = #""client": {"id": "c", "name": "C", "industry": "saas"}"#
    static let deal = #"{"id": "D-1", "name": "N", "amount": 10, "created": "2026-01-05", "expected_close": "2026-03-01", "stage_history": [{"stage": "open", "on": "2026-01-05"}]}"#

    /// A one-line engagement with `deal` swapped for `deals` and `extra` members appended.
    static func doc(deals: String = deal, stages: String = stages, client: String = client, extra: String = "") -> String {
        #"{"format": "redline.engagement/1", \#(client), \#(stages), "deals": [\#(deals)]\#(extra)}"#
    }

    /// `line:col: severity: path: message` of each problem, in document order.
    static func problems(_ text: String) -> [String] {
        Fixtures.load(text, name: "f.json").problems.map { String($0.description.dropFirst("f.json:".count)) }
    }

    /// `line:col` of the first occurrence of `needle`, counted independently of the loader.
    static func at(_ needle: String, in text: String, occurrence: Int = 1) -> String {
        var line = 1, col = 1
        var rest = Substring(text)
        var seen = 0
        while !rest.isEmpty {
            if rest.hasPrefix(needle) { seen += 1; if seen == occurrence { return "\(line):\(col)" } }
            let c = rest.removeFirst()
            if c == "\n" { line += 1; col = 1 } else { col += c.unicodeScalars.count }
        }
        return "not found"
    }

    @Test func theBaseDocumentLoadsClean() {
        let file = Fixtures.load(Self.doc())
        #expect(file.problems.isEmpty)
        #expect(file.engagement?.deals.first?.id == "D-1")
    }

    // MARK: not JSON, not UTF-8

    @Test func emptyAndBlankFiles() {
        #expect(Self.problems("") == ["1:1: error: the file is empty"])
        #expect(Self.problems("  \n  ") == ["1:1: error: the file is empty"])
    }

    @Test func trailingCommaIsPlacedAtTheComma() {
        #expect(Self.problems(#"{"format": "redline.engagement/1",}"#) == ["1:34: error: not JSON: trailing comma before '}'"])
        #expect(Self.problems("{\n  \"a\": [1, 2,\n  ]\n}") == ["2:13: error: not JSON: trailing comma before ']'"])
    }

    @Test func syntaxErrors() {
        #expect(Self.problems(#"{"amount": 12k}"#) == ["1:14: error: not JSON: expected ',' or '}' after an object member, found 'k'"])
        #expect(Self.problems(#"{"a" 1}"#) == ["1:6: error: not JSON: expected ':' after the key, found '1'"])
        #expect(Self.problems(#"{"a": "open"#) == ["1:7: error: not JSON: the JSON ends inside a string that starts here"])
        #expect(Self.problems(#"{"a": 01}"#) == ["1:7: error: not JSON: invalid number: leading zeros are not JSON"])
        #expect(Self.problems(#"{"a": "\q"}"#) == [#"1:8: error: not JSON: invalid escape '\q' in a string"#])
        #expect(Self.problems("{\"a\": \"x\ty\"}") == ["1:9: error: not JSON: a raw control character (U+0009) in a string; JSON needs it escaped"])
        #expect(Self.problems(#"{} {}"#) == ["1:4: error: not JSON: unexpected text after the JSON value: found '{'"])
        #expect(Self.problems(#"{"a": tru}"#) == ["1:7: error: not JSON: expected a value, found 't'"])
        #expect(Self.problems(String(repeating: "[", count: 300)) == ["1:257: error: not JSON: values are nested deeper than 256 levels"])
    }

    @Test func byteOrderMarkIsAcceptedAndNotCounted() {
        let file = Fixtures.load("\u{FEFF}" + Self.doc())
        #expect(file.problems.isEmpty && file.engagement != nil)
        #expect(Self.problems("\u{FEFF}{,}") == ["1:2: error: not JSON: expected a key in double quotes, found ','"])
    }

    func problems(bytes: [UInt8]) -> [String] {
        bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "f.json") }.problems.map { String($0.description.dropFirst(7)) }
    }

    @Test func notUTF8AndBinaryJunk() {
        #expect(problems(bytes: Array(#"{"a": "x"#.utf8) + [0xFF] + Array(#"y"}"#.utf8)) == ["1:9: error: the file is not UTF-8: invalid byte 0xFF"])
        #expect(problems(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]) == ["1:1: error: the file is not UTF-8: invalid byte 0x89"])
        #expect(problems(bytes: [0x00, 0x01, 0x02]) == ["1:1: error: not JSON: expected a value, found the control character U+0000"])
        #expect(problems(bytes: [0xFF, 0xFE, 0x7B, 0x00]) == ["1:1: error: the file is UTF-16, not UTF-8: save it as UTF-8"])
        // A truncated multi-byte character at the very end.
        #expect(problems(bytes: Array(#"{"a": "é"#.utf8).dropLast()) == ["1:8: error: the file is not UTF-8: invalid byte 0xC3"])
    }

    // MARK: structure

    @Test func topLevelMustBeAnObjectWithTheRequiredKeys() {
        #expect(Self.problems("[]") == ["1:1: error: expected an object at the top level, found an array"])
        // None of the required keys: one error, not four (the try-out's `{}`).
        let notOurs = #"1:1: error: not a Redline engagement file: it has none of the keys "format", "client", "stages", "deals" (redline demo --write DIR writes examples)"#
        #expect(Self.problems("{}") == [notOurs])
        #expect(Self.problems(#"{"name": "some-package", "version": "1.0.0"}"#) == [notOurs])
        // Some of them: each one missing.
        #expect(Self.problems(#"{"format": "redline.engagement/1"}"#) == [
            #"1:1: error: missing required key "client""#, #"1:1: error: missing required key "stages""#,
            #"1:1: error: missing required key "deals""#,
        ])
        #expect(Self.problems(#"{"client": {"id": "c", "name": "C", "industry": "saas"}, "stages": [], "deals": []}"#).first == #"1:1: error: missing required key "format""#)
    }

    @Test func formatTag() {
        let text = Self.doc().replacingOccurrences(of: "redline.engagement/1", with: "redline.engagement/2")
        #expect(Self.problems(text) == [#"\#(Self.at("\"redline.engagement/2", in: text)): error: format: expected "redline.engagement/1", found the string "redline.engagement/2""#])
    }

    @Test func wrongTypesNameWhatWasFound() {
        let text = Self.doc(deals: Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": "48000""#))
        #expect(Self.problems(text) == [#"\#(Self.at("\"48000\"", in: text)): error: deals[0].amount: expected a number ≥ 0, found the string "48000""#])
        let name = Self.doc(deals: Self.deal.replacingOccurrences(of: #""name": "N""#, with: #""name": 7"#))
        #expect(Self.problems(name) == ["\(Self.at("7,", in: name)): error: deals[0].name: expected a string, found the number 7"])
    }

    @Test func negativeAmountsAndCosts() {
        let text = Self.doc(deals: Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": -5, "delivery_cost": -1"#))
        #expect(Self.problems(text) == [
            "\(Self.at("-5", in: text)): error: deals[0].amount: expected a number ≥ 0, found the number -5",
            "\(Self.at("-1, \"created", in: text)): error: deals[0].delivery_cost: expected a number ≥ 0, found the number -1",
        ])
    }

    @Test func datesMustBeReal() {
        let text = Self.doc(deals: Self.deal.replacingOccurrences(of: #""created": "2026-01-05""#, with: #""created": "2026-02-30""#))
        #expect(Self.problems(text) == [#"\#(Self.at("\"2026-02-30", in: text)): error: deals[0].created: expected a date YYYY-MM-DD, found the string "2026-02-30""#])
        let slash = Self.doc(deals: Self.deal.replacingOccurrences(of: #""expected_close": "2026-03-01""#, with: #""expected_close": "03/01/2026""#))
        #expect(Self.problems(slash) == [#"\#(Self.at("\"03/01", in: slash)): error: deals[0].expected_close: expected a date YYYY-MM-DD, found the string "03/01/2026""#])
    }

    @Test func termMonthsAndRates() {
        let text = Self.doc(deals: Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": 10, "term_months": 1.5"#),
                            stages: Self.stages.replacingOccurrences(of: "0.5", with: "1.5"),
                            client: Self.client.replacingOccurrences(of: #""saas""#, with: #""saas", "gross_margin": 45, "fiscal_year_start_month": 13"#))
        #expect(Self.problems(text) == [
            "\(Self.at("45", in: text)): error: client.gross_margin: expected a number from 0 to 1, found the number 45",
            "\(Self.at("13", in: text)): error: client.fiscal_year_start_month: expected an integer from 1 to 12, found the number 13",
            "\(Self.at("1.5", in: text)): error: stages[0].probability: expected a number from 0 to 1, found the number 1.5",
            "\(Self.at("1.5", in: text, occurrence: 2)): error: deals[0].term_months: expected a positive integer, found the number 1.5",
        ])
    }

    @Test func dealProbabilityAndGoneOn() {
        let text = Self.doc(deals: Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": 10, "probability": 1.2, "gone_on": "2026-02-30""#))
        #expect(Self.problems(text) == [
            "\(Self.at("1.2", in: text)): error: deals[0].probability: expected a number from 0 to 1, found the number 1.2",
            #"\#(Self.at("\"2026-02-30", in: text)): error: deals[0].gone_on: expected a date YYYY-MM-DD, found the string "2026-02-30""#,
        ])
        let types = Self.doc(deals: Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": 10, "probability": "70%", "gone_on": 20260301"#))
        #expect(Self.problems(types) == [
            #"\#(Self.at("\"70%", in: types)): error: deals[0].probability: expected a number from 0 to 1, found the string "70%""#,
            "\(Self.at("20260301", in: types)): error: deals[0].gone_on: expected a date YYYY-MM-DD, found the number 20260301",
        ])
        // Valid values load; null is unknown.
        let ok = Fixtures.load(Self.doc(deals: Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": 10, "probability": 0.7, "gone_on": "2026-02-01""#)))
        #expect(ok.problems.isEmpty)
        #expect(ok.engagement?.deals[0].probability == 0.7 && ok.engagement?.deals[0].goneOn == Day("2026-02-01"))
        // The writer puts them back, after the other deal fields.
        let written = String(decoding: EngagementWriter.write(ok.engagement!), as: UTF8.self)
        #expect(written.contains("      \"probability\": 0.7,\n      \"gone_on\": \"2026-02-01\"\n    }"))
        #expect(Fixtures.load(written).engagement?.deals[0].goneOn == Day("2026-02-01"))
        let null = Fixtures.load(Self.doc(deals: Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": 10, "probability": null, "gone_on": null"#)))
        #expect(null.problems.isEmpty && null.engagement?.deals[0].probability == nil && null.engagement?.deals[0].goneOn == nil)
    }

    @Test func duplicateIds() {
        let text = Self.doc(deals: Self.deal + ", " + Self.deal)
        #expect(Self.problems(text) == [#"\#(Self.at("\"D-1", in: text, occurrence: 2)): error: deals[1].id: duplicate id "D-1" (also deals[0])"#])
        let stages = Self.doc(stages: Self.stages.replacingOccurrences(of: #"{"id": "lost", "outcome": "lost"}"#, with: #"{"id": "lost", "outcome": "lost"}, {"id": "won"}"#))
        #expect(Self.problems(stages) == [#"\#(Self.at("\"won\"}", in: stages, occurrence: 2)): error: stages[3].id: duplicate id "won" (also stages[1])"#])
    }

    @Test func wonAndLostStages() {
        let text = Self.doc(stages: #""stages": [{"id": "open"}, {"id": "done"}]"#)
        let at = Self.at("[{\"id\": \"open\"}", in: text)
        #expect(Self.problems(text) == [
            #"\#(at): error: stages: exactly one stage must have "outcome": "won", found 0"#,
            #"\#(at): error: stages: at least one stage must have "outcome": "lost", found none"#,
        ])
    }

    @Test func stageHistoryRules() {
        let empty = Self.doc(deals: Self.deal.replacingOccurrences(of: #"[{"stage": "open", "on": "2026-01-05"}]"#, with: "[]"))
        #expect(Self.problems(empty) == ["\(Self.at("[]", in: empty)): error: deals[0].stage_history: stage_history must not be empty: a deal is in the stage of its last entry"])
        let backwards = Self.doc(deals: Self.deal.replacingOccurrences(of: #"[{"stage": "open", "on": "2026-01-05"}]"#,
                                                                         with: #"[{"stage": "open", "on": "2026-01-05"}, {"stage": "won", "on": "2026-01-01"}]"#))
        #expect(Self.problems(backwards) == ["\(Self.at("\"2026-01-01", in: backwards)): error: deals[0].stage_history[1].on: the dates go backwards: 2026-01-01 is before 2026-01-05 of the entry before"])
        let unknown = Self.doc(deals: Self.deal.replacingOccurrences(of: #""stage": "open""#, with: #""stage": "negotation""#))
        #expect(Self.problems(unknown) == [#"\#(Self.at("\"negotation", in: unknown)): error: deals[0].stage_history[0].stage: unknown stage "negotation"; the stages are open, won, lost"#])
    }

    @Test func missingKeysArePlacedAtTheObject() {
        let text = Self.doc(deals: #"{"id": "D-1", "stage_history": [{"stage": "open"}]}"#)
        let dealAt = Self.at(#"{"id": "D-1""#, in: text), entryAt = Self.at(#"{"stage": "open"}"#, in: text)
        #expect(Self.problems(text) == [
            #"\#(dealAt): error: deals[0]: missing required key "name""#,
            #"\#(dealAt): error: deals[0]: missing required key "amount""#,
            #"\#(dealAt): error: deals[0]: missing required key "created""#,
            #"\#(entryAt): error: deals[0].stage_history[0]: missing required key "on""#,
        ])
    }

    @Test func keysThatAreNotIdentifiersUseBrackets() {
        let text = Self.doc(extra: #", "spend": {"2026-13": 5, "2026-10": "x"}"#)
        #expect(Self.problems(text) == [
            #"\#(Self.at("\"2026-13", in: text)): error: spend["2026-13"]: expected a month YYYY-MM as the key, found "2026-13""#,
            #"\#(Self.at("\"x\"", in: text)): error: spend["2026-10"]: expected a number, found the string "x""#,
        ])
    }

    // MARK: warnings

    @Test func warningsDoNotRejectTheFile() {
        let deal = #"{"id": "D-1", "name": "N\u001b[31m", "amount": 10, "type": "upsell", "owner": "zoe", "account": "acme", "created": "2026-01-05", "stage_history": [{"stage": "open", "on": "2026-01-01"}]}"#
        let text = Self.doc(deals: deal, client: Self.client.replacingOccurrences(of: #""saas""#, with: #""fintech""#),
                            extra: #", "dashboard": ["nrr", "mrr"], "actions": [{"week": "2026-W02", "status": "doing", "text": "t"}], "autopsies": [{"deal": "D-9", "written_on": "2026-01-10", "status": "closed"}]"#)
        let file = Fixtures.load(text, name: "f.json")
        #expect(file.engagement != nil)
        #expect(file.errors.isEmpty)
        #expect(Self.problems(text) == [
            #"\#(Self.at("\"fintech", in: text)): warning: client.industry: unknown industry "fintech"; the saas/other KPI preset is used (known: professional_services, hr_tech, martech, ai_startup, saas, other)"#,
            #"\#(Self.at(#"{"id": "D-1""#, in: text)): warning: deals[0]: an open deal without expected_close is left out of coverage and slipped checks"#,
            #"\#(Self.at("\"N\\u001b", in: text)): warning: deals[0].name: text with control characters (they are shown stripped)"#,
            #"\#(Self.at("\"upsell", in: text)): warning: deals[0].type: unknown deal type "upsell"; it counts as "new_logo" (known: new_logo, expansion, renewal)"#,
            #"\#(Self.at("\"zoe", in: text)): warning: deals[0].owner: no rep has the id "zoe""#,
            #"\#(Self.at("\"acme", in: text)): warning: deals[0].account: no account has the id "acme""#,
            #"\#(Self.at(#"{"stage": "open""#, in: text)): warning: deals[0].stage_history[0]: the first stage entry (2026-01-01) is before the deal was created (2026-01-05)"#,
            #"\#(Self.at("\"mrr", in: text)): warning: dashboard[1]: unknown KPI id "mrr" in the dashboard; it is ignored"#,
            #"\#(Self.at("\"doing", in: text)): warning: actions[0].status: unknown action status "doing"; expected "planned", "done" or "dropped""#,
            #"\#(Self.at("\"D-9", in: text)): warning: autopsies[0].deal: no deal has the id "D-9""#,
            #"\#(Self.at("\"closed", in: text)): warning: autopsies[0].status: unknown autopsy status "closed"; expected "open" or "done""#,
        ])
    }

    @Test func everyProblemOfAFileInOnePass() {
        let text = "{\n  \"format\": \"redline.engagement/1\",\n  \(Self.client),\n  \(Self.stages),\n  \"deals\": [\n"
            + "    {\"id\": \"D-1\", \"name\": \"A\", \"amount\": -1, \"created\": \"2026-01-05\", \"stage_history\": [{\"stage\": \"open\", \"on\": \"2026-01-05\"}]},\n"
            + "    {\"id\": \"D-2\", \"name\": \"B\", \"amount\": 5, \"created\": \"2026-13-01\", \"stage_history\": [{\"stage\": \"gone\", \"on\": \"2026-01-05\"}]}\n"
            + "  ]\n}\n"
        let found = Self.problems(text)
        #expect(found == [
            "\(Self.at("-1,", in: text)): error: deals[0].amount: expected a number ≥ 0, found the number -1",
            #"\#(Self.at("\"2026-13", in: text)): error: deals[1].created: expected a date YYYY-MM-DD, found the string "2026-13-01""#,
            #"\#(Self.at("\"gone", in: text)): error: deals[1].stage_history[0].stage: unknown stage "gone"; the stages are open, won, lost"#,
        ])
        #expect(found.map { String($0.prefix(while: { $0 != " " })) } == ["6:42:", "7:56:", "7:98:"])
    }

    @Test func unknownKeysAreKeptAsRawJSON() {
        let deal = Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": 10, "x_crm": {"hs_id": 42, "tags": ["a", "b"]}"#)
        let e = Fixtures.engagement(Self.doc(deals: deal, extra: #", "x_sync": {"at": "2026-01-01"}"#))
        #expect(e.deals[0].unknownKeys == [UnknownKey(key: "x_crm", rawJSON: #"{"hs_id": 42, "tags": ["a", "b"]}"#)])
        #expect(e.unknownKeys == [UnknownKey(key: "x_sync", rawJSON: #"{"at": "2026-01-01"}"#)])
        // The writer puts them back.
        let written = String(decoding: EngagementWriter.write(e), as: UTF8.self)
        #expect(written.contains(#""x_crm": {"hs_id": 42, "tags": ["a", "b"]}"#))
        #expect(Fixtures.load(written).problems.isEmpty)
    }

    @Test func nullMeansUnknownForOptionalFields() {
        let deal = Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": 10, "owner": null, "term_months": null, "pov": null"#)
        let file = Fixtures.load(Self.doc(deals: deal))
        #expect(file.problems.isEmpty)
        #expect(file.engagement?.deals[0].owner == nil)
        let required = Self.doc(deals: Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": null"#))
        #expect(Self.problems(required) == ["\(Self.at("null", in: required)): error: deals[0].amount: expected a number ≥ 0, found null"])
    }

    @Test func problemsInALargeFileArePlacedExactly() {
        var e = DemoPortfolio.synthetic(deals: 3_000, anchor: Day("2026-11-23")!)
        e.deals[2_999].stageHistory[0] = StageEntry(stage: "nowhere", on: e.deals[2_999].created)
        let text = String(decoding: EngagementWriter.write(e), as: UTF8.self)
        let problems = Fixtures.load(text, name: "big.json").problems
        #expect(problems.count == 1)
        #expect(problems.first.map { "\($0.line!):\($0.column!)" } == Self.at("\"nowhere", in: text))
        #expect(problems.first?.path == "deals[2999].stage_history[0].stage")
    }

    @Test func anActionInWeek53OfA52WeekYearIsAnError() {
        let text = Self.doc(extra: #", "actions": [{"week": "2027-W53", "status": "planned", "text": "t"}, {"week": "2026-W53", "status": "planned", "text": "t"}]"#)
        #expect(Self.problems(text) == [#"\#(Self.at("\"2027-W53", in: text)): error: actions[0].week: expected an ISO week YYYY-Www, found the string "2027-W53": 2027 has 52 ISO weeks"#])
    }

    @Test func duplicateKeysAreAWarningAndTheLastOneIsRead() {
        let deal = Self.deal.replacingOccurrences(of: #""amount": 10"#, with: #""amount": -5, "amount": 12"#)
        let text = Self.doc(deals: deal, extra: #", "data_as_of": "2026-01-01", "data_as_of": "2026-01-09""#)
        let file = Fixtures.load(text)
        #expect(Self.problems(text) == [
            #"\#(Self.at("\"amount\": -5", in: text)): warning: deals[0].amount: duplicate key "amount": this one is ignored, the last one is read"#,
            #"\#(Self.at("\"data_as_of", in: text)): warning: data_as_of: duplicate key "data_as_of": this one is ignored, the last one is read"#,
        ])
        #expect(file.engagement?.deals[0].amount == 12)
        #expect(file.engagement?.dataAsOf == Day("2026-01-09"))
    }

    @Test func keysAlikeAtBothEndsAreNotDuplicates() {
        // Same length, same first and last eight bytes: compared byte by byte, not alike.
        let text = Self.doc(extra: #", "x_abcdefgh_1_12345678": 1, "x_abcdefgh_2_12345678": 2, "ab": 1, "ba": 1"#)
        #expect(Self.problems(text) == [])
        // Keys at the very end of the file, where eight bytes cannot be read at once.
        #expect(Self.problems(#"{"a":1,"a":2}"#).contains(#"1:2: warning: a: duplicate key "a": this one is ignored, the last one is read"#))
    }

    @Test func duplicateKeysInLargeObjectsToo() {
        let months = (1...40).map { #""20\#(10 + $0 / 12)-\#(pad($0 % 12 + 1, 2))": \#($0)"# }.joined(separator: ", ")
        let text = Self.doc(extra: #", "spend": {\#(months), "2013-05": 7, "\u0032013-05": 8}"#)
        let file = Fixtures.load(text)
        #expect(file.problems.map(\.description).map { String($0.drop { $0 != " " }.dropFirst()) } == [
            #"warning: spend["2013-05"]: duplicate key "2013-05": this one is ignored, the last one is read"#,
            #"warning: spend["2013-05"]: duplicate key "2013-05": this one is ignored, the last one is read"#,
        ])
        #expect(file.engagement?.spend[YearMonth(year: 2013, month: 5)] == 8)
    }
}
