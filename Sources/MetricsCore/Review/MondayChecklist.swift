/// How a client's weekly status moved since last week, in the portfolio order of kpis.md (red,
/// `no_data`, yellow, green): worse means it needs more attention than last week.
public enum StatusChange: Sendable, Equatable {
    /// Up the portfolio order: green to yellow, yellow to red, green to `no_data`…
    case worse(from: KPIStatus)
    /// Down the portfolio order: red to yellow, `no_data` to green…
    case better(from: KPIStatus)
    /// The same weekly status as last week.
    case same(KPIStatus)

    public init(now: KPIStatus, before: KPIStatus) {
        let a = WeeklyStatus.portfolioRank(now), b = WeeklyStatus.portfolioRank(before)
        if a < b { self = .worse(from: before) } else if a > b { self = .better(from: before) } else { self = .same(now) }
    }
}

extension Glyphs {
    /// `worse, was green`, `better, was red`, `same`: words, not a glyph, since the status
    /// glyphs are triangles and squares already (a `▲` beside `▲ yellow` read as yellow).
    public func change(_ c: StatusChange) -> String {
        func word(_ s: KPIStatus) -> String { s.rawValue.replacingOccurrences(of: "_", with: " ") }
        switch c {
        case .worse(let from): return "worse, was \(word(from))"
        case .better(let from): return "better, was \(word(from))"
        case .same: return "same"
        }
    }
}

/// The Monday review of one client, as a checklist: last week's actions marked, this week's
/// planned, and an autopsy written for each deal lost or slipped in the quarter to date.
public struct ReviewChecklist: Sendable, Equatable {
    /// The ISO weeks of `t − 7` and of `t`.
    public let lastWeek: ISOWeek, thisWeek: ISOWeek
    /// Last week's actions: how many, how many marked `done`, how many `dropped` (the rest are
    /// still `planned`).
    public let lastWeekActions: Int, lastWeekDone: Int, lastWeekDropped: Int
    /// This week's actions that are not `dropped` ("3 of 3 planned", docs/decisions.md).
    public let plannedThisWeek: Int
    /// The fiscal quarter whose lost and slipped deals are counted.
    public let quarter: FiscalQuarter
    /// Deals lost or slipped in the quarter to date, and those of them with an autopsy written
    /// on or before `t`: the two counts of `autopsy_coverage`.
    public let autopsiesDue: Int, autopsiesWritten: Int

    public init(lastWeek: ISOWeek, thisWeek: ISOWeek, lastWeekActions: Int, lastWeekDone: Int, lastWeekDropped: Int,
                plannedThisWeek: Int, quarter: FiscalQuarter, autopsiesDue: Int, autopsiesWritten: Int) {
        self.lastWeek = lastWeek; self.thisWeek = thisWeek
        self.lastWeekActions = lastWeekActions; self.lastWeekDone = lastWeekDone; self.lastWeekDropped = lastWeekDropped
        self.plannedThisWeek = plannedThisWeek; self.quarter = quarter
        self.autopsiesDue = autopsiesDue; self.autopsiesWritten = autopsiesWritten
    }

    /// As of the context's `t`.
    public init(_ ctx: KPIContext) {
        let t = ctx.t, thisWeek = t.isoWeek, lastWeek = (t - 7).isoWeek
        let actions = ctx.engagement.actions
        let last = actions.filter { $0.week == lastWeek }
        let due = ctx.lostOrSlipped(in: ctx.windows.qtd)
        let covered = Set(ctx.engagement.autopsies.filter { $0.writtenOn <= t }.map(\.deal))
        self.init(lastWeek: lastWeek, thisWeek: thisWeek, lastWeekActions: last.count,
                  lastWeekDone: last.filter { $0.status == "done" }.count,
                  lastWeekDropped: last.filter { $0.status == "dropped" }.count,
                  plannedThisWeek: actions.filter { $0.week == thisWeek && $0.status != "dropped" }.count,
                  quarter: ctx.windows.quarter, autopsiesDue: due.count,
                  autopsiesWritten: due.filter { covered.contains(ctx.deals[$0].id) }.count)
    }

    /// Last week's actions marked done or dropped.
    public var lastWeekMarked: Int { lastWeekDone + lastWeekDropped }
    /// Last week's actions still `planned`: not reviewed yet.
    public var lastWeekOpen: Int { lastWeekActions - lastWeekMarked }
    public var autopsiesMissing: Int { autopsiesDue - autopsiesWritten }

    /// Each item ticked: last week's actions all marked, at least one action planned for this
    /// week, every autopsy due written.
    public var markedDone: Bool { lastWeekOpen == 0 }
    public var plannedDone: Bool { plannedThisWeek > 0 }
    public var autopsiesDone: Bool { autopsiesMissing == 0 }
    /// The review is done when every item is.
    public var isDone: Bool { markedDone && plannedDone && autopsiesDone }
}
