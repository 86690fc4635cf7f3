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

/// Bidi controls, C1 string commands, and what the CLI's output sink keeps.
@Suite struct TerminalSafetyTests {
    @Test(arguments: [
        ("evil\u{202E}txt.exe", "eviltxt.exe"),
        ("a\u{2066}b\u{2069}c\u{200F}d\u{061C}e", "abcde"),
        ("c1 osc\u{9D}0;title\u{9C}after", "c1 oscafter"),
        ("dcs\u{1B}Pq#0\u{1B}\\rest", "dcsrest"),
    ])
    func stripsBidiAndStringCommands(input: String, expected: String) {
        #expect(sanitizedForDisplay(input) == expected)
    }

    @Test func theOutputSinkKeepsLayoutOnly() {
        #expect(sanitizedForTerminal("a\tb\nc\u{1B}]0;t\u{07}\r\n\u{202E}d") == "a\tb\nc\nd")
    }

    @Test(arguments: [
        ("Acme Corp", "Acme Corp"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("[click](http://evil.example)", "\\[click\\](http:\\/\\/evil.example)"),
        ("![x](y)", "!\\[x\\](y)"),
        ("*bold* _it_ `code` a|b ~s~ R&D", "\\*bold\\* \\_it\\_ \\`code\\` a\\|b \\~s\\~ R&amp;D"),
        ("visit www.evil.example or ann@evil.example", "visit www\\.evil.example or ann\\@evil.example"),
        ("back\\slash", "back\\\\slash"),
        ("win_rate and _lead_ and snake_", "win_rate and \\_lead\\_ and snake\\_"),
    ])
    func markdownTextCannotBecomeMarkup(input: String, expected: String) {
        #expect(markdownText(input) == expected)
    }
}
