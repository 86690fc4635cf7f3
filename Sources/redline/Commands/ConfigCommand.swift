import ArgumentParser
import Foundation

/// `redline config`: the resolved settings and where each came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the settings in force and where each came from (default, the config file and line, a flag, the environment).",
        discussion: """
        The config file is $REDLINE_CONFIG, else $XDG_CONFIG_HOME/redline/config.toml, else \
        ~/.config/redline/config.toml. Its keys: portfolio (a folder or a list), theme, rates \
        (currency = value in one common unit), mouse (clicks and the wheel in the cockpit; --no-mouse turns them off for one run). Options given \
        here (paths, --theme) are shown as the cockpit would use them: the command line wins. \
        Exit status 1 when the config has an error (it is then not used); see docs/config.md.
        """
    )

    @Flag(help: "Print only the config file's path (whether or not it exists).")
    var path = false

    @Argument(help: ArgumentHelp("Engagement files or folders, as given to redline: shown as the portfolio.", valueName: "path"),
              completion: .file(extensions: ["json"]))
    var paths: [String] = []

    @Option(help: ArgumentHelp("A theme, as given to redline: shown as the theme.", valueName: "name"))
    var theme: String?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        if path {
            Output.print(UserConfig.location(environment: env).path + "\n")
            return
        }
        let themes = ThemeCatalog.load().themes.map(\.name)
        // Read here rather than through `shared`, so its problems come before the listing.
        let config = UserConfig.load(environment: env, themes: themes)
        config.report()
        var rows: [(String, String, String)] = []
        var note = "from \(config.pathSource.description.replacingOccurrences(of: "env ", with: ""))"
        if !config.exists { note += ", does not exist" } else if config.error != nil { note += ", not used: it has an error" }
        rows.append(("config file", config.path, note))
        if !paths.isEmpty {
            rows.append(("portfolio", paths.joined(separator: ", "), "command line"))
        } else {
            rows.append(("portfolio", config.portfolio.value?.joined(separator: ", ") ?? "the bundled demo", config.portfolio.source.description))
        }
        if let theme {
            guard themes.contains(theme) else { throw UsageError("no theme named \"\(theme)\"; themes: \(themes.joined(separator: ", "))") }
            rows.append(("theme", theme, "--theme"))
        } else {
            rows.append(("theme", config.theme.value ?? themes.first ?? "plain", config.theme.source.description))
        }
        let rates = config.rates.value.sorted { $0.key < $1.key }.map { "\($0.key) = \(Self.number($0.value))" }
        rows.append(("rates", rates.isEmpty ? "none" : rates.joined(separator: ", "), config.rates.source.description))
        rows.append(("mouse", config.mouse.value ? "true" : "false", config.mouse.source.description))
        let keyWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.dropFirst().map(\.1.count).max() ?? 0
        var out = ""
        for (i, row) in rows.enumerated() {
            let key = row.0.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
            // The file's line: its path and why that one; then each setting and its source.
            if i == 0 { out += "\(key)  \(row.1) (\(row.2))\n"; continue }
            out += "\(key)  \(row.1.padding(toLength: max(valueWidth, row.1.count), withPad: " ", startingAt: 0))  \(row.2)\n"
        }
        Output.print(out)
        if config.error != nil { throw ExitCode(1) }
    }

    static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
}
