import Testing
@testable import MetricsCore

/// Problems summarized by kind: one template per message, counted, with the first few.
@Suite struct ProblemGroupTests {
    static func problem(_ message: String, _ severity: Problem.Severity = .warning, line: Int = 1, path: String = "deals[0]") -> Problem {
        Problem(file: "f.json", line: line, column: 5, path: path, severity: severity, message: message)
    }

    @Test func valuesAreMaskedAndTheWordingKept() {
        let kinds = [
            #"no account has the id "acme""#,
            "expected a number ≥ 0, found the number -1e+300",
            "the number 1e25 is beyond the ±1e15 that Redline handles",
            "the first stage entry (2026-01-01) is before the deal was created (2026-01-05)",
            #"duplicate id "D-1" (also deals[12])"#,
            "expected a number from 0 to 1, found the number 45",
            #"unknown stage "a \"quoted\" id"; the stages are open, won, lost"#,
            "expected an object, found an array",
        ].map { Self.problem($0).kind }
        #expect(kinds == [
            #"no account has the id "…""#,
            "expected a number ≥ 0, found the number …",
            "the number … is beyond the ±1e15 that Redline handles",
            "the first stage entry (…) is before the deal was created (…)",
            #"duplicate id "…" (also deals[…])"#,
            "expected a number from 0 to 1, found the number …",
            #"unknown stage "…"; the stages are open, won, lost"#,
            "expected an object, found an array",
        ])
    }

    @Test func groupsCountEveryProblemAndKeepTheFirstThree() {
        let problems = (0..<5).map { Self.problem(#"no rep has the id "r\#($0)""#, line: $0 + 1) }
            + [Self.problem("an open deal without expected_close is left out of coverage and slipped checks", path: "deals[3]")]
            + [Self.problem(#"no rep has the id "zz""#, .error)]
            + (5..<7).map { Self.problem(#"no rep has the id "r\#($0)""#, line: $0 + 1) }
        let groups = groupProblems(problems)
        #expect(groups.map(\.kind) == [#"no rep has the id "…""#, "an open deal without expected_close is left out of coverage and slipped checks", #"no rep has the id "…""#])
        #expect(groups.map(\.severity) == [.warning, .warning, .error])
        #expect(groups.map(\.count) == [7, 1, 1])
        #expect(groups[0].examples.map(\.line) == [1, 2, 3])
        #expect(groups[0].examples.map(\.message) == [#"no rep has the id "r0""#, #"no rep has the id "r1""#, #"no rep has the id "r2""#])
        #expect(groupProblems(problems, examples: 1).map(\.examples.count) == [1, 1, 1])
        #expect(groupProblems([Problem]()).isEmpty)
    }

    @Test func theMaskedValuesAreThoseOfTheMessage() {
        #expect(messageValues(#"missing required key "format""#) == [#""format""#])
        #expect(messageValues(#"duplicate id "D-1" (also deals[12])"#) == [#""D-1""#, "12"])
        #expect(messageValues("the first stage entry (2026-01-01) is before the deal was created (2026-01-05)") == ["2026-01-01", "2026-01-05"])
        #expect(messageValues(#"unknown stage "a \"q\""; the stages are open"#) == [#""a \"q\"""#])
        #expect(messageValues("expected an object, found an array").isEmpty)
    }

    /// The report's grouped line names what differs: the values of a one-value kind, listed where
    /// the kind masks them; each place once (the try-out's `{"format": …}` said
    /// `missing required key "…" (line 1, line 1, line 1, …)`).
    @Test func aGroupedLineListsTheValuesAndEachPlaceOnce() {
        let keys = ["client", "stages", "deals"].map { Self.problem(#"missing required key "\#($0)""#, .error, path: "") }
        #expect(OnePage.groupedProblems(keys, escape: { $0 }) == [#"3 × error: missing required key: "client", "stages", "deals" (line 1)"#])
        // More than five: the first ones read, and `…` for the rest (values and places).
        let reps = (0..<7).map { Self.problem(#"no rep has the id "r\#($0)""#, line: $0 + 1) }
        #expect(OnePage.groupedProblems(reps, escape: { $0 }) == [#"7 × warning: no rep has the id: "r0", "r1", "r2", "r3", "r4", … (line 1, line 2, line 3, …)"#])
        // Every problem says the same: the message itself.
        let same = (0..<4).map { Self.problem(#"no rep has the id "r0""#, line: $0 + 1) }
        #expect(OnePage.groupedProblems(same, escape: { $0 }) == [#"4 × warning: no rep has the id "r0" (line 1, line 2, line 3, …)"#])
        // The value inside the message: listed in place.
        let stages = ["a", "b"].map { Self.problem(#"unknown stage "\#($0)"; the stages are open, won, lost"#, .error) }
        #expect(OnePage.groupedProblems(stages, escape: { $0 }) == [#"2 × error: unknown stage "a", "b"; the stages are open, won, lost (line 1)"#])
        // Two values a message: the kind, as before.
        let duplicates = [1, 2].map { Self.problem(#"duplicate id "D-\#($0)" (also deals[\#($0)])"#, .error, line: $0) }
        #expect(OnePage.groupedProblems(duplicates, escape: { $0 }) == [#"2 × error: duplicate id "…" (also deals[…]) (line 1, line 2)"#])
        // Long values are cut, not the line made a paragraph.
        let long = (0..<5).map { Self.problem("no rep has the id \"" + String(repeating: "x", count: 50) + "\($0)\"") }
        let line = OnePage.groupedProblems(long, escape: { $0 })[0]
        #expect(line.hasSuffix(#"x1", … (line 1)"#) && line.count < 200, "\(line)")
        // One of its kind: the whole line, as before.
        #expect(OnePage.groupedProblems([keys[0]], escape: { $0 }) == [#"f.json:1:5: error: missing required key "client""#])
    }
}
