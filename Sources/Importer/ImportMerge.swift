import MetricsCore

/// What importing an export into an existing engagement changes, deal by deal.
public struct MergeReport: Sendable {
    public var newDeals: [String] = []
    public var stageMoves: [(id: String, from: String, to: String)] = []
    public var closeDateMoves: [(id: String, from: Day, to: Day)] = []
    public var amountChanges: [(id: String, from: Double, to: Double)] = []
    /// Deals in the file that the export no longer has: reported, never deleted.
    public var gone: [String] = []
    public var newAccounts = 0, newReps = 0
    public var isEmpty: Bool { newDeals.isEmpty && stageMoves.isEmpty && closeDateMoves.isEmpty && amountChanges.isEmpty && newAccounts == 0 && newReps == 0 }
}

/// Builds history from successive exports: matches deals by id and records what moved since
/// the file was last imported, as byte-preserving edits of the existing file (everything the
/// CRO wrote, and every unknown key, stays as it is).
public enum ImportMerge {
    public static func plan(existing: Engagement, document: JSONDocument, incoming: Engagement, asOf: Day) -> (edits: [JSONEdit], report: MergeReport) {
        var edits: [JSONEdit] = []
        var report = MergeReport()
        let known = Dictionary(existing.deals.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let exported = Set(incoming.deals.map(\.id))
        for deal in incoming.deals {
            guard let i = known[deal.id] else {
                report.newDeals.append(deal.id)
                edits.append(.append(["deals"], json: EngagementWriter.json(of: deal)))
                continue
            }
            let old = existing.deals[i]
            let path: [JSONDocument.Step] = ["deals", .index(i)]
            let oldStage = old.stageHistory.last!, newStage = deal.stageHistory.last!
            if oldStage.stage != newStage.stage {
                // The export's own date for the move when it has one after the last known move, else the export date.
                let on = newStage.on > oldStage.on && newStage.on <= asOf ? newStage.on : max(asOf, oldStage.on)
                edits.append(.append(path + ["stage_history"], json: "{\"stage\": \(quoted(newStage.stage)), \"on\": \"\(on)\"}"))
                report.stageMoves.append((deal.id, oldStage.stage, newStage.stage))
            }
            if let to = deal.expectedClose, to != old.expectedClose {
                if let from = old.expectedClose {
                    let change = "{\"on\": \"\(asOf)\", \"from\": \"\(from)\", \"to\": \"\(to)\"}"
                    edits.append(document.appending(path, toList: "close_date_changes", json: change))
                    report.closeDateMoves.append((deal.id, from, to))
                }
                edits.append(document.setting(path, key: "expected_close", json: "\"\(to)\""))
            }
            if deal.amount != old.amount {
                edits.append(.replace(path + ["amount"], json: jsonNumberText(deal.amount)))
                report.amountChanges.append((deal.id, old.amount, deal.amount))
            }
        }
        report.gone = existing.deals.map(\.id).filter { !exported.contains($0) }
        // New accounts and reps: appended, or the whole list added when the file has none.
        let newAccounts = incoming.accounts.filter { a in !existing.accounts.contains { $0.id == a.id } }.map(EngagementWriter.json(of:))
        let newReps = incoming.reps.filter { r in !existing.reps.contains { $0.id == r.id } }.map(EngagementWriter.json(of:))
        for (key, items) in [("accounts", newAccounts), ("reps", newReps)] where !items.isEmpty {
            if document.node(at: [.key(key)]) == nil {
                edits.append(.insert([], key: key, json: "[\n" + items.map { "  " + $0 }.joined(separator: ",\n") + "\n]"))
            } else {
                edits += items.map { .append([.key(key)], json: $0) }
            }
        }
        report.newAccounts = newAccounts.count
        report.newReps = newReps.count
        edits.append(document.setting([], key: "data_as_of", json: "\"\(asOf)\""))
        return (edits, report)
    }

    static func quoted(_ s: String) -> String { jsonQuoted(s) }
}

func jsonNumberText(_ v: Double) -> String {
    v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v)
}
