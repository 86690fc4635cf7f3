import Testing
@testable import MetricsCore

/// A load that reads its file once reads the deals straight from the bytes (`DirectDeals`); a
/// deal out of the usual shape goes to a tape of its own. Whatever the deals, it loads what a
/// whole tape gives: the same engagement and every problem in the same place.
@Suite struct DirectDealsTests {
    static let plain = #"{"id": "D-1", "name": "Pied Piper Retail: Annual subscription", "account": "A-100", "owner": "rep-1", "amount": 30000, "term_months": 24, "type": "new_logo", "segment": "smb", "source": "partner", "created": "2026-10-19", "first_meeting": "2026-10-23", "expected_close": "2027-01-10", "stage_history": [{"stage": "lead", "on": "2026-10-19"}, {"on": "2026-10-30", "stage": "discovery"}], "last_activity": "2026-11-19", "next_step": "Book security review"}"#

    /// The plain deal with `from` replaced by `to` (its id made `id`).
    static func variant(_ id: String, _ from: String, _ to: String) -> String {
        let changed = plain.replacingOccurrences(of: from, with: to)
        return changed.replacingOccurrences(of: #""id": "D-1""#, with: #""id": "\#(id)""#)
    }

    /// Deals out of the usual shape, each with what makes it so; the reader must send each to a tape.
    static let quirks: [(String, String)] = [
        ("escape", variant("Q-1", "Pied Piper", #"Pied \"Piper\""#)),
        ("control escape", variant("Q-2", "Pied Piper", #"Pied\u001b[31m Piper"#)),
        ("unknown key", variant("Q-3", #""segment": "smb""#, #""segment": "smb", "colour": [1, {"a": null}]"#)),
        ("unknown stage", variant("Q-4", #""stage": "discovery""#, #""stage": "nowhere""#)),
        ("unknown owner", variant("Q-5", "rep-1", "nobody")),
        ("unknown account", variant("Q-6", "A-100", "A-none")),
        ("negative amount", variant("Q-7", "30000", "-5")),
        ("amount as text", variant("Q-8", "30000", #""30k""#)),
        ("huge amount", variant("Q-9", "30000", "1e400")),
        ("missing name", variant("Q-10", #""name": "Pied Piper Retail: Annual subscription", "#, "")),
        ("empty id", variant("Q-11", #""id": "D-1""#, #""id": """#)),
        ("null name", variant("Q-12", #""Pied Piper Retail: Annual subscription""#, "null")),
        ("repeated key", variant("Q-13", #""segment": "smb""#, #""segment": "smb", "segment": "mid""#)),
        ("dates backwards", variant("Q-14", #""on": "2026-10-30""#, #""on": "2026-10-01""#)),
        ("stage before created", variant("Q-15", #""stage": "lead", "on": "2026-10-19""#, #""stage": "lead", "on": "2026-10-01""#)),
        ("activity before created", variant("Q-16", #""last_activity": "2026-11-19""#, #""last_activity": "2026-01-19""#)),
        ("lost, bad gone_on, unknown key", variant("Q-17", #"{"on": "2026-10-30", "stage": "discovery"}"#, #"{"on": "2026-10-30", "stage": "discovery"}, {"stage": "lost", "on": "2026-10-31"}], "gone_on": "x", "y": ["#)),
        ("open without close", variant("Q-18", #""expected_close": "2027-01-10", "#, "")),
        ("open with null close", variant("Q-19", #""expected_close": "2027-01-10""#, #""expected_close": null"#)),
        ("unknown type", variant("Q-20", #""new_logo""#, #""upsell""#)),
        ("term zero", variant("Q-21", #""term_months": 24"#, #""term_months": 0"#)),
        ("term fraction", variant("Q-22", #""term_months": 24"#, #""term_months": 2.5"#)),
        ("bad date", variant("Q-23", #""created": "2026-10-19""#, #""created": "2026-02-30""#)),
        ("empty history", variant("Q-24", #"[{"stage": "lead", "on": "2026-10-19"}, {"on": "2026-10-30", "stage": "discovery"}]"#, "[]")),
        ("entry with a third key", variant("Q-25", #"{"stage": "lead", "on": "2026-10-19"}"#, #"{"stage": "lead", "on": "2026-10-19", "by": "x"}"#)),
        ("pov", variant("Q-26", #""segment": "smb""#, #""segment": "smb", "pov": {"started": "2026-10-20", "outcome": "running"}"#)),
        ("stall ack", variant("Q-27", #""segment": "smb""#, #""segment": "smb", "stall_ack": {"until": "2026-12-01", "note": "x"}"#)),
        ("churn", variant("Q-28", #""segment": "smb""#, #""segment": "smb", "churn": {"on": "2026-11-01", "amount": 5}"#)),
        ("probability above one", variant("Q-29", #""segment": "smb""#, #""segment": "smb", "probability": 1.5"#)),
        ("close change missing a key", variant("Q-30", #""segment": "smb""#, #""segment": "smb", "close_date_changes": [{"on": "2026-11-01", "from": "2026-12-01"}]"#)),
        ("not an object", "null"),
        ("an array", "[1, 2]"),
        ("duplicate id", variant("D-2", "Pied", "Pied")),
        ("id as number", plain.replacingOccurrences(of: #""id": "D-1""#, with: #""id": 31"#)),
        ("escaped key", variant("Q-32", #""segment""#, #""seg\u006dent""#)),
        ("bool as text", variant("Q-33", #""segment": "smb""#, #""segment": "smb", "founder_in_final_meeting": "yes""#)),
    ]

    /// Deals the reader takes directly, shapes included that are rarer than the plain one.
    static let plainShapes: [String] = [
        plain,
        variant("P-1", "Pied Piper", "Société Générale ✓"),
        variant("P-2", #""account": "A-100", "owner": "rep-1", "amount": 30000, "term_months": 24, "type": "new_logo", "segment": "smb""#,
                #""account": null, "owner": null, "amount": 30000, "term_months": null, "type": null, "segment": null"#),
        variant("P-3", #""segment": "smb""#, #""segment": "smb", "close_date_changes": [{"on": "2026-11-01", "from": "2026-12-01", "to": "2027-01-10"}], "probability": 0.4, "founder_in_final_meeting": true, "delivery_cost": 1200.5, "gone_on": "2026-11-20", "lost_reason": "price""#),
        variant("P-4", #""segment": "smb""#, #""segment": "smb", "close_date_changes": []"#),
        variant("P-5", #"{"on": "2026-10-30", "stage": "discovery"}"#, #"{"on": "2026-10-30", "stage": "discovery"}, {"stage": "won", "on": "2026-11-02"}"#),
        variant("P-6", "30000", "3.25e4"),
        variant("P-7", #", "#, ",\n\t  "),
    ]

    static func file(_ deals: [String]) -> [UInt8] {
        var e = DemoPortfolio.synthetic(deals: 1, anchor: Day("2026-11-23")!)
        e.deals = []
        e.autopsies = []
        let text = String(decoding: EngagementWriter.write(e), as: UTF8.self)
        precondition(text.contains(#""deals": []"#))
        return Array(text.replacingOccurrences(of: #""deals": []"#, with: "\"deals\": [\n    " + deals.joined(separator: ",\n    ") + "\n  ]").utf8)
    }

    static func offset(of needle: String, in bytes: [UInt8]) -> Int? {
        let n = Array(needle.utf8)
        return bytes.indices.first { k in k + n.count <= bytes.count && Array(bytes[k..<(k + n.count)]) == n }
    }

    static func load(_ bytes: [UInt8], consuming: Bool) -> LoadedFile {
        var tape: JSONTape?, deals: DecodedDeals?
        return bytes.withUnsafeBufferPointer {
            EngagementLoader.load(bytes: $0, file: "deals.json", keepingTape: &tape, reusing: nil, decodedDeals: &deals,
                                  remembering: false, consumingTape: consuming)
        }
    }

    static func expectSameLoad(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let kept = load(bytes, consuming: false), read = load(bytes, consuming: true)
        #expect(read.problems.map(\.description) == kept.problems.map(\.description), sourceLocation: sourceLocation)
        #expect(read.unlisted == kept.unlisted, sourceLocation: sourceLocation)
        #expect(read.engagement.map(EngagementWriter.write) == kept.engagement.map(EngagementWriter.write), sourceLocation: sourceLocation)
    }

    @Test func eachQuirkLoadsAsFromAWholeTape() {
        for (_, quirk) in Self.quirks {
            let bytes = Self.file([Self.plain, quirk, Self.variant("D-2", "Pied", "Pied")])
            Self.expectSameLoad(bytes)
        }
    }

    @Test func theReaderTakesPlainDealsAndSendsQuirksToATape() throws {
        let deals = Self.plainShapes + Self.quirks.map(\.1)
        let bytes = Self.file(deals)
        let open = try #require(Self.offset(of: #""deals": ["#, in: bytes)) + 9
        try bytes.withUnsafeBufferPointer { text in
            let read = try #require(DirectDeals.read(text, at: open))
            #expect(read.count == deals.count)
            #expect(read.parts.count == 1)
            let part = read.parts[0]
            // Quirks that only the stages, reps or accounts reveal are read directly, then checked.
            let checkedLater: Set = ["unknown stage", "unknown owner", "unknown account", "open without close", "open with null close", "duplicate id"]
            let taped = part.taped.map { Self.quirks[$0.element - Self.plainShapes.count].0 }
            #expect(Set(Self.quirks.map(\.0)).subtracting(checkedLater).subtracting(taped).sorted() == [])
            #expect(Set(taped).intersection(checkedLater).sorted() == [])
            #expect(part.facts.count == Self.plainShapes.count + checkedLater.count)
        }
        Self.expectSameLoad(bytes)
    }

    @Test func plainShapesLoadWithoutProblems() {
        let bytes = Self.file(Self.plainShapes)
        let read = Self.load(bytes, consuming: true)
        #expect(read.problems.map(\.description) == [])
        #expect(read.engagement?.deals.map(\.id) == ["D-1"] + (1...7).map { "P-\($0)" })
        #expect(read.engagement?.deals[1].name == "Société Générale ✓ Retail: Annual subscription")
        #expect(read.engagement?.deals[3].closeDateChanges.count == 1)
        #expect(read.engagement?.deals[6].amount == 32_500)
        Self.expectSameLoad(bytes)
    }

    /// Text that is not JSON in the deals: the error a whole scan gives, at its place.
    @Test func syntaxErrorsAreThoseOfAWholeScan() {
        let broken = [
            Self.variant("S-1", "Pied Piper", "Pied\u{1}Piper"),
            Self.variant("S-2", #""segment": "smb""#, #""segment": "smb",,"#),
            Self.variant("S-3", "30000", "030000"),
            Self.variant("S-4", "30000", "3."),
            Self.plain + ",",
        ]
        for deal in broken {
            let bytes = Self.file([Self.plain, deal])
            let kept = Self.load(bytes, consuming: false)
            #expect(kept.engagement == nil && kept.problems.count == 1)
            Self.expectSameLoad(bytes)
        }
        var invalidUTF8 = Self.file([Self.plain, Self.variant("S-5", "Pied", "P\u{E9}ed")])
        let at = invalidUTF8.firstIndex(of: 0xC3)!
        invalidUTF8[at] = 0xFF
        Self.expectSameLoad(invalidUTF8)
    }

    /// A large array is read on two threads, its problems gathered per half: quirks on both sides
    /// of every boundary, and more problems than a list holds.
    @Test func aLargeArrayLoadsAsFromAWholeTape() {
        var deals = (0..<30_000).map { Self.variant("B-\($0)", "Pied", "Pied") }
        for (k, quirk) in Self.quirks.enumerated() {
            deals[14_990 + k] = quirk.1
            deals[29_960 + k] = quirk.1.replacingOccurrences(of: #""Q-"#, with: #""R-"#)
            deals[k * 700] = quirk.1.replacingOccurrences(of: #""Q-"#, with: #""T-"#)
        }
        let large = Self.file(deals)
        let open = Self.offset(of: #""deals": ["#, in: large)! + 9
        // Read on two threads, the second part confirmed.
        #expect(large.withUnsafeBufferPointer { DirectDeals.read($0, at: open)?.parts.count } == 2)
        Self.expectSameLoad(large)
        // Over 10,000 problems: the list is full, the rest counted, the same way.
        // Every other deal names an unknown rep; the first 2,000 ids come again at the end.
        let many = (0..<24_000).map { Self.variant("M-\($0)", "rep-1", $0 % 2 == 0 ? "nobody" : "rep-1") }
        let bytes = Self.file(many + many.prefix(2_000))
        let kept = Self.load(bytes, consuming: false)
        #expect(kept.unlisted.errors + kept.unlisted.warnings > 0)
        Self.expectSameLoad(bytes)
    }

    @Test func twoDealsKeysAtTheRootLoadTheLast() {
        let one = String(decoding: Self.file([Self.plain]), as: UTF8.self)
        let twice = one.replacingOccurrences(of: #""deals": ["#, with: #""deals": [], "deals": ["#)
        Self.expectSameLoad(Array(twice.utf8))
        let emptyLast = one.replacingOccurrences(of: #""deals": ["#, with: #""deals": [1], "deals": [], "unused": ["#)
        Self.expectSameLoad(Array(emptyLast.utf8))
    }

    /// One byte of the deals changed, hundreds of ways: each file loads as from a whole tape.
    @Test func mutantsLoadAsFromAWholeTape() {
        let bytes = Self.file(Self.plainShapes + Self.quirks.prefix(6).map(\.1))
        let first = Self.offset(of: #""deals": ["#, in: bytes)!, last = bytes.lastIndex(of: UInt8(ascii: "]"))!
        let replacements = Array(#"{}[],:"\ 0-9.eanulltrue"#.utf8) + [0x01, 0x0A, 0xC3, 0xFF]
        var random = SeededRandom(seed: 15)
        for _ in 0..<400 {
            var mutant = bytes
            let at = first + Int(random.next() % UInt64(last - first))
            mutant[at] = replacements[Int(random.next() % UInt64(replacements.count))]
            Self.expectSameLoad(mutant)
        }
    }
}
