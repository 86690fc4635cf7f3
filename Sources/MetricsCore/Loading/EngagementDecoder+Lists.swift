/// Reps, accounts and the monthly series of an engagement file.
extension EngagementDecoder {
    /// Records a duplicate-id error; returns true when `id` is new in `firstAt`.
    static func checkUnique(_ id: String, node: Int, list: String, firstAt: inout [String: Int], index: Int, r: inout TapeReader) -> Bool {
        if let first = firstAt[id] {
            r.error(node, "duplicate id \(jsonQuoted(id)) (also \(list)[\(first)])")
            return false
        }
        firstAt[id] = index
        return true
    }

    mutating func reps(_ n: Int) -> [Rep] {
        guard r.expectArray(n, required: false) else { return [] }
        var out: [Rep] = []
        var firstAt: [String: Int] = [:]
        r.forEachElement(n) { r, i, e in
            guard r.expectObject(e) else { return }
            var rep = Rep(id: "", name: "")
            var seenID = false
            r.forEachMember(e) { r, key, v in
                switch key {
                case "id":
                    seenID = true
                    if let id = r.id(v), EngagementDecoder.checkUnique(id, node: v, list: "reps", firstAt: &firstAt, index: i, r: &r) { rep.id = id }
                case "name": rep.name = r.text(v) ?? ""
                case "role": rep.role = r.text(v)
                case "start": rep.start = r.date(v)
                case "end": rep.end = r.date(v)
                case "quota": rep.quota = r.quarterMap(v)
                default: rep.unknownKeys.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
                }
            }
            if !seenID { r.error(e, "missing required key \"id\"") }
            guard !rep.id.isEmpty else { return }
            if rep.name.isEmpty { rep.name = rep.id }
            out.append(rep)
        }
        repIDs = Set(out.map(\.id))
        return out
    }

    mutating func accounts(_ n: Int) -> [Account] {
        guard r.expectArray(n, required: false) else { return [] }
        var out: [Account] = []
        var firstAt: [String: Int] = [:]
        r.forEachElement(n) { r, i, e in
            guard r.expectObject(e) else { return }
            var account = Account(id: "", name: "")
            var seenID = false
            r.forEachMember(e) { r, key, v in
                switch key {
                case "id":
                    seenID = true
                    if let id = r.id(v), EngagementDecoder.checkUnique(id, node: v, list: "accounts", firstAt: &firstAt, index: i, r: &r) { account.id = id }
                case "name": account.name = r.text(v) ?? ""
                case "segment": account.segment = r.text(v)
                case "revenue": account.revenue = EngagementDecoder.months(v, r: &r)
                default: account.unknownKeys.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
                }
            }
            if !seenID { r.error(e, "missing required key \"id\"") }
            guard !account.id.isEmpty else { return }
            if account.name.isEmpty { account.name = account.id }
            out.append(account)
        }
        accountIDs = Set(out.map(\.id))
        return out
    }

    /// `{"2026-10": 85000, ...}`.
    static func months(_ n: Int, r: inout TapeReader) -> [YearMonth: Double] {
        guard r.expectObject(n, required: false) else { return [:] }
        var map: [YearMonth: Double] = [:]
        map.reserveCapacity(Int(r.nodes[n].count))
        r.forEachMember(n) { r, key, v in
            // Read from the key's bytes: 5,000 accounts × 26 months made a `String` per key.
            let month = key.escaped ? nil : YearMonth(utf8: key.bytes)
            let checked = month ?? r.monthKey(r.string(at: key.node), value: v)
            if let x = r.number(v), let checked { map[checked] = x }
        }
        return map
    }

    mutating func monthlyNumbers(_ n: Int) -> [YearMonth: Double] { EngagementDecoder.months(n, r: &r) }

    mutating func forecasts(_ n: Int) -> [Forecast] {
        guard r.expectArray(n, required: false) else { return [] }
        var out: [Forecast] = []
        r.forEachElement(n) { r, _, e in
            guard r.expectObject(e) else { return }
            var month: YearMonth?, amount: Double?, madeOn: Day?
            var seen: Set<String> = []
            var unknown: [UnknownKey] = []
            r.forEachMember(e) { r, key, v in
                seen.insert(r.string(at: key.node))
                switch key {
                case "month":
                    if r.kind(v) == .string, let m = YearMonth(r.string(at: v)) { month = m } else { r.error(v, "expected a month YYYY-MM, found \(r.found(v))") }
                case "amount": amount = r.number(v, required: true)
                case "made_on": madeOn = r.date(v, required: true)
                default: unknown.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
                }
            }
            r.requireKeys(["month", "amount", "made_on"], seen: seen, in: e)
            if let month, let amount, let madeOn {
                var f = Forecast(month: month, amount: amount, madeOn: madeOn)
                f.unknownKeys = unknown
                out.append(f)
            }
        }
        return out
    }

    mutating func funnel(_ n: Int) -> [YearMonth: FunnelMonth] {
        guard r.expectObject(n, required: false) else { return [:] }
        var out: [YearMonth: FunnelMonth] = [:]
        r.forEachMember(n) { r, key, v in
            let month = r.monthKey(r.string(at: key.node), value: v)
            guard r.expectObject(v) else { return }
            var f = FunnelMonth()
            r.forEachMember(v) { r, field, x in
                switch field {
                case "inbound_leads": f.inboundLeads = r.number(x, min: 0)
                case "qualified_meetings": f.qualifiedMeetings = r.number(x, min: 0)
                case "signups": f.signups = r.number(x, min: 0)
                case "pqls": f.pqls = r.number(x, min: 0)
                case "pql_converted": f.pqlConverted = r.number(x, min: 0)
                default: f.unknownKeys.append(UnknownKey(key: r.string(at: field.node), rawJSON: r.rawText(x)))
                }
            }
            if let month { out[month] = f }
        }
        return out
    }

    mutating func actions(_ n: Int) -> [Action] {
        guard r.expectArray(n, required: false) else { return [] }
        var out: [Action] = []
        r.forEachElement(n) { r, _, e in
            guard r.expectObject(e) else { return }
            var week: ISOWeek?, status: String?, text: String?, kpi: String?, owner: String?
            var seen: Set<String> = []
            var unknown: [UnknownKey] = []
            r.forEachMember(e) { r, key, v in
                seen.insert(r.string(at: key.node))
                switch key {
                case "week":
                    switch r.kind(v) == .string ? ISOWeek.parse(r.string(at: v)) : .failure(.notAWeek) {
                    case .success(let w): week = w
                    case .failure(let invalid):
                        r.error(v, "expected an ISO week YYYY-Www, found \(r.found(v))" + (invalid.reason.map { ": \($0)" } ?? ""))
                    }
                case "status":
                    status = r.text(v, required: true)
                    if let s = status, !["planned", "done", "dropped"].contains(s) {
                        r.warning(v, "unknown action status \(jsonQuoted(s)); expected \"planned\", \"done\" or \"dropped\"")
                    }
                case "text": text = r.text(v, required: true)
                case "kpi":
                    kpi = r.text(v)
                    if let k = kpi, KPIID(rawValue: k) == nil { r.warning(v, "unknown KPI id \(jsonQuoted(k))") }
                case "owner": owner = r.text(v)
                default: unknown.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
                }
            }
            r.requireKeys(["week", "status", "text"], seen: seen, in: e)
            if let week, let status, let text {
                var a = Action(week: week, status: status, text: text, kpi: kpi, owner: owner)
                a.unknownKeys = unknown
                out.append(a)
            }
        }
        return out
    }

    mutating func autopsies(_ n: Int) -> [Autopsy] {
        guard r.expectArray(n, required: false) else { return [] }
        var out: [Autopsy] = []
        r.forEachElement(n) { [dealIDs] r, _, e in
            guard r.expectObject(e) else { return }
            var a = Autopsy(deal: "", writtenOn: Day(ordinal: 0))
            var seen: Set<String> = []
            var writtenOn: Day?
            r.forEachMember(e) { r, key, v in
                seen.insert(r.string(at: key.node))
                switch key {
                case "deal":
                    if let id = r.id(v) {
                        a.deal = id
                        if dealIDs[id] == nil { r.warning(v, "no deal has the id \(jsonQuoted(id))") }
                    }
                case "written_on": writtenOn = r.date(v, required: true)
                case "kpis":
                    guard r.expectArray(v, required: false) else { return }
                    r.forEachElement(v) { r, _, k in
                        guard let id = r.text(k, required: true) else { return }
                        if KPIID(rawValue: id) == nil { r.warning(k, "unknown KPI id \(jsonQuoted(id))") }
                        a.kpis.append(id)
                    }
                case "root_cause": a.rootCause = r.text(v)
                case "systemic_change": a.systemicChange = r.text(v)
                case "owner": a.owner = r.text(v)
                case "due": a.due = r.date(v)
                case "status":
                    a.status = r.text(v)
                    if let s = a.status, s != "open" && s != "done" {
                        r.warning(v, "unknown autopsy status \(jsonQuoted(s)); expected \"open\" or \"done\"")
                    }
                default: a.unknownKeys.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
                }
            }
            r.requireKeys(["deal", "written_on"], seen: seen, in: e)
            guard !a.deal.isEmpty, let writtenOn else { return }
            a.writtenOn = writtenOn
            out.append(a)
        }
        return out
    }
}
