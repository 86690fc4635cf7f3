/// Which of the lists an undo may have to remove the file had before the save.
public struct UndoLists: Sendable, Hashable {
    public let autopsies: Bool, actions: Bool, forecasts: Bool
    public init(_ doc: JSONDocument) {
        autopsies = doc.node(at: ["autopsies"]) != nil
        actions = doc.node(at: ["actions"]) != nil
        forecasts = doc.node(at: ["forecasts"]) != nil
    }
}

/// Undo (`u` in the cockpit): the edit that takes a saved one back.
///
/// It is an ordinary `ReviewEdit`, saved through the same locked, merged save: its `base` is
/// what the undone save wrote, so a field someone else changed since is a conflict reported
/// with both values, never silently put back.
extension ReviewEdit {
    /// What the file held before this edit, for an undo: `before` is the file under the lock
    /// just before the save wrote this edit (`document` its bytes), `after` the file it wrote.
    /// Nil for the undo-only cases (removals); for an edit of one field, the undo of its undo
    /// is the edit again (the cockpit keeps no redo: it does not ask for it).
    public func undo(before e: Engagement, document doc: JSONDocument, after: Engagement) -> ReviewEdit? {
        undo(before: e, lists: UndoLists(doc), after: after)
    }

    /// `undo(before:document:after:)` with only the lists the document had.
    public func undo(before e: Engagement, lists: UndoLists, after: Engagement) -> ReviewEdit? {
        switch self {
        case .nextStep(let id, _, let mine):
            guard let i = e.deals.firstIndex(where: { $0.id == id }) else { return nil }
            return .nextStep(deal: id, base: mine, mine: e.deals[i].nextStep ?? "")
        case .stallAck(let id, _, let mine):
            guard let i = e.deals.firstIndex(where: { $0.id == id }) else { return nil }
            return .stallAck(deal: id, base: mine, mine: e.deals[i].stallAck.map { StallAckDraft(until: $0.until, note: $0.note ?? "") })
        case .autopsy(let id, _, let mine, let writtenOn):
            if let at = Self.latestAutopsy(of: id, in: e) {
                return .autopsy(deal: id, base: mine, mine: AutopsyDraft(e.autopsies[at]), writtenOn: writtenOn)
            }
            return .removeAutopsy(deal: id, mine: mine, writtenOn: writtenOn, dropsList: !lists.autopsies)
        case .addAutopsy(let id, let draft, let writtenOn):
            return .removeAutopsy(deal: id, mine: draft, writtenOn: writtenOn, dropsList: !lists.autopsies)
        case .addAction(let week, let text, _, _):
            let ordinal = e.actions.filter { $0.week == week }.count
            return .removeAction(ActionRef(week: week, ordinal: ordinal, text: text), dropsList: !lists.actions)
        case .setActionStatus(let ref, _, let mine):
            guard let at = try? Self.action(ref, in: e) else { return nil }
            return .setActionStatus(ref, base: mine, mine: e.actions[at].status)
        case .recordForecast(let asOf):
            let made = { (list: [Forecast]) in
                Dictionary(list.filter { $0.madeOn == asOf }.map { ($0.month, $0.amount) }, uniquingKeysWith: { a, _ in a })
            }
            return .restoreForecasts(asOf: asOf, wrote: made(after.forecasts), before: made(e.forecasts), dropsList: !lists.forecasts)
        case .improvement(let kpi, _, let mine):
            return .improvement(kpi: kpi, base: mine, mine: e.targets.improvements[kpi.rawValue])
        case .removeAutopsy, .removeAction, .restoreForecasts:
            return nil
        }
    }

    /// What the edit changed, for "Undone: …" and "u undoes …".
    public var summary: String {
        switch self {
        case .nextStep(let id, _, _): return "the next step of \(id)"
        case .stallAck(let id, _, _): return "the stall acknowledgement of \(id)"
        case .autopsy(let id, _, _, _), .addAutopsy(let id, _, _), .removeAutopsy(let id, _, _, _): return "the autopsy of \(id)"
        case .addAction(_, let text, _, _): return "the action \"\(text)\""
        case .setActionStatus(let ref, _, _): return "the status of \"\(ref.text)\""
        case .removeAction(let ref, _): return "the action \"\(ref.text)\""
        case .recordForecast(let asOf), .restoreForecasts(let asOf, _, _, _): return "the forecast of \(asOf)"
        case .improvement(let kpi, _, _): return "the improvement target of \(KPICatalog.definition(kpi).name)"
        }
    }

    /// The edits of the undo-only cases, merged like every other edit.
    func undoEdits(in e: Engagement, document doc: JSONDocument, merge: inout FieldMerge) throws(EngagementFile.Failure) -> [JSONEdit] {
        switch self {
        case .removeAutopsy(let id, let mine, _, let dropsList):
            guard let at = Self.latestAutopsy(of: id, in: e) else { throw EngagementFile.Failure("the autopsy of \(id) is no longer in the file") }
            let theirs = AutopsyDraft(e.autopsies[at])
            guard theirs == mine || merge.choice == .keepMine else {
                merge.conflicts.append(EditConflict(field: "autopsy of \(id)", theirs: Self.describe(theirs), mine: "(removed)"))
                return []
            }
            return [Self.removal(["autopsies", .index(at)], dropsList: dropsList && e.autopsies.count == 1)]
        case .removeAction(let ref, let dropsList):
            let at = try Self.action(ref, in: e)
            let status = e.actions[at].status
            guard status == "planned" || merge.choice == .keepMine else {
                merge.conflicts.append(EditConflict(field: "action \"\(ref.text)\"", theirs: status, mine: "(removed)"))
                return []
            }
            return [Self.removal(["actions", .index(at)], dropsList: dropsList && e.actions.count == 1)]
        case .restoreForecasts(let asOf, let wrote, let before, let dropsList):
            var edits: [JSONEdit] = [], removed: [Int] = []
            for (i, f) in e.forecasts.enumerated() where f.madeOn == asOf && wrote[f.month] != nil {
                let shown = { (amount: Double?) in amount.map(jsonNumber) ?? "(none)" }
                guard merge.take("forecast of \(f.month) made on \(asOf)", base: shown(wrote[f.month]), mine: shown(before[f.month]), theirs: shown(f.amount)) else { continue }
                if let was = before[f.month] { edits.append(.replace(["forecasts", .index(i), "amount"], json: jsonNumber(was))) } else { removed.append(i) }
            }
            // Every entry goes: the list goes too when the undone save added it, else it is left empty
            // (removing neighbours one by one from the front would overlap).
            if !removed.isEmpty && removed.count == e.forecasts.count { return edits + [dropsList ? .remove(["forecasts"]) : .replace(["forecasts"], json: "[]")] }
            return edits + removed.map { .remove(["forecasts", .index($0)]) }
        default:
            return []
        }
    }

    /// Removes an element, or its whole list when the undone save added the list.
    static func removal(_ element: [JSONDocument.Step], dropsList: Bool) -> JSONEdit {
        dropsList ? .remove(Array(element.dropLast())) : .remove(element)
    }

    static func describe(_ d: AutopsyDraft) -> String {
        "KPIs \(d.kpis.joined(separator: ", ")); root cause \(d.rootCause); change \(d.systemicChange); status \(d.status)"
    }
}
