import Testing
@testable import MetricsCore

/// Edits that leave every byte they do not touch as it was (the base of saving reviews and of
/// imports into existing files).
@Suite struct JSONEditTests {
    func edit(_ text: String, _ edits: [JSONEdit]) throws -> String {
        let doc = try JSONDocument(bytes: Array(text.utf8))
        return String(decoding: try doc.applying(edits), as: UTF8.self)
    }

    @Test func replaceKeepsEverythingElse() throws {
        let text = "{\n\t\"a\" : 1,\t\"b\": [1,2],\n\t\"x_unknown\": {\"keep\": \"\\u00e9\"}\n}"
        #expect(try edit(text, [.replace(["a"], json: "42")]) == "{\n\t\"a\" : 42,\t\"b\": [1,2],\n\t\"x_unknown\": {\"keep\": \"\\u00e9\"}\n}")
        #expect(try edit(text, [.replace(["b", 1], json: "\"two\"")]) == "{\n\t\"a\" : 1,\t\"b\": [1,\"two\"],\n\t\"x_unknown\": {\"keep\": \"\\u00e9\"}\n}")
    }

    @Test func appendFollowsTheFileLayout() throws {
        let pretty = "{\n  \"h\": [\n    {\"stage\": \"a\", \"on\": \"2026-01-01\"}\n  ],\n  \"e\": []\n}\n"
        #expect(try edit(pretty, [.append(["h"], json: #"{"stage": "b", "on": "2026-02-01"}"#)])
                == "{\n  \"h\": [\n    {\"stage\": \"a\", \"on\": \"2026-01-01\"},\n    {\"stage\": \"b\", \"on\": \"2026-02-01\"}\n  ],\n  \"e\": []\n}\n")
        #expect(try edit(pretty, [.append(["e"], json: "1"), .append(["e"], json: "2")]) == "{\n  \"h\": [\n    {\"stage\": \"a\", \"on\": \"2026-01-01\"}\n  ],\n  \"e\": [\n    1,\n    2\n  ]\n}\n")
        // Inline arrays stay inline.
        #expect(try edit(#"{"k": [1, 2]}"#, [.append(["k"], json: "3")]) == #"{"k": [1, 2, 3]}"#)
        #expect(try edit(#"{"k":[1,2]}"#, [.append(["k"], json: "3")]) == #"{"k":[1,2,3]}"#)
    }

    @Test func anObjectAfterAMultiLineObjectIsLaidOutLikeIt() throws {
        let text = "{\n\t\"actions\": [\n\t\t{\n\t\t\t\"week\": \"2026-W47\",\n\t\t\t\"text\": \"a\"\n\t\t}\n\t],\n\t\"h\": [\n\t\t{\"on\": 1}\n\t]\n}\n"
        let out = try edit(text, [.append(["actions"], json: #"{"week": "2026-W48", "kpis": ["x", "y"], "text": "b, \"c\""}"#), .append(["h"], json: #"{"on": 2}"#)])
        #expect(out == "{\n\t\"actions\": [\n\t\t{\n\t\t\t\"week\": \"2026-W47\",\n\t\t\t\"text\": \"a\"\n\t\t},\n\t\t{\n\t\t\t\"week\": \"2026-W48\",\n\t\t\t\"kpis\": [\"x\", \"y\"],\n\t\t\t\"text\": \"b, \\\"c\\\"\"\n\t\t}\n\t],\n\t\"h\": [\n\t\t{\"on\": 1},\n\t\t{\"on\": 2}\n\t]\n}\n")
    }

    @Test func crlfTabsAndNoTrailingNewline() throws {
        let text = "{\r\n\t\"client\": {\r\n\t\t\"id\": \"c\"\r\n\t}\r\n}"
        let out = try edit(text, [.insert(["client"], key: "name", json: "\"C\""), .insert([], key: "note", json: "{\n  \"a\": 1\n}")])
        #expect(out == "{\r\n\t\"client\": {\r\n\t\t\"id\": \"c\",\r\n\t\t\"name\": \"C\"\r\n\t},\r\n\t\"note\": {\r\n\t\t\"a\": 1\r\n\t}\r\n}")
    }

    @Test func minifiedStaysOnOneLine() throws {
        #expect(try edit(#"{"a":{},"b":[]}"#, [.insert(["a"], key: "k", json: "1"), .append(["b"], json: "true")]) == #"{"a":{"k": 1},"b":[true]}"#)
    }

    @Test func errorsNameThePath() throws {
        let doc = try JSONDocument(bytes: Array(#"{"a": {"b": 1}}"#.utf8))
        #expect(throws: JSONEditError(message: "no value at a.c")) { try doc.applying([.replace(["a", "c"], json: "1")]) }
        #expect(throws: JSONEditError(message: "no array at a")) { try doc.applying([.append(["a"], json: "1")]) }
        #expect(throws: JSONEditError(message: "a.b exists already")) { try doc.applying([.insert(["a"], key: "b", json: "1")]) }
    }

    @Test func removeTakesTheMemberAndItsSeparator() throws {
        let pretty = "{\n  \"a\": 1,\n  \"b\": [1, 2],\n  \"c\": 3\n}\n"
        #expect(try edit(pretty, [.remove(["b"])]) == "{\n  \"a\": 1,\n  \"c\": 3\n}\n")
        #expect(try edit(pretty, [.remove(["a"])]) == "{\n  \"b\": [1, 2],\n  \"c\": 3\n}\n")
        #expect(try edit(pretty, [.remove(["c"])]) == "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n")
        #expect(try edit(pretty, [.remove(["b", 0])]) == "{\n  \"a\": 1,\n  \"b\": [2],\n  \"c\": 3\n}\n")
        #expect(try edit(#"{"only": {"k": true}}"#, [.remove(["only", "k"])]) == #"{"only": {}}"#)
        // Removing the last member and adding one in the same pass: the new one takes its place.
        #expect(try edit(pretty, [.remove(["c"]), .insert([], key: "d", json: "4")]) == "{\n  \"a\": 1,\n  \"b\": [1, 2],\n  \"d\": 4\n}\n")
    }

    @Test func pathsCanStartAtANode() throws {
        let text = #"{"deals": [{"id": "a", "h": [1]}, {"id": "b", "h": [1, 2]}]}"#
        let doc = try JSONDocument(bytes: Array(text.utf8))
        let elements = doc.elements(of: try #require(doc.node(at: ["deals"])))
        #expect(elements.count == 2)
        #expect(elements[1] == doc.node(at: ["deals", 1]))
        let out = try doc.applying([.append([.node(elements[1]), "h"], json: "3"), .replace([.node(elements[0]), "id"], json: #""z""#)])
        #expect(String(decoding: out, as: UTF8.self) == #"{"deals": [{"id": "z", "h": [1]}, {"id": "b", "h": [1, 2, 3]}]}"#)
        // Messages name the path a node stands for.
        #expect(throws: JSONEditError(message: "no value at deals[1].x")) { try doc.applying([.replace([.node(elements[1]), "x"], json: "1")]) }
        #expect(throws: JSONEditError(message: "no value at deals[1].x")) { try doc.applying([.remove([.node(elements[1]), "x"])]) }
        #expect(throws: JSONEditError(message: "no value at deals[0]")) { try doc.applying([.remove([.node(elements[0])])]) }
    }

    @Test func overlappingEditsAreRefused() throws {
        let doc = try JSONDocument(bytes: Array(#"{"a": {"b": 1}}"#.utf8))
        #expect(throws: JSONEditError(message: "the edits at a and a.b overlap")) {
            try doc.applying([.replace(["a"], json: "2"), .replace(["a", "b"], json: "3")])
        }
    }

    /// Many edits spread over a large array cost one pass: each one's bytes land where they belong.
    @Test func manyEditsInOnePass() throws {
        let n = 2_000
        let text = "[\n" + (0..<n).map { "  { \"i\": \($0) }" }.joined(separator: ",\n") + "\n]\n"
        let doc = try JSONDocument(bytes: Array(text.utf8))
        let elements = doc.elements(of: 0)
        let edits: [JSONEdit] = stride(from: 0, to: n, by: 2).map { .replace([.node(elements[$0]), "i"], json: "-\($0)") }
            + stride(from: 1, to: n, by: 2).map { .insert([.node(elements[$0])], key: "odd", json: "true") }
        let expected = "[\n" + (0..<n).map { $0 % 2 == 0 ? "  { \"i\": -\($0) }" : "  { \"i\": \($0), \"odd\": true }" }.joined(separator: ",\n") + "\n]\n"
        #expect(String(decoding: try doc.applying(edits), as: UTF8.self) == expected)
    }

    /// On every demo file: an appended stage and a changed amount; all other bytes identical, and it loads.
    @Test func demoFilesKeepTheirUntouchedBytes() throws {
        for file in DemoPortfolio.files(anchor: Day("2026-11-23")!) {
            let doc = try JSONDocument(bytes: file.bytes)
            let amount = try #require(doc.node(at: ["deals", 3, "amount"]))
            let span = doc.span(of: amount)
            let out = try doc.applying([.replace(["deals", 3, "amount"], json: "123456")])
            #expect(Array(out[..<span.lowerBound]) == Array(file.bytes[..<span.lowerBound]))
            #expect(Array(out[(span.lowerBound + 6)...]) == Array(file.bytes[span.upperBound...]))
            let appended = try doc.applying([.append(["deals", 0, "stage_history"], json: #"{"stage": "won", "on": "2026-11-23"}"#)])
            let loaded = appended.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: file.name) }
            #expect(loaded.errors.isEmpty, "\(file.name): \(loaded.errors)")
            #expect(loaded.engagement?.deals[0].stageHistory.last == StageEntry(stage: "won", on: Day("2026-11-23")!))
            // Everything before the insertion point is byte-identical.
            let history = try #require(doc.node(at: ["deals", 0, "stage_history"]))
            let end = doc.span(of: history).upperBound - 1
            let lastEntryEnd = appended.indices.first { appended[$0] != file.bytes[$0] }!
            #expect(lastEntryEnd < end && Array(appended.suffix(file.bytes.count - end)) == Array(file.bytes[end...]))
        }
    }
}
