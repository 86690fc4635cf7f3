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
▶ TalentLoop          hr tech       ■ red     Emergency meeting       3
  Cortexa AI          ai startup    ■ red     Emergency meeting       3
  Ledgerly            saas          ▲ yellow  30-minute call          2
  Northwind Advisory  professional… ▲ yellow  30-minute call          1
  BrightSignal        martech       ● green   Continue                0

─ TalentLoop: dashboard vs last week ───────────────────────────────────────────
  Net new ARR                        $32k  ■ red       ↑ $16k      target $70k…
  Logo retention                    89.4%  ■ red       → 89.4%     target ≥95.…
  Sales cycle length               63.7 d  ▲ yellow    ↓ 66.8 d    target ≤60.…
  Average contract value             $29k  ○ no target ↓ $30k      target —
  CAC payback                     32.0 mo  ■ red       → 32.0 mo   target ≤12.…
  Weighted pipeline coverage        0.62x  ■ red       ↓ 0.64x     target ≥4.0…






 5 clients: ■ 2 red  ▲ 2 yellow  ● 1 green  ·  9 stalled deals
Enter open  x stalled  [ ] week  t today  : client  ? help  q quit
"""#)
    }

    /// A red client's weekly dashboard: tiles with target, status, trend, sparkline.
    @Test func dashboard80() {
        check([.enter], 80, 24, #"""
 Redline │ Portfolio › TalentLoop                     2026-W48 · Mon 2026-11-23
 TalentLoop (hr tech)  ■ red → Emergency meeting with product & finance
 why: red: Net new ARR $32k, Logo retention 89.4%, CAC payback 32.0 mo, Weight…
─ Net new ARR ──────────────────────── ─ Logo retention ─────────────────────
 $32k  ■ red  ↑ from $16k               89.4%  ■ red  → from 89.4%
 target $70k by now ($280k × 25%)       target ≥95.0%, red <90.0%
 ▃▅▇▇▇▇██▁▂▂▂ 12 weeks ↑ better         ▁▁▁▁▄▄▄▄████ 12 weeks ↑ better
─ Sales cycle length ───────────────── ─ Average contract value ─────────────
 63.7 d  ▲ yellow  ↓ from 66.8 d        $29k  ○ no target  ↓ from $30k
 target ≤60.0 d, red >90.0 d            target —
 ▁▁██▇▇▇█▆▅▅▃ 12 weeks ↓ better         █▆▇▇██▇▃▂▁▁▁ 12 weeks ↑ better
─ CAC payback ──────────────────────── ─ Weighted pipeline coverage ─────────
 32.0 mo  ■ red  → from 32.0 mo         0.62x  ■ red  ↓ from 0.64x
 target ≤12.0 mo, red >18.0 mo          target ≥4.00x, red <3.00x
 ▁▁▁▁▁▁▁▁████ 12 weeks ↓ better         ▅▅█▅▄▇▄▅▂▁▂▂ 12 weeks ↑ better
─ This week ────────────────────────────────────────────────────────────────────
 Bottleneck: Proposal sent: 2 stalled deals, $27k at risk
 Done last week: none marked (w marks them)
 Planned: none yet (w, then o plans one)
 Pipeline: $755k + $71k new − $16k won − $28k lost = $782k
 Moves: 2 advanced, 0 pulled in, 2 pushed out, 3 stalled, 11 unchanged


f funnel  x stalled  a autopsy  w actions  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// The funnel with conversion, median days, stalled, and the week's waterfall.
    @Test func funnel80() {
        check([.enter, .char("f")], 80, 24, #"""
 Redline │ Portfolio › TalentLoop › Funnel            2026-W48 · Mon 2026-11-23
 TalentLoop · pipeline funnel as of 2026-11-23
  Stage              Deals     Value  Weighted  Conv.  Median Stalled
▶ Lead                   5     $183k      $18k    57%     7 d —
  Discovery             10     $464k     $116k    71%    10 d 1 $26k
  Proposal sent          6     $135k      $68k    83%    11 d 2 $27k
  Negotiation            0        $0        $0    85%       — —

 Open: 21 deals, $782k  ·  stalled: 3  ·  stall limits: lead 14 d, discovery 2…

─ Pipeline since last week (2026-11-16 → 2026-11-23) ───────────────────────────
  Open a week ago      $755k
  New                  +$71k  3 deals
  Advanced              $24k  2 deals
  Pulled in               $0  0 deals
  Pushed out            $60k  2 deals
  Won                  −$16k  1 deal
  Lost                 −$28k  1 deal
  Stalled               $53k  3 deals
  Unchanged            $574k  11 deals
  Open now             $782k


Enter deals  x stalled  a autopsy  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// The red client's stalled deals, by amount.
    @Test func stalled80() {
        check([.enter, .char("x")], 80, 24, #"""
 Redline │ Portfolio › TalentLoop › Stalled deals     2026-W48 · Mon 2026-11-23
 TalentLoop · stalled deals  ·  sorted by amount ↓
  ID       Deal                 Stage         Amount Days Close      Flags
▶ D-1004   Nakatomi Systems: P… Discovery       $26k   11 2027-01-16 STAL
  D-1015   Soylent Works: Comp… Proposal s…     $16k  135 2026-08-14 STAL OVER
  D-1095   Initech Labs: Payro… Proposal s…     $11k    7 2026-12-07 STAL

















Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// One stalled deal's story.
    @Test func story80() {
        check([.enter, .char("x"), .enter], 80, 24, #"""
 Redline │ Portfolio › TalentLoop › Stalled deals › … 2026-W48 · Mon 2026-11-23
 D-1004  Nakatomi Systems: Payroll + benefits suite
 STALLED
 Stage: Discovery, 11 days (stalls after 21)
 Amount: $26k, 24 months: $13k/year
 Owner: Sofia Rossi
 Account: Nakatomi Systems  ·  new_logo  ·  segment smb  ·  source referral
 Created: 2026-10-29  ·  first meeting 2026-11-01
 Expected close: 2027-01-16
 Last activity: 2026-10-29 (25 days ago)
 Next step: Send revised proposal

 Stage history
   2026-10-29  Lead                14 days
   2026-11-12  Discovery           11 days so far

 KPI autopsy
   Why: stalled
   · sales_cycle_days: no activity for 25 days
   · pipeline_velocity: $121/day of velocity stuck
   · stalled_share: 3.33% of open pipeline
   Autopsy not written.

n next step  A ack stall  e autopsy  j/k scroll  [ ] week  t today  Esc back
"""#)
    }

    /// The end of a lost deal's story (the KPI autopsy's first row): what winning it would have done.
    @Test func storyWhatIf80() {
        check([.enter, .char("a"), .enter] + Array(repeating: .char("j"), count: 30), 80, 24, #"""
 Redline │ Portfolio › TalentLoop › KPI autopsy › D-… 2026-W48 · Mon 2026-11-23
 Created: 2026-10-27  ·  first meeting 2026-10-30                       6-27/27
 Expected close: 2026-11-08
 Last activity: 2026-11-08 (15 days ago)
 Next step: —
 Lost reason: timing

 Stage history
   2026-10-27  Lead                12 days
   2026-11-08  Closed lost         closed

 KPI autopsy
   Why: lost
   · win_rate: win rate 0.3 with it, 0.31 without
   · forecast_accuracy: $275k expected in 2026-11, a forecast month
   What if D-1211 had been won on 2026-11-08:
     NewARR $32k red → $169k green, Cycle 63.7 d yellow → 59.2 d green,
     ACV $29k no target → $38k no target, wCov 0.62x red → target met
     had D-1211 been won
   Written 2026-11-10  · status done  · owner Jordan Blake  · due 2026-12-07
   Root cause: Proposal went out without an economic buyer
   Systemic change: Competitive deals need a CRO review before pricing
   KPIs: win_rate, pipeline_coverage
n next step  A ack stall  e autopsy  j/k scroll  [ ] week  t today  Esc back
"""#)
    }

    /// The KPI autopsy of the quarter, the selected deal's what-if, and lost reasons.
    @Test func autopsy80() {
        check([.enter, .char("a")], 80, 24, #"""
 Redline │ Portfolio › TalentLoop › KPI autopsy       2026-W48 · Mon 2026-11-23
 TalentLoop · KPI autopsy 2026-11-01 … 2026-11-23  ·  26 deals, 6 autopsies wr…
  ID         Amount Why              KPIs hurt                     Autopsy
▶ D-1211      $275k lost             win_rate, forecast_accuracy   change done
  D-1070      $203k lost             win_rate, forecast_accuracy   not written
  D-1114      $192k lost             win_rate, forecast_accuracy   not written
  D-1027      $144k slipped          sales_cycle_days              not written
  D-1068       $91k lost             win_rate, forecast_accuracy   not written
  D-1002       $87k lost             win_rate, forecast_accuracy   not written
  D-1087       $73k slipped          sales_cycle_days              not written
  D-1209       $62k lost             win_rate, forecast_accuracy   not written
  D-1089       $51k slipped          pipeline_coverage, sales_cyc… not written
  D-1154       $49k slipped          pipeline_coverage, sales_cyc… not written
  D-1126       $40k slipped          sales_cycle_days              not written
  D-1064       $39k slipped          sales_cycle_days              not written
─ What if D-1211 had been won on 2026-11-08 ────────────────────────────────────
  NewARR $32k red → $169k green, Cycle 63.7 d yellow → 59.2 d green,
  ACV $29k no target → $38k no target, wCov 0.62x red → target met …
─ Lost reasons, largest first ──────────────────────────────────────────────────
  timing                  1 deal    $275k
  competitor              2 deals   $220k
  champion left           1 deal    $192k
  no decision             2 deals   $149k
e write autopsy  Enter story  w actions  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// Stalled deals of every client.
    @Test func all80() {
        check([.char("x")], 80, 24, #"""
 Redline │ Portfolio › Stalled, all clients           2026-W48 · Mon 2026-11-23
 Stalled deals of every client, by value at risk  ·  sorted by amount ↓
  ID       Client       Deal     Stage         Amount Days Close      Flags
▶ D-1003   Cortexa AI   Juniper… Proof of v…     $43k   60 2026-11-29 STAL
  D-1004   TalentLoop   Nakatom… Discovery       $26k   11 2027-01-16 STAL
  D-1036   Northwind A… Initech… Proposal s…     $23k   82 2026-09-25 STAL OVER
  D-1077   Cortexa AI   Nimbus … Security r…     $22k   48 2026-11-09 STAL OVER
  D-1040   Cortexa AI   Juniper… Security r…     $22k   51 2026-10-30 STAL OVER
  D-1015   TalentLoop   Soylent… Proposal s…     $16k  135 2026-08-14 STAL OVER
  D-1095   TalentLoop   Initech… Proposal s…     $11k    7 2026-12-07 STAL
  D-1176   Ledgerly     Nimbus … Discovery       $11k   27 2026-11-30 STAL
  D-1086   Ledgerly     Acme Sy… Proposal s…     $11k    3 2026-11-07 STAL OVER











Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// The help overlay.
    @Test func help80() {
        check([.char("?")], 80, 24, #"""
 Redline │ Portfolio                                  2026-W48 · Mon 2026-11-23
 Clients · weekly status, worst first
  Cl─ Keys ─────────────────────────────────────────────────────────────────
▶ Ta  Enter l →   open the selected client, stage or deal
  Co  Esc h ←     back (the breadcrumb shows the way)
  Le  j k ↓ ↑     move; g G first/last; PgUp PgDn page
  No  Tab         next view: dashboard, funnel, autopsy, actions, forecast
  Br  d f a w     dashboard, funnel, KPI autopsy, actions of this client
      x           stalled deals (of this client, or of every client)
─ Ta  p           back to the portfolio                                     ────
  Ne  [ ]         review a week earlier / later                             0k…
  Lo  t           back to today's week                                      5.…
  Sa  /           filter a deal list as you type                            0.…
  Av  s S         sort by the next column / reverse the order
  CA  :           jump to a client by id                                    2.…
  We  n A e       on a deal: next step / acknowledge stall / write autopsy  .0…
      o D X P     actions: plan one / mark done, dropped, planned
      F / R       the rolling forecast / record it into the file
      c ?         next colour theme / this help
      q Ctrl-C    quit
    ────────────────────────────────────────────────────────────────────────
      ? or Esc closes this help
 5 clients: ■ 2 red  ▲ 2 yellow  ● 1 green  ·  9 stalled deals
Enter open  x stalled  [ ] week  t today  : client  ? help  q quit
"""#)
    }

    /// The portfolio at 160×48: full actions and a KPI column.
    @Test func portfolio160() {
        check([], 160, 48, #"""
 Redline │ Portfolio                                                                                                                  2026-W48 · Mon 2026-11-23
 Clients · weekly status, worst first
  Client                   Industry              Status    Action                                   Stalled Dashboard KPIs (trend vs last week)
▶ TalentLoop               hr tech               ■ red     Emergency meeting with product & finance       3 NewARR $32k↑  Logos 89.4%→  Cycle 63.7 d↓  ACV $29…
  Cortexa AI               ai startup            ■ red     Emergency meeting with product & finance       3 NNARR $354k→  C2RE 0.46x→  SCCR -9.6%→  POV 50.0%→…
  Ledgerly                 saas                  ▲ yellow  Schedule a 30-minute call                      2 NewARR $17k→  NRR 97.1%→  Win 35.7%↓  Cov 2.70x↓  …
  Northwind Advisory       professional services ▲ yellow  Schedule a 30-minute call                      1 NRR 96.6%→  ADS $110k↑  Cycle 73.6 d↑  Cov+1Q 2.40…
  BrightSignal             martech               ● green   Continue                                       0 Vel €6.2k/day↑  PQL 12.2%→  Fcst 99.8%→  NRR 112.4…

─ TalentLoop: dashboard vs last week ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
  Net new ARR                        $32k  ■ red       ↑ $16k      target $70k by now ($280k × 25%)
  Logo retention                    89.4%  ■ red       → 89.4%     target ≥95.0%, red <90.0%
  Sales cycle length               63.7 d  ▲ yellow    ↓ 66.8 d    target ≤60.0 d, red >90.0 d
  Average contract value             $29k  ○ no target ↓ $30k      target —
  CAC payback                     32.0 mo  ■ red       → 32.0 mo   target ≤12.0 mo, red >18.0 mo
  Weighted pipeline coverage        0.62x  ■ red       ↓ 0.64x     target ≥4.00x, red <3.00x






























 5 clients: ■ 2 red  ▲ 2 yellow  ● 1 green  ·  9 stalled deals
Enter open  x stalled  [ ] week  t today  : client  ? help  q quit
"""#)
    }

    /// The dashboard at 160×48: three tiles a row, actions as lists.
    @Test func dashboard160() {
        check([.enter], 160, 48, #"""
 Redline │ Portfolio › TalentLoop                                                                                                     2026-W48 · Mon 2026-11-23
 TalentLoop (hr tech)  ■ red → Emergency meeting with product & finance
 why: red: Net new ARR $32k, Logo retention 89.4%, CAC payback 32.0 mo, Weighted pipeline coverage 0.62x
─ Net new ARR ────────────────────────────────────── ─ Logo retention ─────────────────────────────────── ─ Sales cycle length ───────────────────────────────
 $32k  ■ red  ↑ from $16k                             89.4%  ■ red  → from 89.4%                           63.7 d  ▲ yellow  ↓ from 66.8 d
 target $70k by now ($280k × 25%)                     target ≥95.0%, red <90.0%                            target ≤60.0 d, red >90.0 d
 ▃▅▇▇▇▇██▁▂▂▂ 12 weeks ↑ better                       ▁▁▁▁▄▄▄▄████ 12 weeks ↑ better                       ▁▁██▇▇▇█▆▅▅▃ 12 weeks ↓ better
─ Average contract value ─────────────────────────── ─ CAC payback ────────────────────────────────────── ─ Weighted pipeline coverage ───────────────────────
 $29k  ○ no target  ↓ from $30k                       32.0 mo  ■ red  → from 32.0 mo                       0.62x  ■ red  ↓ from 0.64x
 target —                                             target ≤12.0 mo, red >18.0 mo                        target ≥4.00x, red <3.00x
 █▆▇▇██▇▃▂▁▁▁ 12 weeks ↑ better                       ▁▁▁▁▁▁▁▁████ 12 weeks ↓ better                       ▅▅█▅▄▇▄▅▂▁▂▂ 12 weeks ↑ better
─ This week ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
 Bottleneck: Proposal sent: 2 stalled deals, $27k at risk
 Done last week: none yet (w opens the actions)
 Planned this week: none yet (w opens the actions)
 Pipeline: $755k + $71k new − $16k won − $28k lost = $782k
 Moves: 2 advanced, 0 pulled in, 2 pushed out, 3 stalled, 11 unchanged






























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
