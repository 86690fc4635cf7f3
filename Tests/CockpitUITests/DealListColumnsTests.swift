import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// What a deal list says of each deal besides its amount: days in the stage and since the last
/// activity (the two stall rules), and an acknowledged stall as the word ACK.
@Suite(.serialized) struct DealListColumnsTests {
    @Test func idleDaysAndTheAckBadge() throws {
        var (s, dir) = try Cockpit.writtenDemo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = Cockpit.press([.enter, .char("x")], on: &s)      // TalentLoop's stalled deals
        let first = try #require(s.dealRows(for: s.top).first)
        let index = try #require(s.entries[first.client].index)
        let deal = index.deals[first.deal]
        // Idle: the review date less the deal's last activity, as the no-activity rule counts it.
        let last = try #require(deal.lastActivity)
        #expect(first.daysIdle == Cockpit.asOf - last)
        let lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(lines[2].contains("Days Idle Close"))
        #expect(lines[3].hasPrefix("> \(first.id) ") && lines[3].contains(" \(first.daysInStage)   \(Cockpit.asOf - last) "))

        // Acknowledged: no longer stalled, and its stage's list says ACK.
        _ = Cockpit.press([.enter], on: &s)
        Cockpit.pressSaving([.char("A")] + chars("Budget in January") + [.enter], on: &s)
        _ = Cockpit.press([.char("p"), .enter, .char("f")], on: &s)
        let stage = try #require(s.reviews[first.client]?.funnel.firstIndex { $0.stageIndex == s.reviews[first.client]!.current.snapshot.states[first.deal].stage })
        _ = Cockpit.press(Array(repeating: .char("j"), count: stage) + [.enter], on: &s)
        let row = try #require(s.dealRows(for: s.top).first { $0.id == first.id })
        #expect(row.acknowledged && !row.stalled && row.badges.first == "ACK")
        let drawn = CockpitView.render(s, glyphs: .ascii).trimmedLines.first { $0.contains(first.id) }
        #expect(drawn?.contains("ACK") == true, "\(drawn ?? "")")
    }
}

/// A closed deal has no next step and no stall to acknowledge; an acknowledgement runs at most
/// 90 days.
@Suite(.serialized) struct ClosedDealEditTests {
    @Test func nAndAOnAClosedDealSayWhy() throws {
        var (s, dir) = try Cockpit.writtenDemo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = Cockpit.press([.enter, .char("a"), .enter], on: &s)      // TalentLoop's largest lost deal
        guard case .story(let c, let d) = s.top.screen else { Issue.record("no story"); return }
        let snap = try #require(s.reviews[c]).current.snapshot
        #expect(snap.lost.contains(d))
        let closed = "This deal is closed (lost on \(snap.closedOn(d))): it has no next step or stall to acknowledge; e writes its autopsy."
        _ = Cockpit.press([.char("n")], on: &s)
        #expect(s.form == nil && s.status == closed)
        _ = Cockpit.press([.char("A")], on: &s)
        #expect(s.form == nil && s.status == closed)
    }

    @Test func anAcknowledgementRunsAtMostNinetyDays() throws {
        var (s, dir) = try Cockpit.writtenDemo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = Cockpit.press([.enter, .char("x"), .enter, .char("A")] + chars("Budget in spring") + [.backTab, .ctrl("u")] + chars("2029-06-01") + [.enter], on: &s)
        #expect(s.form != nil && s.status == "Until: 2029-06-01 is after 2027-02-21, the latest it may be; acknowledge again then.")
        Cockpit.pressSaving([.ctrl("u")] + chars("2027-02-21") + [.enter], on: &s)
        #expect(s.form == nil && s.status?.hasPrefix("Saved to ") == true)
    }
}

/// Small things a first review found: `/` finds flags, Ctrl-U and Ctrl-W in the search, `<`
/// stops at the first month with a deal, `c` says when colours are off.
@Suite struct FirstReviewKeysTests {
    @Test func aFilterFindsTheFlagsShown() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char("x"), .char("/")] + chars("overdue"), on: &s)
        let rows = s.dealRows(for: s.top)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.badges.contains("OVERDUE") })
    }

    /// `s` goes through the columns on screen only: not the stage in a stage's list (the same on
    /// every row), not the owner below 120 columns.
    @Test func sortCyclesTheColumnsShown() {
        var s = Cockpit.state()
        _ = Cockpit.press([.enter, .char("f"), .enter], on: &s)
        var sorted: [String] = []
        for _ in 0..<6 {
            _ = Cockpit.press([.char("s")], on: &s)
            sorted.append(DealColumn(rawValue: s.top.sortColumn)!.title)
        }
        #expect(sorted == ["Days", "Close", "ID", "Deal", "Idle", "Amount"])
    }

    /// Every client's stalled deals by id are in id order alone (natural: D-9 before D-10), not
    /// grouped by client then id as they once were; texts start A to Z (`↑`), numbers largest
    /// first; the Client column sorts by client, and S reverses any of them.
    @Test func aSortIsByItsColumnAloneAndTextsStartFromA() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char("x"), .char("s")], on: &s)
        #expect(DealColumn(rawValue: s.top.sortColumn) == .days && s.top.descending)
        let days = s.dealRows(for: s.top).map(\.daysInStage)
        #expect(days == days.sorted(by: >))
        // Close is not shown beside the Client column at 80: the id is next.
        _ = Cockpit.press([.char("s")], on: &s)
        #expect(DealColumn(rawValue: s.top.sortColumn) == .id && !s.top.descending)
        let ids = s.dealRows(for: s.top).map(\.id)
        #expect(ids == ids.sorted(by: naturalLess) && Set(s.dealRows(for: s.top).map(\.client)).count > 1)
        #expect(CockpitView.render(s, glyphs: .unicode).trimmedLines[1].hasSuffix("sorted by id ↑"))
        _ = Cockpit.press([.char("S")], on: &s)
        #expect(s.dealRows(for: s.top).map(\.id) == Array(ids.reversed()))
        #expect(CockpitView.render(s, glyphs: .ascii).trimmedLines[1].hasSuffix("sorted by id v"))
        _ = Cockpit.press([.char("s")], on: &s)
        #expect(DealColumn(rawValue: s.top.sortColumn) == .client && !s.top.descending)
        let clients = s.dealRows(for: s.top).map(\.clientName.localizedLowercase)
        #expect(clients == clients.sorted())
        _ = Cockpit.press([.char("s")], on: &s)
        #expect(DealColumn(rawValue: s.top.sortColumn) == .name && !s.top.descending)
        let names = s.dealRows(for: s.top).map { $0.name.lowercased() }
        #expect(names == names.sorted(by: naturalLess))
        // A client's own list has no Client column to sort by: seven columns, then Amount again.
        _ = Cockpit.press([.char("p"), .enter, .char("x")] + Array(repeating: .char("s"), count: 7), on: &s)
        #expect(DealColumn(rawValue: s.top.sortColumn) == .amount && s.top.descending)
    }

    @Test func theSearchLineClearsAndLosesAWord() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char("/")] + chars("acme systems"), on: &s)
        _ = Cockpit.press([.ctrl("w")], on: &s)
        #expect(s.input == .search("acme "))
        _ = Cockpit.press([.ctrl("u")], on: &s)
        #expect(s.input == .search("") && s.top.filter == "")
    }

    @Test func monthsStopAtTheFirstDeal() {
        var s = Cockpit.state()
        _ = Cockpit.press([.enter, .char("a"), .char("m")], on: &s)
        let first = s.entries[s.top.screen.client!].index!.engagement.deals.map(\.created).min()!.month
        let months = Cockpit.asOf.month.index - first.index
        _ = Cockpit.press(Array(repeating: .char("<"), count: months + 3), on: &s)
        #expect(s.autopsyMonth == first)
        #expect(s.status == "No deal of this client before \(first): the KPI autopsy by month starts there.")
    }

    @Test func aThemeSaysWhenColoursAreOff() {
        var s = Cockpit.state()
        s.themes = [.plain, .plain]
        s.coloursOff = true
        _ = Cockpit.press([.char("c")], on: &s)
        #expect(s.status?.hasSuffix("(colours are off here: NO_COLOR or --no-color; it shows with colour)") == true)
    }
}

/// The funnel's week-over-week pipeline writes no sign before nothing ("Won −$0" read as a loss).
@Suite struct FunnelWaterfallSignTests {
    @Test func aZeroHasNoSign() throws {
        var found = 0
        for weeksBack in 0..<6 {
            var s = Cockpit.state()
            s.travel(to: Cockpit.asOf - 7 * weeksBack)
            for client in s.entries.indices {
                guard let w = s.reviews[client]?.waterfall, w.rows.contains(where: { $0.amount == 0 && $0.bucket.sign != 0 }) else { continue }
                found += 1
                s.stack = [NavEntry(.portfolio), NavEntry(.funnel(client: client))]
                let lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
                #expect(!lines.contains { $0.contains("−$0 ") || $0.contains("+$0 ") || $0.contains("−€0 ") || $0.contains("+€0 ") }, "\(lines.joined(separator: "\n"))")
            }
        }
        #expect(found > 0, "no week of the demo has a bucket of nothing moved")
    }
}
