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
}
