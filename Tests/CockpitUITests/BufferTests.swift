import Testing
@testable import CockpitUI

/// The cell buffer: widths, clipping, untrusted text, and the diff the adapter writes.
@Suite struct BufferTests {
    @Test func wideAndCombiningCharacters() {
        var b = Buffer(size: Size(width: 10, height: 1))
        let end = b.put("名前é\u{301}x", x: 0, y: 0)
        #expect(end == 6)
        #expect(b.lines == ["名前é\u{301}x    "])
        #expect(b[1, 0].width == 0)                      // continuation of 名
        #expect(TextWidth.of("名前é\u{301}x") == 6)
        #expect(TextWidth.of("👍") == 2)
    }

    @Test func clippingNeverSplitsAWideCharacter() {
        var b = Buffer(size: Size(width: 5, height: 1))
        b.put("ab名前", x: 0, y: 0)
        #expect(b.lines == ["ab名 "])
        var c = Buffer(size: Size(width: 6, height: 1), fill: Cell("x"))
        c.put("名", x: 0, y: 0)
        c.put("z", x: 1, y: 0)                          // overwrites the second half: the first half goes
        #expect(c.lines == [" zxxxx"])
    }

    @Test func controlCharactersAndEscapesNeverReachTheBuffer() {
        var b = Buffer(size: Size(width: 12, height: 1))
        b.put("a\u{1B}[31mb\u{07}c\u{9B}d", x: 0, y: 0)
        #expect(b.lines == ["a[31mbcd    "])             // ESC, BEL and CSI dropped even unsanitized
        #expect(!b.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) } })
    }

    @Test func truncationAndPaddingCountCells() {
        #expect(TextWidth.truncate("Northwind Advisory", to: 10) == "Northwind…")
        #expect(TextWidth.truncate("名前名前", to: 5) == "名前…")
        #expect(TextWidth.pad("$12k", to: 6, right: true) == "  $12k")
        #expect(TextWidth.truncate("abc", to: 3, ellipsis: "...") == "abc")
    }

    @Test func diffWritesOnlyChangedCells() {
        var a = Buffer(size: Size(width: 4, height: 2))
        a.put("abcd", x: 0, y: 0)
        var b = a
        b.put("X", x: 2, y: 1)
        b.put("b", x: 1, y: 0, style: Style(.bad))
        #expect(b.changes(since: a) == [CellChange(x: 1, y: 0, cell: Cell("b", style: Style(.bad))), CellChange(x: 2, y: 1, cell: Cell("X"))])
        #expect(b.changes(since: b).isEmpty)
        #expect(b.changes(since: nil).count == 8)
        #expect(b.changes(since: Buffer(size: Size(width: 3, height: 2))).count == 8) // a resize redraws everything
    }

    @Test func oneRowCursorMoveChangesTwoRows() {
        var state = Cockpit.state()
        let before = CockpitView.render(state, glyphs: .unicode)
        _ = state.update(.key(.down))
        let after = CockpitView.render(state, glyphs: .unicode)
        let rows = Set(after.changes(since: before).map(\.y))
        // The old and new selected rows, and the KPI panel of the newly selected client.
        #expect(rows.isSuperset(of: [3, 4]))
        #expect(!rows.contains(0) && !rows.contains(23))
    }

    @Test func sparklineScalesToItsRange() {
        #expect(Sparkline(values: [1, 2, 3, nil, 8], glyphs: .unicode).text == "▁▂▃ █")
        #expect(Sparkline(values: [5, 5], glyphs: .ascii).text == "++")
        #expect(Sparkline(values: [nil, nil], glyphs: .unicode).text == "  ")
    }
}
