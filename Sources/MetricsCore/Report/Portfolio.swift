import Foundation

/// A usage error: the command line names something that does not exist (exit status 2).
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A portfolio: the engagement files given on the command line, loaded and reviewed.
public struct Portfolio: Sendable {
    public var files: [LoadedFile]

    public init(files: [LoadedFile]) { self.files = files }

    /// Expands paths: a file as given; a folder means its `*.json` files (not hidden, not
    /// recursive), sorted by name, each as the folder joined with the file name.
    public static func resolve(_ paths: [String]) throws(UsageError) -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw UsageError("no such file or folder: \(path)")
            }
            guard isDir.boolValue else { out.append(path); continue }
            let names: [String]
            do { names = try fm.contentsOfDirectory(atPath: path) } catch {
                throw UsageError("cannot list the folder \(path): \(error.localizedDescription)")
            }
            let base = path.hasSuffix("/") ? path : path + "/"
            for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
                var childIsDir: ObjCBool = false
                if fm.fileExists(atPath: base + name, isDirectory: &childIsDir), !childIsDir.boolValue { out.append(base + name) }
            }
        }
        return out
    }

    /// Loads every path (already resolved); one bad file never blocks the others.
    public static func load(_ paths: [String]) -> Portfolio {
        Portfolio(files: paths.map { EngagementLoader.load(path: $0) })
    }

    /// Keeps the engagement whose client id is `id` (and every rejected file, whose client is unknown).
    public func filtered(client id: String) throws(UsageError) -> Portfolio {
        let ids = files.compactMap { $0.engagement?.client.id }
        guard ids.contains(id) else {
            throw UsageError("no engagement has the client id \(jsonQuoted(id)); the clients are: \(ids.joined(separator: ", "))")
        }
        return Portfolio(files: files.filter { $0.engagement == nil || $0.engagement?.client.id == id })
    }

    /// Reviews every loaded engagement as of `asOf`.
    public func reviews(asOf: Day) -> [EngagementReview?] {
        files.map { $0.engagement.map { EngagementReview(index: EngagementIndex($0), asOf: asOf) } }
    }

    public var hasRejectedFile: Bool { files.contains { $0.isRejected } }
}
