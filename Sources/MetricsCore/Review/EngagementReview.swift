/// The weekly review of one engagement as of a date: every KPI with last week's value, the
/// dashboard and its status, and the derived views the report and the cockpit show.
public struct EngagementReview: Sendable {
    public let asOf: Day
    public let index: EngagementIndex
    public let current: KPIContext
    public let previous: KPIContext
    /// All 30 KPIs in catalog order, as of `asOf`.
    public let kpis: [KPIResult]
    /// The same KPIs as of `asOf − 7`.
    public let previousWeek: [KPIResult]
    public let dashboard: [KPIID]
    /// The weekly status after the guards, with its reasons (`verdict.reasons`).
    public let verdict: WeeklyStatus
    public var weeklyStatus: KPIStatus { verdict.status }
    /// Last week's weekly status (as of `asOf − 7`, the same rules and guards).
    public let previousVerdict: WeeklyStatus
    /// The Monday review's state: last week's actions marked, this week's planned, autopsies written.
    public let checklist: ReviewChecklist
    /// Σ amount of the deals stalled at `asOf`: what orders clients of one status.
    public let stalledAmount: Double
    public let stalledDeals: [String]
    public let slippedDeals: [String]
    /// Open deals that went from the CRM in the review week (`gone_on` in `t−6 … t`), by deal
    /// index, largest amount first.
    public let gone: [Int]
    public let funnel: [FunnelStage]
    public let waterfall: Waterfall
    public let autopsy: AutopsyReport
    public let actionsDoneLastWeek: [Action]
    public let actionsThisWeek: [Action]

    /// `autopsyWindow`: the autopsy's window, the fiscal quarter to date unless given (a month
    /// for the monthly deep dive).
    public init(index: EngagementIndex, asOf: Day, autopsyWindow: DayWindow? = nil) {
        self.asOf = asOf
        self.index = index
        // The two weeks are independent until the autopsy compares them; the autopsy, the largest
        // part, is then made beside both weeks' KPIs.
        let (current, previous) = inParallel({ KPIContext(index: index, asOf: asOf) }, { KPIContext(index: index, asOf: asOf - 7) })
        self.current = current
        self.previous = previous
        let (autopsy, weeks) = inParallel({ AutopsyReport(current: current, previous: previous, window: autopsyWindow) },
                                          { [KPIEngine.compute(current), KPIEngine.compute(previous)] })
        self.autopsy = autopsy
        kpis = weeks[0]
        previousWeek = weeks[1]
        let engagement = index.engagement
        dashboard = KPICatalog.dashboard(for: engagement)
        let computed = kpis
        let stale = engagement.dataAsOf.map { asOf - $0 }
        verdict = WeeklyStatus(dashboard: dashboard.map { id in computed.first { $0.id == id }! },
                               stalledShare: computed.first { $0.id == .stalledShare }!,
                               staleDays: stale, formatter: ValueFormatter(currency: engagement.client.currency))
        let before = previousWeek
        previousVerdict = WeeklyStatus(dashboard: dashboard.map { id in before.first { $0.id == id }! },
                                       stalledShare: before.first { $0.id == .stalledShare }!,
                                       staleDays: engagement.dataAsOf.map { (asOf - 7) - $0 },
                                       formatter: ValueFormatter(currency: engagement.client.currency))
        checklist = ReviewChecklist(current)
        let deals = index.deals
        stalledAmount = current.snapshot.stalled.reduce(0) { $0 + deals[$1].amount }
        stalledDeals = current.snapshot.stalled.map { deals[$0].id }.sorted(by: naturalLess)
        slippedDeals = current.slippedDeals(in: current.windows.qtd).map { deals[$0].id }.sorted(by: naturalLess)
        let previousSnapshot = previous.snapshot
        gone = current.snapshot.gone.filter { !previousSnapshot.states[$0].isGone }.sorted { a, b in
            index.amount[a] != index.amount[b] ? index.amount[a] > index.amount[b] : naturalLess(deals[a].id, deals[b].id)
        }
        funnel = Funnel.build(current)
        waterfall = Waterfall(previous: previous, current: current)
        let thisWeek = asOf.isoWeek, lastWeek = (asOf - 7).isoWeek
        actionsDoneLastWeek = engagement.actions.filter { $0.week == lastWeek && $0.status == "done" }
        actionsThisWeek = engagement.actions.filter { $0.week == thisWeek && $0.status != "dropped" }
    }

    public var engagement: Engagement { index.engagement }
    public var action: String { verdict.action }
    /// How the weekly status moved since last week.
    public var statusChange: StatusChange { StatusChange(now: verdict.status, before: previousVerdict.status) }
    public func kpi(_ id: KPIID) -> KPIResult { kpis[KPIID.allCases.firstIndex(of: id)!] }
    public func previousKPI(_ id: KPIID) -> KPIResult { previousWeek[KPIID.allCases.firstIndex(of: id)!] }
    public var bottleneck: FunnelStage? { Funnel.bottleneck(funnel) }
    /// The ids of `gone`, sorted as ids are in reports.
    public var goneDeals: [String] { gone.map { index.deals[$0].id }.sorted(by: naturalLess) }
    /// True when the review date is more than 7 days after the CRM export.
    public var isStale: Bool { engagement.dataAsOf.map { asOf - $0 > 7 } ?? false }
}
