import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// Every screen of the cockpit rendered from the demo at 2026-11-23, compared line by line.
/// (Trailing spaces trimmed; the demo is reproducible for a fixed review date.)
@Suite struct ScreenSnapshotTests {
    func check(_ keys: [Key], _ width: Int, _ height: Int, glyphs: UIGlyphs = .unicode, _ expected: String, function: String = #function, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = Cockpit.screen(keys, size: Size(width: width, height: height), glyphs: glyphs)
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
 Redline │ Portfolio                           demo · 2026-W48 · Mon 2026-11-23
 Clients · weekly status, worst first · Monday review done for 1 of 5
  Client             Status   vs last week    Stalled Marked Planned Autopsies
▶ TalentLoop         ■ red    same                  3    0/3       0      6/24
  Cortexa AI         ■ red    same                  3    3/3       3     11/22
  Ledgerly           ▲ yellow same                  2    3/3       3       5/9
  Northwind Advisory ▲ yellow better, was red       1    0/3       0       3/7
  BrightSignal       ● green  same                  0    3/3       3     21/21

─ TalentLoop (hr tech): dashboard vs last week ─────────────────────────────────
  Net new ARR                        $32k  ■ red       ↑ $16k
    target $70k by now ($280k × 25%)
  Logo retention                    89.4%  ■ red       → 89.4%
    target ≥95.0%, red <90.0%
  Sales cycle length               63.7 d  ▲ yellow    ↓ 66.8 d
    target ≤60.0 d, red >90.0 d
  Average contract value             $29k  ○ no target ↓ $30k
    target —
  CAC payback                     32.0 mo  ■ red       → 32.0 mo
    target ≤12.0 mo, red >18.0 mo
  Weighted pipeline coverage        0.62x  ■ red       ↓ 0.64x
    target ≥4.00x, red <3.00x
 5 clients: ■ 2 red  ▲ 2 yellow  ● 1 green  ·  9 deals stalled now
Enter open  y why  / search  x stalled  [ ] week  t today  ? help  q quit
"""#)
    }

    /// A red client's weekly dashboard: tiles with target, status, trend, sparkline.
    @Test func dashboard80() {
        check([.enter], 80, 24, #"""
 Redline │ Portfolio › TalentLoop              demo · 2026-W48 · Mon 2026-11-23
 TalentLoop (hr tech)  ■ red → Emergency meeting with product & finance
 why: red: Net new ARR $32k, Logo retention 89.4%, CAC payback 32.0 mo,
 Weighted pipeline coverage 0.62x
▶ Net new ARR ──────────────────────── ─ Logo retention ─────────────────────
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
 Bottleneck: Proposal sent: 2 of the 3 stalled deals, $27k at risk
 Done last week: none marked (w marks them)
 Planned: none yet (w, then o plans one)
 Pipeline: $755k + $71k new − $16k won − $28k lost = $782k
 Moves: 2 advanced, 0 pulled in, 2 pushed out, 3 stalled without moving,
        11 unchanged
i target  f funnel  a autopsy  x stalled  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// The funnel with conversion, median days, stalled, and the week's waterfall.
    @Test func funnel80() {
        check([.enter, .char("f")], 80, 24, #"""
 Redline │ Portfolio › TalentLoop › Funnel     demo · 2026-W48 · Mon 2026-11-23
 TalentLoop · pipeline funnel as of 2026-11-23
  Stage              Deals     Value  Weighted  Conv.  Median Stalled
▶ Lead                   5     $183k      $18k    57%     7 d —
  Discovery             10     $464k     $116k    71%    10 d 1 $26k
  Proposal sent          6     $135k      $68k    83%    11 d 2 $27k
  Negotiation            0        $0        $0    85%       — —

 Open: 21 deals, $782k · stalled: 3 · stall limits: Lead 14 d, Discovery 21 d,
 Proposal sent 30 d, Negotiation 15 d

─ Pipeline since last week (2026-11-16 → 2026-11-23) ───────────────────────────
  Open a week ago             $755k
  New                         +$71k  3 deals
  Advanced                     $24k  2 deals
  Pulled in                      $0  0 deals
  Pushed out                   $60k  2 deals
  Won                         −$16k  1 deal
  Lost                        −$28k  1 deal
  Stalled without moving       $53k  3 deals
  Unchanged                   $574k  11 deals
  Open now                    $782k

Enter deals  a autopsy  x stalled  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// The red client's stalled deals, by amount.
    @Test func stalled80() {
        check([.enter, .char("x")], 80, 24, #"""
 Redline │ … › TalentLoop › Stalled deals      demo · 2026-W48 · Mon 2026-11-23
 TalentLoop · stalled deals (3)  ·  sorted by amount ↓
  ID     Deal                    Stage      Amount Days Idle Close      Flags
▶ D-1004 Nakatomi Systems: Payr… Discovery    $26k   11   25 2027-01-16
  D-1015 Soylent Works: Complia… Proposal se… $16k  135   26 2026-08-14 OVERDUE
  D-1095 Initech Labs: Payroll…  Proposal se… $11k    7   25 2026-12-07

















Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// One stalled deal's story.
    @Test func story80() {
        check([.enter, .char("x"), .enter], 80, 24, #"""
 Redline │ … › Stalled deals › D-1004          demo · 2026-W48 · Mon 2026-11-23
 D-1004  Nakatomi Systems: Payroll + benefits suite
 STALLED: no activity for 25 days (limit 21)
 Stage: Discovery, 11 days (stalls after 21)
 Amount: $26k, 24 months: $13k/year
 Owner: Sofia Rossi
 Account: Nakatomi Systems  ·  new_logo  ·  segment smb  ·  source referral
 Created: 2026-10-29  ·  first meeting 2026-11-01
 Expected close: 2027-01-16
 Last activity: 2026-10-29 (25 days ago)
 Next step: Send revised proposal

 Stage history
   2026-10-29  Lead                  14 days
   2026-11-12  Discovery             11 days so far

 KPI autopsy
   Why: stalled
   · Sales cycle length: no activity for 25 days
   · Pipeline velocity ($/day): $121/day of velocity stuck
   · Stalled pipeline: 3.33% of open pipeline
   Autopsy not written.

n next step  A ack stall  e autopsy  j/k scroll  [ ] week  Esc back  ? help
"""#)
    }

    /// The end of a lost deal's story (the KPI autopsy's first row): what winning it would have done.
    @Test func storyWhatIf80() {
        check([.enter, .char("a"), .enter] + Array(repeating: .char("j"), count: 30), 80, 24, #"""
 Redline │ … › KPI autopsy › D-1211            demo · 2026-W48 · Mon 2026-11-23
 D-1211  Vandelay Group: Skills intelligence                            5-25/25
 Created: 2026-10-27  ·  first meeting 2026-10-30
 Expected close: 2026-11-08
 Last activity: 2026-11-08 (15 days ago)
 Next step: —
 Lost reason: timing

 Stage history
   2026-10-27  Lead                  12 days
   2026-11-08  Closed lost           closed

 KPI autopsy
   Why: lost
   · Win rate: win rate 29.7% with it, 30.6% without
   · Forecast accuracy: $275k expected in 2026-11, a forecast month
   What if D-1211 had been won on 2026-11-08:
     NewARR $32k red → $169k green, Cycle 63.7 d yellow → 59.2 d green,
     ACV $29k no target → $38k no target, wCov 0.62x red → target met
   Written 2026-11-10  · status done  · owner Jordan Blake  · due 2026-12-07
   Root cause: Proposal went out without an economic buyer
   Systemic change: Competitive deals need a CRO review before pricing
   KPIs: Win rate, Pipeline coverage
n next step  A ack stall  e autopsy  j/k scroll  [ ] week  Esc back  ? help
"""#)
    }

    /// The KPI autopsy of the quarter and lost reasons.
    @Test func autopsy80() {
        check([.enter, .char("a")], 80, 24, #"""
 Redline │ … › TalentLoop › KPI autopsy        demo · 2026-W48 · Mon 2026-11-23
 TalentLoop · KPI autopsy 2026-11-01 … 2026-11-23 · autopsies 6/24, 2 stalled
  ID    Amount Why     KPIs hurt                                Autopsy
▶ D-1211 $275k lost    Win rate, Forecast accuracy              change done
  D-1070 $203k lost    Win rate, Forecast accuracy              not written
  D-1114 $192k lost    Win rate, Forecast accuracy              not written
  D-1027 $144k slipped Sales cycle length                       not written
  D-1068  $91k lost    Win rate, Forecast accuracy              not written
  D-1002  $87k lost    Win rate, Forecast accuracy              not written
  D-1087  $73k slipped Sales cycle length                       not written
  D-1209  $62k lost    Win rate, Forecast accuracy              not written
  D-1089  $51k slipped Pipeline coverage, Sales cycle length    not written
  D-1154  $49k slipped Pipeline coverage, Sales cycle length    not written
  D-1126  $40k slipped Sales cycle length                       not written
  D-1064  $39k slipped Sales cycle length                       not written
─ What if D-1211 had been won on 2026-11-08 ────────────────────────────────────
  NewARR $32k red → $169k green, Cycle 63.7 d yellow → 59.2 d green,
  ACV $29k no target → $38k no target, wCov 0.62x red → target met
─ Lost reasons, largest first ──────────────────────────────────────────────────
  timing                  1 deal    $275k
  competitor              2 deals   $220k
  champion left           1 deal    $192k
  +3 more: no decision (2 deals, $149k), price (3 deals, $146k) and 1 other
Enter story  e write autopsy  m month  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// Every client's stalled deals sorted by id (`s` twice: days, then id at 80 columns): by
    /// the id alone, A to Z, not grouped by client.
    @Test func allByID80() {
        check([.char("x"), .char("s"), .char("s")], 80, 24, #"""
 Redline │ Portfolio › Stalled, all clients    demo · 2026-W48 · Mon 2026-11-23
 Stalled deals of every client (9)  ·  sorted by id ↑
  ID     Client      Deal                    Stage     Amount Days Idle Flags
▶ D-1003 Cortexa AI  Juniper Logistics: Doc… Proof of v… $43k   60    3
  D-1004 TalentLoop  Nakatomi Systems: Payr… Discovery   $26k   11   25
  D-1015 TalentLoop  Soylent Works: Complia… Proposal s… $16k  135   26 OVERDUE
  D-1036 Northwind…  Initech Foods: Operati… Proposal s… $23k   82   36 OVERDUE
  D-1040 Cortexa AI  Juniper Logistics: Age… Security r… $22k   51   25 OVERDUE
  D-1077 Cortexa AI  Nimbus Insurance: Docu… Security r… $22k   48   44 OVERDUE
  D-1086 Ledgerly    Acme Systems: Team plan Proposal s… $11k    3   32 OVERDUE
  D-1095 TalentLoop  Initech Labs: Payroll…  Proposal s… $11k    7   25
  D-1176 Ledgerly    Nimbus Holdings: Team…  Discovery   $11k   27    6











Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// The help overlay.
    @Test func help80() {
        check([.char("?")], 80, 24, #"""
 Redline │ Portfolio                           demo · 2026-W48 · Mon 2026-11-23
─ Keys ─────────────────────────────────────────────────────────────────────────
  Enter l →           open the selected client, stage or deal
  Esc h ← Backspace   back to where you were
  j ↓                 down: the next row, KPI tile or story line
  k ↑                 up: the row, KPI tile or story line before
  PgDn Ctrl-F         a page down
  PgUp Ctrl-B         a page up
  g Home              the first row
  G End               the last row
  Tab                 next view of this client, in the order d f a w F
  Shift-Tab           previous view of this client, in the order F w a f d
  d                   dashboard of this client (or the one selected)
  f                   funnel of this client: pipeline by stage
  a                   KPI autopsy of this client: lost, slipped deals
  w                   actions of this client: last week's, this week's
  F                   rolling 90-day forecast of this client
  x                   stalled deals: this client's, or every client's
  p                   back to the portfolio
  y                   portfolio: why its colour, what its review needs
  [                   review a week earlier (every view recomputes)
────────────────────────────────────────────────────────────────────────────────
  ? or Esc closes this help · j k scroll                                more ↓
j/k scroll  PgDn/PgUp page  g/G top/end  ?/Esc close  q quit
"""#)
    }

    /// The portfolio at 160×48: full actions and a KPI column.
    @Test func portfolio160() {
        check([], 160, 48, #"""
 Redline │ Portfolio                                                                                                           demo · 2026-W48 · Mon 2026-11-23
 Clients · weekly status, worst first · Monday review done for 1 of 5
  Client             Status   vs last week    Action            Stalled now Marked Planned Autopsies Dashboard KPIs (trend vs last week)
▶ TalentLoop         ■ red    same            Emergency meeting           3    0/3       0      6/24 NewARR $32k↑  Logos 89.4%→  Cycle 63.7 d↓  +3 more
  Cortexa AI         ■ red    same            Emergency meeting           3    3/3       3     11/22 NNARR $354k→  C2RE 0.46x→  SCCR -9.6%→  POV 50.0%→  +1 more
  Ledgerly           ▲ yellow same            30-minute call              2    3/3       3       5/9 NewARR $17k→  NRR 97.1%→  Win 35.7%↓  Cov 2.70x↓  +2 more
  Northwind Advisory ▲ yellow better, was red 30-minute call              1    0/3       0       3/7 NRR 96.6%→  ADS $110k↑  Cycle 73.6 d↑  +2 more
  BrightSignal       ● green  same            Continue                    0    3/3       3     21/21 Vel €6.2k/day↑  PQL 12.2%→  Fcst 99.8%→  +3 more

─ TalentLoop (hr tech): dashboard vs last week ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
  Net new ARR                        $32k  ■ red       ↑ $16k      target $70k by now ($280k × 25%)
  Logo retention                    89.4%  ■ red       → 89.4%     target ≥95.0%, red <90.0%
  Sales cycle length               63.7 d  ▲ yellow    ↓ 66.8 d    target ≤60.0 d, red >90.0 d
  Average contract value             $29k  ○ no target ↓ $30k      target —
  CAC payback                     32.0 mo  ■ red       → 32.0 mo   target ≤12.0 mo, red >18.0 mo
  Weighted pipeline coverage        0.62x  ■ red       ↓ 0.64x     target ≥4.00x, red <3.00x






























 5 clients: ■ 2 red  ▲ 2 yellow  ● 1 green  ·  9 deals stalled now
Enter open  y why  / search  x stalled  [ ] week  t today  : client  ? help  q quit
"""#)
    }

    /// The dashboard at 160×48: three tiles a row, actions as lists.
    @Test func dashboard160() {
        check([.enter], 160, 48, #"""
 Redline │ Portfolio › TalentLoop                                                                                              demo · 2026-W48 · Mon 2026-11-23
 TalentLoop (hr tech)  ■ red → Emergency meeting with product & finance
 why: red: Net new ARR $32k, Logo retention 89.4%, CAC payback 32.0 mo, Weighted pipeline coverage 0.62x
▶ Net new ARR ────────────────────────────────────── ─ Logo retention ─────────────────────────────────── ─ Sales cycle length ───────────────────────────────
 $32k  ■ red  ↑ from $16k                             89.4%  ■ red  → from 89.4%                           63.7 d  ▲ yellow  ↓ from 66.8 d
 target $70k by now ($280k × 25%)                     target ≥95.0%, red <90.0%                            target ≤60.0 d, red >90.0 d
 ▃▅▇▇▇▇██▁▂▂▂ 12 weeks ↑ better                       ▁▁▁▁▄▄▄▄████ 12 weeks ↑ better                       ▁▁██▇▇▇█▆▅▅▃ 12 weeks ↓ better
─ Average contract value ─────────────────────────── ─ CAC payback ────────────────────────────────────── ─ Weighted pipeline coverage ───────────────────────
 $29k  ○ no target  ↓ from $30k                       32.0 mo  ■ red  → from 32.0 mo                       0.62x  ■ red  ↓ from 0.64x
 target —                                             target ≤12.0 mo, red >18.0 mo                        target ≥4.00x, red <3.00x
 █▆▇▇██▇▃▂▁▁▁ 12 weeks ↑ better                       ▁▁▁▁▁▁▁▁████ 12 weeks ↓ better                       ▅▅█▅▄▇▄▅▂▁▂▂ 12 weeks ↑ better
─ This week ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
 Bottleneck: Proposal sent: 2 of the 3 stalled deals, $27k at risk
 Done last week: none yet (w opens the actions)
 Planned this week: none yet (w opens the actions)
 Pipeline: $755k + $71k new − $16k won − $28k lost = $782k
 Moves: 2 advanced, 0 pulled in, 2 pushed out, 3 stalled without moving, 11 unchanged






























i target  f funnel  a autopsy  x stalled  [ ] week  t today  w actions  F forecast  Esc back  ? help
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

    // The same screens with ASCII glyphs (a locale that is not UTF-8): every glyph that carries
    // meaning (comparisons, products, subtractions, arrows, "nothing") is still there.
    @Test func portfolioASCII80() {
        check([], 80, 24, glyphs: .ascii, #"""
 Redline | Portfolio                           demo | 2026-W48 | Mon 2026-11-23
 Clients | weekly status, worst first | Monday review done for 1 of 5
  Client             Status   vs last week    Stalled Marked Planned Autopsies
> TalentLoop         ! red    same                  3    0/3       0      6/24
  Cortexa AI         ! red    same                  3    3/3       3     11/22
  Ledgerly           ~ yellow same                  2    3/3       3       5/9
  Northwind Advisory ~ yellow better, was red       1    0/3       0       3/7
  BrightSignal       + green  same                  0    3/3       3     21/21

- TalentLoop (hr tech): dashboard vs last week ---------------------------------
  Net new ARR                        $32k  ! red       ^ $16k
    target $70k by now ($280k x 25%)
  Logo retention                    89.4%  ! red       = 89.4%
    target >=95.0%, red <90.0%
  Sales cycle length               63.7 d  ~ yellow    v 66.8 d
    target <=60.0 d, red >90.0 d
  Average contract value             $29k  - no target v $30k
    target -
  CAC payback                     32.0 mo  ! red       = 32.0 mo
    target <=12.0 mo, red >18.0 mo
  Weighted pipeline coverage        0.62x  ! red       v 0.64x
    target >=4.00x, red <3.00x
 5 clients: ! 2 red  ~ 2 yellow  + 1 green  |  9 deals stalled now
Enter open  y why  / search  x stalled  [ ] week  t today  ? help  q quit
"""#)
    }

    @Test func dashboardASCII80() {
        check([.enter], 80, 24, glyphs: .ascii, #"""
 Redline | Portfolio > TalentLoop              demo | 2026-W48 | Mon 2026-11-23
 TalentLoop (hr tech)  ! red -> Emergency meeting with product & finance
 why: red: Net new ARR $32k, Logo retention 89.4%, CAC payback 32.0 mo,
 Weighted pipeline coverage 0.62x
> Net new ARR ------------------------ - Logo retention ---------------------
 $32k  ! red  ^ from $16k               89.4%  ! red  = from 89.4%
 target $70k by now ($280k x 25%)       target >=95.0%, red <90.0%
 -+####@@_... 12 weeks ^ better         ____====@@@@ 12 weeks ^ better
- Sales cycle length ----------------- - Average contract value -------------
 63.7 d  ~ yellow  v from 66.8 d        $29k  - no target  v from $30k
 target <=60.0 d, red >90.0 d           target -
 __@@###@*++- 12 weeks v better         @*##@@#-.___ 12 weeks ^ better
- CAC payback ------------------------ - Weighted pipeline coverage ---------
 32.0 mo  ! red  = from 32.0 mo         0.62x  ! red  v from 0.64x
 target <=12.0 mo, red >18.0 mo         target >=4.00x, red <3.00x
 ________@@@@ 12 weeks v better         ++@+=#=+._.. 12 weeks ^ better
- This week --------------------------------------------------------------------
 Bottleneck: Proposal sent: 2 of the 3 stalled deals, $27k at risk
 Done last week: none marked (w marks them)
 Planned: none yet (w, then o plans one)
 Pipeline: $755k + $71k new - $16k won - $28k lost = $782k
 Moves: 2 advanced, 0 pulled in, 2 pushed out, 3 stalled without moving,
        11 unchanged
i target  f funnel  a autopsy  x stalled  [ ] week  t today  Esc back  ? help
"""#)
    }

    @Test func funnelASCII80() {
        check([.enter, .char("f")], 80, 24, glyphs: .ascii, #"""
 Redline | Portfolio > TalentLoop > Funnel     demo | 2026-W48 | Mon 2026-11-23
 TalentLoop | pipeline funnel as of 2026-11-23
  Stage              Deals     Value  Weighted  Conv.  Median Stalled
> Lead                   5     $183k      $18k    57%     7 d -
  Discovery             10     $464k     $116k    71%    10 d 1 $26k
  Proposal sent          6     $135k      $68k    83%    11 d 2 $27k
  Negotiation            0        $0        $0    85%       - -

 Open: 21 deals, $782k | stalled: 3 | stall limits: Lead 14 d, Discovery 21 d,
 Proposal sent 30 d, Negotiation 15 d

- Pipeline since last week (2026-11-16 -> 2026-11-23) --------------------------
  Open a week ago             $755k
  New                         +$71k  3 deals
  Advanced                     $24k  2 deals
  Pulled in                      $0  0 deals
  Pushed out                   $60k  2 deals
  Won                         -$16k  1 deal
  Lost                        -$28k  1 deal
  Stalled without moving       $53k  3 deals
  Unchanged                   $574k  11 deals
  Open now                    $782k

Enter deals  a autopsy  x stalled  [ ] week  t today  Esc back  ? help
"""#)
    }

    @Test func stalledASCII80() {
        check([.enter, .char("x")], 80, 24, glyphs: .ascii, #"""
 Redline | ... > TalentLoop > Stalled deals    demo | 2026-W48 | Mon 2026-11-23
 TalentLoop | stalled deals (3)  |  sorted by amount v
  ID     Deal                    Stage      Amount Days Idle Close      Flags
> D-1004 Nakatomi Systems: Pa... Discovery    $26k   11   25 2027-01-16
  D-1015 Soylent Works: Compl... Proposal...  $16k  135   26 2026-08-14 OVERDUE
  D-1095 Initech Labs: Payrol... Proposal...  $11k    7   25 2026-12-07

















Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    @Test func storyASCII80() {
        check([.enter, .char("x"), .enter], 80, 24, glyphs: .ascii, #"""
 Redline | ... > Stalled deals > D-1004        demo | 2026-W48 | Mon 2026-11-23
 D-1004  Nakatomi Systems: Payroll + benefits suite
 STALLED: no activity for 25 days (limit 21)
 Stage: Discovery, 11 days (stalls after 21)
 Amount: $26k, 24 months: $13k/year
 Owner: Sofia Rossi
 Account: Nakatomi Systems  |  new_logo  |  segment smb  |  source referral
 Created: 2026-10-29  |  first meeting 2026-11-01
 Expected close: 2027-01-16
 Last activity: 2026-10-29 (25 days ago)
 Next step: Send revised proposal

 Stage history
   2026-10-29  Lead                  14 days
   2026-11-12  Discovery             11 days so far

 KPI autopsy
   Why: stalled
   | Sales cycle length: no activity for 25 days
   | Pipeline velocity ($/day): $121/day of velocity stuck
   | Stalled pipeline: 3.33% of open pipeline
   Autopsy not written.

n next step  A ack stall  e autopsy  j/k scroll  [ ] week  Esc back  ? help
"""#)
    }

    /// The KPI autopsy by month (m): grouped by root cause and by systemic change, with what a
    /// win would have lifted; scrolled (j) to the systemic changes and their statuses.
    @Test func autopsyMonth80() {
        check([.enter, .char("a"), .char("m")], 80, 24, #"""
 Redline │ … › TalentLoop › KPI autopsy        demo · 2026-W48 · Mon 2026-11-23
 TalentLoop · KPI autopsy by month: 2026-11 (to 2026-11-23)             1-21/60
─ By root cause, largest first ─────────────────────────────────────────────────
▶ 1 deal   $275k  Proposal went out without an economic buyer
                  D-1211; won, they would have lifted Net new ARR (1), Sales
                  cycle length (1), Weighted pipeline coverage (1)
  2 deals   $31k  Close date set by the rep's quota, not the buyer's process
                  D-1038, D-1008
  2 deals   $28k  Champion left mid-cycle
                  D-1099, D-1175; won, they would have lifted Sales cycle
                  length (1)
  1 deal    $16k  Security review started too late
                  D-1217
─ By systemic change, largest first ────────────────────────────────────────────
  1 deal   $275k  Competitive deals need a CRO review before pricing
                  D-1211; won, they would have lifted Net new ARR (1), Sales
                  cycle length (1), Weighted pipeline coverage (1)
  2 deals   $31k  No proposal without a named budget owner
                  D-1038, D-1008
  2 deals   $28k  Security pack sent at discovery
                  D-1099, D-1175; won, they would have lifted Sales cycle
                  length (1)
  1 deal    $16k  Multi-thread every deal above 50k
Enter story  e autopsy  m quarter  < > month  [ ] week  Esc back  ? help
"""#)
    }

    @Test func autopsyMonthScrolledASCII80() {
        check([.enter, .char("a"), .char("m")] + Array(repeating: .char("j"), count: 12), 80, 24, glyphs: .ascii, #"""
 Redline | ... > TalentLoop > KPI autopsy      demo | 2026-W48 | Mon 2026-11-23
 TalentLoop | KPI autopsy by month: 2026-11 (to 2026-11-23)            13-33/60
  1 deal   $275k  Competitive deals need a CRO review before pricing
                  D-1211; won, they would have lifted Net new ARR (1), Sales
                  cycle length (1), Weighted pipeline coverage (1)
  2 deals   $31k  No proposal without a named budget owner
                  D-1038, D-1008
  2 deals   $28k  Security pack sent at discovery
                  D-1099, D-1175; won, they would have lifted Sales cycle
                  length (1)
  1 deal    $16k  Multi-thread every deal above 50k
                  D-1217
- Systemic changes: 0 overdue, 5 open, 1 done ----------------------------------
  D-1211  done     Competitive deals need a CRO review before pricing (owner
                   Jordan Blake, due 2026-12-07)
  D-1038  open     No proposal without a named budget owner (owner Jordan
                   Blake, due 2026-12-07)
  D-1099  open     Security pack sent at discovery (owner Jordan Blake, due
                   2026-12-07)
  D-1217  open     Multi-thread every deal above 50k (owner Jordan Blake, due
                   2026-12-07)
> D-1175  open     Security pack sent at discovery (owner Jordan Blake, due
                   2026-12-07)
Enter story  e autopsy  m quarter  < > month  [ ] week  Esc back  ? help
"""#)
    }

    @Test func autopsyASCII80() {
        check([.enter, .char("a")], 80, 24, glyphs: .ascii, #"""
 Redline | ... > TalentLoop > KPI autopsy      demo | 2026-W48 | Mon 2026-11-23
 TalentLoop | KPI autopsy 2026-11-01 ... 2026-11-23 | autopsies 6/24, 2 stalled
  ID    Amount Why     KPIs hurt                                Autopsy
> D-1211 $275k lost    Win rate, Forecast accuracy              change done
  D-1070 $203k lost    Win rate, Forecast accuracy              not written
  D-1114 $192k lost    Win rate, Forecast accuracy              not written
  D-1027 $144k slipped Sales cycle length                       not written
  D-1068  $91k lost    Win rate, Forecast accuracy              not written
  D-1002  $87k lost    Win rate, Forecast accuracy              not written
  D-1087  $73k slipped Sales cycle length                       not written
  D-1209  $62k lost    Win rate, Forecast accuracy              not written
  D-1089  $51k slipped Pipeline coverage, Sales cycle length    not written
  D-1154  $49k slipped Pipeline coverage, Sales cycle length    not written
  D-1126  $40k slipped Sales cycle length                       not written
  D-1064  $39k slipped Sales cycle length                       not written
- What if D-1211 had been won on 2026-11-08 ------------------------------------
  NewARR $32k red -> $169k green, Cycle 63.7 d yellow -> 59.2 d green,
  ACV $29k no target -> $38k no target, wCov 0.62x red -> target met
- Lost reasons, largest first --------------------------------------------------
  timing                  1 deal    $275k
  competitor              2 deals   $220k
  champion left           1 deal    $192k
  +3 more: no decision (2 deals, $149k), price (3 deals, $146k) and 1 other
Enter story  e write autopsy  m month  [ ] week  t today  Esc back  ? help
"""#)
    }

    @Test func actionsASCII80() {
        check([.enter, .char("w")], 80, 24, glyphs: .ascii, #"""
 Redline | Portfolio > TalentLoop > Actions    demo | 2026-W48 | Mon 2026-11-23
 TalentLoop | actions | 2026-W48: 0 of 3 planned | 2026-W47: 0 done, 3 open
  Week  # Status     Action                                   KPI  Owner
> last  1 ~ planned  Pre-recorded security review for pros... SCCR Jordan Blake
  last  2 ~ planned  Qualify out deals without a budget owner Win  Jordan Blake
  last  3 ~ planned  Self-serve sandbox for POVs              POV  Jordan Blake

















Enter read  o plan  D done  X drop  P planned  [ ] week  Esc back  ? help
"""#)
    }

    @Test func forecastASCII80() {
        check([.enter, .char("F")], 80, 24, glyphs: .ascii, #"""
 Redline | Portfolio > TalentLoop > Forecast   demo | 2026-W48 | Mon 2026-11-23
 TalentLoop | rolling forecast as of 2026-11-23
  Month        Won  Expected  Forecast   Target vs target Deals
> 2026-11     $32k     $178k     $209k     $83k      253%     9  @@@@@|@@@@@@@@
  2026-12       $0      $68k      $68k     $83k       82%     4  @@@@ |
  2027-01       $0      $33k      $33k     $83k       40%     2  @@   |

- Deals behind 2026-11 (9), largest weighted first -----------------------------
  $67k    47% (stage win rate)  D-1027  Stark Insurance: Skills intelligence
  $26k    64% (stage win rate)  D-1126  Acme Logistics: Payroll + benefits s...
  $25k    64% (stage win rate)  D-1064  Prestige Systems: Payroll + benefits...
  $22k    31% (stage win rate)  D-1087  Halcyon Systems: Skills intelligence
  $17k    47% (stage win rate)  D-1185  Northstar Insurance: Payroll + benef...
  $16k    won                   D-1152  Zorg Retail: Payroll + benefits suite
  $16k    won                   D-1073  Pinnacle Corp: Compliance automation
  $10k    64% (stage win rate)  D-1015  Soylent Works: Compliance automation
  $9.8k   47% (stage win rate)  D-1170  Hooli Partners: Workforce planning


 Stage win rates, 365 days (- under 10 closed): Lead 31%, Discovery 47%,
 Proposal sent 64%, Negotiation 86%
 Left out: 0 without an expected close; at 0%: 0 without any probability.
 R records it.
R record  j/k month  [ ] week  t today  Esc back  ? help
"""#)
    }

    @Test func allASCII80() {
        check([.char("x")], 80, 24, glyphs: .ascii, #"""
 Redline | Portfolio > Stalled, all clients    demo | 2026-W48 | Mon 2026-11-23
 Stalled deals of every client (9)  |  sorted by amount v
  ID     Client      Deal                    Stage     Amount Days Idle Flags
> D-1003 Cortexa AI  Juniper Logistics: D... Proof of... $43k   60    3
  D-1004 TalentLoop  Nakatomi Systems: Pa... Discovery   $26k   11   25
  D-1036 Northwin... Initech Foods: Opera... Proposal... $23k   82   36 OVERDUE
  D-1040 Cortexa AI  Juniper Logistics: A... Security... $22k   51   25 OVERDUE
  D-1077 Cortexa AI  Nimbus Insurance: Do... Security... $22k   48   44 OVERDUE
  D-1015 TalentLoop  Soylent Works: Compl... Proposal... $16k  135   26 OVERDUE
  D-1095 TalentLoop  Initech Labs: Payrol... Proposal... $11k    7   25
  D-1176 Ledgerly    Nimbus Holdings: Tea... Discovery   $11k   27    6
  D-1086 Ledgerly    Acme Systems: Team plan Proposal... $11k    3   32 OVERDUE











Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    @Test func helpASCII80() {
        check([.char("?")], 80, 24, glyphs: .ascii, #"""
 Redline | Portfolio                           demo | 2026-W48 | Mon 2026-11-23
- Keys -------------------------------------------------------------------------
  Enter l ->          open the selected client, stage or deal
  Esc h <- Backspace  back to where you were
  j v                 down: the next row, KPI tile or story line
  k ^                 up: the row, KPI tile or story line before
  PgDn Ctrl-F         a page down
  PgUp Ctrl-B         a page up
  g Home              the first row
  G End               the last row
  Tab                 next view of this client, in the order d f a w F
  Shift-Tab           previous view of this client, in the order F w a f d
  d                   dashboard of this client (or the one selected)
  f                   funnel of this client: pipeline by stage
  a                   KPI autopsy of this client: lost, slipped deals
  w                   actions of this client: last week's, this week's
  F                   rolling 90-day forecast of this client
  x                   stalled deals: this client's, or every client's
  p                   back to the portfolio
  y                   portfolio: why its colour, what its review needs
  [                   review a week earlier (every view recomputes)
--------------------------------------------------------------------------------
  ? or Esc closes this help | j k scroll                                more v
j/k scroll  PgDn/PgUp page  g/G top/end  ?/Esc close  q quit
"""#)
    }

    /// The help scrolled a page down at 80×24: "more ↑" on its title, "more ↓" while rows remain.
    @Test func helpScrolled80() {
        check([.char("?"), .pageDown], 80, 24, #"""
 Redline │ Portfolio                           demo · 2026-W48 · Mon 2026-11-23
─ Keys ─────────────────────────────────────────────────────────────── more ↑ ──
  [                   review a week earlier (every view recomputes)
  ]                   review a week later
  t                   back to the review date the cockpit opened on
  :                   jump to a client by id or name
  /                   filter a deal list, or search every client's deals
  s                   deal list: sort by the next column
  S                   deal list: reverse the sort
  n                   deal: edit its next step
  A                   deal: acknowledge its stall (until a date, a note)
  e                   KPI autopsy, deal: write the deal's autopsy
  m                   KPI autopsy: by month, or the quarter to date
  <                   KPI autopsy by month: the month before
  >                   KPI autopsy by month: the month after
  i                   dashboard: improvement target of the KPI selected
  o                   actions: plan one for this week
  D                   actions: mark the selected one done
  X                   actions: mark the selected one dropped
  P                   actions: mark the selected one planned again
  R                   forecast: record it into the file
────────────────────────────────────────────────────────────────────────────────
  ? or Esc closes this help · j k scroll                                more ↓
j/k scroll  PgDn/PgUp page  g/G top/end  ?/Esc close  q quit
"""#)
    }

    /// The help scrolled to its end, ASCII: "more ^" only.
    @Test func helpEndASCII80() {
        check([.char("?"), .char("G")], 80, 24, glyphs: .ascii, #"""
 Redline | Portfolio                           demo | 2026-W48 | Mon 2026-11-23
- Keys --------------------------------------------------------------- more ^ --
  n                   deal: edit its next step
  A                   deal: acknowledge its stall (until a date, a note)
  e                   KPI autopsy, deal: write the deal's autopsy
  m                   KPI autopsy: by month, or the quarter to date
  <                   KPI autopsy by month: the month before
  >                   KPI autopsy by month: the month after
  i                   dashboard: improvement target of the KPI selected
  o                   actions: plan one for this week
  D                   actions: mark the selected one done
  X                   actions: mark the selected one dropped
  P                   actions: mark the selected one planned again
  R                   forecast: record it into the file
  u                   undo your last saved edit (again: the one before)
  c                   next colour theme
  ?                   every key (this help): j k scroll it, ? or Esc closes it
  q Ctrl-C            quit (in a form Ctrl-C is Esc: it closes the form)
  mouse               click selects a row, KPI tile or month, double-click
                      opens it (as Enter), the wheel scrolls lists, this help
                      and a story; a click on a footer hint is its key
--------------------------------------------------------------------------------
  ? or Esc closes this help | j k scroll
j/k scroll  PgDn/PgUp page  g/G top/end  ?/Esc close  q quit
"""#)
    }

    // Larger terminals: more columns and longer names, never a number cut while space is free.
    @Test func portfolio120() {
        check([], 120, 40, #"""
 Redline │ Portfolio                                                                   demo · 2026-W48 · Mon 2026-11-23
 Clients · weekly status, worst first · Monday review done for 1 of 5
  Client             Status   vs last week    Action            Stalled now Marked Planned Autopsies
▶ TalentLoop         ■ red    same            Emergency meeting           3    0/3       0      6/24
  Cortexa AI         ■ red    same            Emergency meeting           3    3/3       3     11/22
  Ledgerly           ▲ yellow same            30-minute call              2    3/3       3       5/9
  Northwind Advisory ▲ yellow better, was red 30-minute call              1    0/3       0       3/7
  BrightSignal       ● green  same            Continue                    0    3/3       3     21/21

─ TalentLoop (hr tech): dashboard vs last week ─────────────────────────────────────────────────────────────────────────
  Net new ARR                        $32k  ■ red       ↑ $16k      target $70k by now ($280k × 25%)
  Logo retention                    89.4%  ■ red       → 89.4%     target ≥95.0%, red <90.0%
  Sales cycle length               63.7 d  ▲ yellow    ↓ 66.8 d    target ≤60.0 d, red >90.0 d
  Average contract value             $29k  ○ no target ↓ $30k      target —
  CAC payback                     32.0 mo  ■ red       → 32.0 mo   target ≤12.0 mo, red >18.0 mo
  Weighted pipeline coverage        0.62x  ■ red       ↓ 0.64x     target ≥4.00x, red <3.00x






















 5 clients: ■ 2 red  ▲ 2 yellow  ● 1 green  ·  9 deals stalled now
Enter open  y why  / search  x stalled  [ ] week  t today  : client  ? help  q quit
"""#)
    }

    @Test func dashboard120() {
        check([.enter], 120, 40, #"""
 Redline │ Portfolio › TalentLoop                                                      demo · 2026-W48 · Mon 2026-11-23
 TalentLoop (hr tech)  ■ red → Emergency meeting with product & finance
 why: red: Net new ARR $32k, Logo retention 89.4%, CAC payback 32.0 mo, Weighted pipeline coverage 0.62x
▶ Net new ARR ──────────────────────────────────────────── ─ Logo retention ─────────────────────────────────────────
 $32k  ■ red  ↑ from $16k                                   89.4%  ■ red  → from 89.4%
 target $70k by now ($280k × 25%)                           target ≥95.0%, red <90.0%
 ▃▅▇▇▇▇██▁▂▂▂ 12 weeks ↑ better                             ▁▁▁▁▄▄▄▄████ 12 weeks ↑ better
─ Sales cycle length ───────────────────────────────────── ─ Average contract value ─────────────────────────────────
 63.7 d  ▲ yellow  ↓ from 66.8 d                            $29k  ○ no target  ↓ from $30k
 target ≤60.0 d, red >90.0 d                                target —
 ▁▁██▇▇▇█▆▅▅▃ 12 weeks ↓ better                             █▆▇▇██▇▃▂▁▁▁ 12 weeks ↑ better
─ CAC payback ──────────────────────────────────────────── ─ Weighted pipeline coverage ─────────────────────────────
 32.0 mo  ■ red  → from 32.0 mo                             0.62x  ■ red  ↓ from 0.64x
 target ≤12.0 mo, red >18.0 mo                              target ≥4.00x, red <3.00x
 ▁▁▁▁▁▁▁▁████ 12 weeks ↓ better                             ▅▅█▅▄▇▄▅▂▁▂▂ 12 weeks ↑ better
─ This week ────────────────────────────────────────────────────────────────────────────────────────────────────────────
 Bottleneck: Proposal sent: 2 of the 3 stalled deals, $27k at risk
 Done last week: none marked (w marks them)
 Planned: none yet (w, then o plans one)
 Pipeline: $755k + $71k new − $16k won − $28k lost = $782k
 Moves: 2 advanced, 0 pulled in, 2 pushed out, 3 stalled without moving, 11 unchanged


















i target  f funnel  a autopsy  x stalled  [ ] week  t today  w actions  F forecast  Esc back  ? help
"""#)
    }

    @Test func stalled120() {
        check([.enter, .char("x")], 120, 40, #"""
 Redline │ Portfolio › TalentLoop › Stalled deals                                      demo · 2026-W48 · Mon 2026-11-23
 TalentLoop · stalled deals (3)  ·  sorted by amount ↓
  ID     Deal                                       Stage       Amount Days Idle Close      Owner       Flags
▶ D-1004 Nakatomi Systems: Payroll + benefits suite Discovery     $26k   11   25 2027-01-16 Sofia Rossi
  D-1015 Soylent Works: Compliance automation       Proposal sent $16k  135   26 2026-08-14 Sofia Rossi OVERDUE
  D-1095 Initech Labs: Payroll + benefits suite     Proposal sent $11k    7   25 2026-12-07 Ava Patel

































Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    @Test func portfolio200() {
        check([], 200, 60, #"""
 Redline │ Portfolio                                                                                                                                                   demo · 2026-W48 · Mon 2026-11-23
 Clients · weekly status, worst first · Monday review done for 1 of 5
  Client             Status   vs last week    Action            Stalled now Marked Planned Autopsies Dashboard KPIs (trend vs last week)
▶ TalentLoop         ■ red    same            Emergency meeting           3    0/3       0      6/24 NewARR $32k↑  Logos 89.4%→  Cycle 63.7 d↓  ACV $29k↓  CAC 32.0 mo→  wCov 0.62x↓
  Cortexa AI         ■ red    same            Emergency meeting           3    3/3       3     11/22 NNARR $354k→  C2RE 0.46x→  SCCR -9.6%→  POV 50.0%→  NoFndr 25.0%↓
  Ledgerly           ▲ yellow same            30-minute call              2    3/3       3       5/9 NewARR $17k→  NRR 97.1%→  Win 35.7%↓  Cov 2.70x↓  Cycle 47.8 d↑  CAC 15.8 mo→
  Northwind Advisory ▲ yellow better, was red 30-minute call              1    0/3       0       3/7 NRR 96.6%→  ADS $110k↑  Cycle 73.6 d↑  Cov+1Q 2.40x↑  GM 45.6%↑
  BrightSignal       ● green  same            Continue                    0    3/3       3     21/21 Vel €6.2k/day↑  PQL 12.2%→  Fcst 99.8%→  NRR 112.4%→  ARR €2.30M→  CAC 11.1 mo→

─ TalentLoop (hr tech): dashboard vs last week ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
  Net new ARR                        $32k  ■ red       ↑ $16k      target $70k by now ($280k × 25%)
  Logo retention                    89.4%  ■ red       → 89.4%     target ≥95.0%, red <90.0%
  Sales cycle length               63.7 d  ▲ yellow    ↓ 66.8 d    target ≤60.0 d, red >90.0 d
  Average contract value             $29k  ○ no target ↓ $30k      target —
  CAC payback                     32.0 mo  ■ red       → 32.0 mo   target ≤12.0 mo, red >18.0 mo
  Weighted pipeline coverage        0.62x  ■ red       ↓ 0.64x     target ≥4.00x, red <3.00x










































 5 clients: ■ 2 red  ▲ 2 yellow  ● 1 green  ·  9 deals stalled now
Enter open  y why  / search  x stalled  [ ] week  t today  : client  ? help  q quit
"""#)
    }

    @Test func dashboard200() {
        check([.enter], 200, 60, #"""
 Redline │ Portfolio › TalentLoop                                                                                                                                      demo · 2026-W48 · Mon 2026-11-23
 TalentLoop (hr tech)  ■ red → Emergency meeting with product & finance
 why: red: Net new ARR $32k, Logo retention 89.4%, CAC payback 32.0 mo, Weighted pipeline coverage 0.62x
▶ Net new ARR ─────────────────────────────────────────────────── ─ Logo retention ──────────────────────────────────────────────── ─ Sales cycle length ────────────────────────────────────────────
 $32k  ■ red  ↑ from $16k                                          89.4%  ■ red  → from 89.4%                                        63.7 d  ▲ yellow  ↓ from 66.8 d
 target $70k by now ($280k × 25%)                                  target ≥95.0%, red <90.0%                                         target ≤60.0 d, red >90.0 d
 ▃▅▇▇▇▇██▁▂▂▂ 12 weeks ↑ better                                    ▁▁▁▁▄▄▄▄████ 12 weeks ↑ better                                    ▁▁██▇▇▇█▆▅▅▃ 12 weeks ↓ better
─ Average contract value ──────────────────────────────────────── ─ CAC payback ─────────────────────────────────────────────────── ─ Weighted pipeline coverage ────────────────────────────────────
 $29k  ○ no target  ↓ from $30k                                    32.0 mo  ■ red  → from 32.0 mo                                    0.62x  ■ red  ↓ from 0.64x
 target —                                                          target ≤12.0 mo, red >18.0 mo                                     target ≥4.00x, red <3.00x
 █▆▇▇██▇▃▂▁▁▁ 12 weeks ↑ better                                    ▁▁▁▁▁▁▁▁████ 12 weeks ↓ better                                    ▅▅█▅▄▇▄▅▂▁▂▂ 12 weeks ↑ better
─ This week ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
 Bottleneck: Proposal sent: 2 of the 3 stalled deals, $27k at risk
 Done last week: none yet (w opens the actions)
 Planned this week: none yet (w opens the actions)
 Pipeline: $755k + $71k new − $16k won − $28k lost = $782k
 Moves: 2 advanced, 0 pulled in, 2 pushed out, 3 stalled without moving, 11 unchanged










































i target  f funnel  a autopsy  x stalled  [ ] week  t today  w actions  F forecast  Esc back  ? help
"""#)
    }

    @Test func stalled200() {
        check([.enter, .char("x")], 200, 60, #"""
 Redline │ Portfolio › TalentLoop › Stalled deals                                                                                                                      demo · 2026-W48 · Mon 2026-11-23
 TalentLoop · stalled deals (3)  ·  sorted by amount ↓
  ID     Deal                                       Stage       Amount Days Idle Close      Owner       Flags
▶ D-1004 Nakatomi Systems: Payroll + benefits suite Discovery     $26k   11   25 2027-01-16 Sofia Rossi
  D-1015 Soylent Works: Compliance automation       Proposal sent $16k  135   26 2026-08-14 Sofia Rossi OVERDUE
  D-1095 Initech Labs: Payroll + benefits suite     Proposal sent $11k    7   25 2026-12-07 Ava Patel





















































Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    @Test func stageDeals120() {
        check([.enter, .char("f"), .down, .enter], 120, 40, #"""
 Redline │ Portfolio › TalentLoop › Funnel › Discovery                                 demo · 2026-W48 · Mon 2026-11-23
 TalentLoop · Discovery deals (10)  ·  sorted by amount ↓
  ID     Deal                                         Amount Days Idle Close      Owner       Flags
▶ D-1027 Stark Insurance: Skills intelligence          $144k   14    7 2026-11-21 Maya Chen   OVERDUE
  D-1141 Gringotts Holdings: Skills intelligence        $83k   17    9 2026-12-19 Liam Foster
  D-1154 Kestrel Bank: Payroll + benefits suite         $49k   10    7 2027-02-08 Noah Kim    SLIPPED
  D-1197 Stark Insurance: Workforce planning            $45k    9   16 2027-01-26 Ava Patel
  D-1185 Northstar Insurance: Payroll + benefits suite  $37k    8   13 2026-11-11 Sofia Rossi OVERDUE
  D-1124 Tyrell Media: Workforce planning               $28k    9    9 2026-12-26 Liam Foster
  D-1004 Nakatomi Systems: Payroll + benefits suite     $26k   11   25 2027-01-16 Sofia Rossi STALLED
  D-1038 Halcyon Systems: Compliance automation         $22k   12   12 2027-03-02 Liam Foster SLIPPED
  D-1170 Hooli Partners: Workforce planning             $21k    1    6 2026-11-18 Liam Foster OVERDUE
  D-1175 Soylent Foods: Workforce planning              $10k    5   15 2027-03-01 Maya Chen   SLIPPED


























Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    @Test func portfolioASCII120() {
        check([], 120, 40, glyphs: .ascii, #"""
 Redline | Portfolio                                                                   demo | 2026-W48 | Mon 2026-11-23
 Clients | weekly status, worst first | Monday review done for 1 of 5
  Client             Status   vs last week    Action            Stalled now Marked Planned Autopsies
> TalentLoop         ! red    same            Emergency meeting           3    0/3       0      6/24
  Cortexa AI         ! red    same            Emergency meeting           3    3/3       3     11/22
  Ledgerly           ~ yellow same            30-minute call              2    3/3       3       5/9
  Northwind Advisory ~ yellow better, was red 30-minute call              1    0/3       0       3/7
  BrightSignal       + green  same            Continue                    0    3/3       3     21/21

- TalentLoop (hr tech): dashboard vs last week -------------------------------------------------------------------------
  Net new ARR                        $32k  ! red       ^ $16k      target $70k by now ($280k x 25%)
  Logo retention                    89.4%  ! red       = 89.4%     target >=95.0%, red <90.0%
  Sales cycle length               63.7 d  ~ yellow    v 66.8 d    target <=60.0 d, red >90.0 d
  Average contract value             $29k  - no target v $30k      target -
  CAC payback                     32.0 mo  ! red       = 32.0 mo   target <=12.0 mo, red >18.0 mo
  Weighted pipeline coverage        0.62x  ! red       v 0.64x     target >=4.00x, red <3.00x






















 5 clients: ! 2 red  ~ 2 yellow  + 1 green  |  9 deals stalled now
Enter open  y why  / search  x stalled  [ ] week  t today  : client  ? help  q quit
"""#)
    }

    @Test func allASCII200() {
        check([.char("x")], 200, 60, glyphs: .ascii, #"""
 Redline | Portfolio > Stalled, all clients                                                                                                                            demo | 2026-W48 | Mon 2026-11-23
 Stalled deals of every client (9)  |  sorted by amount v
  ID     Client             Deal                                       Stage         Amount Days Idle Close      Owner        Flags
> D-1003 Cortexa AI         Juniper Logistics: Document AI pilot       Proof of value  $43k   60    3 2026-11-29 Kenji Sato
  D-1004 TalentLoop         Nakatomi Systems: Payroll + benefits suite Discovery       $26k   11   25 2027-01-16 Sofia Rossi
  D-1036 Northwind Advisory Initech Foods: Operating model review      Proposal sent   $23k   82   36 2026-09-25 Sam Ortiz    OVERDUE
  D-1040 Cortexa AI         Juniper Logistics: Agent platform          Security review $22k   51   25 2026-10-30 Rosa Alvarez OVERDUE
  D-1077 Cortexa AI         Nimbus Insurance: Document AI pilot        Security review $22k   48   44 2026-11-09 Rosa Alvarez OVERDUE
  D-1015 TalentLoop         Soylent Works: Compliance automation       Proposal sent   $16k  135   26 2026-08-14 Sofia Rossi  OVERDUE
  D-1095 TalentLoop         Initech Labs: Payroll + benefits suite     Proposal sent   $11k    7   25 2026-12-07 Ava Patel
  D-1176 Ledgerly           Nimbus Holdings: Team plan                 Discovery       $11k   27    6 2026-11-30 Marcus Reed
  D-1086 Ledgerly           Acme Systems: Team plan                    Proposal sent   $11k    3   32 2026-11-07 Diego Ramos  OVERDUE















































Enter story  / filter  s/S sort  [ ] week  t today  Esc back  ? help
"""#)
    }

    // A long story keeps the deal on its first row, the position mark beside it; a deep
    // breadcrumb keeps the places nearest you whole.
    @Test func storyScrolled80() {
        check([.enter, .char("a"), .enter] + Array(repeating: Key.char("j"), count: 8), 80, 24, #"""
 Redline │ … › KPI autopsy › D-1211            demo · 2026-W48 · Mon 2026-11-23
 D-1211  Vandelay Group: Skills intelligence                            5-25/25
 Created: 2026-10-27  ·  first meeting 2026-10-30
 Expected close: 2026-11-08
 Last activity: 2026-11-08 (15 days ago)
 Next step: —
 Lost reason: timing

 Stage history
   2026-10-27  Lead                  12 days
   2026-11-08  Closed lost           closed

 KPI autopsy
   Why: lost
   · Win rate: win rate 29.7% with it, 30.6% without
   · Forecast accuracy: $275k expected in 2026-11, a forecast month
   What if D-1211 had been won on 2026-11-08:
     NewARR $32k red → $169k green, Cycle 63.7 d yellow → 59.2 d green,
     ACV $29k no target → $38k no target, wCov 0.62x red → target met
   Written 2026-11-10  · status done  · owner Jordan Blake  · due 2026-12-07
   Root cause: Proposal went out without an economic buyer
   Systemic change: Competitive deals need a CRO review before pricing
   KPIs: Win rate, Pipeline coverage
n next step  A ack stall  e autopsy  j/k scroll  [ ] week  Esc back  ? help
"""#)
    }

    @Test func deepBreadcrumb80() {
        check([.down, .down, .down, .enter, .char("f"), .down, .down, .enter, .enter], 80, 24, #"""
 Redline │ … › Funnel › Proposal sent › D-1043 demo · 2026-W48 · Mon 2026-11-23
 D-1043  Summit Retail: M&A integration                                 1-21/29
 SLIPPED
 Stage: Proposal sent, 14 days (stalls after 27)
 Amount: $179k
 Owner: Jonas Weber
 Account: Summit Retail · new_logo · segment enterprise · source inbound
 Created: 2026-10-17  ·  first meeting 2026-10-19
 Expected close: 2027-01-15
 Last activity: 2026-11-15 (8 days ago)
 Next step: Pricing sign-off from CFO

 Stage history
   2026-10-17  Prospect              8 days
   2026-10-25  Qualified             15 days
   2026-11-09  Proposal sent         14 days so far

 Close-date changes
   2026-11-10  2026-11-29 → 2027-01-15  +47 days

 KPI autopsy
   Why: slipped
   · Pipeline coverage: slipped out of 2026-Q4 (2026-11-29 → 2027-01-15)
n next step  A ack stall  e autopsy  j/k scroll  [ ] week  Esc back  ? help
"""#)
    }
}
