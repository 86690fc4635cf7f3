/// `redline report --format json`: the machine-readable report, format 1 (`docs/report-json.md`).
public enum ReportJSON {
    public static let formatTag = "redline.report/1"

    public static func render(_ portfolio: Portfolio, reviews: [EngagementReview?], asOf: Day) -> String {
        var engagements: [JSONOutput] = []
        for (file, review) in zip(portfolio.files, reviews) {
            guard let review else { continue }
            engagements.append(engagement(file, review))
        }
        let problems = portfolio.files.flatMap { $0.problems.map(problem) }
        return JSONOutput.object([
            ("format", .string(formatTag)),
            ("as_of", .string(asOf.description)),
            ("engagements", .array(engagements)),
            ("problems", .array(problems)),
        ]).rendered()
    }

    /// The depth of an engagement's members: the document's object, its `engagements` array,
    /// the engagement's object.
    static let memberIndent = 3

    static func engagement(_ file: LoadedFile, _ r: EngagementReview) -> JSONOutput {
        let e = r.engagement
        let prev = Dictionary(uniqueKeysWithValues: r.previousWeek.map { ($0.id, $0.value) })
        // The what-ifs' shared selections and the forecast beside the review (written out); then
        // the what-ifs, on two threads of their own.
        let (early, reviewJSON) = inParallel(
            { SelectionsAndForecast(real: r.whatIfSelections(), forecast: forecast(RollingForecast(r.current))) },
            { review(r).prerendered(indent: memberIndent) })
        let whatIfs = whatIf(r, real: early.real)
        return .object([
            ("file", .string(file.file)),
            ("client", .string(e.client.id)),
            ("name", .string(e.client.name)),
            ("industry", .string(e.client.industryName)),
            ("currency", .string(e.client.currency)),
            ("weekly_status", .string(r.weeklyStatus.rawValue)),
            ("action", .string(r.action)),
            ("status_reasons", .array(r.verdict.reasons.map { reason in
                .object([("kind", .string(reason.kind.rawValue)), ("kpi", .optional(reason.kpi?.rawValue)), ("message", .string(reason.message))])
            })),
            ("dashboard", .array(r.dashboard.map { .string($0.rawValue) })),
            ("kpis", .array(r.kpis.map { kpi($0, previous: prev[$0.id] ?? nil) })),
            ("stalled_deals", .array(r.stalledDeals.map { .string($0) })),
            ("slipped_deals", .array(r.slippedDeals.map { .string($0) })),
            ("gone_deals", .array(r.goneDeals.map { .string($0) })),
            ("warnings", .array(file.warnings.map(problem))),
            ("data_as_of", .optional(e.dataAsOf)),
            ("stale", .bool(r.isStale)),
            ("review", reviewJSON),
            ("forecast", early.forecast),
            // Last, as the spec lists it.
            ("what_if", whatIfs),
        ])
    }

    /// What one thread makes while the other writes the review.
    struct SelectionsAndForecast: Sendable {
        let real: RealSelections?
        let forecast: JSONOutput
    }

    /// The rolling forecast (report-json.md `forecast`).
    static func forecast(_ f: RollingForecast) -> JSONOutput {
        .object([
            ("provisional", .bool(f.provisional)),
            ("months", .array(f.months.map { m in
                .object([("month", .string(m.month.description)), ("won", .number(m.won)), ("expected", .number(m.expected)),
                         ("forecast", .number(m.forecast)), ("target", .optional(m.target)), ("ratio", .optional(m.ratio)),
                         ("deals", .number(Double(m.deals.count)))])
            })),
            ("excluded", .number(Double(f.excluded))),
            ("unweighted", .number(Double(f.unweighted))),
            ("stage_win_rates", .object(f.stageWinRates.map { ($0.stage, .optional($0.rate)) })),
        ])
    }

    /// `{deal id: {kpi id: [value before, value after, status before, status after]}}`: deals by
    /// id, KPIs in dashboard order; a deal whose what-if moves no dashboard KPI maps to `{}`.
    static func whatIf(_ r: EngagementReview, real: RealSelections?) -> JSONOutput {
        let all = r.whatIfs(real: real)
        // Sort positions, not the what-ifs with their changes.
        return .object(all.indices.sorted { naturalLess(all[$0].dealID, all[$1].dealID) }.map { k in
            (all[k].dealID, .object(all[k].changes.map { c in
                (c.kpi.rawValue, .array([.optional(c.before.value), .optional(c.after.value), .string(c.before.status.rawValue), .string(c.after.status.rawValue)]))
            }))
        })
    }

    static func kpi(_ k: KPIResult, previous: Double?) -> JSONOutput {
        var thresholds: JSONOutput
        switch k.thresholds {
        case .none: thresholds = .null
        case .pair(let p): thresholds = .object([("green", .optional(p.green)), ("red", .optional(p.red))])
        case .paced(let target, let pace): thresholds = .object([("target", .number(target)), ("pace", .number(pace))])
        }
        if let imp = k.improvement {
            // report-json.md: green = goal, red = baseline, and the improvement itself.
            thresholds = .object([("green", .optional(imp.goal)), ("red", .optional(imp.baseline)),
                                  ("improvement", .object([("quarter", .string(imp.quarter)), ("change", .number(imp.change)),
                                                           ("baseline", .optional(imp.baseline)), ("goal", .optional(imp.goal))]))])
        }
        var members: [(String, JSONOutput)] = [
            ("id", .string(k.id.rawValue)),
            ("name", .string(k.definition.name)),
            ("value", .optional(k.value)),
            ("status", .string(k.status.rawValue)),
            ("thresholds", thresholds),
            ("previous_week", .optional(previous)),
            ("reason", .optional(k.reason)),
        ]
        if !k.breakdown.isEmpty {
            members.append(("breakdown", .array(k.breakdown.map { .object([("label", .string($0.label)), ("value", .number($0.value))]) })))
        }
        if !k.flaggedDeals.isEmpty { members.append(("flagged_deals", .array(k.flaggedDeals.map { .string($0) }))) }
        return .object(members)
    }

    static func problem(_ p: Problem) -> JSONOutput {
        .object([
            ("file", .string(p.file)),
            ("line", p.line.map { .number(Double($0)) } ?? .null),
            ("column", p.column.map { .number(Double($0)) } ?? .null),
            ("path", .string(p.path)),
            ("severity", .string(p.severity.rawValue)),
            ("message", .string(p.message)),
        ])
    }

    /// Extra keys (the contract allows additions): bottleneck, actions, funnel, waterfall, autopsy.
    static func review(_ r: EngagementReview) -> JSONOutput {
        let bottleneck: JSONOutput = r.bottleneck.map {
            .object([("stage", .string($0.id)), ("stalled_count", .number(Double($0.stalledCount))), ("stalled_amount", .number($0.stalledAmount))])
        } ?? .null
        func actions(_ list: [Action]) -> JSONOutput {
            .array(list.map { .object([("week", .string($0.week.description)), ("status", .string($0.status)), ("text", .string($0.text)), ("kpi", .optional($0.kpi))]) })
        }
        return .object([
            ("bottleneck", bottleneck),
            ("actions_done_last_week", actions(r.actionsDoneLastWeek)),
            ("actions_this_week", actions(r.actionsThisWeek)),
            ("funnel", funnel(r.funnel)),
            ("waterfall", waterfall(r.waterfall)),
            ("autopsy", autopsy(r.autopsy)),
        ])
    }

    static func funnel(_ stages: [FunnelStage]) -> JSONOutput {
        JSONOutput.array(stages.map { s in
            .object([
                ("stage", .string(s.id)), ("count", .number(Double(s.count))), ("amount", .number(s.amount)),
                ("weighted_amount", .optional(s.weightedAmount)), ("conversion", .optional(s.conversion)),
                ("median_days_in_stage", .optional(s.medianDaysInStage)), ("stalled_count", .number(Double(s.stalledCount))),
                ("stall_threshold_days", .number(Double(s.stallThresholdDays))),
            ])
        })
    }

    static func waterfall(_ w: Waterfall) -> JSONOutput {
        .object([
            ("from", .string(w.from.description)), ("to", .string(w.to.description)),
            ("start_amount", .number(w.startAmount)),
            ("buckets", .array(w.rows.map { .object([("bucket", .string($0.bucket.rawValue)), ("count", .number(Double($0.deals.count))), ("amount", .number($0.amount))]) })),
            ("end_amount", .number(w.endAmount)),
        ])
    }

    static func autopsy(_ a: AutopsyReport) -> JSONOutput {
        .object([
            ("window", .object([("from", .string(a.window.start.description)), ("to", .string(a.window.end.description))])),
            ("deals", .array(a.rows.map { row in
                .object([
                    ("deal", .string(row.dealID)),
                    ("causes", .array(row.causes.map { .string($0.rawValue) })),
                    ("kpis_hurt", .array(row.impacts.map { .object([("kpi", .string($0.kpi.rawValue)), ("detail", .string($0.detail)), ("delta", .optional($0.delta))]) })),
                    ("autopsy_written", .bool(row.written != nil)),
                ])
            })),
            ("lost_reasons", .array(a.lostReasons.map { .object([("reason", .string($0.reason)), ("count", .number(Double($0.count))), ("amount", .number($0.amount))]) })),
        ])
    }
}
