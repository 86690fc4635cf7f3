import Foundation
import TOMLKit

/// The per-user config, `$XDG_CONFIG_HOME/redline/config.toml` (else `~/.config/redline/config.toml`,
/// or the file `REDLINE_CONFIG` names): the default portfolio, the theme, currency rates, mouse.
/// Command-line options always win over it (docs/config.md).
///
/// A config with an error (not TOML, a value of the wrong type, a folder that does not exist, a
/// theme that does not exist) is one line on standard error naming the file, the line and the
/// key, and is not used at all: every value is the default. An unknown key is a warning and the
/// rest is applied.
struct UserConfig: Sendable {
    /// Where a value came from, as `redline config` prints it.
    enum Source: Sendable, Equatable, CustomStringConvertible {
        case byDefault
        case file(String, line: Int?)
        case flag(String)
        case env(String)

        var description: String {
            switch self {
            case .byDefault: return "default"
            case .file(let path, let line): return path + (line.map { ":\($0)" } ?? "")
            case .flag(let flag): return flag
            case .env(let name): return "env \(name)"
            }
        }
    }

    struct Setting<Value: Sendable>: Sendable {
        var value: Value
        var source: Source = .byDefault
    }

    /// The config file read (or that would be read), and why that one.
    var path: String
    var pathSource: Source
    var exists = false
    /// The first error, when the file is not used.
    var error: String?
    var warnings: [String] = []

    /// Files and folders of the default portfolio, resolved (`~` expanded, relative to the
    /// config's folder); nil: the bundled demo.
    var portfolio = Setting<[String]?>(value: nil)
    /// Why the portfolio the config names cannot be read (a folder that is not there, a config
    /// with an error that has a `portfolio` line, a `REDLINE_CONFIG` that names no file), with
    /// the config's line and the path: the commands then review nothing rather than the demo.
    var portfolioProblem: String?
    /// A theme name; nil: the first theme (dark).
    var theme = Setting<String?>(value: nil)
    /// Currency → its value in one common unit (`USD = 1`, `EUR = 1.08`): a rate from X to Y is
    /// `rates[X] / rates[Y]`, so one table serves clients in any of its currencies.
    var rates = Setting<[String: Double]>(value: [:])
    /// Clicks and the wheel in the cockpit; `--no-mouse` turns them off for one run. On by
    /// default (as in lazygit, k9s); while on, Shift+drag selects text in most terminals.
    var mouse = Setting<Bool>(value: true)

    static let keys = ["portfolio", "theme", "rates", "mouse"]

    /// The config of this process, read once; its problems are printed the first time.
    static let shared: UserConfig = {
        unreported.report()
        return unreported
    }()

    /// The same config, its problems not printed: for a command that stops on `portfolioProblem`
    /// and says it in its own line.
    static let unreported = load(environment: ProcessInfo.processInfo.environment, themes: ThemeCatalog.load().themes.map(\.name))

    /// Prints the error (the file is not used) or each warning, one line each.
    func report() {
        if let error { Output.error(error) } else { for w in warnings { Output.warning("warning: " + w) } }
    }

    /// The file to read: `REDLINE_CONFIG`, else `$XDG_CONFIG_HOME/redline/config.toml` (when
    /// absolute, as the XDG spec asks), else `$HOME/.config/redline/config.toml`.
    static func location(environment env: [String: String]) -> (path: String, source: Source) {
        if let file = env["REDLINE_CONFIG"], !file.isEmpty { return (file, .env("REDLINE_CONFIG")) }
        let (folder, source) = configFolder(environment: env)
        return (folder + "/redline/config.toml", source)
    }

    /// `$XDG_CONFIG_HOME` when absolute, else `$HOME/.config`: where redline's config and themes live.
    static func configFolder(environment env: [String: String]) -> (String, Source) {
        if let xdg = env["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return (xdg, .env("XDG_CONFIG_HOME")) }
        return (home(env) + "/.config", .env("HOME"))
    }

    static func home(_ env: [String: String]) -> String {
        if let h = env["HOME"], !h.isEmpty { return h }
        return NSHomeDirectory()
    }

    /// Reads and checks the config; `themes` are the names a `theme` may take.
    static func load(environment env: [String: String], themes: [String]) -> UserConfig {
        let (path, pathSource) = location(environment: env)
        var config = UserConfig(path: path, pathSource: pathSource)
        let ignored = "; the config is not used (defaults apply)"
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            if pathSource == .env("REDLINE_CONFIG") {
                config.error = "REDLINE_CONFIG names \(path), which does not exist; defaults apply"
                // The file asked for may name a portfolio: which one is unknown, so none is read.
                config.portfolioProblem = "REDLINE_CONFIG names \(path), which does not exist"
            }
            return config
        }
        config.exists = true
        // A config that cannot be read at all may name a portfolio: none is read in its place.
        func unreadable(_ why: String) -> UserConfig {
            config.error = "\(path): \(why)\(ignored)"
            config.portfolioProblem = "\(path): \(why)"
            return config
        }
        guard !isDir.boolValue else { return unreadable("is a folder, not a TOML file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            return unreadable("cannot be read (\(String(cString: strerror(errno))))")
        }
        guard let text = String(data: data, encoding: .utf8) else { return unreadable("not UTF-8 text") }
        let lines = keyLines(text)
        let table: TOMLTable
        // The config's error, when it has a `portfolio` line: that portfolio is not read either.
        func portfolioUnread(_ error: String) -> String? {
            lines["portfolio"].map { "\(error); so the portfolio of \(path):\($0) is not read" }
        }
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            let line = e.source.begin.line, key = lines.first { $0.value == line }?.key
            let error = "\(path):\(line):\(e.source.begin.column): \(key.map { "\($0): " } ?? "")not valid TOML: \(oneLine(e.description))"
            config.error = error + ignored
            config.portfolioProblem = portfolioUnread(error)
            return config
        } catch {
            config.error = "\(path): not valid TOML: \(error)\(ignored)"
            config.portfolioProblem = portfolioUnread("\(path): not valid TOML: \(error)")
            return config
        }
        func place(_ key: String) -> String { path + (lines[key].map { ":\($0)" } ?? "") }
        func source(_ key: String) -> Source { .file(path, line: lines[key]) }
        var errors: [(line: Int, message: String)] = []
        var portfolioError: String?
        func fail(_ key: String, _ message: String) {
            errors.append((lines[key] ?? 0, "\(place(key)): \(key): \(message)\(ignored)"))
            if key == "portfolio", portfolioError == nil { portfolioError = "\(place(key)): \(key): \(message)" }
        }
        var resolved = config
        var warnings: [(line: Int, message: String)] = []

        for (key, value) in table {
            switch key {
            case "portfolio":
                var items: [String] = []
                if let s = value.string {
                    items = [s]
                } else if let array = value.array {
                    for (i, item) in array.enumerated() {
                        guard let s = item.string else { fail(key, "item \(i + 1) must be a string (a file or folder), not \(describe(item.type))"); break }
                        items.append(s)
                    }
                    if array.isEmpty { fail(key, "the list is empty; name a folder, or remove the key for the bundled demo") }
                } else {
                    fail(key, "must be a folder (a string) or a list of them, not \(describe(value.type))")
                    continue
                }
                let base = (path as NSString).deletingLastPathComponent
                var paths: [String] = []
                for item in items {
                    let full = expand(item, home: home(env), base: base)
                    guard FileManager.default.fileExists(atPath: full) else { fail(key, "no such file or folder: \(full)"); break }
                    paths.append(full)
                }
                if !items.isEmpty { resolved.portfolio = Setting(value: paths, source: source(key)) }
            case "theme":
                guard let name = value.string else { fail(key, "must be a theme name (a string), not \(describe(value.type))"); continue }
                guard themes.contains(name) else {
                    fail(key, "no theme named \"\(name)\" (themes: \(themes.joined(separator: ", ")))")
                    continue
                }
                resolved.theme = Setting(value: name, source: source(key))
            case "rates":
                guard let rates = value.table else {
                    fail(key, "must be a table of currency = rate, such as rates = { USD = 1, EUR = 1.08 }, not \(describe(value.type))")
                    continue
                }
                var out: [String: Double] = [:]
                for (code, rate) in rates {
                    let at = "rates.\(code)"
                    guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                        fail(at, "\"\(code)\" is not a currency code (three capital letters, such as EUR)")
                        continue
                    }
                    guard let r = rate.double ?? rate.int.map(Double.init) else { fail(at, "must be a positive number, not \(describe(rate.type))"); continue }
                    guard r > 0, r.isFinite else { fail(at, "must be a positive number, not \(r)"); continue }
                    out[code] = r
                }
                resolved.rates = Setting(value: out, source: source(key))
            case "mouse":
                guard let on = value.bool else { fail(key, "must be true or false, not \(describe(value.type))"); continue }
                resolved.mouse = Setting(value: on, source: source(key))
            default:
                warnings.append((lines[key] ?? 0, "\(place(key)): \(key): unknown key (keys: \(keys.joined(separator: ", "))); ignored"))
            }
        }
        if let first = errors.min(by: { $0.line < $1.line }) {
            config.error = first.message
            config.portfolioProblem = portfolioError ?? portfolioUnread(String(first.message.dropLast(ignored.count)))
            return config
        }
        // Warnings in the file's order.
        resolved.warnings = warnings.sorted { $0.line < $1.line }.map(\.message)
        return resolved
    }

    /// The parser's message on one line: a newline it quotes is written `\n`.
    static func oneLine(_ text: String) -> String {
        text.unicodeScalars.map { $0 == "\n" ? "\\n" : $0 == "\t" ? "\\t" : $0.properties.generalCategory == .control ? "?" : String($0) }.joined()
    }

    /// `~` and `~/…` are the home folder; a relative path is relative to the config's folder.
    static func expand(_ path: String, home: String, base: String) -> String {
        var p = path
        if p == "~" { p = home } else if p.hasPrefix("~/") { p = home + p.dropFirst(1) }
        if !p.hasPrefix("/") { p = base + "/" + p }
        return URL(fileURLWithPath: p).standardizedFileURL.path
    }

    static func describe(_ type: TOMLType) -> String {
        switch type {
        case .table: return "a table"
        case .array: return "a list"
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number"
        case .bool: return "true or false"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date and time"
        }
    }

    /// The line where each key is written: `theme` → 2, `rates` → its `[rates]` header or
    /// `rates = {…}` line, `rates.EUR` → the line of `EUR = …` under it (TOMLKit keeps no
    /// positions of values, so the text is scanned; a key not found gets no line).
    static func keyLines(_ text: String) -> [String: Int] {
        var out: [String: Int] = [:]
        var table = ""
        func clean<S: StringProtocol>(_ key: S) -> String {
            key.split(separator: ".").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")) }.joined(separator: ".")
        }
        func note(_ key: String, _ line: Int) {
            var parts: [String] = []
            for part in key.split(separator: ".") {
                parts.append(String(part))
                let k = parts.joined(separator: ".")
                if out[k] == nil { out[k] = line }
            }
        }
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let header = line.prefix { $0 != "#" }.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
                table = clean(header)
                note(table, n + 1)
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = clean(line[..<eq])
            guard !key.isEmpty else { continue }
            let full = table.isEmpty ? key : table + "." + key
            note(full, n + 1)
            // An inline table: `rates = { EUR = 1.08, USD = 1 }`.
            let rest = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("{") {
                for pair in rest.dropFirst().split(separator: ",") {
                    guard let e = pair.firstIndex(of: "=") else { continue }
                    let inner = clean(pair[..<e])
                    if !inner.isEmpty { note(full + "." + inner, n + 1) }
                }
            }
        }
        return out
    }
}
