import Testing
@testable import CockpitUI
import MetricsCore

/// `/` on the portfolio: the deals of every client found as you type. (Part of
/// ScreenSnapshotTests; update_snapshots.py rewrites these too.)
extension ScreenSnapshotTests {
    /// Typing: ids beginning with it, of every client, the largest first; as many as fit and the count.
    @Test func searchTyping80() {
        check([.char("/")] + chars("d-107"), 80, 24, #"""
 Redline │ Portfolio › Search "d-107"          demo · 2026-W48 · Mon 2026-11-23
 Search every client's deals for "d-107"  ·  50 matches, 1-20 shown
  Client       ID     Deal                      Stage       Amount Owner
▶ Northwind A… D-1074 Acme Systems: Data platf… Closed won   $209k Jonas Weber
  TalentLoop   D-1070 Massive Mobility: Payrol… Closed lost  $203k Noah Kim
  TalentLoop   D-1077 Juniper Labs: Payroll +…  Closed lost  $193k Sofia Rossi
  Ledgerly     D-1079 Umbrella Energy: Enterpr… Closed lost  $154k Hannah Schu…
  Ledgerly     D-1073 Kestrel Health: Annual s… Lead         $149k Marcus Reed
  Northwind A… D-1077 Quantum Foods: Data plat… Closed won   $113k Sam Ortiz
  Cortexa AI   D-1075 Meridian Partners: Agent… Closed lost   $92k Kenji Sato
  Cortexa AI   D-1076 Kestrel Bank: Agent plat… Closed won    $78k Dana Brooks
  TalentLoop   D-1071 Acme Logistics: Workforc… Closed lost   $78k Maya Chen
  Northwind A… D-1073 Initech Foods: M&A integ… Closed lost   $77k Sam Ortiz
  Cortexa AI   D-1073 Orchid Media: Document A… Closed lost   $73k Dana Brooks
  Ledgerly     D-1075 Pinnacle Works: Platform… Closed won    $54k Diego Ramos
  Northwind A… D-1078 Juniper Logistics: M&A i… Prospect      $51k Jonas Weber
  Northwind A… D-1076 Pinnacle Corp: M&A integ… Closed won    $43k Alice Moreau
  Cortexa AI   D-1079 Umbrella Mobility: Forec… Closed lost   $43k Rosa Alvarez
  Cortexa AI   D-1078 Juniper Logistics: Agent… Proof of va…  $40k Rosa Alvarez
  Northwind A… D-1079 Sterling Holdings: Data…  Closed lost   $38k Jonas Weber
  Ledgerly     D-1076 Summit Group: Annual sub… Closed won    $38k Hannah Schu…
  TalentLoop   D-1078 Meridian Energy: Payroll… Closed won    $36k Liam Foster
  Cortexa AI   D-1071 Meridian Partners: Docum… Closed won    $35k Dana Brooks
/d-107_               every client's deals · ↓↑ move · Enter opens · Esc closes
"""#)
    }

    /// Back from a story with Esc, under LANG=C: the results as they were, j/k move in them.
    @Test func searchAscii80() {
        check([.char("/")] + chars("acme sys") + [.down, .enter, .escape], 80, 24, glyphs: .ascii, #"""
 Redline | Portfolio > Search "acme sys"       demo | 2026-W48 | Mon 2026-11-23
 Search every client's deals for "acme sys"  |  10 matches
  Client      ID     Deal                    Stage          Amount Owner
  Northwin... D-1074 Acme Systems: Data p... Closed won      $209k Jonas Weber
> Cortexa AI  D-1084 Acme Systems: Model...  Closed lost      $90k Kenji Sato
  Northwin... D-1033 Acme Systems: Data p... Closed lost      $56k Sam Ortiz
  Cortexa AI  D-1138 Acme Systems: Foreca... Closed lost      $30k Rosa Alvarez
  Ledgerly    D-1029 Acme Systems: Platfo... Closed lost      $27k Marcus Reed
  TalentLoop  D-1055 Acme Systems: Skills... Closed won       $24k Noah Kim
  TalentLoop  D-1215 Acme Systems: Skills... Closed won       $18k Ava Patel
  Ledgerly    D-1086 Acme Systems: Team plan Proposal...      $11k Diego Ramos
  BrightSi... D-1034 Acme Systems: Seat e... Closed won   EUR 8.0k Chloe Martin
  BrightSi... D-1205 Acme Systems: Enterp... Closed won   EUR 6.0k Elena Garcia










Enter open  / search  j/k move  [ ] week  t today  Esc back  ? help
"""#)
    }

    /// Nothing typed yet: what to type.
    @Test func searchEmpty80() {
        check([.char("/")], 80, 24, #"""
 Redline │ Portfolio › Search                  demo · 2026-W48 · Mon 2026-11-23
 Search every client's deals
  Client ID Deal                                     Stage Amount Owner

  Type a deal's id or name, an account or an owner (a rep's name or id).


















/_                    every client's deals · ↓↑ move · Enter opens · Esc closes
"""#)
    }
}
