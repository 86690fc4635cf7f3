/// Text typed for the file (a stall note, an autopsy's fields, an action), stored the same way
/// from the cockpit's forms and from `redline ack`, `autopsy add` and `action add`: line breaks
/// and tabs become spaces, other control characters and escape sequences are dropped
/// (`sanitizedForDisplay`), and both ends are trimmed. A note the loader would warn of is never written.
public func typedText(_ text: String) -> String {
    sanitizedForDisplay(text).trimmingCharacters(in: .whitespaces)
}

/// The fields of a KPI autopsy as a form holds them (empty text = absent).
public struct AutopsyDraft: Sendable, Hashable {
    public var kpis: [String]
    public var rootCause: String
    public var systemicChange: String
    public var owner: String
    public var due: Day?
    public var status: String

    public init(kpis: [String] = [], rootCause: String = "", systemicChange: String = "", owner: String = "", due: Day? = nil, status: String = "open") {
        self.kpis = kpis; self.rootCause = rootCause; self.systemicChange = systemicChange
        self.owner = owner; self.due = due; self.status = status
    }

    public init(_ a: Autopsy) {
        self.init(kpis: a.kpis, rootCause: a.rootCause ?? "", systemicChange: a.systemicChange ?? "", owner: a.owner ?? "", due: a.due, status: a.status ?? "open")
    }
}

/// Which action of a week: its place among that week's actions and its text, so a save finds
/// it again even when someone else added or removed actions meanwhile.
public struct ActionRef: Sendable, Hashable {
    public let week: ISOWeek
    public let ordinal: Int
    public let text: String
    public init(week: ISOWeek, ordinal: Int, text: String) { self.week = week; self.ordinal = ordinal; self.text = text }
}

/// A change made during the review, with the values the user saw when starting it (`base`).
/// Saving re-reads the file under its lock: a field nobody else changed takes the new value;
/// a field someone else changed to something different is a conflict, reported with both
/// versions instead of being silently overwritten (unless the user chose theirs or mine).
public enum ReviewEdit: Sendable, Hashable {
    case nextStep(deal: String, base: String, mine: String)
    /// Sets the deal's stall acknowledgement, or removes it when `mine` is nil (an undo).
    case stallAck(deal: String, base: StallAckDraft?, mine: StallAckDraft?)
    /// Writes the deal's latest autopsy (`base` as shown), or a new one when `base` is nil.
    case autopsy(deal: String, base: AutopsyDraft?, mine: AutopsyDraft, writtenOn: Day)
    /// Appends another autopsy, whatever was written before (`redline autopsy add`).
    case addAutopsy(deal: String, AutopsyDraft, writtenOn: Day)
    case addAction(week: ISOWeek, text: String, kpi: String?, owner: String?)
    case setActionStatus(ActionRef, base: String, mine: String)
    /// Records the rolling forecast as of a date, computed from the file as it is under the lock.
    case recordForecast(asOf: Day)
    /// Sets a KPI's improvement target (`targets.improvements`), or removes it when `mine` is nil.
    case improvement(kpi: KPIID, base: Improvement?, mine: Improvement?)
    /// Undoes a written autopsy (`u`): removes the deal's latest autopsy when it still says
    /// `mine`, and the `autopsies` list when the undone save added it.
    case removeAutopsy(deal: String, mine: AutopsyDraft, writtenOn: Day, dropsList: Bool)
    /// Undoes a planned action (`u`): removes it while it is still planned with its text.
    case removeAction(ActionRef, dropsList: Bool)
    /// Undoes a recorded forecast (`u`): the amounts made on `asOf` go back to `before` (an
    /// entry absent there is removed) while they still say `wrote`.
    case restoreForecasts(asOf: Day, wrote: [YearMonth: Double], before: [YearMonth: Double], dropsList: Bool)
}

public struct StallAckDraft: Sendable, Hashable {
    public var until: Day
    public var note: String
    public init(until: Day, note: String) { self.until = until; self.note = note }
}

/// One field changed both here and on disk since the form opened.
public struct EditConflict: Sendable, Hashable {
    public let field: String
    /// The value on disk now (someone else's).
    public let theirs: String
    public let mine: String
    public init(field: String, theirs: String, mine: String) { self.field = field; self.theirs = theirs; self.mine = mine }
}

/// What to do with a save.
public enum EditPlan: Sendable {
    case write([JSONEdit])
    /// Nothing to write: the file already says what the user typed.
    case unchanged
    case conflicts([EditConflict])
}

/// How a save treats a field that both sides changed.
public enum ConflictChoice: Sendable, Hashable {
    /// Report it (the default).
    case ask
    /// Write the user's value over the other one.
    case keepMine
}

extension ReviewEdit {
    /// The edits that carry this change into `e` (the file as it is now), merged field by field.
    public func plan(in e: Engagement, document doc: JSONDocument, choice: ConflictChoice = .ask) throws(EngagementFile.Failure) -> EditPlan {
        var merge = FieldMerge(choice: choice)
        var edits: [JSONEdit] = []
        switch self {
        case .nextStep(let id, let base, let mine):
            let i = try Self.deal(id, in: e)
            if merge.take("next step", base: base, mine: mine, theirs: e.deals[i].nextStep ?? "") {
                // Cleared: the member goes (absent and null mean the same), so an undo of a first
                // next step gives back the file as it was.
                let path: [JSONDocument.Step] = ["deals", .index(i), "next_step"]
                if mine.isEmpty { if doc.node(at: path) != nil { edits.append(.remove(path)) } }
                else { edits.append(doc.setting(["deals", .index(i)], key: "next_step", json: jsonQuoted(mine))) }
            }
        case .stallAck(let id, let base, let mine):
            let i = try Self.deal(id, in: e)
            let theirs = e.deals[i].stallAck.map { StallAckDraft(until: $0.until, note: $0.note ?? "") }
            let label: (StallAckDraft?) -> String = { $0.map { "until \($0.until): \($0.note)" } ?? "(none)" }
            if merge.take("stall acknowledgement", base: label(base), mine: label(mine), theirs: label(theirs)) {
                if let mine {
                    edits.append(doc.setting(["deals", .index(i)], key: "stall_ack", json: "{\"until\": \"\(mine.until)\", \"note\": \(jsonQuoted(mine.note))}"))
                } else if doc.node(at: ["deals", .index(i), "stall_ack"]) != nil {
                    edits.append(.remove(["deals", .index(i), "stall_ack"]))
                }
            }
        case .autopsy(let id, let base, let mine, let writtenOn):
            _ = try Self.deal(id, in: e)
            guard let at = Self.latestAutopsy(of: id, in: e) else {
                edits.append(doc.appending([], toList: "autopsies", json: Self.autopsyJSON(deal: id, mine, writtenOn: writtenOn)))
                break
            }
            let theirs = AutopsyDraft(e.autopsies[at])
            let was = base ?? AutopsyDraft(status: "")
            let path: [JSONDocument.Step] = ["autopsies", .index(at)]
            let fields: [(String, String, (AutopsyDraft) -> String, String)] = [
                ("KPIs hurt", "kpis", { $0.kpis.joined(separator: ", ") }, "[" + mine.kpis.map(jsonQuoted).joined(separator: ", ") + "]"),
                ("root cause", "root_cause", \.rootCause, Self.text(mine.rootCause)),
                ("systemic change", "systemic_change", \.systemicChange, Self.text(mine.systemicChange)),
                ("owner", "owner", \.owner, Self.text(mine.owner)),
                ("due", "due", { $0.due.map { "\($0)" } ?? "" }, mine.due.map { "\"\($0)\"" } ?? "null"),
                ("status", "status", \.status, jsonQuoted(mine.status)),
            ]
            for (label, key, value, json) in fields where merge.take(label, base: value(was), mine: value(mine), theirs: value(theirs)) {
                edits.append(doc.setting(path, key: key, json: json))
            }
        case .addAutopsy(let id, let draft, let writtenOn):
            _ = try Self.deal(id, in: e)
            edits.append(doc.appending([], toList: "autopsies", json: Self.autopsyJSON(deal: id, draft, writtenOn: writtenOn)))
        case .addAction(let week, let text, let kpi, let owner):
            var fields = ["\"week\": \"\(week)\"", "\"status\": \"planned\"", "\"text\": \(jsonQuoted(text))"]
            if let kpi { fields.append("\"kpi\": \(jsonQuoted(kpi))") }
            if let owner, !owner.isEmpty { fields.append("\"owner\": \(jsonQuoted(owner))") }
            edits.append(doc.appending([], toList: "actions", json: "{" + fields.joined(separator: ", ") + "}"))
        case .setActionStatus(let ref, let base, let mine):
            let at = try Self.action(ref, in: e)
            if merge.take("status of \"\(ref.text)\"", base: base, mine: mine, theirs: e.actions[at].status) {
                edits.append(.replace(["actions", .index(at), "status"], json: jsonQuoted(mine)))
            }
        case .recordForecast(let asOf):
            edits += ForecastRecord.edits(RollingForecast(KPIContext(index: EngagementIndex(e), asOf: asOf)), in: e, document: doc)
        case .improvement(let kpi, let base, let mine):
            let theirs = e.targets.improvements[kpi.rawValue]
            if merge.take("improvement target of \(kpi.rawValue)", base: Improvement.label(base), mine: Improvement.label(mine), theirs: Improvement.label(theirs)) {
                if let mine { edits += mine.edits(for: kpi, in: doc) } else { edits += Improvement.removal(for: kpi, in: doc) }
            }
        case .removeAutopsy, .removeAction, .restoreForecasts:
            edits += try undoEdits(in: e, document: doc, merge: &merge)
        }
        if !merge.conflicts.isEmpty { return .conflicts(merge.conflicts) }
        return edits.isEmpty ? .unchanged : .write(edits)
    }

    static func deal(_ id: String, in e: Engagement) throws(EngagementFile.Failure) -> Int {
        guard let i = e.deals.firstIndex(where: { $0.id == id }) else { throw EngagementFile.Failure("no deal \(id) in the file any more") }
        return i
    }

    /// The autopsy the review shows for a deal: the latest written (the last of equal dates).
    public static func latestAutopsy(of deal: String, in e: Engagement) -> Int? {
        var best: Int?
        for (i, a) in e.autopsies.enumerated() where a.deal == deal {
            if let b = best, e.autopsies[b].writtenOn > a.writtenOn { continue }
            best = i
        }
        return best
    }

    static func action(_ ref: ActionRef, in e: Engagement) throws(EngagementFile.Failure) -> Int {
        let ofWeek = e.actions.indices.filter { e.actions[$0].week == ref.week }
        if ofWeek.indices.contains(ref.ordinal), e.actions[ofWeek[ref.ordinal]].text == ref.text { return ofWeek[ref.ordinal] }
        guard let i = ofWeek.first(where: { e.actions[$0].text == ref.text }) else {
            throw EngagementFile.Failure("the action \"\(ref.text)\" of \(ref.week) is no longer in the file")
        }
        return i
    }

    /// Optional text: empty means absent, written as `null` so an earlier value is cleared.
    static func text(_ s: String) -> String { s.isEmpty ? "null" : jsonQuoted(s) }

    static func autopsyJSON(deal: String, _ d: AutopsyDraft, writtenOn: Day) -> String {
        var fields = ["\"deal\": \(jsonQuoted(deal))", "\"written_on\": \"\(writtenOn)\"", "\"kpis\": [\(d.kpis.map(jsonQuoted).joined(separator: ", "))]",
                      "\"root_cause\": \(jsonQuoted(d.rootCause))", "\"systemic_change\": \(jsonQuoted(d.systemicChange))"]
        if !d.owner.isEmpty { fields.append("\"owner\": \(jsonQuoted(d.owner))") }
        if let due = d.due { fields.append("\"due\": \"\(due)\"") }
        fields.append("\"status\": \(jsonQuoted(d.status))")
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

/// A three-way merge of single fields: base (seen when the form opened), mine, theirs (on disk).
struct FieldMerge {
    let choice: ConflictChoice
    var conflicts: [EditConflict] = []

    /// True when `mine` should be written.
    mutating func take(_ field: String, base: String, mine: String, theirs: String) -> Bool {
        if mine == base || mine == theirs { return false } // not changed here, or already there
        if theirs == base || choice == .keepMine { return true }
        conflicts.append(EditConflict(field: field, theirs: theirs, mine: mine))
        return false
    }
}
