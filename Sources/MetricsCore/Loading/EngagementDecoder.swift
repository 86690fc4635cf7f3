import Synchronization
/// Decodes an engagement file's tape into the model, checking every rule of format 1.
///
/// Lists are decoded before the things that refer to them (stages, reps, accounts, then
/// deals, then autopsies), whatever their order in the file, so every reference is checked
/// in the same pass.
struct EngagementDecoder {
    var r: TapeReader
    var stageIDs: [String: Int] = [:]
    var repIDs: Set<String> = []
    var accountIDs: Set<String> = []
    /// Deal id → first position in `deals`.
    var dealIDs = IDTable()
    var stages: [Stage] = []
    /// Deals decoded before from this file (the previous load of its path, or the load under a
    /// save's lock): taken instead of decoding the `deals` array again when the bytes they were
    /// decoded from (the deals and the stages, reps and accounts they read) are the same.
    var reusing: DecodedDeals?
    /// What decoding the deals gave here, for a later check to reuse; nil when some problems
    /// were only counted (the list was full), since those cannot be moved.
    var decodedDeals: DecodedDeals?
    /// Whether `decodedDeals` is wanted: a process that loads each file once (a report, a check)
    /// skips hashing the deals' bytes (SipHash over about the file: 30-40 ms at 100k deals).
    var remembersDeals = true
    /// Whether the tape's nodes of decoded deals may be given back as they are decoded: the
    /// caller's tape is read by nothing after this decode (a report, a check).
    var givesBackDealNodes = false
    /// The root's `deals` arrays read without a tape (a load that reads its file once), whose
    /// nodes on the tape have no children.
    var directDeals: DirectDeals?
    /// The decode of an earlier version of this file, whose members are taken when their bytes are
    /// unchanged (`EngagementDecoder+Members.swift`).
    var previous: PreviousDecode?
    /// The top-level keys taken from `previous`, in decode order.
    var takenMembers: [String] = []
    /// What decoding each member gave here, for a later decode to take; nil as `decodedDeals`.
    var decodedMembers: DecodedMembers?

    init(reader: TapeReader) { r = reader }

    mutating func decode() -> Engagement? {
        let root = 0
        guard r.kind(root) == .object else {
            r.error(root, "expected an object at the top level, found \(r.found(root))")
            return nil
        }
        var members: [String: Int] = [:]
        var order: [(String, Int)] = []
        r.forEachMember(root) { r, key, v in
            let name = r.string(at: key.node)
            members[name] = v
            order.append((name, v))
        }
        // Required keys, reported at the root's `{`. None of them (`{}`, a package.json left in the
        // folder): one error saying what the file is not, rather than four missing keys.
        let required = ["format", "client", "stages", "deals"]
        if required.allSatisfy({ members[$0] == nil }) {
            r.error(root, "not a Redline engagement file: it has none of the keys \(required.map(jsonQuoted).joined(separator: ", ")) (redline demo --write DIR writes examples)")
        } else {
            for name in required where members[name] == nil {
                r.error(root, "missing required key \(jsonQuoted(name))")
            }
        }
        var client: Client?
        var terms = EngagementTerms()
        var targets = Targets()
        var dashboard: [String]?
        var reps: [Rep] = [], accounts: [Account] = [], deals: [Deal] = []
        var spend: [YearMonth: Double] = [:]
        var forecasts: [Forecast] = [], actions: [Action] = [], autopsies: [Autopsy] = []
        var funnel: [YearMonth: FunnelMonth] = [:]
        var dataAsOf: Day?
        var decoded: [String: DecodedMembers.Member] = [:]
        // Referenced lists first, then what refers to them.
        let decodeOrder = ["format", "client", "engagement", "stages", "reps", "accounts", "deals", "dashboard", "targets",
                           "spend", "forecasts", "funnel", "actions", "autopsies", "data_as_of"]
        for key in decodeOrder {
            guard let v = members[key] else { continue }
            r.path.append(.key(key))
            let before = r.problems.count
            // A member taken from the previous decode is its value there; its problems were moved.
            if let taken = takeUnchanged(key, members) {
                switch key {
                case "client": client = taken.client
                case "engagement": terms = taken.terms
                case "stages": takeStages(taken.stages)
                case "reps": reps = taken.reps; repIDs = Set(reps.map(\.id))
                case "accounts": accounts = taken.accounts; accountIDs = Set(accounts.map(\.id))
                case "deals": deals = taken.deals; takeDeals(at: v, problems: Array(r.problems[before...]))
                case "dashboard": dashboard = taken.dashboard
                case "targets": targets = taken.targets
                case "spend": spend = taken.spend
                case "forecasts": forecasts = taken.forecasts
                case "funnel": funnel = taken.funnel
                case "actions": actions = taken.actions
                case "autopsies": autopsies = taken.autopsies
                case "data_as_of": dataAsOf = taken.dataAsOf
                default: break // format: nothing to keep
                }
                decoded[key] = DecodedMembers.Member(node: v, offset: r.offset(v), problems: Array(r.problems[before...]))
                r.path.removeLast()
                continue
            }
            switch key {
            case "format":
                if r.kind(v) != .string || r.string(at: v) != Engagement.formatTag {
                    r.error(v, "expected \(jsonQuoted(Engagement.formatTag)), found \(r.found(v))")
                }
            case "client": client = self.client(v)
            case "engagement": terms = self.terms(v)
            case "stages": decodeStages(v)
            case "reps": reps = self.reps(v)
            case "accounts": accounts = self.accounts(v)
            case "deals":
                // The hash of what the deals read, only when a decoded copy may be taken or kept.
                let inputs = reusing != nil || remembersDeals ? dealInputs(members) : 0
                if let reusing, reusing.inputs == inputs {
                    deals = reusing.deals
                    dealIDs = reusing.ids
                    // The array moved by what was added or removed before it: its problems move with it.
                    let shift = r.offset(v) - reusing.offset
                    let moved = reusing.problems.map { p in var p = p; p.offset = p.offset.map { $0 + shift }; return p }
                    r.problems += moved
                    decodedDeals = DecodedDeals(deals: deals, ids: dealIDs, problems: moved, offset: r.offset(v), inputs: inputs)
                } else {
                    deals = self.deals(v)
                    let own = Array(r.problems[before...])
                    let complete = !own.contains { $0.unlisted != nil } && r.problems.count < LoadLimits.maxProblems
                    decodedDeals = complete && remembersDeals ? DecodedDeals(deals: deals, ids: dealIDs, problems: own, offset: r.offset(v), inputs: inputs) : nil
                }
            case "dashboard": dashboard = self.dashboard(v)
            case "targets": targets = self.targets(v)
            case "spend": spend = monthlyNumbers(v)
            case "forecasts": forecasts = self.forecasts(v)
            case "funnel": funnel = self.funnel(v)
            case "actions": actions = self.actions(v)
            case "autopsies": autopsies = self.autopsies(v)
            default: dataAsOf = r.date(v)
            }
            decoded[key] = DecodedMembers.Member(node: v, offset: r.offset(v), problems: Array(r.problems[before...]))
            r.path.removeLast()
        }

        let known: Set<String> = ["format", "client", "engagement", "stages", "dashboard", "targets", "reps", "accounts",
                                  "deals", "spend", "forecasts", "funnel", "actions", "autopsies", "data_as_of"]
        let unknown = order.filter { !known.contains($0.0) }.map { UnknownKey(key: $0.0, rawJSON: r.rawText($0.1)) }

        guard let client, members["stages"] != nil, members["deals"] != nil,
              !r.problems.contains(where: { $0.severity == .error }) else { return nil }
        // Kept only when every problem is listed (none counted only), as the deals' are.
        if let decodedDeals, r.problems.count < LoadLimits.maxProblems, !r.problems.contains(where: { $0.unlisted != nil }) {
            decodedMembers = DecodedMembers(members: decoded, deals: decodedDeals)
        }
        return Engagement(client: client, terms: terms, stages: stages, dashboard: dashboard, targets: targets,
                          reps: reps, accounts: accounts, deals: deals, spend: spend, forecasts: forecasts,
                          funnel: funnel, actions: actions, autopsies: autopsies, dataAsOf: dataAsOf, unknownKeys: unknown)
    }

    // MARK: client, engagement

    mutating func client(_ n: Int) -> Client? {
        guard r.expectObject(n) else { return nil }
        var id: String?, name: String?, industry: String?, currency: String?
        var fiscal: Int?, margin: Double?, basisName: String?, basisNode = -1
        var seen = (id: false, name: false, industry: false)
        var unknown: [UnknownKey] = []
        r.forEachMember(n) { r, key, v in
            switch key {
            case "id": seen.id = true; id = r.id(v)
            case "name": seen.name = true; name = r.text(v, required: true)
            case "industry":
                seen.industry = true
                industry = r.text(v, required: true)
                if let ind = industry, Industry(rawValue: ind) == nil {
                    r.warning(v, "unknown industry \(jsonQuoted(ind)); the saas/other KPI preset is used (known: professional_services, hr_tech, martech, ai_startup, saas, other)")
                }
            case "currency":
                currency = r.text(v)
                // Shown beside every amount, in terminals, markdown and HTML: only a code can be trusted there.
                if let c = currency, !(c.utf8.count == 3 && c.utf8.allSatisfy({ (0x41...0x5A).contains($0) })) {
                    r.warning(v, "currency \(jsonQuoted(String(c.prefix(20)))) is not an ISO 4217 code (three capital letters, e.g. EUR); amounts are shown as XXX (no currency)")
                    currency = "XXX"
                }
            case "fiscal_year_start_month": fiscal = r.integer(v, range: 1...12, expected: "an integer from 1 to 12")
            case "gross_margin": margin = r.number(v, min: 0, max: 1)
            case "retention_basis":
                basisName = r.text(v); basisNode = v
            default: unknown.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
            }
        }
        if !seen.id { r.error(n, "missing required key \"id\"") }
        if !seen.name { r.error(n, "missing required key \"name\"") }
        if !seen.industry { r.error(n, "missing required key \"industry\"") }
        var basis: RetentionBasis?
        if let basisName {
            basis = RetentionBasis(rawValue: basisName)
            if basis == nil {
                r.path.append(.key("retention_basis"))
                r.warning(basisNode, "unknown retention_basis \(jsonQuoted(basisName)); expected \"recurring\" or \"trailing\", the industry default is used")
                r.path.removeLast()
            }
        }
        guard let id, let name, let industry else { return nil }
        var c = Client(id: id, name: name, industry: industry, currency: currency ?? "USD",
                       fiscalYearStartMonth: fiscal ?? 1, grossMargin: margin, retentionBasis: basis)
        c.unknownKeys = unknown
        return c
    }

    mutating func terms(_ n: Int) -> EngagementTerms {
        var t = EngagementTerms()
        guard r.expectObject(n, required: false) else { return t }
        r.forEachMember(n) { r, key, v in
            switch key {
            case "cro": t.cro = r.text(v)
            case "started": t.started = r.date(v)
            case "days_per_month": t.daysPerMonth = r.number(v, min: 0)
            case "monthly_fee": t.monthlyFee = r.number(v, min: 0)
            case "stall_after_days": t.stallAfterDays = r.integer(v, range: 1...100_000, expected: "a positive integer")
            case "no_activity_days": t.noActivityDays = r.integer(v, range: 1...100_000, expected: "a positive integer")
            default: t.unknownKeys.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
            }
        }
        return t
    }

    // MARK: stages

    mutating func decodeStages(_ n: Int) {
        guard r.expectArray(n) else { return }
        var firstAt: [String: Int] = [:]
        r.forEachElement(n) { r, i, e in
            guard r.expectObject(e) else { return }
            var stage = Stage(id: "", name: "")
            var seenID = false, probabilityNode = -1
            r.forEachMember(e) { r, key, v in
                switch key {
                case "id":
                    seenID = true
                    if let id = r.id(v), EngagementDecoder.checkUnique(id, node: v, list: "stages", firstAt: &firstAt, index: i, r: &r) {
                        stage.id = id
                    }
                case "name": stage.name = r.text(v) ?? ""
                case "probability": stage.probability = r.number(v, min: 0, max: 1); probabilityNode = v
                case "stall_after_days": stage.stallAfterDays = r.integer(v, range: 1...100_000, expected: "a positive integer")
                case "outcome":
                    if let o = r.text(v) {
                        stage.outcome = Stage.Outcome(rawValue: o)
                        if stage.outcome == nil { r.error(v, "expected \"won\" or \"lost\", found \(r.found(v))") }
                    }
                default: stage.unknownKeys.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
                }
            }
            if !seenID { r.error(e, "missing required key \"id\"") }
            if stage.outcome != nil, stage.probability != nil {
                r.path.append(.key("probability"))
                r.warning(probabilityNode, "an outcome stage has no probability; this one is ignored")
                r.path.removeLast()
                stage.probability = nil
            }
            guard !stage.id.isEmpty else { return }
            if stage.name.isEmpty { stage.name = stage.id }
            stageIDs[stage.id] = stages.count
            stages.append(stage)
        }
        let won = stages.filter { $0.outcome == .won }.count
        if won != 1 { r.error(n, "exactly one stage must have \"outcome\": \"won\", found \(won)") }
        if !stages.contains(where: { $0.outcome == .lost }) {
            r.error(n, "at least one stage must have \"outcome\": \"lost\", found none")
        }
    }

    // MARK: dashboard, targets

    mutating func dashboard(_ n: Int) -> [String]? {
        guard r.expectArray(n, required: false) else { return nil }
        var ids: [String] = []
        r.forEachElement(n) { r, _, e in
            guard let id = r.text(e, required: true) else { return }
            if KPIID(rawValue: id) == nil {
                r.warning(e, "unknown KPI id \(jsonQuoted(id)) in the dashboard; it is ignored")
            }
            ids.append(id)
        }
        return ids
    }

    /// `{"pipeline_velocity": {"quarter": "2026-Q4", "change": 0.15}}`; an entry whose change does
    /// not improve its KPI (≤ 0 for ↑, ≥ 0 for ↓) is a warning and is left out.
    static func improvements(_ r: inout TapeReader, _ n: Int) -> [String: Improvement] {
        var out: [String: Improvement] = [:]
        guard r.expectObject(n, required: false) else { return out }
        r.forEachMember(n) { r, key, o in
            let kpi = r.string(at: key.node)
            guard let id = KPIID(rawValue: kpi) else {
                r.report(.warning, at: r.keyOffset(ofValue: o), "unknown KPI id \(jsonQuoted(kpi)); this improvement target is ignored")
                return
            }
            guard r.expectObject(o) else { return }
            var quarter: String?, change: Double?, changeNode = o
            r.forEachMember(o) { r, field, x in
                switch field {
                case "quarter":
                    quarter = r.text(x)
                    if let q = quarter, !isQuarterLabel(q) {
                        r.warning(x, "expected a fiscal quarter YYYY-Qn, found \(jsonQuoted(q)); this improvement target is ignored")
                        quarter = nil
                    }
                case "change": change = r.number(x, min: -1); changeNode = x
                default: break
                }
            }
            guard let quarter, let change else {
                if quarter == nil && change == nil { r.warning(o, "an improvement target needs \"quarter\" and \"change\"; it is ignored") }
                return
            }
            let up = KPICatalog.definition(id).direction == .higherIsBetter
            guard up ? change > 0 : change < 0 else {
                r.warning(changeNode, "a change of \(formatBound(change)) does not improve \(kpi) (\(up ? "higher" : "lower") is better); this improvement target is ignored")
                return
            }
            out[kpi] = Improvement(quarter: quarter, change: change)
        }
        return out
    }

    mutating func targets(_ n: Int) -> Targets {
        var t = Targets()
        guard r.expectObject(n, required: false) else { return t }
        r.forEachMember(n) { r, key, v in
            switch key {
            case "bookings": t.bookings = r.quarterMap(v)
            case "net_new_arr": t.netNewARR = r.quarterMap(v)
            case "improvements": t.improvements = Self.improvements(&r, v)
            case "kpis":
                guard r.expectObject(v, required: false) else { return }
                r.forEachMember(v) { r, kpiKey, o in
                    let kpi = r.string(at: kpiKey.node)
                    if KPIID(rawValue: kpi) == nil {
                        r.report(.warning, at: r.keyOffset(ofValue: o), "unknown KPI id \(jsonQuoted(kpi)); this override is ignored")
                    }
                    guard r.expectObject(o) else { return }
                    var override = ThresholdOverride()
                    r.forEachMember(o) { r, side, x in
                        switch side {
                        case "green": override.green = r.number(x)
                        case "red": override.red = r.number(x)
                        default: break
                        }
                    }
                    t.kpis[kpi] = override
                }
            default: t.unknownKeys.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
            }
        }
        return t
    }
}

/// The deals of a file as decoded, their ids, their problems, where their array starts, and a
/// hash of the bytes they were decoded from (`EngagementDecoder.dealInputs`).
struct DecodedDeals: Sendable {
    let deals: [Deal]
    let ids: IDTable
    let problems: [TapeReader.RawProblem]
    let offset: Int
    let inputs: Int
}

extension EngagementDecoder {
    /// A hash of everything decoding the deals reads: the bytes of the `deals`, `stages`, `reps`
    /// and `accounts` values (absent ones count as absent). SipHash over about the file's size:
    /// 30-40 ms at 100k deals, against 300 ms to decode them.
    func dealInputs(_ members: [String: Int]) -> Int {
        var hasher = Hasher()
        for key in ["deals", "stages", "reps", "accounts"] {
            guard let n = members[key] else { hasher.combine(-1); continue }
            let node = r.nodes[n]
            let start = Int(node.start), end = Int(node.end)
            hasher.combine(end - start)
            if start <= end && end <= r.bytes.count { hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(r.bytes)[start..<end])) }
        }
        return hasher.finalize()
    }
}

/// The deals last decoded from each path this process loaded or saved, so that loading the
/// path again (a reload after someone else's edit, the load under a save's lock) skips
/// decoding them when their bytes are unchanged. Checked by `DecodedDeals.inputs`, never trusted.
public final class DecodedDealsCache: Sendable {
    public static let shared = DecodedDealsCache()
    private let entries = Mutex<[String: DecodedDeals]>([:])
    /// Paths kept; a portfolio of more files than this reloads some in full.
    static let capacity = 256
    private let off = Atomic<Bool>(false)

    /// Whether loads remember their deals here; a process that reads each file once turns it off.
    public var isEnabled: Bool {
        get { !off.load(ordering: .relaxed) }
        set { off.store(!newValue, ordering: .relaxed) }
    }

    func get(_ path: String) -> DecodedDeals? { isEnabled ? entries.withLock { $0[path] } : nil }

    func set(_ path: String, _ deals: DecodedDeals?) {
        guard isEnabled else { return }
        entries.withLock { map in
            if map.count >= Self.capacity && map[path] == nil { map.removeAll() }
            map[path] = deals
        }
    }
}
