import Foundation
import Testing

/// The per-user config end to end (docs/config.md): `redline config` and its sources, each bad
/// config's one line, and what the config changes for the other commands. Every run gets its own
/// XDG_CONFIG_HOME and HOME in a temporary folder.
@Suite struct ConfigCLITests {
    /// A temporary home: `xdg/redline/config.toml`, `home/`, and a portfolio folder of three demo
    /// clients (TalentLoop and Northwind Advisory removed, so it is told from the bundled demo).
    struct Home {
        let root: URL
        var xdg: String { root.appendingPathComponent("xdg").path }
        var home: String { root.appendingPathComponent("home").path }
        var file: String { xdg + "/redline/config.toml" }
        var clients: String { home + "/clients" }
        var env: [String: String] { ["XDG_CONFIG_HOME": xdg, "HOME": home] }

        init() throws {
            root = try CommandRunner.temporaryFolder()
            try FileManager.default.createDirectory(atPath: xdg + "/redline", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            #expect(try CommandRunner.run(["demo", "--write", clients, "--as-of", "2026-11-23"]).status == 0)
            for name in ["talentloop.json", "northwind-advisory.json"] { try FileManager.default.removeItem(atPath: clients + "/" + name) }
        }

        func write(_ toml: String) throws { try Data(toml.utf8).write(to: URL(fileURLWithPath: file)) }
        func run(_ args: [String], _ more: [String: String] = [:]) throws -> CommandRunner.Result {
            try CommandRunner.run(args, environment: env.merging(more) { $1 })
        }
    }

    /// `redline config`'s lines as (setting, value, source): columns are two or more spaces apart.
    func settings(_ stdout: String) -> [String: (value: String, source: String)] {
        var out: [String: (String, String)] = [:]
        for line in stdout.split(separator: "\n").dropFirst() {
            let parts = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            out[parts[0]] = (parts[1], parts.dropFirst(2).joined(separator: " "))
        }
        return out
    }

    @Test func withoutAFileEverySettingIsTheDefault() throws {
        let h = try Home()
        let r = try h.run(["config"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout == """
            config file  \(h.file) (from XDG_CONFIG_HOME, does not exist)
            portfolio    the bundled demo  default
            theme        dark              default
            rates        none              default
            mouse        true              default

            """)
        #expect(try h.run(["config", "--path"]).stdout == h.file + "\n")
    }

    /// Each value and the line it was read from; `~` is the home folder, a relative path is
    /// relative to the config's folder; flags win and say so.
    @Test func resolvedValuesAndTheirSources() throws {
        let h = try Home()
        try h.write("""
            # my settings
            portfolio = ["~/clients", "../../home/clients/ledgerly.json"]
            theme = "light"
            mouse = false

            [rates]
            USD = 1
            EUR = 1.08
            """)
        let r = try h.run(["config"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("config file  \(h.file) (from XDG_CONFIG_HOME)\n"))
        let s = settings(r.stdout)
        #expect(s["portfolio"]! == ("\(h.clients), \(h.clients)/ledgerly.json", "\(h.file):2"))
        #expect(s["theme"]! == ("light", "\(h.file):3"))
        #expect(s["mouse"]! == ("false", "\(h.file):4"))
        #expect(s["rates"]! == ("EUR = 1.08, USD = 1", "\(h.file):6"))
        // The command line wins.
        let flags = try h.run(["config", "--theme", "monochrome", "a.json"])
        #expect(settings(flags.stdout)["theme"]! == ("monochrome", "--theme"))
        #expect(settings(flags.stdout)["portfolio"]! == ("a.json", "command line"))
        // An inline table has its keys on its line.
        try h.write("rates = { GBP = 1.27 }\n")
        #expect(settings(try h.run(["config"]).stdout)["rates"]! == ("GBP = 1.27", "\(h.file):1"))
    }

    /// REDLINE_CONFIG names another file; without XDG_CONFIG_HOME (or with a relative one, which
    /// the XDG spec says to ignore) it is ~/.config.
    @Test func whichFileIsRead() throws {
        let h = try Home()
        let other = h.root.appendingPathComponent("other.toml").path
        try Data("theme = \"colorblind\"\n".utf8).write(to: URL(fileURLWithPath: other))
        let env = try h.run(["config"], ["REDLINE_CONFIG": other])
        #expect(env.stdout.hasPrefix("config file  \(other) (from REDLINE_CONFIG)\n"))
        #expect(settings(env.stdout)["theme"]! == ("colorblind", "\(other):1"))
        #expect(try h.run(["config", "--path"], ["REDLINE_CONFIG": other]).stdout == other + "\n")
        #expect(try h.run(["config", "--path"], ["XDG_CONFIG_HOME": ""]).stdout == h.home + "/.config/redline/config.toml\n")
        #expect(try h.run(["config", "--path"], ["XDG_CONFIG_HOME": "relative/dir"]).stdout == h.home + "/.config/redline/config.toml\n")
        let gone = try h.run(["config"], ["REDLINE_CONFIG": other + ".missing"])
        #expect(gone.status == 1)
        #expect(gone.stderr == "redline: error: REDLINE_CONFIG names \(other).missing, which does not exist; defaults apply\n")
    }

    /// A bad config: one line on standard error naming the file, the line and the key; the
    /// config is not used at all (every setting its default); `redline config` exits 1.
    @Test func eachBadConfigIsOneLine() throws {
        let h = try Home()
        let notUsed = "; the config is not used (defaults apply)\n"
        let cases: [(String, String)] = [
            ("theme = \"light\"\nmouse = tru\n",
             // toml++'s own words; the newline it met is written \n so the message stays one line.
             "\(h.file):2:12: mouse: not valid TOML: Error while parsing boolean: expected 'true', saw 'tru\\n'"),
            ("portfolio = \"~/clients\"\ntheme = 42\n", "\(h.file):2: theme: must be a theme name (a string), not an integer"),
            ("theme = \"neon\"\n", "\(h.file):1: theme: no theme named \"neon\" (themes: dark, light, high-contrast, colorblind, monochrome)"),
            ("theme = \"light\"\nportfolio = \"~/nowhere\"\n", "\(h.file):2: portfolio: no such file or folder: \(h.home)/nowhere"),
            ("portfolio = [\"~/clients\", 7]\n", "\(h.file):1: portfolio: item 2 must be a string (a file or folder), not an integer"),
            ("portfolio = true\n", "\(h.file):1: portfolio: must be a folder (a string) or a list of them, not true or false"),
            ("[rates]\nUSD = 1\nEUR = \"1.08\"\n", "\(h.file):3: rates.EUR: must be a positive number, not a string"),
            ("[rates]\neuro = 1.08\n", "\(h.file):2: rates.euro: \"euro\" is not a currency code (three capital letters, such as EUR)"),
            ("rates = { GBP = -1 }\n", "\(h.file):1: rates.GBP: must be a positive number, not -1.0"),
            ("rates = \"EUR\"\n", "\(h.file):1: rates: must be a table of currency = rate, such as rates = { USD = 1, EUR = 1.08 }, not a string"),
            ("mouse = \"yes\"\n", "\(h.file):1: mouse: must be true or false, not a string"),
        ]
        for (toml, message) in cases {
            try h.write(toml)
            let r = try h.run(["config"])
            #expect(r.stderr == "redline: error: " + message + notUsed, "\(toml)")
            #expect(r.status == 1)
            #expect(r.stdout.hasPrefix("config file  \(h.file) (from XDG_CONFIG_HOME, not used: it has an error)\n"))
            let s = settings(r.stdout)
            #expect(s["portfolio"]! == ("the bundled demo", "default") && s["theme"]! == ("dark", "default"), "\(toml)")
            #expect(s["rates"]! == ("none", "default") && s["mouse"]! == ("true", "default"), "\(toml)")
        }
        // Another command says the same one line and goes on with the defaults: the demo's five clients.
        try h.write("theme = 42\n")
        let report = try h.run(["report", "--as-of", "2026-11-23"])
        #expect(report.status == 0)
        #expect(report.stderr == "redline: error: \(h.file):1: theme: must be a theme name (a string), not an integer" + notUsed)
        #expect(report.stdout.contains("TalentLoop (hr tech)"))
        // A command whose options say everything does not read the config: no line.
        let given = try h.run(["report", h.clients, "--as-of", "2026-11-23"])
        #expect(given.status == 0 && given.stderr.isEmpty && given.stdout.contains("Ledgerly (saas)"))
    }

    /// An unknown key is a warning, and the rest of the file is applied.
    @Test func anUnknownKeyIsAWarning() throws {
        let h = try Home()
        try h.write("theme = \"light\"\ncolour = \"red\"\n[extras]\nx = 1\n")
        let r = try h.run(["config"])
        #expect(r.status == 0)
        #expect(r.stderr == """
            redline: warning: \(h.file):2: colour: unknown key (keys: portfolio, theme, rates, mouse); ignored
            redline: warning: \(h.file):3: extras: unknown key (keys: portfolio, theme, rates, mouse); ignored

            """)
        #expect(settings(r.stdout)["theme"]! == ("light", "\(h.file):1"))
    }

    /// No path: the configured portfolio (three clients), for the cockpit (which prints the report
    /// when its output is not a terminal), report and check; a path given wins.
    @Test func noPathOpensTheConfiguredPortfolio() throws {
        let h = try Home()
        try h.write("portfolio = \"~/clients\"\n")
        let clients = ["BrightSignal (martech)", "Cortexa AI (ai startup)", "Ledgerly (saas)"]
        for args in [["--as-of", "2026-11-23"], ["report", "--as-of", "2026-11-23"]] {
            let r = try h.run(args)
            #expect(r.status == 0)
            for name in clients { #expect(r.stdout.contains(name), "\(args)") }
            #expect(!r.stdout.contains("TalentLoop") && !r.stdout.contains("Northwind"), "\(args)")
        }
        let json = try h.run(["report", "--as-of", "2026-11-23", "--format", "json"])
        let files = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["engagements"] as! [[String: Any]]
        #expect(files.map { $0["file"] as! String } == ["brightsignal", "cortexa-ai", "ledgerly"].map { "\(h.clients)/\($0).json" })
        #expect(try h.run(["check"]).stdout.hasSuffix("3 files checked: 0 rejected, 0 errors, 0 warnings\n"))
        // The command line wins: one file given, one client.
        let one = try h.run(["report", "\(h.clients)/ledgerly.json", "--as-of", "2026-11-23"])
        #expect(one.stdout.contains("Ledgerly (saas)") && !one.stdout.contains("Cortexa"))
        // Without the key: the bundled demo.
        try h.write("theme = \"light\"\n")
        #expect(try h.run(["report", "--as-of", "2026-11-23"]).stdout.contains("TalentLoop (hr tech)"))
    }

    /// A portfolio the config names but that cannot be read is an error naming the config's line
    /// and the path, never the demo's fictional clients with exit status 0 (cron sees success).
    @Test func aConfiguredPortfolioThatCannotBeReadIsAnError() throws {
        let h = try Home()
        let nothing = "; nothing is reviewed (the bundled demo is not shown in its place): fix the config, or give the files\n"
        try h.write("portfolio = \"~/nowhere\"\n")
        // The cockpit prints the report when its output is not a terminal: the same refusal.
        for args in [["report"], ["check"], ["forecast"], ["autopsy", "list"], []] {
            let r = try h.run(args + (args == ["check"] ? [] : ["--as-of", "2026-11-23"]))
            #expect(r.status == 2, "\(args)")
            #expect(r.stdout.isEmpty, "\(args)")
            #expect(r.stderr == "redline: error: \(h.file):1: portfolio: no such file or folder: \(h.home)/nowhere" + nothing, "\(args)")
        }
        // A config with another error does not read the portfolio it names either.
        try h.write("portfolio = \"~/clients\"\ntheme = 42\n")
        let bad = try h.run(["report", "--as-of", "2026-11-23"])
        #expect(bad.status == 2 && bad.stdout.isEmpty)
        #expect(bad.stderr == "redline: error: \(h.file):2: theme: must be a theme name (a string), not an integer; so the portfolio of \(h.file):1 is not read" + nothing)
        // A REDLINE_CONFIG that names no file may have named a portfolio.
        let gone = try h.run(["report", "--as-of", "2026-11-23"], ["REDLINE_CONFIG": h.root.path + "/nosuch.toml"])
        #expect(gone.status == 2 && gone.stdout.isEmpty)
        #expect(gone.stderr == "redline: error: REDLINE_CONFIG names \(h.root.path)/nosuch.toml, which does not exist" + nothing)
        // Files given: the config is not read, and they are reviewed.
        let given = try h.run(["report", h.clients, "--as-of", "2026-11-23"])
        #expect(given.status == 0 && given.stderr.isEmpty && given.stdout.hasPrefix("Weekly revenue review, 2026-11-23 (2026-W48)\n"))
        // No portfolio key: the demo, and its title says so.
        try h.write("theme = \"light\"\n")
        let demo = try h.run(["report", "--as-of", "2026-11-23"])
        #expect(demo.status == 0 && demo.stdout.hasPrefix("Weekly revenue review (demo), 2026-11-23 (2026-W48)\n"))
        let markdown = try h.run(["report", "--as-of", "2026-11-23", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# Weekly revenue review (demo), 2026-11-23 (2026-W48)\n"))
    }

    /// `redline import` converts a mixed-currency export with the config's rates when the mapping
    /// has none: 1 GBP = 1.27 / 1.08 EUR.
    @Test func importTakesTheConfigsRates() throws {
        let h = try Home()
        try h.write("[rates]\nUSD = 1\nEUR = 1.08\nGBP = 1.27\n")
        let mapping = h.root.appendingPathComponent("m.toml").path
        try Data("[columns]\namount_converted = \"\"\n".utf8).write(to: URL(fileURLWithPath: mapping))
        let export = CommandRunner.packageRoot.appendingPathComponent("Tests/ImporterTests/Fixtures/crm/salesforce-dutch-report.csv").path
        let into = h.root.appendingPathComponent("x.json").path
        let r = try h.run(["import", "--from", "salesforce", export, "--mapping", mapping, "--into", into, "--currency", "EUR", "--as-of", "2018-09-30"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("  amounts: Amount in EUR 28, GBP 12, converted to EUR with the rates of \(h.file):1 (1 GBP = 1.17593 EUR)\n"))
    }
}
