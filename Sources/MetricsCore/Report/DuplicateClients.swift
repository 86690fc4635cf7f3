/// One client in two files (a backup copy left in the folder, `talentloop copy.json`): both
/// load, so the client would be reported and counted twice without a word.
public struct DuplicateClient: Sendable, Equatable {
    public let clientID: String
    /// The file read first, and the one that repeats its client id.
    public let first: String
    public let again: String

    /// Said the same by `report` (standard error), `check` (a warning of `again`) and the cockpit.
    public var message: String {
        "the client id \(jsonQuoted(clientID)) is also the client of \(first): one client in two files is reported and counted twice (a copy? move it out of the folder)"
    }

    /// `check`'s warning, on the file that repeats the id.
    public var problem: Problem {
        Problem(file: again, line: nil, column: nil, path: "client.id", severity: .warning, message: message)
    }
}

extension Portfolio {
    /// Each loaded file whose client id an earlier file already has, in the order given.
    public var duplicateClients: [DuplicateClient] {
        var firstFile: [String: String] = [:]
        var out: [DuplicateClient] = []
        for file in files {
            guard let id = file.engagement?.client.id else { continue }
            if let first = firstFile[id] {
                out.append(DuplicateClient(clientID: id, first: first, again: file.file))
            } else {
                firstFile[id] = file.file
            }
        }
        return out
    }
}
