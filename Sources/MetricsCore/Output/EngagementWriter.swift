/// Writes an engagement as a format-1 JSON file: keys in the spec's order, two-space indent,
/// unknown keys written back as their original JSON text.
///
/// Streams into one byte buffer (no intermediate tree), so a synthetic million-deal file is
/// written in one pass.
public struct EngagementWriter {
    private var out: [UInt8] = []
    private var indent = 0
    /// Per open container: has a member been written yet?
    private var first: [Bool] = []

    /// One deal as pretty JSON starting at indentation 0 (for an edit that appends it).
    public static func json(of deal: Deal) -> String {
        var w = EngagementWriter()
        w.first = [true]
        w.deal(deal)
        return String(decoding: w.out.drop { $0 == 0x0A }, as: UTF8.self)
    }

    /// One account or rep as JSON on one line.
    public static func json(of account: Account) -> String {
        var parts = ["\"id\": \(jsonQuoted(account.id))", "\"name\": \(jsonQuoted(account.name))"]
        if let s = account.segment { parts.append("\"segment\": \(jsonQuoted(s))") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    public static func json(of rep: Rep) -> String {
        var parts = ["\"id\": \(jsonQuoted(rep.id))", "\"name\": \(jsonQuoted(rep.name))"]
        parts += rep.unknownKeys.map { "\(jsonQuoted($0.key)): \($0.rawJSON)" }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    public static func write(_ e: Engagement) -> [UInt8] {
        var w = EngagementWriter()
        w.out.reserveCapacity(e.deals.count * 800 + 65_536)
        w.engagement(e)
        w.out.append(0x0A)
        return w.out
    }

    // MARK: primitives

    private mutating func text(_ s: String) { out.append(contentsOf: s.utf8) }
    /// Fixed text, its bytes copied at once (a `String`'s go through its UTF-8 view).
    private mutating func raw(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
    private mutating func newline() {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }
    private mutating func separator() {
        if first[first.count - 1] { first[first.count - 1] = false } else { out.append(UInt8(ascii: ",")) }
        newline()
    }
    private mutating func open(_ c: String) { text(c); indent += 1; first.append(true) }
    private mutating func close(_ c: String) {
        indent -= 1
        let empty = first.removeLast()
        if !empty { newline() }
        text(c)
    }
    private mutating func key(_ k: String) { separator(); quoted(k); raw(": ") }
    /// A key of the format (plain ASCII: written as is, with its quotes and `: ` in one copy).
    private mutating func key(static k: StaticString) {
        separator()
        out.append(0x22)
        raw(k)
        raw("\": ")
    }

    /// As `text(jsonQuoted(s))`, the common case (printable ASCII without `"` or `\`) copied
    /// straight: the writer's hottest call on a large import.
    private mutating func quoted(_ s: String) {
        var s = s
        let plain = s.withUTF8 { utf8 -> Bool in
            guard utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 < 0x7F }) else { return false }
            out.append(0x22); out.append(contentsOf: utf8); out.append(0x22)
            return true
        }
        if !plain { text(jsonQuoted(s)) }
    }

    /// `"YYYY-MM-DD"` without building a string (years outside 0…9999 as `Day.description` writes them),
    /// its twelve bytes appended at once.
    private mutating func day(_ d: Day) {
        let c = d.components
        guard (0...9999).contains(c.year) else { text("\"\(d)\""); return }
        func digit(_ n: Int) -> UInt8 { UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n % 10) }
        let quote = UInt8(ascii: "\""), dash = UInt8(ascii: "-")
        let bytes = (quote, digit(c.year / 1000), digit(c.year / 100), digit(c.year / 10), digit(c.year), dash,
                    digit(c.month / 10), digit(c.month), dash, digit(c.day / 10), digit(c.day), quote)
        withUnsafeBytes(of: bytes) { out.append(contentsOf: $0) }
    }

    private mutating func field(_ k: StaticString, _ v: String?) { if let v { key(static: k); quoted(v) } }
    private mutating func field(_ k: StaticString, _ v: Double?) { if let v { key(static: k); text(jsonNumber(v)) } }
    private mutating func field(_ k: StaticString, _ v: Int?) { if let v { key(static: k); text(String(v)) } }
    private mutating func field(_ k: StaticString, _ v: Day?) { if let v { key(static: k); day(v) } }
    private mutating func field(_ k: StaticString, _ v: Bool?) { if let v { key(static: k); if v { raw("true") } else { raw("false") } } }
    private mutating func unknown(_ keys: [UnknownKey]) { for u in keys { key(u.key); text(u.rawJSON) } }

    /// `{"k": v, ...}` on one line, for small records inside lists.
    private mutating func inline(_ pairs: [(String, String)]) {
        text("{" + pairs.map { "\(jsonQuoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}")
    }

    private mutating func numberMap(_ k: String, _ map: [String: Double]) {
        guard !map.isEmpty else { return }
        key(k); open("{")
        for (mk, v) in map.sorted(by: { $0.key < $1.key }) { key(mk); text(jsonNumber(v)) }
        close("}")
    }
    private mutating func monthMap(_ k: String, _ map: [YearMonth: Double]) {
        numberMap(k, Dictionary(uniqueKeysWithValues: map.map { ($0.key.description, $0.value) }))
    }

    // MARK: the engagement

    private mutating func engagement(_ e: Engagement) {
        open("{")
        field("format", Engagement.formatTag)
        field("data_as_of", e.dataAsOf)
        key(static: "client"); open("{")
        let c = e.client
        field("id", c.id); field("name", c.name); field("industry", c.industryName); field("currency", c.currency)
        field("fiscal_year_start_month", c.fiscalYearStartMonth); field("gross_margin", c.grossMargin)
        field("retention_basis", c.retentionBasis.rawValue); unknown(c.unknownKeys)
        close("}")
        let t = e.terms
        if t.cro != nil || t.started != nil || t.monthlyFee != nil || t.stallAfterDays != nil || t.noActivityDays != nil || t.daysPerMonth != nil || !t.unknownKeys.isEmpty {
            key(static: "engagement"); open("{")
            field("cro", t.cro); field("started", t.started); field("days_per_month", t.daysPerMonth)
            field("monthly_fee", t.monthlyFee); field("stall_after_days", t.stallAfterDays); field("no_activity_days", t.noActivityDays)
            unknown(t.unknownKeys)
            close("}")
        }
        key(static: "stages"); open("[")
        for s in e.stages {
            separator(); open("{")
            field("id", s.id); field("name", s.name); field("probability", s.probability)
            field("stall_after_days", s.stallAfterDays); field("outcome", s.outcome?.rawValue); unknown(s.unknownKeys)
            close("}")
        }
        close("]")
        if let d = e.dashboard { key(static: "dashboard"); text("[" + d.map(jsonQuoted).joined(separator: ", ") + "]") }
        targets(e.targets)
        if !e.reps.isEmpty {
            key(static: "reps"); open("[")
            for r in e.reps {
                separator(); open("{")
                field("id", r.id); field("name", r.name); field("role", r.role); field("start", r.start); field("end", r.end)
                numberMap("quota", r.quota); unknown(r.unknownKeys)
                close("}")
            }
            close("]")
        }
        if !e.accounts.isEmpty {
            key(static: "accounts"); open("[")
            for a in e.accounts {
                separator(); open("{")
                field("id", a.id); field("name", a.name); field("segment", a.segment); monthMap("revenue", a.revenue); unknown(a.unknownKeys)
                close("}")
            }
            close("]")
        }
        key(static: "deals"); open("[")
        for d in e.deals { deal(d) }
        close("]")
        monthMap("spend", e.spend)
        if !e.forecasts.isEmpty {
            key(static: "forecasts"); open("[")
            for f in e.forecasts {
                separator()
                inline([("month", "\"\(f.month)\""), ("amount", jsonNumber(f.amount)), ("made_on", "\"\(f.madeOn)\"")] + f.unknownKeys.map { ($0.key, $0.rawJSON) })
            }
            close("]")
        }
        if !e.funnel.isEmpty {
            key(static: "funnel"); open("{")
            for (m, f) in e.funnel.sorted(by: { $0.key < $1.key }) {
                key(m.description)
                var pairs: [(String, String)] = []
                if let v = f.inboundLeads { pairs.append(("inbound_leads", jsonNumber(v))) }
                if let v = f.qualifiedMeetings { pairs.append(("qualified_meetings", jsonNumber(v))) }
                if let v = f.signups { pairs.append(("signups", jsonNumber(v))) }
                if let v = f.pqls { pairs.append(("pqls", jsonNumber(v))) }
                if let v = f.pqlConverted { pairs.append(("pql_converted", jsonNumber(v))) }
                inline(pairs + f.unknownKeys.map { ($0.key, $0.rawJSON) })
            }
            close("}")
        }
        if !e.actions.isEmpty {
            key(static: "actions"); open("[")
            for a in e.actions {
                separator(); open("{")
                field("week", a.week.description); field("status", a.status); field("text", a.text); field("kpi", a.kpi); field("owner", a.owner)
                unknown(a.unknownKeys)
                close("}")
            }
            close("]")
        }
        if !e.autopsies.isEmpty {
            key(static: "autopsies"); open("[")
            for a in e.autopsies {
                separator(); open("{")
                field("deal", a.deal); field("written_on", a.writtenOn)
                key(static: "kpis"); text("[" + a.kpis.map(jsonQuoted).joined(separator: ", ") + "]")
                field("root_cause", a.rootCause); field("systemic_change", a.systemicChange); field("owner", a.owner)
                field("due", a.due); field("status", a.status); unknown(a.unknownKeys)
                close("}")
            }
            close("]")
        }
        unknown(e.unknownKeys)
        close("}")
    }

    private mutating func targets(_ t: Targets) {
        guard !t.bookings.isEmpty || !t.netNewARR.isEmpty || !t.kpis.isEmpty || !t.improvements.isEmpty || !t.unknownKeys.isEmpty else { return }
        key(static: "targets"); open("{")
        numberMap("bookings", t.bookings)
        numberMap("net_new_arr", t.netNewARR)
        if !t.kpis.isEmpty {
            key(static: "kpis"); open("{")
            for (id, o) in t.kpis.sorted(by: { $0.key < $1.key }) {
                key(id)
                var pairs: [(String, String)] = []
                if let g = o.green { pairs.append(("green", jsonNumber(g))) }
                if let r = o.red { pairs.append(("red", jsonNumber(r))) }
                inline(pairs)
            }
            close("}")
        }
        if !t.improvements.isEmpty {
            key(static: "improvements"); open("{")
            for (id, target) in t.improvements.sorted(by: { $0.key < $1.key }) {
                key(id)
                inline([("quarter", jsonQuoted(target.quarter)), ("change", jsonNumber(target.change))])
            }
            close("}")
        }
        unknown(t.unknownKeys)
        close("}")
    }

    private mutating func deal(_ d: Deal) {
        separator(); open("{")
        field("id", d.id); field("name", d.name); field("account", d.account); field("owner", d.owner)
        field("amount", d.amount); field("term_months", d.termMonths); field("type", d.typeName); field("segment", d.segment)
        field("source", d.source); field("created", d.created); field("first_meeting", d.firstMeeting)
        field("expected_close", d.expectedClose)
        if !d.closeDateChanges.isEmpty {
            key(static: "close_date_changes"); open("[")
            for c in d.closeDateChanges {
                separator(); inline([("on", "\"\(c.on)\""), ("from", "\"\(c.from)\""), ("to", "\"\(c.to)\"")] + c.unknownKeys.map { ($0.key, $0.rawJSON) })
            }
            close("]")
        }
        key(static: "stage_history"); open("[")
        for h in d.stageHistory {
            separator()
            if h.unknownKeys.isEmpty {
                // What `inline` writes, without its strings: one entry per stage a deal passed.
                raw("{\"stage\": "); quoted(h.stage); raw(", \"on\": "); day(h.on); out.append(UInt8(ascii: "}"))
            } else {
                inline([("stage", jsonQuoted(h.stage)), ("on", "\"\(h.on)\"")] + h.unknownKeys.map { ($0.key, $0.rawJSON) })
            }
        }
        close("]")
        field("last_activity", d.lastActivity); field("delivery_cost", d.deliveryCost); field("lost_reason", d.lostReason)
        if let p = d.pov {
            key(static: "pov")
            var pairs: [(String, String)] = []
            if let s = p.started { pairs.append(("started", "\"\(s)\"")) }
            if let e = p.ended { pairs.append(("ended", "\"\(e)\"")) }
            if let o = p.outcome { pairs.append(("outcome", jsonQuoted(o))) }
            inline(pairs + p.unknownKeys.map { ($0.key, $0.rawJSON) })
        }
        field("founder_in_final_meeting", d.founderInFinalMeeting)
        if let c = d.churn { key(static: "churn"); inline([("on", "\"\(c.on)\""), ("amount", jsonNumber(c.amount))] + c.unknownKeys.map { ($0.key, $0.rawJSON) }) }
        field("next_step", d.nextStep)
        if let a = d.stallAck {
            key(static: "stall_ack")
            inline([("until", "\"\(a.until)\"")] + (a.note.map { [("note", jsonQuoted($0))] } ?? []) + a.unknownKeys.map { ($0.key, $0.rawJSON) })
        }
        field("probability", d.probability); field("gone_on", d.goneOn)
        unknown(d.unknownKeys)
        close("}")
    }
}
