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
