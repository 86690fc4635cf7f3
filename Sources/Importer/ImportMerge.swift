import MetricsCore

/// What importing an export into an existing engagement changes, deal by deal.
public struct MergeReport: Sendable {
    public var newDeals: [String] = []
    /// New deals whose CRM dates were before the day after the last import, dated that day.
    public var newDealsRedated = 0
    public var stageMoves: [(id: String, from: String, to: String)] = []
    /// Stage moves whose CRM date was before the day after the last import, dated that day.
    public var movesRedated = 0
    public var closeDateMoves: [(id: String, from: Day, to: Day)] = []
    /// Open deals that had no expected close and now have one.
    public var firstCloseDates: [(id: String, to: Day)] = []
    public var amountChanges: [(id: String, from: Double, to: Double)] = []
    public var renames: [(id: String, from: String, to: String)] = []
    public var ownerChanges: [(id: String, from: String?, to: String)] = []
    public var accountChanges: [(id: String, from: String?, to: String)] = []
    public var probabilityChanges: [(id: String, from: Double?, to: Double)] = []
    /// Deals the export no longer has: they get `gone_on` (kept in the file, never deleted).
    public var gone: [String] = []
    /// Deals gone at an earlier import and still missing: nothing changes for them.
    public var stillGone = 0
    /// Deals gone at an earlier import that the export has again: they lose `gone_on`.
    public var cameBack: [String] = []
    public var newAccounts = 0, newReps = 0
    /// The file's `data_as_of` before and after, when it changes.
    public var dataAsOf: (from: Day?, to: Day)?
    /// The file's `data_as_of`, kept: nothing moved and the export's date was not given (a file's
    /// modification date is no news; the same export imported again changes no byte).
    public var keptDataAsOf: Day?
    /// The day of the last import, when this export has the same date and changes something:
    /// its changes are dated that day, so that day's figures change (decisions.md: the later
    /// export of a day corrects the earlier).
    public var sameDayAsLastImport: Day?

    public init() {}

    public var isEmpty: Bool {
        newDeals.isEmpty && stageMoves.isEmpty && closeDateMoves.isEmpty && firstCloseDates.isEmpty && amountChanges.isEmpty
            && renames.isEmpty && ownerChanges.isEmpty && accountChanges.isEmpty
            && gone.isEmpty && cameBack.isEmpty && newAccounts == 0 && newReps == 0 && dataAsOf == nil
    }
}

/// Why an export cannot be merged into a file.
public struct MergeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Builds history from successive exports (engagement-format.md, "Successive exports"): matches
/// deals by id and records what moved since the file was last imported, as byte-preserving
/// edits of the existing file. Everything the CRO wrote, every unknown key and every entry
/// already in the file stay as they are, so a review as of a day up to the last import's
/// `data_as_of` computes what it computed before.
///
/// Linear in the deals: one dictionary of ids, the deals array's element nodes resolved once,
/// and every edit addressed from its deal's node.
public enum ImportMerge {
    /// `asOfGiven`: whether `asOf` is the date the user gave, not one guessed (the export file's
    /// modification date); a guessed date alone does not move the file's `data_as_of`.
    public static func plan(existing: Engagement, document: JSONDocument, incoming: Engagement, asOf: Day,
                            asOfGiven: Bool = true) throws(MergeError) -> (edits: [JSONEdit], report: MergeReport) {
        var edits: [JSONEdit] = []
        var report = MergeReport()
        if let previous = existing.dataAsOf, asOf < previous {
            // A guessed date (the file's modification date) is the likely mistake: say what fixes it.
            let guessed = asOfGiven ? "" : " (without --as-of it is the export file's modification date: give the day it was exported)"
            throw MergeError("the export's date \(asOf) is before the file's data_as_of \(previous) (its last import): import exports oldest first\(guessed)")
        }
        // What moved between the exports happened after the earlier one: dated from the day after
        // it (the export's own day when both have the same date), and never after this export.
        let earliest = existing.dataAsOf.map { min($0 + 1, asOf) }
        let elements = document.node(at: ["deals"]).map(document.elements(of:)) ?? []
        // A file that loads without errors has exactly one model deal per element, in order.
        guard elements.count == existing.deals.count else {
            throw MergeError("the file's deals array has \(elements.count) element\(elements.count == 1 ? "" : "s") but \(existing.deals.count) deals loaded")
        }
        var known: [String: Int] = [:]
        known.reserveCapacity(existing.deals.count)
        for (i, deal) in existing.deals.enumerated() where known[deal.id] == nil { known[deal.id] = i }
        var isOutcome: [String: Bool] = [:]
        for s in existing.stages { isOutcome[s.id] = s.outcome != nil }
        var exported = Set<String>()
        exported.reserveCapacity(incoming.deals.count)

        for deal in incoming.deals {
            exported.insert(deal.id)
            guard let i = known[deal.id] else {
                let (shifted, redated) = datedAfter(deal, earliest)
                report.newDeals.append(deal.id)
                if redated { report.newDealsRedated += 1 }
                edits.append(.append(["deals"], json: EngagementWriter.json(of: shifted)))
                continue
            }
            let old = existing.deals[i]
            let at: [JSONDocument.Step] = [.node(elements[i])]
            if old.goneOn != nil {
                edits.append(.remove(at + ["gone_on"]))
                report.cameBack.append(deal.id)
            }
            let oldStage = old.stageHistory.last!, newStage = deal.stageHistory.last!
            if oldStage.stage != newStage.stage {
                var on = min(newStage.on, asOf)
                if let earliest, on < earliest { on = earliest; report.movesRedated += 1 }
                on = max(on, oldStage.on) // the history stays in date order
                edits.append(.append(at + ["stage_history"], json: "{\"stage\": \(jsonQuoted(newStage.stage)), \"on\": \"\(on)\"}"))
                report.stageMoves.append((deal.id, oldStage.stage, newStage.stage))
            }
            if let to = deal.expectedClose, to != old.expectedClose {
                if let from = old.expectedClose {
                    let change = "{\"on\": \"\(asOf)\", \"from\": \"\(from)\", \"to\": \"\(to)\"}"
                    edits.append(document.appending(at, toList: "close_date_changes", json: change))
                    edits.append(document.setting(at, key: "expected_close", json: "\"\(to)\""))
                    report.closeDateMoves.append((deal.id, from, to))
                } else if isOutcome[newStage.stage] != true {
                    // An open deal's first close date: format 1 cannot say "unknown until today".
                    edits.append(document.setting(at, key: "expected_close", json: "\"\(to)\""))
                    report.firstCloseDates.append((deal.id, to))
                }
                // A deal that closed without a known close date gets none: while it was open it had none.
            }
            // Amounts, names, owners and accounts follow the CRM (no history in format 1; the spec's
            // list); an empty cell in the export never erases what the file has.
            if deal.amount != old.amount {
                edits.append(.replace(at + ["amount"], json: jsonNumberText(deal.amount)))
                report.amountChanges.append((deal.id, old.amount, deal.amount))
            }
            if deal.name != old.name {
                edits.append(.replace(at + ["name"], json: jsonQuoted(deal.name)))
                report.renames.append((deal.id, old.name, deal.name))
            }
            if let owner = deal.owner, owner != old.owner {
                edits.append(document.setting(at, key: "owner", json: jsonQuoted(owner)))
                report.ownerChanges.append((deal.id, old.owner, owner))
            }
            if let account = deal.account, account != old.account {
                edits.append(document.setting(at, key: "account", json: jsonQuoted(account)))
                report.accountChanges.append((deal.id, old.account, account))
            }
            // Not the probability: it is not in the spec's list, and today's value would change the
            // forecast of every past review (the stage moves that drive it do have history).
            if let p = deal.probability, p != old.probability {
                report.probabilityChanges.append((deal.id, old.probability, p))
            }
        }
        for (i, old) in existing.deals.enumerated() where !exported.contains(old.id) {
            if old.goneOn != nil { report.stillGone += 1; continue }
            edits.append(document.setting([.node(elements[i])], key: "gone_on", json: "\"\(asOf)\""))
            report.gone.append(old.id)
        }
        // New accounts and reps: appended, or the whole list added when the file has none.
        let accountIDs = Set(existing.accounts.map(\.id)), repIDs = Set(existing.reps.map(\.id))
        let newAccounts = incoming.accounts.filter { !accountIDs.contains($0.id) }.map(EngagementWriter.json(of:))
        let newReps = incoming.reps.filter { !repIDs.contains($0.id) }.map(EngagementWriter.json(of:))
        for (key, items) in [("accounts", newAccounts), ("reps", newReps)] where !items.isEmpty {
            if document.node(at: [.key(key)]) == nil {
                edits.append(.insert([], key: key, json: "[\n" + items.map { "  " + $0 }.joined(separator: ",\n") + "\n]"))
            } else {
                edits += items.map { .append([.key(key)], json: $0) }
            }
        }
        report.newAccounts = newAccounts.count
        report.newReps = newReps.count
        if existing.dataAsOf != asOf && !asOfGiven && edits.isEmpty {
            report.keptDataAsOf = existing.dataAsOf
        } else if existing.dataAsOf != asOf {
            edits.append(document.setting([], key: "data_as_of", json: "\"\(asOf)\""))
            report.dataAsOf = (existing.dataAsOf, asOf)
        } else if !edits.isEmpty {
            report.sameDayAsLastImport = asOf
        }
        return (edits, report)
    }

    /// A deal the earlier export did not have, with its dates moved to `earliest` when before
    /// it, so it is not in reviews up to that export. Its cycle still starts on the CRM's
    /// create date (`first_meeting`). Returns whether any date moved.
    static func datedAfter(_ deal: Deal, _ earliest: Day?) -> (Deal, Bool) {
        guard let earliest, deal.created < earliest || deal.stageHistory.contains(where: { $0.on < earliest }) else { return (deal, false) }
        var d = deal
        if d.created < earliest {
            if d.firstMeeting == nil { d.firstMeeting = d.created }
            d.created = earliest
        }
        for k in d.stageHistory.indices where d.stageHistory[k].on < earliest { d.stageHistory[k].on = earliest }
        return (d, true)
    }
}

func jsonNumberText(_ v: Double) -> String {
    v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v)
}
