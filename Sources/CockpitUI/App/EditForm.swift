import Foundation
import MetricsCore

/// What an edit form changes on a deal.
public enum EditKind: Sendable, Hashable {
    case nextStep
    /// A stall acknowledgement: the note typed, valid until the date.
    case stallNote(until: Day)
}

/// A form open over the screen: one line being typed for one deal.
public struct EditForm: Sendable, Equatable {
    public let client: Int
    public let deal: Int
    public let kind: EditKind
    public var editor: LineEditor
    /// Esc was pressed once with text typed: a second Esc discards it.
    public var confirmingDiscard = false
    /// Enter was pressed: waiting for the save (keys still edit; a failed save keeps the text).
    public var saving = false
}

/// A save the runtime performs in the background, under the file's lock.
public struct SaveRequest: Sendable, Hashable {
    public let client: Int
    public let path: String
    public let dealID: String
    public let kind: EditKind
    public let text: String
}

/// How a save ended.
public enum SaveResult: Sendable {
    case saved(client: Int, file: LoadedFile)
    case failed(client: Int, message: String)
}

extension AppState {
    /// Opens a form for the deal on screen, or says why editing is not possible here.
    mutating func openForm(_ kind: EditKind) {
        guard case .story(let client, let deal) = top.screen, let index = entries[client].index else { return }
        let path = entries[client].file.file
        if readOnly { status = "Read-only (--read-only): editing keys do nothing."; return }
        guard FileManager.default.fileExists(atPath: path) else {
            status = "The bundled demo is read-only: `redline demo --write DIR` writes it out, then `redline DIR` to edit."
            return
        }
        guard FileManager.default.isWritableFile(atPath: path) else { status = "\((path as NSString).lastPathComponent) is not writable for you: editing keys do nothing."; return }
        let d = index.deals[deal]
        switch kind {
        case .nextStep: form = EditForm(client: client, deal: deal, kind: kind, editor: LineEditor(d.nextStep ?? ""))
        case .stallNote: form = EditForm(client: client, deal: deal, kind: kind, editor: LineEditor(d.stallAck?.note ?? ""))
        }
    }

    mutating func handleForm(_ key: Key) -> [Effect] {
        guard var f = form else { return [] }
        if key == .ctrl("c") { return [.quit] }
        // While the save runs, keys wait: the text sent is the text shown.
        if f.saving { return [] }
        switch key {
        case .enter:
            guard let index = entries[f.client].index else { return [] }
            f.saving = true
            form = f
            status = "Saving…"
            return [.save(SaveRequest(client: f.client, path: entries[f.client].file.file, dealID: index.deals[f.deal].id, kind: f.kind, text: f.editor.text))]
        case .escape:
            if f.editor.isChanged && !f.confirmingDiscard {
                f.confirmingDiscard = true
                form = f
                status = "Esc again discards what you typed; Enter saves it."
            } else {
                form = nil
                status = nil
            }
        default:
            if f.editor.handle(key) { f.confirmingDiscard = false }
            form = f
        }
        return []
    }

    /// A finished save: the form closes and the file is shown as saved, or stays open with the error.
    mutating func finishSave(_ result: SaveResult) {
        switch result {
        case .saved(let client, let file):
            form = nil
            reload(client, file)
            status = "Saved to \((file.file as NSString).lastPathComponent)."
        case .failed(_, let message):
            form?.saving = false
            status = "Not saved: \(message). Your text is still here; Enter tries again."
        }
    }

    /// Writes a form's text into the file (called by the runtime, off the input thread).
    public static func save(_ r: SaveRequest) -> SaveResult {
        do {
            try EngagementFile.update(r.path) { e, doc throws(EngagementFile.Failure) in
                guard let i = e.deals.firstIndex(where: { $0.id == r.dealID }) else {
                    throw EngagementFile.Failure("no deal \(r.dealID) in the file any more")
                }
                let key: String, json: String
                switch r.kind {
                case .nextStep: key = "next_step"; json = jsonQuoted(r.text)
                case .stallNote(let until): key = "stall_ack"; json = "{\"until\": \"\(until)\", \"note\": \(jsonQuoted(r.text))}"
                }
                return [doc.setting(["deals", .index(i)], key: key, json: json)]
            }
            return .saved(client: r.client, file: EngagementLoader.load(path: r.path))
        } catch {
            return .failed(client: r.client, message: error.message)
        }
    }
}
