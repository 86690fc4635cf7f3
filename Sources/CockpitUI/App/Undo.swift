import Foundation
import MetricsCore

/// An edit saved in this session and the edit that takes it back.
public struct UndoEntry: Sendable, Hashable {
    public let client: Int
    public let path: String
    public let undo: ReviewEdit
    /// Tells apart two entries with the same edit.
    let serial: Int
}

/// `u`: takes back the last edit saved in this session, through the same locked, merged save.
extension AppState {
    /// How many edits `u` can take back (older ones are forgotten).
    static let undoDepth = 50

    mutating func remember(_ undo: ReviewEdit, client: Int, path: String) {
        undoStack.append(UndoEntry(client: client, path: path, undo: undo, serial: (undoStack.last?.serial ?? 0) + 1))
        if undoStack.count > Self.undoDepth { undoStack.removeFirst() }
    }

    mutating func undoLastEdit() -> [Effect] {
        guard undoing == nil else { status = "Still undoing \(undoing?.undo.summary ?? "the last edit"); u again when it is done."; return [] }
        guard let last = undoStack.last else {
            status = "Nothing to undo: u takes back what you saved in this session (n, A, e, i, o, D, X, P, R)."
            return []
        }
        undoing = last
        status = "Undoing \(last.undo.summary)…"
        return [.save(SaveRequest(client: last.client, path: last.path, edit: last.undo, isUndo: true))]
    }

    /// Takes the end of an undo's save; false for any other save.
    mutating func finishUndo(_ result: SaveResult) -> Bool {
        guard let entry = undoing else { return false }
        let name = (entry.path as NSString).lastPathComponent, what = entry.undo.summary
        switch result {
        case .saved(let client, let file, _, true):
            forget(entry)
            reload(client, file)
            status = "Undone in \(name): \(sanitizedForDisplay(Self.undone(entry.undo)))." + (undoStack.isEmpty ? "" : " u undoes the edit before.")
        case .unchanged(_, true):
            forget(entry)
            status = "Nothing to undo for \(what): \(name) already says what it said before."
        case .conflicts(let client, let conflicts, let file, true):
            forget(entry)
            reload(client, file)
            // The new value first: a long field name must not push it off the line.
            let changed = conflicts.map { "\($0.theirs) is now the \($0.field)" }.joined(separator: "; ")
            status = "Not undone: \(changed), set by someone else since your save; it stays."
        case .failed(_, let message, true):
            undoing = nil
            status = "Not undone: \(message). u tries again."
        default:
            return false
        }
        return true
    }

    /// What an undo put back, in a few words: only the one field or item it took back (the
    /// file keeps every other edit, so "the file is as it was" misled).
    static func undone(_ undo: ReviewEdit) -> String {
        func quoted(_ text: String) -> String { "\"\(text)\"" }
        switch undo {
        case .setActionStatus(let ref, _, let mine): return "the action \(quoted(ref.text)) is \(mine) again"
        case .removeAction(let ref, _): return "the action \(quoted(ref.text)) is no longer planned"
        case .nextStep(let id, _, let mine): return "the next step of \(id) is " + (mine.isEmpty ? "empty again" : "\(quoted(mine)) again")
        case .stallAck(let id, _, nil): return "the stall of \(id) is no longer acknowledged"
        case .stallAck(let id, _, let mine?): return "the stall of \(id) is acknowledged until \(mine.until) again"
        case .removeAutopsy(let id, _, _, _): return "the autopsy of \(id) is removed"
        case .autopsy(let id, _, _, _), .addAutopsy(let id, _, _): return "the autopsy of \(id) is as before your edit"
        case .restoreForecasts(let asOf, _, let before, _): return "the forecast of \(asOf) is " + (before.isEmpty ? "removed" : "as before your edit")
        case .recordForecast(let asOf): return "the forecast of \(asOf) is recorded again"
        case .improvement(let kpi, _, let mine):
            return "the improvement target of \(KPICatalog.definition(kpi).name) is " + (mine.map { "\(Improvement.label($0)) again" } ?? "removed")
        case .addAction(_, let text, _, _): return "the action \(quoted(text)) is planned again"
        }
    }

    mutating func forget(_ entry: UndoEntry) {
        undoing = nil
        if let i = undoStack.lastIndex(of: entry) { undoStack.remove(at: i) }
    }
}
