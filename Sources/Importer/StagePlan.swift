import Foundation
import MetricsCore

/// What an export says about one stage label, gathered in one pass over its rows.
struct LabelProfile {
    let label: String
    let firstRow: Int
    var count = 0
    var probabilitySum = 0.0, probabilityCount = 0
    /// Rows whose won / closed flags say yes or no.
    var won = 0, notWon = 0, closed = 0, notClosed = 0
    /// Rows whose flags together say the deal is won, or lost (`FlagOutcome`).
    var saysWon = 0, saysLost = 0
    /// Rows whose forecast category is `Closed` (Salesforce: the won stages), or another.
    var forecastClosed = 0, forecastOther = 0
    /// Days from a deal's first `Date entered` to its entering this label's stage.
    var enteredOffsetSum = 0, enteredCount = 0

    init(label: String, firstRow: Int) { self.label = label; self.firstRow = firstRow }

    var probabilityMean: Double? { probabilityCount > 0 ? probabilitySum / Double(probabilityCount) : nil }
    var enteredMean: Double? { enteredCount > 0 ? Double(enteredOffsetSum) / Double(enteredCount) : nil }
}

/// How one label of the export became a stage, for the summary and a written mapping.
public struct StageLine: Sendable, Equatable {
    public let label: String
    public let count: Int
    public let stageID: String
    public let outcome: Stage.Outcome?
    /// Why this outcome: `its words`, `Is Closed Won`, `the mapping`, `HubSpot's default`.
    public let basis: String
}

/// The columns besides the stage that say something about stages.
struct StageEvidenceColumns {
    var probability: String?, isWon: String?, isClosed: String?, forecast: String?
    var entered = false
    /// The status column both flags read (`ImportPlan.statusColumn`).
    var status: String?
}

/// The stages of an import: the mapping's, the preset's defaults, or, for labels that are
/// neither, inferred from the label's words (and the CRM's won/closed flags when the export
/// has them), with open stages ordered by what the file says.
struct StagePlan {
    var stages: [ImportMapping.StageSpec]
    /// One line per label when any stage was inferred; empty when the stages are as given.
    var lines: [StageLine] = []
    /// How the open stages were ordered, when they were inferred.
    var order: String?
    /// Labels merged into one won stage, outcome stages added with no deal.
    var notes: [String] = []

    typealias Spec = ImportMapping.StageSpec

    static func resolve(_ labels: [LabelProfile], mapping: ImportMapping, evidence columns: StageEvidenceColumns) -> StagePlan {
        guard let preset = mapping.preset else { return StagePlan(stages: mapping.stages) }
        let defaults = preset.stages
        func covers(_ spec: Spec, _ label: String) -> Bool {
            (spec.labels + [spec.id]).contains { $0.caseInsensitiveCompare(label) == .orderedSame }
        }
        struct Candidate {
            var spec: Spec
            var profiles: [LabelProfile]
            var mappingIndex: Int?, presetIndex: Int?
            var basis: String
            var firstRow: Int { profiles.map(\.firstRow).min() ?? Int.max }
            var count: Int { profiles.reduce(0) { $0 + $1.count } }
        }
        var candidates: [Candidate] = []
        var custom = !mapping.stages.isEmpty
        for p in labels {
            if let mi = mapping.stages.firstIndex(where: { covers($0, p.label) }) {
                if let c = candidates.firstIndex(where: { $0.mappingIndex == mi }) { candidates[c].profiles.append(p); continue }
                candidates.append(Candidate(spec: mapping.stages[mi], profiles: [p], mappingIndex: mi, basis: "the mapping"))
            } else if let di = defaults.firstIndex(where: { d in d.labels.contains { $0.caseInsensitiveCompare(p.label) == .orderedSame } }) {
                let said = evidence(p, columns, words: false)
                var spec = defaults[di]
                var basis = "\(preset.crmName)'s default"
                if let said, said.outcome != spec.outcome {
                    custom = true
                    spec.outcome = said.outcome
                    basis = said.basis
                }
                if let c = candidates.firstIndex(where: { $0.presetIndex == di }) { candidates[c].profiles.append(p); continue }
                candidates.append(Candidate(spec: spec, profiles: [p], presetIndex: di, basis: basis))
            } else if let c = candidates.firstIndex(where: { $0.mappingIndex == nil && $0.presetIndex == nil && $0.spec.labels[0].caseInsensitiveCompare(p.label) == .orderedSame }) {
                // The same label in another case is the same stage.
                candidates[c].profiles.append(p)
                candidates[c].spec.labels.append(p.label)
            } else {
                custom = true
                let said = evidence(p, columns, words: true)!
                candidates.append(Candidate(spec: Spec(id: slug(p.label), name: p.label, probability: nil, outcome: said.outcome, labels: [p.label]),
                                            profiles: [p], basis: said.basis))
            }
        }
        guard custom else { return StagePlan(stages: defaults) }
        var plan = StagePlan(stages: [])

        // Ids unique: an inferred label may slug to another stage's id.
        var used = Set(candidates.filter { $0.mappingIndex != nil || $0.presetIndex != nil }.map(\.spec.id) + mapping.stages.map(\.id))
        for i in candidates.indices where candidates[i].mappingIndex == nil && candidates[i].presetIndex == nil {
            var id = candidates[i].spec.id, n = 2
            while used.contains(id) { id = "\(candidates[i].spec.id)-\(n)"; n += 1 }
            candidates[i].spec.id = id
            used.insert(id)
        }
        // Probabilities from the export when it has them (the CRM's own, per stage).
        for i in candidates.indices where candidates[i].spec.outcome == nil {
            let values = candidates[i].profiles.compactMap(\.probabilityMean)
            guard !values.isEmpty, candidates[i].mappingIndex == nil || candidates[i].spec.probability == nil else { continue }
            candidates[i].spec.probability = (values.reduce(0, +) / Double(values.count) * 100).rounded() / 100
        }

        // One won stage: the mapping's, else the default's, else the first won label's; every
        // other won label joins it.
        var won = candidates.filter { $0.spec.outcome == .won }
        var wonStage: Candidate
        if let mi = mapping.stages.firstIndex(where: { $0.outcome == .won }) {
            wonStage = won.first { $0.mappingIndex == mi } ?? Candidate(spec: mapping.stages[mi], profiles: [], mappingIndex: mi, basis: "the mapping")
            won.removeAll { $0.mappingIndex == mi }
        } else if let first = won.firstIndex(where: { $0.presetIndex != nil }) ?? (won.isEmpty ? nil : 0) {
            wonStage = won.remove(at: first)
        } else {
            let spec = defaults.first { $0.outcome == .won } ?? Spec(id: "won", name: "Won", probability: nil, outcome: .won, labels: ["Won"])
            wonStage = Candidate(spec: spec, profiles: [], basis: "")
            let said = labels.reduce(0) { $0 + $1.saysWon }
            if let status = columns.status, said > 0 {
                plan.notes.append("no label is won: the stage \(shown(spec.name)) is added, for the \(decimals(Double(said), 0)) deal\(said == 1 ? "" : "s") \(status) says won")
            } else {
                plan.notes.append("no label is won: the stage \(shown(spec.name)) is added with no deal")
            }
        }
        for other in won {
            plan.notes.append("\(other.profiles.map { shown($0.label) }.joined(separator: ", ")) joins the won stage \(shown(wonStage.spec.name)) (one won stage per engagement)")
            wonStage.spec.labels += other.profiles.map(\.label)
            wonStage.profiles += other.profiles
            for p in other.profiles { plan.lines.append(StageLine(label: p.label, count: p.count, stageID: wonStage.spec.id, outcome: .won, basis: other.basis)) }
        }
        var lost = candidates.filter { $0.spec.outcome == .lost }
        for (mi, spec) in mapping.stages.enumerated() where spec.outcome == .lost && !lost.contains(where: { $0.mappingIndex == mi }) {
            lost.append(Candidate(spec: spec, profiles: [], mappingIndex: mi, basis: "the mapping"))
        }
        if lost.isEmpty {
            let spec = defaults.first { $0.outcome == .lost } ?? Spec(id: "lost", name: "Lost", probability: nil, outcome: .lost, labels: ["Lost"])
            lost.append(Candidate(spec: spec, profiles: [], basis: ""))
            let said = labels.reduce(0) { $0 + $1.saysLost }
            if let status = columns.status, said > 0 {
                plan.notes.append("no label is lost: the stage \(shown(spec.name)) is added, for the \(decimals(Double(said), 0)) deal\(said == 1 ? "" : "s") \(status) says lost")
            } else {
                plan.notes.append("no label is lost: the stage \(shown(spec.name)) is added with no deal")
            }
        }

        // Open stages in the order the export tells: the CRM's probabilities, else the days from a
        // deal's first stage to each, else the preset's order, else first appearance.
        var open = candidates.filter { $0.spec.outcome == nil }
        let key: (Candidate) -> Double
        if let column = columns.probability, open.contains(where: { $0.profiles.contains { $0.probabilityMean != nil } }) {
            plan.order = "by \(column)"
            key = { c in c.profiles.compactMap(\.probabilityMean).min() ?? .infinity }
        } else if columns.entered, open.contains(where: { $0.profiles.contains { $0.enteredMean != nil } }) {
            plan.order = "by the days from a deal's first stage to each (the Date entered columns)"
            key = { c in c.profiles.compactMap(\.enteredMean).min() ?? .infinity }
        } else if open.allSatisfy({ $0.presetIndex != nil }) {
            plan.order = "in \(preset.crmName)'s default order"
            key = { c in Double(c.presetIndex!) }
        } else {
            plan.order = "by first appearance in the file"
            key = { c in Double(c.firstRow) }
        }
        open.sort { (key($0), $0.firstRow) < (key($1), $1.firstRow) }
        // The mapping's open stages keep the mapping's order, in the places they take.
        let slots = open.indices.filter { open[$0].mappingIndex != nil }
        let mapped = slots.map { open[$0] }.sorted { $0.mappingIndex! < $1.mappingIndex! }
        for (slot, candidate) in zip(slots, mapped) { open[slot] = candidate }
        for (mi, spec) in mapping.stages.enumerated() where spec.outcome == nil && !open.contains(where: { $0.mappingIndex == mi }) {
            open.append(Candidate(spec: spec, profiles: [], mappingIndex: mi, basis: "the mapping"))
        }

        let ordered = open + [wonStage] + lost
        plan.stages = ordered.map(\.spec)
        for c in ordered {
            for p in c.profiles where !plan.lines.contains(where: { $0.label == p.label }) {
                plan.lines.append(StageLine(label: p.label, count: p.count, stageID: c.spec.id, outcome: c.spec.outcome, basis: c.basis))
            }
        }
        // Funnel order, then the export's order within a stage.
        let position = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1.label, $0) })
        let stageAt = Dictionary(plan.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        plan.lines.sort { (stageAt[$0.stageID] ?? 0, position[$0.label] ?? 0) < (stageAt[$1.stageID] ?? 0, position[$1.label] ?? 0) }
        return plan
    }

    /// The outcome the export says a label has: its won/closed flags first, then (for labels
    /// that are not a CRM default) its words, then a forecast category of `Closed`. `nil` when
    /// there are no flags and `words` is false.
    static func evidence(_ p: LabelProfile, _ columns: StageEvidenceColumns, words: Bool) -> (outcome: Stage.Outcome?, basis: String)? {
        let said = wordOutcome(p.label)
        if let column = columns.isWon, p.won + p.notWon > 0 {
            if p.won > p.notWon { return (.won, column) }
            if let closedColumn = columns.isClosed, p.closed + p.notClosed > 0 {
                return (p.closed > p.notClosed ? .lost : nil, "\(column) and \(closedColumn)")
            }
            return (said == .lost ? .lost : nil, "\(column) and its words")
        }
        if let column = columns.isClosed, p.closed + p.notClosed > 0 {
            guard p.closed > p.notClosed else { return (nil, column) }
            return (said == .won || p.forecastClosed > p.forecastOther ? .won : .lost, "\(column) and its words")
        }
        guard words else { return nil }
        switch said {
        case .won: return (.won, "its words")
        case .lost: return (.lost, "its words")
        case .both: return (nil, "its words say both won and lost: left open")
        case .none:
            if let column = columns.forecast, p.forecastClosed > p.forecastOther { return (.won, "\(column) Closed") }
            return (nil, "its words")
        }
    }

    enum Said: Sendable { case won, lost, both, none }

    /// Won / closed won / gewonnen / gagné… and lost / closed lost / abandoned / disqualified /
    /// verloren / perdu…, as whole words, any case and accents; everything else is open.
    static func wordOutcome(_ label: String) -> Said {
        let folded = label.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "\u{2019}", with: "")
        let words = Set(folded.split { !$0.isLetter && !$0.isNumber }.map(String.init))
        let isWon = !words.isDisjoint(with: wonWords), isLost = !words.isDisjoint(with: lostWords)
        switch (isWon, isLost) {
        case (true, true): return .both
        case (true, false): return .won
        case (false, true): return .lost
        case (false, false): return .none
        }
    }

    static let wonWords: Set<String> = ["won", "closedwon", "gewonnen", "gagne", "gagnee", "ganado", "ganada", "ganho", "ganha", "vinto", "vinta", "vunnen"]
    static let lostWords: Set<String> = [
        "lost", "closedlost", "abandoned", "disqualified", "unqualified", "dead", "rejected", "declined", "cancelled", "canceled",
        "verloren", "perdu", "perdue", "perdido", "perdida", "perso", "persa", "afgewezen", "gescheitert",
    ]
}

extension ImportPreset {
    var crmName: String {
        switch self {
        case .hubspot: return "HubSpot"
        case .salesforce: return "Salesforce"
        case .csv: return "the CRM"
        }
    }
}
