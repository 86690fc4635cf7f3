import Testing
@testable import CockpitUI
import MetricsCore
import RedlineThemes

@Suite struct ThemeTests {
    @Test func everyBundledThemeParsesAndCoversEveryRole() throws {
        let themes = try BundledThemes.files.map { try Theme.parse($0.bytes, source: $0.name) }
        #expect(themes.map(\.name) == ["dark", "light", "high-contrast", "colorblind", "monochrome"])
        for theme in themes { #expect(Set(theme.roles.keys) == Set(ColorRole.allCases), "\(theme.name)") }
        // Colour-blind safe: good and bad are blue and orange, not green and red.
        let cb = themes[3]
        #expect(cb.style(.good).fg == .index(32) && cb.style(.bad).fg == .index(208))
        #expect(themes[4].roles.values.allSatisfy { $0.fg == .terminalDefault && $0.bg == .terminalDefault })
    }

    @Test func badThemeFilesSayWhatIsWrong() {
        func message(_ text: String) -> String? {
            do { _ = try Theme.parse(Array(text.utf8), source: "mine.json"); return nil } catch { return error.description }
        }
        #expect(message("{") == "mine.json: not a JSON object")
        #expect(message(#"{"roles": {}}"#) == "mine.json: missing \"name\"")
        #expect(message(#"{"name": "m", "roles": {"danger": {}}}"#)?.hasPrefix("mine.json: unknown role \"danger\" (roles: normal, muted") == true)
        #expect(message(#"{"name": "m", "roles": {"bad": {"fg": "crimson"}}}"#) == "mine.json: roles.bad.fg: crimson is not a colour (\"default\", a name like \"red\" or \"bright_blue\", or 0-255)")
        #expect(message(#"{"name": "m", "roles": {"bad": {"blink": true}}}"#) == "mine.json: roles.bad: unknown field \"blink\" (fg, bg, fg8, bg8, bold, underline, reverse)")
    }

    @Test func colourFallbackTo16And8() {
        #expect(TermColor.index(203).reduced(to: 8) == .index(1))     // salmon → red
        #expect(TermColor.index(46).reduced(to: 8) == .index(2))      // pure green
        #expect(TermColor.index(231).reduced(to: 16) == .index(15))   // white → bright white
        #expect(TermColor.index(12).reduced(to: 8) == .index(4))      // bright blue → blue
        #expect(TermColor.index(3).reduced(to: 8) == .index(3))
    }
}

/// The Elm loop against the in-memory terminal: a whole session, start to quit.
@Suite struct RuntimeTests {
    @Test func weekStepsRunInTheBackgroundAndKeysKeepWorking() {
        var state = Cockpit.state()
        // The week step is requested, then keys move the selection before its result is applied.
        let effects = state.update(.key(.char("[")))
        #expect(effects == [.compute(.reviews(Day("2026-11-16")!))])
        #expect(state.pendingDate == Day("2026-11-16")!)
        #expect(CockpitView.render(state, glyphs: .unicode).trimmedLines[0].hasSuffix("computing 2026-W47…  2026-W48 · Mon 2026-11-23"))
        _ = state.update(.key(.down))
        #expect(state.top.selection == 1 && state.date == Cockpit.asOf)
        // A second step before the first is done: only the newest result is applied.
        #expect(state.update(.key(.char("["))) == [.compute(.reviews(Day("2026-11-09")!))])
        _ = state.update(.computed(AppState.compute(.reviews(Day("2026-11-16")!), entries: state.entries)))
        #expect(state.date == Cockpit.asOf && state.pendingDate == Day("2026-11-09")!)
        _ = state.update(.computed(AppState.compute(.reviews(Day("2026-11-09")!), entries: state.entries)))
        #expect(state.date == Day("2026-11-09")! && state.pendingDate == nil)
        #expect(state.top.selection == 1)
    }

    @Test func theBackgroundRuntimeAppliesResults() {
        var state = Cockpit.state()
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24), inputs: [.message(.key(.char("[")))])
        CockpitRuntime.run(&state, terminal: terminal, glyphs: .unicode)
        // The scripted input ends with a hang-up; the result may or may not have arrived by then,
        // but the request was made and nothing was applied out of order.
        #expect(state.date == Cockpit.asOf || state.date == Day("2026-11-16")!)
        #expect(terminal.frames.count >= 2)
    }

    @Test func aStoryBeforeTheDealExisted() {
        var s = Cockpit.state()
        _ = Cockpit.press([.enter, .char("x"), .enter], on: &s)
        _ = Cockpit.press(Array(repeating: .char("["), count: 20), on: &s)
        let lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[2].hasPrefix(" Not in the pipeline yet on 2026-07-06: created 2026-10-29."))
    }

    @Test func aSessionDrawsEachStepAndStopsOnQuit() {
        var state = Cockpit.state()
        let terminal = InMemoryTerminal(size: Size(width: 100, height: 30), inputs: [
            .message(.key(.enter)), .message(.resize(Size(width: 70, height: 20))), .message(.resize(Size(width: 90, height: 26))),
            .message(.key(.char("q"))),
        ])
        CockpitRuntime.run(&state, terminal: terminal, glyphs: .ascii, inline: true)
        #expect(terminal.isDrained)
        #expect(terminal.frames.count == 4)
        #expect(terminal.frames[0].size == Size(width: 100, height: 30))
        #expect(Array(terminal.frames[2].trimmedLines[9...11]) == [
            "                    Redline needs at least 80x24.", "                  Enlarge the terminal (now 70x20).", "                               q quits.",
        ])
        #expect(terminal.frames[3].size == Size(width: 90, height: 26))
        #expect(terminal.frames[3].trimmedLines[0].hasPrefix(" Redline | Portfolio > TalentLoop"))
    }

    /// `c` changes the colours drawn, not only the theme's name: the frame after it is drawn in
    /// the next theme, and that theme sends other colours for the same roles.
    @Test func theNextThemeIsWhatTheTerminalDraws() throws {
        let themes = try BundledThemes.files.map { try Theme.parse($0.bytes, source: $0.name) }
        var state = AppState(entries: Cockpit.state().entries, anchor: Cockpit.asOf, themes: themes, size: Size(width: 80, height: 24))
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24), inputs: [.message(.key(.char("c"))), .message(.key(.char("q")))])
        CockpitRuntime.run(&state, terminal: terminal, glyphs: .unicode, inline: true)
        #expect(terminal.themes.map(\.name) == ["dark", "light"])
        let before = Palette(theme: terminal.themes[0], colors: 256), after = Palette(theme: terminal.themes[1], colors: 256)
        #expect(before.resolve(Style(.bad, bold: true)) == DrawnStyle(bold: true, fg: 203))
        #expect(after.resolve(Style(.bad, bold: true)) == DrawnStyle(bold: true, fg: 160))
        #expect(before.resolve(.selected).bg != after.resolve(.selected).bg)
        // Without colour only attributes: the selection is reverse video.
        #expect(Palette(theme: themes[0], colors: 0).resolve(.selected) == DrawnStyle(reverse: true))
        #expect(Palette(theme: themes[0], colors: 8).resolve(Style(.bad)) == DrawnStyle(bold: true, fg: 1))
    }

    @Test func hangUpEndsTheLoop() {
        var state = Cockpit.state()
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24), inputs: [.message(.key(.down)), .hangUp, .message(.key(.enter))])
        CockpitRuntime.run(&state, terminal: terminal, glyphs: .unicode, inline: true)
        #expect(terminal.frames.count == 2)
        #expect(!terminal.isDrained)
    }
}
