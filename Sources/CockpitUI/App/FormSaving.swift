import Foundation
import MetricsCore

/// A save the runtime performs in the background, under the file's lock.
public struct SaveRequest: Sendable, Hashable {
    public let client: Int
    public let path: String
    public let edit: ReviewEdit
    public var choice: ConflictChoice = .ask
}

/// How a save ended.
public enum SaveResult: Sendable {
    case saved(client: Int, file: LoadedFile)
    case unchanged(client: Int)
    /// Nothing written: someone else changed the same fields; `file` is the file as it is now.
    case conflicts(client: Int, [EditConflict], file: LoadedFile)
    case failed(client: Int, message: String)
}

/// Keys in a form, the save they start, and how a save ends.
extension AppState {
    mutating func handleForm(_ key: Key) -> [Effect] {
        guard var f = form else { return [] }
        if key == .ctrl("c") { return [.quit] }
        // While the save runs, keys wait: the text sent is the text shown.
        if f.saving { return [] }
        if !f.conflicts.isEmpty { return resolveConflict(key, &f) }
        switch key {
        case .enter:
            if let (i, problem) = f.fields.enumerated().lazy.compactMap({ i, field in field.problem.map { (i, $0) } }).first {
                f.focus = i
                form = f
                status = problem + "."
                return []
            }
            if let (i, problem) = formProblem(f) {
                f.focus = i
                form = f
                status = problem + "."
                return []
            }
            return startSave(&f, choice: .ask)
        case .escape:
            if f.isChanged && !f.confirmingDiscard {
                f.confirmingDiscard = true
                form = f
                status = "Esc again discards what you typed; Enter saves it."
            } else {
                form = nil
                status = nil
            }
            return []
        // Tab always moves between fields; the arrows only in a form of several lines.
        case .tab:
            f.focus = (f.focus + 1) % f.fields.count
        case .down where !f.isSingleLine:
            f.focus = (f.focus + 1) % f.fields.count
        case .backTab:
            f.focus = (f.focus + f.fields.count - 1) % f.fields.count
        case .up where !f.isSingleLine:
            f.focus = (f.focus + f.fields.count - 1) % f.fields.count
        default:
            if f.fields[f.focus].handle(key) { f.confirmingDiscard = false; status = nil }
        }
        form = f
        return []
    }

    mutating func startSave(_ f: inout EditForm, choice: ConflictChoice) -> [Effect] {
        guard let edit = edit(for: f) else { return [] }
        f.saving = true
        f.conflicts = []
        form = f
        status = "Saving…"
        return [.save(SaveRequest(client: f.client, path: entries[f.client].file.file, edit: edit, choice: choice))]
    }

    /// Both versions are on screen: keep mine, take theirs, or edit again from theirs.
    mutating func resolveConflict(_ key: Key, _ f: inout EditForm) -> [Effect] {
        switch key {
        case .char("m"), .enter:
            return startSave(&f, choice: .keepMine)
        case .char("t"):
            form = nil
            status = "Kept the version on disk."
        case .char("e"), .escape:
            // What is on disk becomes the base: the next Enter writes what is typed then.
            f.conflicts = []
            f.base = edit(for: f, current: true)
            form = f
            status = "Editing again; the version on disk is the new starting point."
        default: break
        }
        return []
    }

    /// A finished save: the form closes and the file is shown as saved, or stays open with the
    /// reason or the conflicting versions.
    mutating func finishSave(_ result: SaveResult) {
        switch result {
        case .saved(let client, let file):
            let purpose = form?.purpose
            form = nil
            reload(client, file)
            status = "Saved to \((file.file as NSString).lastPathComponent)."
            if case .forecast = top.screen {
                status = "Recorded the forecast of \(date) (3 months) in \((file.file as NSString).lastPathComponent)."
            }
            if case .improvement(let kpi)? = purpose, let e = entries[client].index?.engagement {
                let name = (file.file as NSString).lastPathComponent
                let kpiName = KPICatalog.definition(kpi).name(in: e.client.currency)
                if let goal = e.targets.improvements[kpi.rawValue] {
                    let starts = QuarterLabel(goal.quarter)?.quarter(startMonth: e.client.fiscalYearStartMonth).firstDay
                    status = "Saved to \(name): \(kpiName) \(Improvement.label(goal))"
                        + (starts.map { $0 > date ? "; it judges the KPI from \($0)." : "." } ?? ".")
                } else {
                    status = "Removed the improvement target of \(kpiName) from \(name)."
                }
            }
            if case .addAction(let week)? = purpose {
                let planned = entries[client].index?.engagement.actions.filter { $0.week == week && $0.status != "dropped" }.count ?? 0
                status = "Saved: \(planned) of 3 actions planned for \(week)." + (planned < 3 ? " o plans another." : "")
            }
        case .unchanged:
            form = nil
            status = "Nothing to save: the file already says that."
        case .conflicts(let client, let conflicts, let file):
            reload(client, file)
            guard form != nil else {
                // A one-key change (an action's status): the screen now shows theirs; the same key again writes mine.
                status = conflicts.map { "Not changed: someone else set the \($0.field) to \($0.theirs) meanwhile; press the key again for \($0.mine)." }.joined(separator: " ")
                return
            }
            form?.saving = false
            form?.conflicts = conflicts
            status = "Someone else changed this meanwhile: choose a version."
        case .failed(_, let message):
            guard form != nil else { status = "Not saved: \(message)."; return }
            form?.saving = false
            status = "Not saved: \(message). Your text is still here; Enter tries again."
        }
    }

    /// Writes a form's change into the file (called by the runtime, off the input thread).
    public static func save(_ r: SaveRequest) -> SaveResult {
        do {
            let (outcome, saved) = try EngagementFile.saveLoading(r.edit, to: r.path, choice: r.choice)
            switch outcome {
            case .saved: return .saved(client: r.client, file: saved ?? EngagementLoader.load(path: r.path, keepingForSaves: true))
            case .unchanged: return .unchanged(client: r.client)
            case .conflicts(let c): return .conflicts(client: r.client, c, file: EngagementLoader.load(path: r.path, keepingForSaves: true))
            }
        } catch {
            return .failed(client: r.client, message: error.message)
        }
    }
}
