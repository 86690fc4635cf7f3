/// The errors loading an engagement's file would report, found on the model itself: what
/// `EngagementLoader.load(bytes: EngagementWriter.write(e), ...)` lists as errors, without
/// writing the file or reading it back (the import of a new file, a million rows).
///
/// The writer's output is valid JSON with every required key, so the rules left are those on
/// values: ids, numbers, dates, stage references and the order of a deal's stage dates. Each
/// check below mirrors a `r.error(...)` of `EngagementDecoder*.swift` / `TapeReader+Values.swift`
/// with its message and path; `ModelCheckTests` holds the two to the same answer.
///
/// The problems have no line and column (they exist only in the written file): a caller that
/// shows them loads the written bytes instead. Warnings are not looked for.
public enum ModelCheck {
    /// The errors, in document order; `nil` when the engagement holds what this check does not
    /// model (targets, spend, forecasts, funnel, actions, autopsies, a dashboard, quotas,
    /// account revenue, unknown keys other than those `unknown(_:known:)` models) or when its
    /// file could be larger than `LoadLimits.maxFileBytes`: then write it and load it.
    public static func errors(of e: Engagement, file: String) -> [Problem]? {
        var check = ModelChecker(file: file)
        check.engagement(e)
        if check.unmodelled || check.sizeBound > LoadLimits.maxFileBytes { return nil }
        return check.problems
    }

    /// More bytes than the writer's output of `e` can have, or `nil` as `errors(of:file:)`.
    static func writtenSizeBound(of e: Engagement) -> Int? {
        var check = ModelChecker(file: "")
        check.engagement(e)
        return check.unmodelled ? nil : check.sizeBound
    }
}

/// One pass over the model in the writer's order (so problems come in document order).
struct ModelChecker {
    let file: String
    var problems: [Problem] = []
    /// Set on anything the writer writes that this check does not model.
    var unmodelled = false
    /// An upper bound of the written file's size, in bytes.
    var sizeBound = 4096

    init(file: String) { self.file = file }

    mutating func error(_ path: String, _ message: String) {
        problems.append(Problem(file: file, line: nil, column: nil, path: path, severity: .error, message: boundingQuotedValues(message)))
    }

    // MARK: sizes: a member line is indent + "key": value,\n; values at most these lengths

    static let numberBytes = 32   // jsonNumber: "-2.2250738585072014e-308" is 24
    static let dayBytes = 32      // a quoted Day of any ordinal: a 17-digit year and its sign
    /// At worst each byte is a control character, escaped in six bytes.
    static func stringBytes(_ s: String) -> Int { 6 * s.utf8.count + 2 }
    mutating func member(_ key: StaticString, _ value: Int) { sizeBound += 16 + key.utf8CodeUnitCount + value }

    // MARK: values, as TapeReader reads them back

    /// `number(_:required:min:max:)`: a non-finite value is written `null`.
    mutating func number(_ v: Double?, _ path: @autoclosure () -> String, required: Bool = false, min: Double? = nil, max: Double? = nil) {
        guard let v else { return }
        var expected: String {
            switch (min, max) {
            case let (lo?, hi?): return "a number from \(formatBound(lo)) to \(formatBound(hi))"
            case let (lo?, nil): return "a number ≥ \(formatBound(lo))"
            default: return "a number"
            }
        }
        guard v.isFinite else {
            if required { error(path(), "expected \(expected), found null") }
            return
        }
        // Only for a message: it formats the number as the writer does.
        var found: String { "the number \(bounded(jsonNumber(v)))" }
        if (min.map { v < $0 } ?? false) || (max.map { v > $0 } ?? false) {
            error(path(), "expected \(expected), found \(found)")
        } else if abs(v) > LoadLimits.maxMagnitude {
            error(path(), "\(found) is beyond the ±1e15 that Redline handles")
        }
    }

    /// `integer(_:range:expected:)`: written as `String(v)`, read back exactly.
    mutating func integer(_ v: Int?, _ path: @autoclosure () -> String, range: ClosedRange<Int>, expected: String) {
        guard let v, !range.contains(v) else { return }
        error(path(), "expected \(expected), found the number \(bounded(String(v)))")
    }

    /// `date(_:)`: a year outside 0…9999 is written as `Day.description`, not `YYYY-MM-DD`. True when valid.
    @discardableResult
    mutating func date(_ d: Day?, _ path: @autoclosure () -> String) -> Bool {
        guard let d else { return true }
        if Self.writtenAsDates.contains(d.ordinal) { return true }
        error(path(), "expected a date YYYY-MM-DD, found \(Self.foundString(d.description))")
        return false
    }

    /// The days of years 0…9999, as ordinals (no civil date computed per day checked).
    static let writtenAsDates = Day(year: 0, month: 1, day: 1)!.ordinal...Day(year: 9999, month: 12, day: 31)!.ordinal

    /// `id(_:)`. True when valid.
    mutating func id(_ s: String, _ path: @autoclosure () -> String) -> Bool {
        if !s.isEmpty { return true }
        error(path(), "expected a non-empty string id, found the empty string")
        return false
    }

    /// How `TapeReader.found` names a string.
    static func foundString(_ text: String) -> String {
        var s = text
        if s.count > 40 { s = String(s.prefix(37)) + "..." }
        return "the string \(jsonQuoted(s))"
    }

    mutating func string(_ key: StaticString, _ s: String?) { if let s { member(key, Self.stringBytes(s)) } }
    mutating func scalar(_ key: StaticString, _ present: Bool) { if present { member(key, Self.numberBytes) } }

    // MARK: the engagement, in the writer's order

    mutating func engagement(_ e: Engagement) {
        let t = e.targets
        if e.dashboard != nil || !t.bookings.isEmpty || !t.netNewARR.isEmpty || !t.kpis.isEmpty || !t.unknownKeys.isEmpty
            || !e.spend.isEmpty || !e.forecasts.isEmpty || !e.funnel.isEmpty || !e.actions.isEmpty || !e.autopsies.isEmpty {
            unmodelled = true
            return
        }
        unknown(e.unknownKeys, known: ["format", "client", "engagement", "stages", "dashboard", "targets", "reps", "accounts",
                                       "deals", "spend", "forecasts", "funnel", "actions", "autopsies", "data_as_of"])
        date(e.dataAsOf, "data_as_of")
        client(e.client)
        terms(e.terms)
        let kept = stages(e.stages)
        reps(e.reps)
        accounts(e.accounts)
        deals(e.deals, stages: kept)
    }

    mutating func client(_ c: Client) {
        _ = id(c.id, "client.id")
        unknown(c.unknownKeys, known: ["id", "name", "industry", "currency", "fiscal_year_start_month", "gross_margin", "retention_basis"])
        integer(c.fiscalYearStartMonth, "client.fiscal_year_start_month", range: 1...12, expected: "an integer from 1 to 12")
        number(c.grossMargin, "client.gross_margin", min: 0, max: 1)
        sizeBound += 256 + Self.stringBytes(c.id) + Self.stringBytes(c.name) + Self.stringBytes(c.industryName) + Self.stringBytes(c.currency)
    }

    mutating func terms(_ t: EngagementTerms) {
        unknown(t.unknownKeys, known: ["cro", "started", "days_per_month", "monthly_fee", "stall_after_days", "no_activity_days"])
        date(t.started, "engagement.started")
        number(t.daysPerMonth, "engagement.days_per_month", min: 0)
        number(t.monthlyFee, "engagement.monthly_fee", min: 0)
        integer(t.stallAfterDays, "engagement.stall_after_days", range: 1...100_000, expected: "a positive integer")
        integer(t.noActivityDays, "engagement.no_activity_days", range: 1...100_000, expected: "a positive integer")
        sizeBound += 512 + (t.cro.map(Self.stringBytes) ?? 0)
    }

    /// The stage ids the loader keeps (non-empty, first of each id), in order.
    mutating func stages(_ stages: [Stage]) -> [String] {
        var own: [Problem] = []
        swap(&own, &problems)
        var firstAt: [String: Int] = [:]
        var kept: [String] = []
        var won = 0, lost = false
        for (i, s) in stages.enumerated() {
            unknown(s.unknownKeys, known: ["id", "name", "probability", "stall_after_days", "outcome"])
            if id(s.id, "stages[\(i)].id") {
                if let first = firstAt[s.id] {
                    error("stages[\(i)].id", "duplicate id \(jsonQuoted(s.id)) (also stages[\(first)])")
                } else {
                    firstAt[s.id] = i
                    kept.append(s.id)
                    if s.outcome == .won { won += 1 }
                    if s.outcome == .lost { lost = true }
                }
            }
            number(s.probability, "stages[\(i)].probability", min: 0, max: 1)
            integer(s.stallAfterDays, "stages[\(i)].stall_after_days", range: 1...100_000, expected: "a positive integer")
            sizeBound += 256 + Self.stringBytes(s.id) + Self.stringBytes(s.name)
        }
        // Reported at the array's `[`, before its elements.
        swap(&own, &problems)
        if won != 1 { error("stages", "exactly one stage must have \"outcome\": \"won\", found \(won)") }
        if !lost { error("stages", "at least one stage must have \"outcome\": \"lost\", found none") }
        problems += own
        return kept
    }

    mutating func reps(_ reps: [Rep]) {
        var firstAt: [String: Int] = [:]
        for (i, r) in reps.enumerated() {
            if !r.quota.isEmpty { unmodelled = true }
            unknown(r.unknownKeys, known: ["id", "name", "role", "start", "end", "quota"])
            if id(r.id, "reps[\(i)].id") {
                if let first = firstAt[r.id] { error("reps[\(i)].id", "duplicate id \(jsonQuoted(r.id)) (also reps[\(first)])") } else { firstAt[r.id] = i }
            }
            date(r.start, "reps[\(i)].start")
            date(r.end, "reps[\(i)].end")
            sizeBound += 256 + Self.stringBytes(r.id) + Self.stringBytes(r.name) + (r.role.map(Self.stringBytes) ?? 0)
        }
    }

    mutating func accounts(_ accounts: [Account]) {
        var firstAt: [String: Int] = [:]
        for (i, a) in accounts.enumerated() {
            if !a.revenue.isEmpty { unmodelled = true }
            unknown(a.unknownKeys, known: ["id", "name", "segment", "revenue"])
            if id(a.id, "accounts[\(i)].id") {
                if let first = firstAt[a.id] { error("accounts[\(i)].id", "duplicate id \(jsonQuoted(a.id)) (also accounts[\(first)])") } else { firstAt[a.id] = i }
            }
            sizeBound += 256 + Self.stringBytes(a.id) + Self.stringBytes(a.name) + (a.segment.map(Self.stringBytes) ?? 0)
        }
    }
}

extension ModelChecker {
    /// Unknown keys as the loader reads them back: only those it keeps as they are (a key of
    /// printable ASCII, not one of the object's own keys nor repeated, whose value is a JSON
    /// string or literal) are modelled: the importer writes a reps file's extra columns so.
    mutating func unknown(_ keys: [UnknownKey], known: [StaticString]) {
        guard !keys.isEmpty else { return }
        var seen: Set<String> = []
        for u in keys {
            let plainKey = !u.key.isEmpty && u.key.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
            let own = known.contains { k in k.withUTF8Buffer { $0.elementsEqual(u.key.utf8) } }
            if !plainKey || own || !seen.insert(u.key).inserted || !Self.isSimpleJSONLiteral(u.rawJSON) { unmodelled = true }
            sizeBound += 16 + u.key.utf8.count + u.rawJSON.utf8.count
        }
    }

    /// `true`, `false`, `null` or a string literal with valid escapes (no surrogate `\u`).
    static func isSimpleJSONLiteral(_ text: String) -> Bool {
        if text == "true" || text == "false" || text == "null" { return true }
        let b = Array(text.utf8)
        guard b.count >= 2, b.first == 0x22, b.last == 0x22 else { return false }
        var i = 1
        while i < b.count - 1 {
            let c = b[i]
            if c < 0x20 || c == 0x22 { return false }
            guard c == 0x5C else { i += 1; continue }
            guard i + 1 < b.count - 1 else { return false }
            switch b[i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 2
            case UInt8(ascii: "u"):
                guard i + 5 < b.count - 1 else { return false }
                var v: UInt32 = 0
                for k in (i + 2)...(i + 5) {
                    guard let h = hexValue(b[k]) else { return false }
                    v = v << 4 | h
                }
                if (0xD800...0xDFFF).contains(v) { return false }
                i += 6
            default: return false
            }
        }
        return true
    }
}
