import Testing
@testable import MetricsCore

/// Deal keys, stage entries and the ids deals refer to are looked up by their bytes in a
/// `KeyTable` (issue 15); the lookups and the repeat warnings must be those of the plain way.
@Suite struct KeyTableTests {
    @Test func findsEveryKeyAndOnlyThem() {
        let ids = (0..<5_000).map { "A-\($0)" } + ["", "é", "a\u{0}b", "founder_in_final_meeting"]
        let table = KeyTable(ids)
        defer { table.deallocate() }
        for (k, id) in ids.enumerated() {
            #expect(Array(id.utf8).withUnsafeBufferPointer { table.number(of: $0) } == k, "\(id)")
        }
        for missing in ["A-5000", "A-", "a", "A-00", "founder_in_final_meetin", "founder_in_final_meeting_"] {
            #expect(Array(missing.utf8).withUnsafeBufferPointer { table.number(of: $0) } == -1, "\(missing)")
        }
    }

    @Test func aNameGivenTwiceFindsItsLastPlaceAsADictionaryDoes() {
        let names = ["lead", "won", "lead", "lost", "won"]
        let table = KeyTable(names)
        defer { table.deallocate() }
        var dictionary: [String: Int] = [:]
        for (k, name) in names.enumerated() { dictionary[name] = k }
        for name in Set(names) {
            #expect(Array(name.utf8).withUnsafeBufferPointer { table.number(of: $0) } == dictionary[name])
        }
    }

    /// Reads every member of the root object both ways and returns what each saw and reported.
    static func members(_ json: String, table: KeyTable) -> (plain: [String], tabled: [String], plainProblems: [String], tabledProblems: [String]) {
        let bytes = Array(json.utf8)
        return bytes.withUnsafeBufferPointer { b in
            let tape = try! JSONTape(scanning: b)
            var plain = TapeReader(bytes: b, base: 0, tape: tape), tabled = plain
            var seenPlain: [String] = [], seenTabled: [String] = []
            plain.forEachMember(0) { r, key, v in seenPlain.append("\(r.string(at: key.node))=\(r.rawText(v))") }
            tabled.forEachMember(0, in: table) { r, number, key, v in
                let name = r.string(at: key.node)
                #expect(number == (Array(name.utf8).withUnsafeBufferPointer { table.number(of: $0) }))
                seenTabled.append("\(name)=\(r.rawText(v))")
            }
            func listed(_ r: TapeReader) -> [String] { r.problems.map { "\($0.offset ?? -1) \($0.path) \($0.message)" } }
            return (seenPlain, seenTabled, listed(plain), listed(tabled))
        }
    }

    @Test func membersAndRepeatWarningsAreThoseOfThePlainWay() {
        let table = KeyTable(["id", "name", "amount", "stage"])
        defer { table.deallocate() }
        for json in [#"{"id": 1, "name": 2, "amount": 3}"#,
                     #"{"id": 1, "name": 2, "id": 3}"#,                       // a key given twice: the last read
                     #"{"id": 1, "other": 2, "other": 3, "name": 4}"#,       // an unknown key given twice
                     #"{"i\u0064": 1, "id": 2}"#,                            // the same key, one escaped
                     #"{"stage": "a", "\u0073tage": "b", "stage": "c"}"#,
                     #"{"x": 1}"#, #"{}"#, #"{"": 1, "": 2}"#] {
            let seen = Self.members(json, table: table)
            #expect(seen.tabled == seen.plain, "\(json)")
            #expect(seen.tabledProblems == seen.plainProblems, "\(json)")
        }
    }
}
