import Testing
@testable import CockpitUI
import MetricsCore

/// What a new user's try-out found at 80×24 and 200×60: names cut while cells beside them stood
/// empty, a deal's name 100 cells from its stage, full KPI names and abbreviations in one
/// column, lines cut mid-word with nothing else on the row.
@Suite struct FitToScreenTests {
    static func lines(_ s: AppState) -> [String] { CockpitView.render(s, glyphs: .ascii).trimmedLines }

    /// Every client's stalled deals at 80: the amount is as wide as its numbers (its title
    /// reaches over the stage's), so the client and the deal get the cells it left blank.
    @Test func stalledOfEveryClientAt80() {
        let lines = Cockpit.screen([.char("x")], glyphs: .ascii)
        #expect(lines[2] == "  ID     Client      Deal                    Stage     Amount Days Idle Flags")
        #expect(lines[5] == "  D-1036 Northwin... Initech Foods: Opera... Proposal... $23k   82   36 OVERDUE")
        #expect(lines[11] == "  D-1086 Ledgerly    Acme Systems: Team plan Proposal... $11k    3   32 OVERDUE")
    }

    /// The search's columns fit the rows on screen: the euro amount 75 rows down takes no cells
    /// until it is shown, and then the columns make room for it.
    @Test func theSearchFitsTheRowsOnScreen() throws {
        var s = Cockpit.state()
        _ = Cockpit.press([.char("/")] + chars("me"), on: &s)
        var lines = Self.lines(s)
        #expect(lines[2] == "  Client       ID     Deal                      Stage       Amount Owner")
        #expect(lines[3] == "> Ledgerly     D-1131 Orchid Media: Platform... Closed lost  $470k Grace Liu")
        let eur = try #require(s.searchRows(for: s.top).firstIndex { $0.currency == "EUR" })
        _ = Cockpit.press(Array(repeating: .down, count: eur), on: &s)
        lines = Self.lines(s)
        #expect(lines[2] == "  Client      ID     Deal                    Stage          Amount Owner")
        #expect(lines[22] == "> BrightSi... D-1273 Meridian Partners: E... Closed lost  EUR 124k Lukas Novak")
    }

    /// At 200 columns a deal's name takes at most 40 cells (or its own width): the stage follows
    /// it, and what is left stays blank at the right.
    @Test func aDealsNameStaysNearItsStageAt200() {
        let size = Size(width: 200, height: 60)
        let stalled = Cockpit.screen([.char("x")], size: size, glyphs: .ascii)
        // The longest name, "Nakatomi Systems: Payroll + benefits suite", is 42 cells.
        #expect(stalled[3] == "> D-1003 Cortexa AI         Juniper Logistics: Document AI pilot       Proof of value  $43k   60    3 2026-11-29 Kenji Sato")
        let search = Cockpit.screen([.char("/")] + chars("me"), size: size, glyphs: .ascii)
        #expect(search[3] == "> Ledgerly           D-1131 Orchid Media: Platform upgrade              Closed lost    $470k Grace Liu")
        // A list of short names: the name's column stops at 40 cells.
        let empty = Cockpit.screen([.char("/")] + chars("no such deal"), size: size, glyphs: .ascii)
        #expect(empty[2] == "  Client ID Deal                                     Stage Amount Owner")
    }

    /// The KPIs hurt are named alike on every row: in full where every row on screen has room
    /// (TalentLoop at 80), in short labels where one row has not (Northwind's slipped and stalled
    /// deal at 80; the rows of 40 lines at 120).
    @Test func theKPIsHurtAreNamedAlikeOnEveryRow() {
        var lines = Cockpit.screen([.enter, .char("a")], glyphs: .ascii)
        #expect(lines[11] == "  D-1089  $51k slipped Pipeline coverage, Sales cycle length    not written")
        #expect(!lines.contains { $0.contains("Cov, Cycle") })
        var s = Cockpit.state()
        let northwind = s.portfolioOrder.first { s.entries[$0].name == "Northwind Advisory" }!
        s.stack = [NavEntry(.portfolio), NavEntry(.autopsy(client: northwind))]
        lines = Self.lines(s)
        #expect(lines[3] == "> D-1043 $179k slipped         Cov, Fcst, Cycle  change done")
        #expect(lines[4] == "  D-1116 $147k lost            Win, Fcst         not written")
        #expect(!lines.contains { $0.contains("Win rate") || $0.contains("Forecast accuracy") })
        lines = Cockpit.screen([.enter, .char("a")], size: Size(width: 120, height: 40), glyphs: .ascii)
        #expect(lines[3].hasSuffix(" $275k lost            Win, Fcst            change done"))
        #expect(!lines.contains { $0.contains("Win rate") })
    }

    /// Lines with nothing else on their row are never cut mid-word: the actions' title leaves
    /// out "actions" (the breadcrumb says it), the lost reasons name whole reasons and count
    /// the others.
    @Test func wholeWordsWhereALineIsShortened() {
        var s = Cockpit.state()
        let northwind = s.portfolioOrder.first { s.entries[$0].name == "Northwind Advisory" }!
        s.stack = [NavEntry(.portfolio), NavEntry(.actions(client: northwind))]
        #expect(Self.lines(s)[1] == " Northwind Advisory | 2026-W48: 0 of 3 planned | 2026-W47: 0 done, 3 open")
        let autopsy = Cockpit.screen([.enter, .char("a")], glyphs: .ascii)
        #expect(autopsy[22] == "  +3 more: no decision (2 deals, $149k), price (3 deals, $146k) and 1 other")
    }

    /// The funnel's stall limits wrap between limits, never between a stage, its number and its
    /// unit (`Qualified 18` then `d` at 80 columns).
    @Test func aStallLimitKeepsItsUnit() {
        var s = Cockpit.state()
        let northwind = s.portfolioOrder.first { s.entries[$0].name == "Northwind Advisory" }!
        s.stack = [NavEntry(.portfolio), NavEntry(.funnel(client: northwind))]
        let lines = Self.lines(s)
        let at = lines.firstIndex { $0.hasPrefix(" Open: ") } ?? 0
        #expect(Array(lines[at...(at + 1)]) == [" Open: 9 deals, $785k | stalled: 1 | stall limits: Prospect 14 d,",
                                                 " Qualified 18 d, Proposal sent 27 d, Negotiation 17 d"])
    }

    /// The portfolio's summary line: one currency says the value at risk; where the line is
    /// short of room it loses the least first ("now", the spaces, the value at risk) and is
    /// never cut mid-word.
    @Test func theSummaryLineShortensWordByWord() throws {
        let usd = DemoPortfolio.portfolio(anchor: Cockpit.asOf).files.filter { $0.engagement?.client.currency == "USD" }
        #expect(Self.lines(Cockpit.state(files: usd))[22] == " 4 clients: ! 2 red ~ 2 yellow + 0 green | 9 deals stalled now, $184k at risk")
        var copy = try #require(usd.first { $0.engagement?.client.id == "talentloop" })
        copy.file = copy.file.replacingOccurrences(of: "talentloop.json", with: "talentloop copy.json")
        // The first frame's message covers the line until a key.
        var s = Cockpit.state(files: usd + [copy])
        _ = Cockpit.press([.char("j")], on: &s)
        #expect(Self.lines(s)[22] == " 5 clients: ! 3 red ~ 2 yellow + 0 green | 12 stalled | TalentLoop in two files")
        s = Cockpit.state(size: Size(width: 120, height: 40), files: usd + [copy])
        _ = Cockpit.press([.char("j")], on: &s)
        // At 120 the copy's name too, which says what to move (the value at risk gives way first).
        #expect(Self.lines(s)[38] == " 5 clients: ! 3 red ~ 2 yellow + 0 green | 12 stalled | TalentLoop in two files (talentloop copy.json): counted twice")
    }

    /// A deal list's title at 80 gives up whole parts (the long "sorted by", then the sort) rather
    /// than cutting a word: "sorted by..." beside nothing else on the row said less.
    @Test func aDealListsTitleKeepsWholeParts() throws {
        var files = DemoPortfolio.portfolio(anchor: Cockpit.asOf).files.filter { $0.engagement?.client.id == "talentloop" }
        files[0].engagement?.client.name = "MavenTech (sample CRM export)"
        var s = Cockpit.state(files: files)
        _ = Cockpit.press([.enter, .char("x")], on: &s)
        #expect(Self.lines(s)[1] == " MavenTech (sample CRM export) | stalled deals (3)  |  sorted by amount v")
        _ = Cockpit.press([.char("/")] + chars("a") + [.enter], on: &s)
        #expect(Self.lines(s)[1] == " MavenTech (sample CRM export) | stalled deals (3)  |  filter \"a\": 3")
    }

    /// The portfolio's stalled column is titled by the terminal's width, not by how long the
    /// names are: "Stalled" below 100 columns, "Stalled now" from 100.
    @Test func theStalledTitleDependsOnTheWidthAlone() {
        let file = Array(PortfolioChecklistTests.file.utf8).withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "hand.json") }
        for files in [nil, [file]] as [[LoadedFile]?] {
            #expect(Self.lines(Cockpit.state(files: files))[2].contains(" Stalled Marked "))
            #expect(Self.lines(Cockpit.state(size: Size(width: 100, height: 30), files: files))[2].contains(" Stalled now Marked "))
        }
    }
}
