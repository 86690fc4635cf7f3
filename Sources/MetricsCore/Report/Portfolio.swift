import Foundation

/// The paths or client given name something that does not exist (the executable makes it a
/// usage error, exit status 2).
public struct PortfolioError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A portfolio: the engagement files given on the command line, loaded and reviewed.
public struct Portfolio: Sendable {
    public var files: [LoadedFile]

    public init(files: [LoadedFile]) { self.files = files }

    /// Expands paths: a file as given; a folder means its `*.json` files (not hidden, not
    /// recursive), sorted by name, each as the folder joined with the file name. A file named
    /// twice (`client.json folder/`, `./a.json a.json`, a link to it) is kept once, where it
    /// came first: loaded twice, it was reported and counted twice.
    ///
    /// A folder without any `*.json` file is an error when nothing else was given (an empty
    /// review with exit status 0 would pass for a quiet week in cron or a mail); beside paths
    /// that give files it is only a warning, passed to `warn`.
    public static func resolve(_ paths: [String], warn: (String) -> Void = { _ in }) throws(PortfolioError) -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        var seen = Set<String>()
        var emptyFolders: [String] = []
        func append(_ path: String) {
            if seen.insert(URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path).inserted { out.append(path) }
        }
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw PortfolioError("no such file or folder: \(path)")
            }
            guard isDir.boolValue else { append(path); continue }
            let names: [String]
            do { names = try fm.contentsOfDirectory(atPath: path) } catch {
                throw PortfolioError("cannot list the folder \(path): \(error.localizedDescription)")
            }
            let base = path.hasSuffix("/") ? path : path + "/"
            var any = false
            for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
                var childIsDir: ObjCBool = false
                if fm.fileExists(atPath: base + name, isDirectory: &childIsDir), !childIsDir.boolValue { append(base + name); any = true }
            }
            if !any { emptyFolders.append(path) }
        }
        guard !emptyFolders.isEmpty else { return out }
        let folders = emptyFolders.joined(separator: ", ")
        if out.isEmpty {
            throw PortfolioError("no engagement files (*.json) in \(folders) (subfolders are not read): give the folder that holds them, or the files")
        }
        warn("warning: no engagement files (*.json) in \(folders) (subfolders are not read); the other paths are reviewed")
        return out
    }

    /// Loads every path (already resolved); one bad file never blocks the others.
    /// Files are loaded two at a time (this machine kind has 2 cores; a large file's deals are
    /// decoded on two threads of their own). `keepingForSaves`: see `EngagementLoader.load(path:)`.
    public static func load(_ paths: [String], keepingForSaves: Bool = false) -> Portfolio {
        WorkProgress.shared.addFiles(total: paths.count)
        let files = concurrentMap(paths) { path in
            defer { WorkProgress.shared.addFiles(done: 1) }
            return EngagementLoader.load(path: path, keepingForSaves: keepingForSaves)
        }
        return Portfolio(files: files).sayingDuplicateClients()
    }

    /// Each client id an earlier file already has becomes a warning of the file that repeats it,
    /// so every report lists it where that file's warnings are (the JSON `problems` too), and
    /// `check` counts it.
    func sayingDuplicateClients() -> Portfolio {
        var out = self
        for duplicate in duplicateClients {
            guard let k = out.files.firstIndex(where: { $0.file == duplicate.again }) else { continue }
            out.files[k].problems.append(duplicate.problem)
        }
        return out
    }

    /// Keeps the engagement whose client id is `id` (and every rejected file, whose client is unknown).
    public func filtered(client id: String) throws(PortfolioError) -> Portfolio {
        let ids = files.compactMap { $0.engagement?.client.id }
        guard ids.contains(id) else {
            throw PortfolioError("no engagement has the client id \(jsonQuoted(id)); the clients are: \(ids.joined(separator: ", "))")
        }
        return Portfolio(files: files.filter { $0.engagement == nil || $0.engagement?.client.id == id })
    }

    /// Reviews every loaded engagement as of `asOf`.
    public func reviews(asOf: Day) -> [EngagementReview?] {
        concurrentMap(files) { $0.engagement.map { EngagementReview(index: EngagementIndex($0), asOf: asOf) } }
    }

    public var hasRejectedFile: Bool { files.contains { $0.isRejected } }

    /// The bundled demo's fictional clients (no path given, no portfolio configured).
    public var isBundledDemo: Bool { !files.isEmpty && files.allSatisfy(\.isBundledDemo) }

    /// What a report's title adds: ` (demo)` for the demo, so a page pasted into a client's mail
    /// or read by cron never passes for a real portfolio.
    public var titleNote: String { isBundledDemo ? " (demo)" : "" }
}
