import Testing
@testable import MetricsCore

/// Untrusted text from data files never reaches a terminal with its control sequences.
@Suite struct SanitizeTests {
    @Test(arguments: [
        ("plain name", "plain name"),
        ("red\u{1B}[31mALERT\u{1B}[0m", "redALERT"),
        ("title\u{1B}]0;pwned\u{07}after", "titleafter"),
        ("osc\u{1B}]8;;http://x\u{1B}\\link", "osclink"),
        ("csi8\u{9B}2Jcleared", "csi8cleared"),
        ("line\nbreak\ttab", "line break tab"),
        ("bell\u{07}del\u{7F}", "belldel"),
        ("wide 名前 é", "wide 名前 é"),
    ])
    func stripsControls(input: String, expected: String) {
        #expect(sanitizedForDisplay(input) == expected)
    }
}
