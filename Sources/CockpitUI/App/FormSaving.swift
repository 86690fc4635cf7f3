import Foundation
import MetricsCore

/// A save the runtime performs in the background, under the file's lock.
public struct SaveRequest: Sendable, Hashable {
    public let client: Int
    public let path: String
    public let edit: ReviewEdit
    public var choice: ConflictChoice = .ask
    /// True for `u`: the save takes back an earlier one (it is not itself undoable).
    public var isUndo = false
}

/// How a save ended.
public enum SaveResult: Sendable {
    /// Written; `undo` takes it back (nil for an undo itself).
    case saved(client: Int, file: LoadedFile, undo: ReviewEdit? = nil, wasUndo: Bool = false)
    case unchanged(client: Int, wasUndo: Bool = false)
    /// Nothing written: someone else changed the same fields; `file` is the file as it is now.
    case conflicts(client: Int, [EditConflict], file: LoadedFile, wasUndo: Bool = false)
    case failed(client: Int, message: String, wasUndo: Bool = false)
}

/// Keys in a form, the save they start, and how a save ends.
extension AppState {
    mutating func handleForm(_ key: Key) -> [Effect] {
        guard var f = form else { return [] }
        // While the save runs, keys wait (`update` acts on them when it ends): the text sent is
        // the text shown, and Ctrl-C cannot quit while the text is being written.
        if f.saving { keysWhileSaving.append(key); return [] }
        if !f.conflicts.isEmpty { return resolveConflict(key == .ctrl("c") ? .escape : key, &f) }
        switch key {
        case .escape, .ctrl("c"):
            cancel(&f, by: key)
            return []
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

    /// Esc or Ctrl-C in a form: with something typed the first asks, the second discards it;
    /// with nothing typed the form closes. In a form Ctrl-C is Esc, so typed text is never lost
    /// to a shell habit and the cockpit never quits from a form (Ctrl-C quits everywhere else).
    mutating func cancel(_ f: inout EditForm, by key: Key) {
        let name = key == .escape ? "Esc" : "Ctrl-C"
        if f.isChanged && !f.confirmingDiscard {
            f.confirmingDiscard = true
            form = f
            status = "\(name) again discards what you typed; Enter saves it."
            return
        }
        form = nil
        // Ctrl-C may have been meant to quit: say how, now that the form is gone.
        status = key == .escape ? nil : "\(f.isChanged ? "Discarded what you typed" : "Closed the form"); q quits."
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
        if finishUndo(result) { return }
        switch result {
        case .saved(let client, let file, let undo, _):
            let purpose = form?.purpose
            form = nil
            reload(client, file)
            if let undo { remember(undo, client: client, path: file.file) }
            status = "Saved to \((file.file as NSString).lastPathComponent)."
            if case .forecast = top.screen {
                status = "Recorded the forecast of \(date) (3 months) in \((file.file as NSString).lastPathComponent)."
            }
            if case .improvement(let kpi)? = purpose, let e = entries[client].index?.engagement {
                let name = (file.file as NSString).lastPathComponent
                let kpiName = KPICatalog.definition(kpi).name(in: e.client.currency)
                if let goal = e.targets.improvements[kpi.rawValue] {
                    let starts = QuarterLabel(goal.quarter)?.quarter(startMonth: e.client.fiscalYearStartMonth).firstDay
                    status = "Saved to \(name): \(kpiName) \(Improvement.label(goal))\(Self.months(of: goal, e, .unicode))"
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
        case .conflicts(let client, let conflicts, let file, _):
            reload(client, file)
            guard form != nil else {
                // A one-key change (an action's status): the screen now shows theirs; the same key again writes mine.
                status = conflicts.map { "Not changed: someone else set the \($0.field) to \($0.theirs) meanwhile; press the key again for \($0.mine)." }.joined(separator: " ")
                return
            }
            form?.saving = false
            form?.conflicts = conflicts
            status = "Someone else changed this meanwhile: choose a version."
        case .failed(_, let message, _):
            guard form != nil else { status = "Not saved: \(message)."; return }
            form?.saving = false
            status = "Not saved: \(message). Your text is still here; Enter tries again."
        }
    }

    /// Writes a form's change into the file (called by the runtime, off the input thread).
    public static func save(_ r: SaveRequest) -> SaveResult {
        do {
            let (outcome, saved, undo) = try EngagementFile.saveUndoable(r.edit, to: r.path, choice: r.choice)
            switch outcome {
            case .saved: return .saved(client: r.client, file: saved ?? PortfolioEntry.read(r.path), undo: r.isUndo ? nil : undo, wasUndo: r.isUndo)
            case .unchanged: return .unchanged(client: r.client, wasUndo: r.isUndo)
            case .conflicts(let c): return .conflicts(client: r.client, c, file: PortfolioEntry.read(r.path), wasUndo: r.isUndo)
            }
        } catch {
            return .failed(client: r.client, message: error.message, wasUndo: r.isUndo)
        }
    }
}
