import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// Every screen of the cockpit rendered from the demo at 2026-11-23, compared line by line.
/// (Trailing spaces trimmed; the demo is reproducible for a fixed review date.)
@Suite struct ScreenSnapshotTests {
    func check(_ keys: [Key], _ width: Int, _ height: Int, _ expected: String, function: String = #function, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = Cockpit.screen(keys, size: Size(width: width, height: height))
        // To regenerate after a deliberate change: REDLINE_SNAPSHOT_DUMP=DIR swift test --filter ScreenSnapshotTests,
        // then Tests/CockpitUITests/update_snapshots.py DIR.
        if let dir = ProcessInfo.processInfo.environment["REDLINE_SNAPSHOT_DUMP"] {
            try? lines.joined(separator: "\n").write(toFile: "\(dir)/\(function.prefix { $0 != "(" }).txt", atomically: true, encoding: .utf8)
        }
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == height, sourceLocation: sourceLocation)
        for (i, (got, exp)) in zip(lines, want).enumerated() where got != exp {
            Issue.record("line \(i):\n  got:  \(got)\n  want: \(exp)", sourceLocation: sourceLocation)
        }
        #expect(lines.count == want.count, sourceLocation: sourceLocation)
    }

    /// The start screen: clients worst first, the selected client's KPIs below.
    @Test func portfolio80() {
        check([], 80, 24, #"""
 Redline │ Portfolio                                  2026-W48 · Mon 2026-11-23
 Clients · weekly status, worst first
  Client              Industry      Status    Action            Stalled
▶ Cortexa AI          ai startup    ■ red     Emergency meeting       5
  TalentLoop          hr tech       ■ red     Emergency meeting       6
  Ledgerly            saas          ▲ yellow  30-minute call          2
  Northwind Advisory  professional… ▲ yellow  30-minute call          2
  BrightSignal        martech       ● green   Continue                0

─ Cortexa AI: dashboard vs last week ───────────────────────────────────────────
  Net new ARR, 90-day adjusted      $354k  ■ red       → $354k     target $601…
  Cash-to-revenue efficiency        0.46x  ● green     → 0.46x     target ≤1.0…
  Sales cycle compression rate      -9.6%  ■ red       → -9.6%     target ≥10.…
  POV-to-pipeline conversion        50.0%  ▲ yellow    → 50.0%     target ≥60.…
  Founder-free closes               25.0%  ▲ yellow    ↓ 33.3%     target ≥50.…







 5 clients: ■ 2 red  ▲ 2 yellow  ● 1 green  ·  15 stalled deals
Enter open  x stalled  [ ] week  t today  : client  ? help  q quit
"""#)
    }

    /// A red client's weekly dashboard: tiles with target, status, trend, sparkline.
    @Test func dashboard80() {
        check([.enter], 80, 24, #"""
 Redline │ Portfolio › Cortexa AI                     2026-W48 · Mon 2026-11-23
 Cortexa AI (ai startup)  ■ red → Emergency meeting with product & finance
─ Net new ARR, 90-day adjusted ─────── ─ Cash-to-revenue efficiency ─────────
 $354k  ■ red  → from $354k             0.46x  ● green  → from 0.46x
 target $601k by now ($1.02M × 59%)     target ≤1.00x, red >1.50x
 ████▁▁▁▅▇▇▇▇ 12 weeks ↑ better         ████    ▁▁▁▁ 12 weeks ↓ better
─ Sales cycle compression rate ─────── ─ POV-to-pipeline conversion ─────────
 -9.6%  ■ red  → from -9.6%             50.0%  ▲ yellow  → from 50.0%
 target ≥10.0%, red <0.0%               target ≥60.0%, red <40.0%
 ████ ▄▄▁▇▇▇▇ 12 weeks ↑ better         ▇▇▇█▆▆▅▆▃▃▁▁ 12 weeks ↑ better
─ Founder-free closes ────────────────
 25.0%  ▲ yellow  ↓ from 33.3%
 target ≥50.0%, red <25.0%
 ████▄▃▁▄▄▄▄▂ 12 weeks ↑ better
─ This week ────────────────────────────────────────────────────────────────────
 Bottleneck: Proof of value: 2 stalled deals, $81k at risk
 Done last week: Self-serve sandbox for POVs; Flag low-margin scopes before si…
 Planned: Rewrite the proposal template around outcomes; Add a pricing floor t…
 Pipeline: $2.18M + $80k new − $0 won − $109k lost = $2.15M
 Moves: 5 advanced, 0 pulled in, 0 pushed out, 3 stalled, 17 unchanged



f funnel  x stalled  a autopsy  w actions  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// The funnel with conversion, median days, stalled, and the week's waterfall.
    @Test func funnel80() {
        check([.enter, .char("f")], 80, 24, #"""
 Redline │ Portfolio › Cortexa AI › Funnel            2026-W48 · Mon 2026-11-23
 Cortexa AI · pipeline funnel as of 2026-11-23
  Stage              Deals     Value  Weighted  Conv.  Median Stalled
▶ Discovery              5     $227k      $34k    84%     6 d 1 $29k
  Proof of value        18    $1.72M     $689k    50%    19 d 2 $81k
  Security review        4     $181k     $127k   100%    50 d 2 $44k
  Contract               1      $22k      $19k    80%     3 d —

 Open: 28 deals, $2.15M  ·  stalled: 5  ·  stall limits: discovery 14 d, pov 5…

─ Pipeline since last week (2026-11-16 → 2026-11-23) ───────────────────────────
  Open a week ago     $2.18M
  New                  +$80k  3 deals
  Advanced             $292k  5 deals
  Pulled in               $0  0 deals
  Pushed out              $0  0 deals
  Won                    −$0  0 deals
  Lost                −$109k  1 deal
  Stalled               $87k  3 deals
  Unchanged           $1.69M  17 deals
  Open now            $2.15M


Enter deals  x stalled  a autopsy  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// The red client's stalled deals, by amount.
    @Test func stalled80() {
        check([.enter, .char("x")], 80, 24, #"""
 Redline │ Portfolio › Cortexa AI › Stalled deals     2026-W48 · Mon 2026-11-23
 Cortexa AI · stalled deals  ·  sorted by amount ↓
  ID       Deal                 Stage         Amount Days Close      Flags
▶ D-1003   Juniper Logistics: … Proof of v…     $43k   60 2026-11-29 STAL
  D-1046   Massive Logistics: … Proof of v…     $39k    2 2027-01-23 STAL
  D-1020   Kestrel Bank: Docum… Discovery       $29k    5 2027-02-17 STAL SLIP
  D-1077   Nimbus Insurance: D… Security r…     $22k   48 2026-11-09 STAL OVER
  D-1040   Juniper Logistics: … Security r…     $22k   51 2026-10-30 STAL OVER















Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// One stalled deal's story.
    @Test func story80() {
        check([.enter, .char("x"), .enter], 80, 24, #"""
 Redline │ Portfolio › Cortexa AI › Stalled deals › … 2026-W48 · Mon 2026-11-23
 D-1003  Juniper Logistics: Document AI pilot
 STALLED
 Stage: Proof of value, 60 days (stalls after 54)
 Amount: $43k, 12 months: $43k/year
 Owner: Kenji Sato
 Account: Juniper Logistics  ·  new_logo  ·  segment under_50k  ·  source inboun
 Created: 2026-09-18  ·  first meeting 2026-09-21
 Expected close: 2026-11-29
 Last activity: 2026-11-20 (3 days ago)
 Next step: Send revised proposal
 Proof of value: started 2026-09-24: running

 Stage history
   2026-09-18  Discovery           6 days
   2026-09-24  Proof of value      60 days so far

 KPI autopsy
   Why: stalled
   · sales_cycle_days: 6 days over the 54-day limit of pov
   · pipeline_velocity: $118/day of velocity stuck
   · stalled_share: 1.98% of open pipeline
   Autopsy not written.
n next step  A ack stall  e autopsy  j/k scroll  [ ] week  t today  Esc back
"""#)
    }

    /// The KPI autopsy of the quarter and lost reasons.
    @Test func autopsy80() {
        check([.enter, .char("a")], 80, 24, #"""
 Redline │ Portfolio › Cortexa AI › KPI autopsy       2026-W48 · Mon 2026-11-23
 Cortexa AI · KPI autopsy 2026-10-01 … 2026-11-23  ·  24 deals, 11 autopsies w…
  ID         Amount Why              KPIs hurt                     Autopsy
▶ D-1086      $226k slipped          pipeline_coverage, sales_cyc… change open
  D-1082      $184k lost             win_rate, forecast_accuracy   change done
  D-1053      $176k slipped          pipeline_coverage, sales_cyc… change open
  D-1067      $162k slipped          sales_cycle_days              change open
  D-1016      $126k slipped          sales_cycle_days              not written
  D-1011      $121k slipped          pipeline_coverage, sales_cyc… change done
  D-1143      $109k lost             win_rate, pipeline_coverage,… not written
  D-1026       $94k slipped          sales_cycle_days              not written
  D-1044       $90k slipped          sales_cycle_days              not written
  D-1017       $52k slipped          sales_cycle_days              not written
  D-1123       $48k slipped          sales_cycle_days              not written
  D-1003       $43k stalled          sales_cycle_days, pipeline_v… not written
  D-1065       $41k lost             win_rate, forecast_accuracy   not written
  D-1046       $39k stalled          sales_cycle_days, pipeline_v… not written
  D-1092       $37k lost             win_rate, forecast_accuracy   not written
─ Lost reasons, largest first ──────────────────────────────────────────────────
  champion left           3 deals   $94k
  timing                  1 deal    $184k
  price                   1 deal    $109k
  no decision             1 deal    $37k
e write autopsy  Enter story  w actions  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// Stalled deals of every client.
    @Test func all80() {
        check([.char("x")], 80, 24, #"""
 Redline │ Portfolio › Stalled, all clients           2026-W48 · Mon 2026-11-23
 Stalled deals of every client, by value at risk  ·  sorted by amount ↓
  ID       Client       Deal     Stage         Amount Days Close      Flags
▶ D-1093   Northwind A… Northst… Proposal s…     $53k   41 2026-11-16 STAL OVER
  D-1003   Cortexa AI   Juniper… Proof of v…     $43k   60 2026-11-29 STAL
  D-1126   TalentLoop   Acme Lo… Proposal s…     $40k   76 2026-09-16 STAL OVER
  D-1046   Cortexa AI   Massive… Proof of v…     $39k    2 2027-01-23 STAL
  D-1020   Cortexa AI   Kestrel… Discovery       $29k    5 2027-02-17 STAL SLIP
  D-1004   TalentLoop   Nakatom… Discovery       $26k   11 2027-01-16 STAL
  D-1036   Northwind A… Initech… Proposal s…     $23k   82 2026-09-25 STAL OVER
  D-1077   Cortexa AI   Nimbus … Security r…     $22k   48 2026-11-09 STAL OVER
  D-1040   Cortexa AI   Juniper… Security r…     $22k   51 2026-10-30 STAL OVER
  D-1119   TalentLoop   Umbrell… Lead            $19k    2 2027-02-04 STAL
  D-1015   TalentLoop   Soylent… Proposal s…     $16k  135 2026-08-14 STAL OVER
  D-1095   TalentLoop   Initech… Proposal s…     $11k    7 2026-12-07 STAL
  D-1176   Ledgerly     Nimbus … Discovery       $11k   27 2026-11-30 STAL
  D-1086   Ledgerly     Acme Sy… Proposal s…     $11k    3 2026-11-07 STAL OVER
  D-1175   TalentLoop   Soylent… Discovery       $10k    5 2027-03-01 STAL SLIP





Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// The help overlay.
    @Test func help80() {
        check([.char("?")], 80, 24, #"""
 Redline │ Portfolio                                  2026-W48 · Mon 2026-11-23
 Clients · weekly status, worst first
  Cl─ Keys ─────────────────────────────────────────────────────────────────
▶ Co  Enter l →   open the selected client, stage or deal
  Ta  Esc h ←     back (the breadcrumb shows the way)
  Le  j k ↓ ↑     move; g G first/last; PgUp PgDn page
  No  Tab         next view: dashboard, funnel, autopsy, actions
  Br  d f a w     dashboard, funnel, KPI autopsy, actions of this client
      x           stalled deals (of this client, or of every client)
─ Co  p           back to the portfolio                                     ────
  Ne  [ ]         review a week earlier / later                             01…
  Ca  t           back to today's week                                      .0…
  Sa  /           filter a deal list as you type                            0.…
  PO  s S         sort by the next column / reverse the order               0.…
  Fo  :           jump to a client by id                                    0.…
      n A e       on a deal: next step / acknowledge stall / write autopsy
      o D X P     actions: plan one / mark done, dropped, planned
      c           next colour theme
      ?           this help
      q Ctrl-C    quit
    ────────────────────────────────────────────────────────────────────────
      ? or Esc closes this help
 5 clients: ■ 2 red  ▲ 2 yellow  ● 1 green  ·  15 stalled deals
Enter open  x stalled  [ ] week  t today  : client  ? help  q quit
"""#)
    }

    /// The portfolio at 160×48: full actions and a KPI column.
    @Test func portfolio160() {
        check([], 160, 48, #"""
 Redline │ Portfolio                                                                                                                  2026-W48 · Mon 2026-11-23
 Clients · weekly status, worst first
  Client                   Industry              Status    Action                                   Stalled Dashboard KPIs (trend vs last week)
▶ Cortexa AI               ai startup            ■ red     Emergency meeting with product & finance       5 NNARR $354k→  C2RE 0.46x→  SCCR -9.6%→  POV 50.0%→…
  TalentLoop               hr tech               ■ red     Emergency meeting with product & finance       6 NewARR $32k↑  Logos 89.4%→  Cycle 63.7 d↓  ACV $29…
  Ledgerly                 saas                  ▲ yellow  Schedule a 30-minute call                      2 NewARR $17k→  NRR 97.1%→  Win 35.7%↓  Cov 2.70x↓  …
  Northwind Advisory       professional services ▲ yellow  Schedule a 30-minute call                      2 NRR 96.6%→  ADS $110k↑  Cycle 73.6 d↑  Cov+1Q 2.40…
  BrightSignal             martech               ● green   Continue                                       0 Vel €6.2k/day↑  PQL 12.2%→  Fcst 99.8%→  NRR 112.4…

─ Cortexa AI: dashboard vs last week ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
  Net new ARR, 90-day adjusted      $354k  ■ red       → $354k     target $601k by now ($1.02M × 59%)
  Cash-to-revenue efficiency        0.46x  ● green     → 0.46x     target ≤1.00x, red >1.50x
  Sales cycle compression rate      -9.6%  ■ red       → -9.6%     target ≥10.0%, red <0.0%
  POV-to-pipeline conversion        50.0%  ▲ yellow    → 50.0%     target ≥60.0%, red <40.0%
  Founder-free closes               25.0%  ▲ yellow    ↓ 33.3%     target ≥50.0%, red <25.0%































 5 clients: ■ 2 red  ▲ 2 yellow  ● 1 green  ·  15 stalled deals
Enter open  x stalled  [ ] week  t today  : client  ? help  q quit
"""#)
    }

    /// The dashboard at 160×48: three tiles a row, actions as lists.
    @Test func dashboard160() {
        check([.enter], 160, 48, #"""
 Redline │ Portfolio › Cortexa AI                                                                                                     2026-W48 · Mon 2026-11-23
 Cortexa AI (ai startup)  ■ red → Emergency meeting with product & finance
─ Net new ARR, 90-day adjusted ───────────────────── ─ Cash-to-revenue efficiency ─────────────────────── ─ Sales cycle compression rate ─────────────────────
 $354k  ■ red  → from $354k                           0.46x  ● green  → from 0.46x                         -9.6%  ■ red  → from -9.6%
 target $601k by now ($1.02M × 59%)                   target ≤1.00x, red >1.50x                            target ≥10.0%, red <0.0%
 ████▁▁▁▅▇▇▇▇ 12 weeks ↑ better                       ████    ▁▁▁▁ 12 weeks ↓ better                       ████ ▄▄▁▇▇▇▇ 12 weeks ↑ better
─ POV-to-pipeline conversion ─────────────────────── ─ Founder-free closes ──────────────────────────────
 50.0%  ▲ yellow  → from 50.0%                        25.0%  ▲ yellow  ↓ from 33.3%
 target ≥60.0%, red <40.0%                            target ≥50.0%, red <25.0%
 ▇▇▇█▆▆▅▆▃▃▁▁ 12 weeks ↑ better                       ████▄▃▁▄▄▄▄▂ 12 weeks ↑ better
─ This week ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
 Bottleneck: Proof of value: 2 stalled deals, $81k at risk
 Done last week:
   1. Self-serve sandbox for POVs
   2. Flag low-margin scopes before signing
   3. Tighten PQL scoring with product
 Planned this week:
   1. Rewrite the proposal template around outcomes
   2. Add a pricing floor to stop discounting
   3. Weekly pipeline review with every rep
 Pipeline: $2.18M + $80k new − $0 won − $109k lost = $2.15M
 Moves: 5 advanced, 0 pulled in, 0 pushed out, 3 stalled, 17 unchanged

























f funnel  x stalled  a autopsy  w actions  [ ] week  t today  Esc back  ? help  q quit
"""#)
    }

    /// Below 80×24: a clear message instead of a broken layout.
    @Test func small() {
        check([], 79, 24, #"""











                         Redline needs at least 80×24.
                       Enlarge the terminal (now 79×24).
                                   q quits.










"""#)
    }
}
