import ArgumentParser
import CockpitUI
import Foundation
import MetricsCore
import NCursesTerminal
import RedlineThemes

/// `redline` (the default): the full-screen cockpit.
struct Cockpit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the cockpit: portfolio, weekly dashboards, funnel, stalled deals, KPI autopsy.",
        discussion: """
        Keys: Enter opens, Esc goes back, [ and ] move a week, x lists stalled deals, ? shows every key, q quits. \
        The mouse: a click selects, a double click opens, the wheel scrolls (Shift+drag selects text in most \
        terminals; --no-mouse or mouse = false in the config leaves the mouse to the terminal). \
        Needs a terminal of at least 80×24. When standard output is not a terminal, prints the text report instead.
        """
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Colour theme: dark, light, high-contrast, colorblind, monochrome, or one of yours. Default: the config's theme, else dark.", valueName: "name"))
    var theme: String?

    @Flag(help: "Draw without colour (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "ASCII glyphs instead of Unicode (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own text selection): no clicks or wheel in the cockpit (also mouse = false in the config).")
    var noMouse = false

    @Flag(name: .customLong("read-only"), help: "Never write the files (also automatic for files you cannot write).")
    var readOnly = false

    func run() throws {
        if let mistyped = Self.mistypedSubcommand(data.paths) { throw mistyped }
        let asOf = data.reviewDate()
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            let portfolio = try data.portfolio(anchor: asOf)
            Output.warning("standard output is not a terminal: printing the report (redline report) instead of the cockpit")
            let glyphs = ascii || !Environment.localeIsUTF8 ? Glyphs.ascii : Glyphs.unicode
            Output.print(ReportText.render(portfolio, reviews: portfolio.reviews(asOf: asOf), asOf: asOf, glyphs: glyphs))
            if portfolio.hasRejectedFile { throw ExitCode(1) }
            return
        }
        // Unknown files and folders are refused before the terminal is taken over.
        // A warning (a folder without engagement files beside others) goes to the status line:
        // standard error is under the screen.
        var warnings: [String] = []
        let files = try data.resolvedFiles { warnings.append($0) }
        let themes = ThemeCatalog.load()
        for problem in themes.problems { Output.warning(problem) }
        var ordered = themes.themes
        // --theme, else the config's theme (checked when the config was read), else the first.
        if let name = try Self.themeName(flag: theme) {
            let i = ordered.firstIndex { $0.name == name }!
            ordered.insert(ordered.remove(at: i), at: 0)
        }
        let env = ProcessInfo.processInfo.environment
        let colour = !noColor && (env["NO_COLOR"] ?? "").isEmpty
        let glyphs = ascii || !Environment.localeIsUTF8 ? UIGlyphs.ascii : UIGlyphs.unicode
        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(useColor: colour, mouse: Self.mouse(flag: noMouse, config: UserConfig.shared))
        } catch {
            throw UsageError(error.description)
        }
        defer { terminal.close() }
        // The first frame comes at once; a large portfolio loads behind a progress screen.
        WorkProgress.shared.reset()
        let themesInOrder = ordered
        var typedAhead: [Message] = []
        // Kept for the forms' saves: a save finds the file it showed without loading it again.
        let keepingForSaves = !readOnly
        let loaded = CockpitRuntime.whileLoading(terminal: terminal, glyphs: glyphs, theme: ordered[0], typedAhead: &typedAhead) { () -> AppState in
            let portfolio = files.map { Portfolio.load($0, keepingForSaves: keepingForSaves) } ?? DemoPortfolio.portfolio(anchor: asOf)
            // Whether each file may be saved is asked now, so the cockpit's update never asks the disk.
            let files = portfolio.files.map { file in
                var file = file
                if !file.isBundledDemo { file.whyNotWritable = EngagementFile.whyNotWritable(file.file) }
                return file
            }
            return AppState(entries: files.map(PortfolioEntry.init), anchor: asOf, themes: themesInOrder)
        }
        guard var state = loaded else { return }
        state.readOnly = readOnly
        state.coloursOff = !colour
        // Its error went to standard error, which the screen now covers: say it where it is seen.
        if files == nil, let problem = UserConfig.shared.portfolioProblem {
            // The portfolio the config names cannot be read: the demo, said loudly.
            state.showDemo(insteadOfPortfolio: problem)
        } else if UserConfig.shared.error != nil {
            let shown = files == nil ? "the bundled demo is shown" : "defaults apply"
            state.status = "Your config has an error and is not used (redline config says where); \(shown)." + (state.status.map { " " + $0 } ?? "")
        }
        for warning in warnings.reversed() {
            let text = warning.hasPrefix("warning: ") ? String(warning.dropFirst(9)) : warning
            let sentence = text.prefix(1).uppercased() + String(text.dropFirst()) + "."
            state.status = sentence + (state.status.map { " " + $0 } ?? "")
        }
        CockpitRuntime.run(&state, terminal: terminal, glyphs: glyphs, typedAhead: typedAhead)
    }
}

extension Cockpit {
    /// Whether the cockpit asks the terminal for clicks and the wheel: not with `--no-mouse`,
    /// else the config's `mouse` (on by default; a config with an error is not used).
    static func mouse(flag noMouse: Bool, config: UserConfig) -> Bool {
        !noMouse && (config.error != nil || config.mouse.value)
    }

    /// The theme asked for: `--theme` (refused when there is no such theme), else the config's.
    static func themeName(flag: String?) throws -> String? {
        guard let name = flag else { return UserConfig.shared.theme.value }
        let names = ThemeCatalog.load().themes.map(\.name)
        guard names.contains(name) else { throw UsageError("no theme named \"\(name)\"; themes: \(names.joined(separator: ", "))") }
        return name
    }
}

/// The bundled themes plus the user's own from `$XDG_CONFIG_HOME/redline/themes/*.json`.
enum ThemeCatalog {
    static func load() -> (themes: [Theme], problems: [String]) {
        var themes: [Theme] = [], problems: [String] = []
        for file in BundledThemes.files {
            do { themes.append(try Theme.parse(file.bytes, source: "built-in theme \(file.name)")) } catch { problems.append(error.description) }
        }
        let folder = UserConfig.configFolder(environment: ProcessInfo.processInfo.environment).0 + "/redline/themes"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { problems.append("\(path): cannot be read"); continue }
            do {
                let theme = try Theme.parse(Array(data), source: path)
                themes.removeAll { $0.name == theme.name }
                themes.append(theme)
            } catch {
                problems.append("\(error.description); the theme is skipped")
            }
        }
        if themes.isEmpty { themes = [.plain] }
        return (themes, problems)
    }
}
