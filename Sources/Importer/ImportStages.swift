import MetricsCore

/// The stages of a re-import against those of the engagement file it goes into: the file's
/// stages stay as they are, and the stages the export (or its mapping) adds are appended.
public enum ImportStages {
    /// The incoming engagement with its stages renamed to the file's where they are the same
    /// stage (same id, same name, or the won stage: there is one), and the stages to append.
    public static func reconcile(existing: [Stage], incoming: Engagement) -> (incoming: Engagement, added: [Stage]) {
        var renamed: [String: String] = [:]
        var added: [Stage] = []
        for stage in incoming.stages {
            if existing.contains(where: { $0.id == stage.id }) { continue }
            if let same = existing.first(where: { $0.name.caseInsensitiveCompare(stage.name) == .orderedSame && $0.outcome == stage.outcome }) {
                renamed[stage.id] = same.id
            } else if stage.outcome == .won, let won = existing.first(where: { $0.outcome == .won }) {
                renamed[stage.id] = won.id
            } else {
                added.append(stage)
            }
        }
        var out = incoming
        if !renamed.isEmpty {
            for i in out.deals.indices {
                for j in out.deals[i].stageHistory.indices {
                    if let to = renamed[out.deals[i].stageHistory[j].stage] { out.deals[i].stageHistory[j].stage = to }
                }
            }
            out.stages = out.stages.filter { renamed[$0.id] == nil }
        }
        return (out, added)
    }

    /// A stage as the JSON text an edit appends to the file's `stages`.
    public static func json(of stage: Stage) -> String {
        var parts = ["\"id\": \(jsonQuoted(stage.id))", "\"name\": \(jsonQuoted(stage.name))"]
        if let p = stage.probability { parts.append("\"probability\": \(jsonNumberText(p))") }
        if let o = stage.outcome { parts.append("\"outcome\": \"\(o.rawValue)\"") }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
