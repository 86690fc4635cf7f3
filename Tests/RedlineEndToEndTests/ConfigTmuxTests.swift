import Foundation
import Testing

/// `redline` with no path in a terminal opens the configured portfolio in the configured theme;
/// `--theme` wins over the config.
@Suite(.serialized, OutsideTool.tmux) struct ConfigTmuxTests {
    @Test func theCockpitOpensTheConfiguredPortfolioInItsTheme() throws {
        let h = try ConfigCLITests.Home()
        try h.write("portfolio = \"~/clients\"\ntheme = \"light\"\n")
        let env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "XDG_CONFIG_HOME": h.xdg, "HOME": h.home]
        let t = try TmuxSession(width: 100, height: 30, environment: env)
        try t.run("\(CommandRunner.binary.path) --as-of 2026-11-23; echo EXIT=$?")
        // Three clients, Cortexa AI (red) first: TalentLoop and Northwind are not in the folder.
        try t.waitFor("Monday review done for 1 of 3", "▶ Cortexa AI", "  Ledgerly", "  BrightSignal")
        let screen = try t.screen()
        #expect(!screen.contains("TalentLoop") && !screen.contains("Northwind"), "\(screen)")
        Thread.sleep(forTimeInterval: 0.2)
        let light = try t.screen(escapes: true)
        // Light's red is colour 160, dark's 203 (Themes/*.json).
        #expect(light.contains("\u{1B}[38;5;160m") && !light.contains("\u{1B}[38;5;203m"), "not the light theme:\n\(light)")
        try t.keys("q")
        try t.waitFor("EXIT=0")

        try t.run("clear; \(CommandRunner.binary.path) --as-of 2026-11-23 --theme dark; echo EXIT=$?")
        try t.waitFor("▶ Cortexa AI", "BrightSignal")
        Thread.sleep(forTimeInterval: 0.2)
        let dark = try t.screen(escapes: true)
        #expect(dark.contains("\u{1B}[38;5;203m") && !dark.contains("\u{1B}[38;5;160m"), "--theme did not win:\n\(dark)")
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }

    /// A config with an error: its line went to standard error under the screen, so the cockpit
    /// says on screen that it is not used and that the demo is what is shown.
    @Test func aBadConfigIsSaidOnScreen() throws {
        let h = try ConfigCLITests.Home()
        try h.write("theme = 3\n")
        let env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "XDG_CONFIG_HOME": h.xdg, "HOME": h.home]
        let t = try TmuxSession(width: 120, height: 30, environment: env)
        try t.run("\(CommandRunner.binary.path) --as-of 2026-11-23; echo EXIT=$?")
        try t.waitFor("Your config has an error and is not used (redline config says where); the bundled demo is shown.", "TalentLoop")
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }

    /// The portfolio the config names cannot be read (a folder not there): the demo,
    /// said first in the status line and in the header while it runs.
    @Test func theDemoInPlaceOfAConfiguredPortfolioIsSaidOnScreen() throws {
        let h = try ConfigCLITests.Home()
        try h.write("portfolio = \"~/nowhere\"\n")
        let env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "XDG_CONFIG_HOME": h.xdg, "HOME": h.home]
        let t = try TmuxSession(width: 120, height: 30, environment: env)
        try t.run("\(CommandRunner.binary.path) --as-of 2026-11-23; echo EXIT=$?")
        try t.waitFor("These are the bundled demo's fictional clients, not yours: your config's portfolio cannot be read", "DEMO, not your portfolio", "TalentLoop")
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }
}
