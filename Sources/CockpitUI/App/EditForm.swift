import Foundation
import MetricsCore

/// What a form writes.
public enum FormPurpose: Sendable, Equatable {
    // Deals by id, not position: a reload while typing may move them in the file.
    case nextStep(deal: String)
    /// A stall acknowledgement: until a date (`until` to start with) and a note.
    case stallNote(deal: String, until: Day)
    /// The deal's KPI autopsy: a new one, or the latest written one.
    case autopsy(deal: String)
    /// A planned action for the week.
    case addAction(week: ISOWeek)
    /// A dashboard KPI's quarterly improvement target: set, changed, or removed (empty change).
    case improvement(kpi: KPIID)

    var title: String {
        switch self {
        case .nextStep: return "Next step"
        case .stallNote: return "Stall acknowledgement"
        case .autopsy: return "KPI autopsy"
        case .addAction(let week): return "Plan an action for \(week)"
        case .improvement: return "Improvement target"
        }
    }
}

/// A form open over the screen: its fields, the one being typed in, and how saving goes.
public struct EditForm: Sendable, Equatable {
    public let client: Int
    public let purpose: FormPurpose
    public var fields: [FormField]
    public var focus = 0
    /// What the file said when the form opened (or when the user chose to edit again after a
    /// conflict): a save changes only fields that differ from it.
    public var base: ReviewEdit?
    /// Esc was pressed once with something typed: a second Esc discards it.
    public var confirmingDiscard = false
    /// Enter was pressed: waiting for the save (keys wait; a failed save keeps the text).
    public var saving = false
    /// The save found the same fields changed on disk meanwhile: both versions, for the user to choose.
    public var conflicts: [EditConflict] = []
    /// An improvement target form: the baseline of each quarter offered, measured when the form
    /// opened, so the goal shown as the change is typed costs nothing.
    public var baselines: [String: Baseline] = [:]

    /// A KPI's value on the last day of the quarter before a goal's quarter (nil: no value), or
    /// on the review date when that day is still to come (`final` false: the baseline so far).
    public struct Baseline: Sendable, Equatable {
        public let value: Double?
        public let day: Day
        /// The last day of the quarter before the goal's: the day the baseline becomes final.
        public let finalOn: Day
        public var isFinal: Bool { day == finalOn }
    }

    public var isChanged: Bool { fields.contains { $0.isChanged } }
    /// A one-line form lives in the footer; others are a box over the screen.
    public var isSingleLine: Bool { fields.count == 1 }
    /// The focused field's editor (one-line forms).
    public var editor: LineEditor {
        switch fields[focus].value {
        case .text(let e), .date(let e): return e
        case .pick: return LineEditor()
        }
    }
    public func field(_ label: String) -> FormField? { fields.first { $0.label == label } }
}

extension AppState {

    /// Why a deal's next step or stall cannot be edited: it is closed as of the review date.
    func whyClosed(client: Int, deal d: Int) -> String? {
        guard let how = reviews[client]?.current.snapshot.howClosed(d) else { return nil }
        return "This deal is closed (\(how)): it has no next step or stall to acknowledge; e writes its autopsy."
    }

    /// Why this client's file cannot be edited here, if it cannot.
    func whyNotEditable(_ client: Int) -> String? {
        if readOnly { return "Read-only (--read-only): editing keys do nothing." }
        // Known at load, never guessed from the path: a `demo/` folder beside us is not the demo.
        if entries[client].file.isBundledDemo {
            return "The demo is read-only: `redline demo --write DIR`, then `redline DIR`, to edit."
        }
        // Found when the file was read (`PortfolioEntry.read`): update touches no file system.
        // A permission changed since is caught by the save, which says why it wrote nothing.
        if let why = entries[client].file.whyNotWritable { return "Not editable: \(why)." }
        return nil
    }

    /// Opens a form, or says why editing is not possible here.
    mutating func openForm(_ purpose: FormPurpose, client: Int) {
        guard let index = entries[client].index else { return }
        if let why = whyNotEditable(client) { status = why; return }
        let e = index.engagement
        let fields: [FormField]
        var baselines: [String: EditForm.Baseline] = [:]
        switch purpose {
        case .nextStep(let id):
            guard let d = index.dealIndex[id] else { return }
            fields = [.text("Next step", index.deals[d].nextStep ?? "")]
        case .stallNote(let id, let until):
            guard let d = index.dealIndex[id] else { return }
            let ack = index.deals[d].stallAck
            // An acknowledgement still running keeps its date; an expired one starts again from `until`.
            // After the review date, at most a quarter ahead (`StallAckRule`, as `redline ack`).
            fields = [FormField("Until", .date(LineEditor("\(ack.map { $0.until > date ? $0.until : until } ?? until)")), required: true, after: date,
                                latest: StallAckRule.latest(reviewDate: date)),
                      .text("Note", ack?.note ?? "", required: true)]
        case .autopsy(let id):
            guard let d = index.dealIndex[id] else { return }
            let draft = Self.currentAutopsy(index, deal: id).map(AutopsyDraft.init)
            // Picked: the core's proposal, the one `redline autopsy add` takes. A deal it proposes
            // nothing for starts with nothing picked (the dashboard's KPIs were picked once, and
            // saved as hurt by a deal that hurt none of them). Then the rest of the catalog,
            // unpicked, so ←/→ reaches any KPI.
            let proposed = autopsyProposal(client: client, deal: d)
            let options = (proposed + (draft?.kpis ?? []) + KPIID.allCases.map(\.rawValue)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            if proposed.isEmpty && draft == nil {
                status = "\(sanitizedForDisplay(id)) is not lost, slipped or stalled this quarter, so no KPI is proposed: pick the KPIs it hurt (Space)."
            }
            let names = Dictionary(uniqueKeysWithValues: KPICatalog.all.map { ($0.id.rawValue, $0.name) })
            let owner = draft?.owner ?? e.terms.cro ?? ""
            fields = [
                .pick("KPIs hurt", options, chosen: Set(draft?.kpis ?? proposed), multiple: true, required: true, names: names),
                .text("Root cause", draft?.rootCause ?? "", required: true),
                .text("Systemic change", draft?.systemicChange ?? "", required: true),
                .text("Owner", owner),
                .date("Due", draft.map(\.due) ?? anchor + 30),
                .pick("Status", ["open", "done"], chosen: [draft?.status ?? "open"], multiple: false),
            ]
        case .addAction:
            // The dashboard's KPIs first, then the rest of the catalog (last week's actions may
            // move a KPI the dashboard does not show).
            let dashboard = reviews[client]?.dashboard.map(\.rawValue) ?? []
            let kpis = dashboard + KPIID.allCases.map(\.rawValue).filter { !dashboard.contains($0) }
            let names = Dictionary(uniqueKeysWithValues: kpis.map { ($0, KPILabels.name($0, currency: e.client.currency)) })
            fields = [.text("Action", "", required: true), .pick("KPI it moves", ["none"] + kpis, chosen: ["none"], multiple: false, names: names),
                      .text("Owner", e.terms.cro ?? "")]
        case .improvement(let kpi):
            // This quarter or the next; a target already set for another quarter stays offered.
            let existing = e.targets.improvements[kpi.rawValue]
            let current = FiscalQuarter(containing: date, startMonth: e.client.fiscalYearStartMonth)
            var quarters = [current, current.next]
            if let q = existing.flatMap({ QuarterLabel($0.quarter)?.quarter(startMonth: e.client.fiscalYearStartMonth) }), !quarters.contains(q) { quarters.append(q) }
            // The cursor starts on the quarter picked, so Space there keeps it. Each shows its
            // months: `2027-Q4` of a fiscal year starting in February is Nov–Jan, not a year off.
            let options = quarters.map(\.description), picked = existing?.quarter ?? current.description
            let months = Dictionary(quarters.map { ($0.description, $0.labelWithMonths()) }, uniquingKeysWith: { a, _ in a })
            fields = [FormField("Quarter", .pick(options: options, chosen: options.map { $0 == picked }, cursor: options.firstIndex(of: picked) ?? 0, multiple: false),
                                names: months),
                      .text("Change %", existing?.percentText ?? "")]
            for q in quarters {
                let b = KPIEngine.baseline(kpi, for: q, index: index, asOf: date)
                baselines[q.description] = EditForm.Baseline(value: b.value, day: b.day, finalOn: q.previous.lastDay)
            }
        }
        var form = EditForm(client: client, purpose: purpose, fields: fields)
        form.baselines = baselines
        form.base = edit(for: form, current: true)
        // An autopsy starts at the root cause when the core proposed the KPIs; an acknowledgement at its note.
        if case .autopsy = purpose, !form.fields[0].picked.isEmpty { form.focus = 1 }
        if case .stallNote = purpose { form.focus = 1 }
        if case .improvement = purpose { form.focus = 1 }
        self.form = form
    }

    /// The KPIs the core's autopsy proposes for deal `d` (`EngagementReview.proposedKPIs`): on
    /// the quarter's list, else on the list of the deep dive's month on screen; empty when on neither.
    func autopsyProposal(client: Int, deal d: Int) -> [String] {
        for review in [reviews[client], deepDive(client)?.review] {
            if let ids = review?.proposedKPIs(deal: d), !ids.isEmpty { return ids.map(\.rawValue) }
        }
        return []
    }

    /// `i` on a dashboard: the improvement target of the selected KPI.
    mutating func openImprovementForm() {
        guard case .dashboard(let c) = top.screen else { return }
        guard let kpi = reviews[c]?.dashboard[safe: top.selection] else { return }
        openForm(.improvement(kpi: kpi), client: c)
    }

    static func currentAutopsy(_ index: EngagementIndex, deal id: String) -> Autopsy? {
        ReviewEdit.latestAutopsy(of: id, in: index.engagement).map { index.engagement.autopsies[$0] }
    }

    /// The change a form stands for: what it holds now, or (`current`) what the file holds.
    func edit(for f: EditForm, current: Bool = false) -> ReviewEdit? {
        guard let index = entries[f.client].index else { return nil }
        let base = f.base
        switch f.purpose {
        case .nextStep(let id):
            let now = index.dealIndex[id].flatMap { index.deals[$0].nextStep } ?? ""
            if current { return .nextStep(deal: id, base: now, mine: now) }
            guard case .nextStep(_, let was, _)? = base else { return nil }
            return .nextStep(deal: id, base: was, mine: f.fields[0].text)
        case .stallNote(let id, let until):
            let now = index.dealIndex[id].flatMap { index.deals[$0].stallAck }.map { StallAckDraft(until: $0.until, note: $0.note ?? "") }
            if current { return .stallAck(deal: id, base: now, mine: now ?? StallAckDraft(until: until, note: "")) }
            guard case .stallAck(_, let was, _)? = base else { return nil }
            return .stallAck(deal: id, base: was, mine: StallAckDraft(until: Day(f.fields[0].text) ?? until, note: f.fields[1].text))
        case .autopsy(let id):
            let now = Self.currentAutopsy(index, deal: id).map(AutopsyDraft.init)
            if current { return .autopsy(deal: id, base: now, mine: now ?? AutopsyDraft(), writtenOn: anchor) }
            guard case .autopsy(_, let was, _, _)? = base else { return nil }
            let draft = AutopsyDraft(kpis: f.fields[0].picked, rootCause: f.fields[1].text, systemicChange: f.fields[2].text,
                                     owner: f.fields[3].text, due: Day(f.fields[4].text), status: f.fields[5].picked.first ?? "open")
            return .autopsy(deal: id, base: was, mine: draft, writtenOn: anchor)
        case .addAction(let week):
            let kpi = f.fields[1].picked.first.flatMap { $0 == "none" ? nil : $0 }
            return .addAction(week: week, text: f.fields[0].text, kpi: kpi, owner: f.fields[2].text)
        case .improvement(let kpi):
            let now = index.engagement.targets.improvements[kpi.rawValue]
            if current { return .improvement(kpi: kpi, base: now, mine: now) }
            guard case .improvement(_, let was, _)? = base else { return nil }
            return .improvement(kpi: kpi, base: was, mine: Self.improvementDraft(f, was: was))
        }
    }

    /// The target a form holds: nil when the change is empty (the target is removed). A change
    /// left as it was keeps its exact value (the percent shown may be rounded).
    static func improvementDraft(_ f: EditForm, was: Improvement?) -> Improvement? {
        guard f.fields.count == 2, let quarter = f.fields[0].picked.first, !f.fields[1].text.isEmpty else { return nil }
        let change = !f.fields[1].isChanged ? was?.change : Improvement.change(percent: f.fields[1].text)
        return Improvement(quarter: quarter, change: change ?? 0)
    }

    /// Why a form cannot be saved beyond its fields' own checks (an improvement's change), and
    /// the field to go to.
    func formProblem(_ f: EditForm) -> (field: Int, message: String)? {
        guard case .improvement(let kpi) = f.purpose else { return nil }
        let text = f.fields[1].text
        if text.isEmpty {
            guard case .improvement(_, let was, _)? = f.base, was != nil else { return (1, "Change % is needed: 15 for +15%, -22 for -22%") }
            return nil
        }
        guard let change = Improvement.change(percent: text) else {
            return (1, "Change %: \"\(sanitizedForDisplay(text))\" is not a number; type 15 for +15%, -22 for -22%")
        }
        if change <= -1 { return (1, "Change %: a change must be above -100%") }
        let up = KPICatalog.definition(kpi).direction == .higherIsBetter
        if up ? change <= 0 : change >= 0 {
            let name = KPICatalog.definition(kpi).name(in: entries[f.client].index?.engagement.client.currency ?? "")
            return (1, "Change %: \(text) does not improve \(name): \(up ? "higher" : "lower") is better, so the change must be \(up ? "positive" : "negative")")
        }
        guard let draft = Self.improvementDraft(f, was: formBase(f)) else { return nil }
        // A quarter already over (a target set for it earlier stays offered): a new goal for it judges
        // nothing, refused as `redline target set` refuses it; kept as it was, Enter has nothing to save.
        if draft != formBase(f), let e = entries[f.client].index?.engagement,
           let q = QuarterLabel(draft.quarter)?.quarter(startMonth: e.client.fiscalYearStartMonth),
           let why = Improvement.quarterOver(draft.quarter, q, client: e.client.name, reviewDate: date) {
            return (0, "Quarter: \(why)")
        }
        // A goal no quarter can meet (a rate above 100%), once the quarter's baseline is known:
        // refused in `redline target set`'s words. Before that, only a note (`improvementPreview`).
        if let b = f.baselines[draft.quarter], b.isFinal, let why = draft.unreachable(for: kpi, baseline: b.value, on: b.day, typed: .percent) {
            return (1, "Change %: \(why)")
        }
        return nil
    }

    /// The target an improvement form started from (nil: none, or another form).
    func formBase(_ f: EditForm) -> Improvement? {
        if case .improvement(_, let was, _)? = f.base { return was } else { return nil }
    }

    /// ` (Nov–Jan)`: the months of a target's quarter, said beside its label; empty for a
    /// quarter that cannot be read.
    static func months(of goal: Improvement, _ e: Engagement, _ glyphs: Glyphs) -> String {
        QuarterLabel(goal.quarter).map { " (\($0.quarter(startMonth: e.client.fiscalYearStartMonth).monthSpan(glyphs)))" } ?? ""
    }

    /// What an improvement form would set, as the dashboard will show it, and what holds now.
    /// `valid` is false when the change typed cannot be saved (the first line says why). `note`:
    /// for a quarter whose baseline is not known yet, that the value so far would make a goal the
    /// KPI cannot reach (`redline target set` prints the same note).
    func improvementPreview(_ f: EditForm, glyphs: Glyphs) -> (goal: String, valid: Bool, now: String, note: String?)? {
        guard case .improvement(let kpi) = f.purpose, let review = reviews[f.client] else { return nil }
        let e = review.engagement
        let fmt = ValueFormatter(currency: e.client.currency, glyphs: glyphs)
        let def = KPICatalog.definition(kpi)
        let existing = e.targets.improvements[kpi.rawValue]
        let was = formBase(f)
        let k = review.kpi(kpi)
        let now = existing.map { "\(Improvement.label($0))\(Self.months(of: $0, e, glyphs)); an empty change removes it" }
            ?? (k.status == .noTarget ? "no improvement target, and no threshold: not judged" : "no improvement target; judged by \(fmt.target(k))")
        if f.fields[1].text.isEmpty {
            let goal = existing == nil ? "Type the change in percent: 15 for +15%, -22 for -22%." : "Enter removes the improvement target."
            return (goal, existing != nil, now, nil)
        }
        if let problem = formProblem(f) { return (problem.message, false, now, nil) }
        guard let draft = Self.improvementDraft(f, was: was), let b = f.baselines[draft.quarter] else { return nil }
        var goal = fmt.improvement(ImprovementTarget(quarter: draft.quarter, change: draft.change, baseline: b.value), def.unit)
        if !b.isFinal && b.value != nil { goal += " (baseline so far; final on \(b.finalOn))" }
        let note = b.isFinal ? nil : draft.noteSoFar(for: kpi, value: b.value, on: b.day, baselineDay: b.finalOn)
        return (goal, true, now, note)
    }
}
