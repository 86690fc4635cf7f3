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
        #expect(TextWidth.truncate("Northwind Advisory", to: 11) == "Northwind…")   // not "Northwind …"
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

    // MARK: grapheme clusters (UAX #29): one cluster per cell, measured as a terminal draws it

    static let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦"      // seven scalars, one cluster
    static let samples = [family, "🇫🇷", "名前", "ที่", "กิน", "น้ำ", "e\u{301}", "❤\u{FE0F}", "👍🏽", "क्षि"]

    @Test func clusterWidths() {
        #expect(TextWidth.of(Self.family) == 2)                   // a ZWJ sequence
        #expect(TextWidth.of("🇫🇷") == 2)                          // a flag: two regional indicators
        #expect(TextWidth.of("名前") == 4)
        #expect(TextWidth.of("ที่") == 1)                          // base + vowel above + tone mark (Mn)
        #expect(TextWidth.of("กิน") == 2)
        #expect(TextWidth.of("น้ำ") == 2)                          // SARA AM is a spacing vowel
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("❤\u{FE0F}") == 2 && TextWidth.of("❤") == 1)   // VS16 makes the heart an emoji
        #expect(TextWidth.of("1\u{FE0F}\u{20E3}") == 2)          // keycap
        #expect(TextWidth.of("👍🏽") == 2 && TextWidth.of("☝🏽") == 2)   // modifier sequences
        #expect(TextWidth.of("👁\u{200D}🗨") == 2)               // ZWJ sequence of text-style pictographs
        #expect(TextWidth.of("क्षि") == 3)                          // one cluster (GB9c), three spacing scalars
        #expect(TextWidth.of("각") == 2 && TextWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)
        #expect(TextWidth.of("ＡＢ") == 4 && TextWidth.of("ｱ") == 1)  // fullwidth, halfwidth
        // A hostile cluster (one base, a thousand spacing vowel signs) stays bounded.
        #expect(TextWidth.of("क" + String(repeating: "\u{93F}", count: 1000)) == TextWidth.maxCluster)
    }

    @Test func aRowOfClustersKeepsThemAllAndItsWidth() {
        for width in [40, 41] {
            var b = Buffer(size: Size(width: width, height: 1))
            let text = Self.samples.joined(separator: "|")
            let end = b.put(text, x: 0, y: 0)
            #expect(end == TextWidth.of(text))
            let line = b.lines[0]
            for sample in Self.samples { #expect(line.contains(sample), "\(sample) lost from \(line)") }
            #expect(line.hasPrefix(text))
            #expect(TextWidth.of(line) == width)
            // One cluster per head cell, its width's worth of continuations after it.
            var x = 0
            while x < width {
                let cell = b[x, 0]
                #expect(cell.text.count == 1 && Int(cell.width) == TextWidth.of(cell.text))
                for k in 1..<max(1, Int(cell.width)) { #expect(b[x + k, 0] == Cell("", width: 0)) }
                x += max(1, Int(cell.width))
            }
        }
        var b = Buffer(size: Size(width: 4, height: 1))
        b.put(Self.family + "x", x: 0, y: 0)
        #expect(b[0, 0].text == Self.family && b[0, 0].width == 2 && b[1, 0].width == 0 && b[2, 0].text == "x")
        b.put("กิน", x: 0, y: 0)
        #expect(b.lines == ["กินx "] && b[0, 0].text == "กิ")     // the vowel stays on its consonant
    }

    @Test func marksAfterADroppedControlJoinTheCellBefore() {
        var b = Buffer(size: Size(width: 4, height: 1))
        b.put("e\u{7}\u{301}ก\u{1B}\u{E34}", x: 0, y: 0)          // BEL and ESC split the clusters
        #expect(b.lines == ["e\u{301}กิ  "])
        var c = Buffer(size: Size(width: 4, height: 1))
        c.put("\u{301}x", x: 0, y: 0)                             // nothing to join: dropped
        #expect(c.lines == ["x   "])
        c.put("❤", x: 1, y: 0)
        c.put("\u{FE0F}", x: 2, y: 0)                             // the heart + VS16 would take two cells: dropped
        #expect(c.lines == ["x❤  "] && c[1, 0].text == "❤")
    }

    @Test func tableColumnsStayAlignedWithClusters() {
        let names = ["Acme", Self.family + " Family office", "🇫🇷 Paris", "名前名前名前名前", "ที่ดิน กินน้ำ", "Cafe\u{301} Noir",
                     "क्षत्रिय", "a" + String(repeating: Self.family, count: 6), "❤\u{FE0F}❤\u{FE0F} Love"]
        let rows = names.map { [Span($0), Span("$12k"), Span("open")] }
        let table = Table(columns: [Column("Deal", 11), Column("Amount", 7, right: true), Column("Stage", 6)],
                          rows: rows, selected: 1, scroll: 0, glyphs: .unicode)
        var b = Buffer(size: Size(width: 30, height: names.count + 1))
        table.render(in: b.area, into: &b)
        for (i, line) in b.lines.enumerated() {
            #expect(TextWidth.of(line) == 30, "row \(i): \(line)")
            guard i > 0 else { continue }
            // "$12k" right-aligned in its column: it ends at 2 + 11 + 1 + 7; the stage starts after it.
            #expect(Self.column(of: "$", in: line) == 2 + 11 + 1 + 3, "row \(i): \(line)")
            #expect(Self.column(of: "o", in: line, from: 2 + 11 + 1 + 7) == 2 + 11 + 1 + 7 + 1, "row \(i): \(line)")
            let name = TextWidth.truncate(names[i - 1], to: 11)
            #expect(line.contains(name))
        }
        #expect(b.lines[4].contains("名前名前名…"))                 // cut at a cluster: 10 cells + "…"
        #expect(b.lines[8].contains("a" + String(repeating: Self.family, count: 4) + "… "))   // 9 cells + "…" + a space
    }

    /// The display column where `c` first occurs in `line` at or after column `from`.
    static func column(of c: Character, in line: String, from: Int = 0) -> Int? {
        var x = 0
        for ch in line {
            if ch == c && x >= from { return x }
            x += TextWidth.of(ch)
        }
        return nil
    }

    @Test func cuttingAWideClusterAtAnEdgeNeverWritesHalfOfIt() {
        // Right edge of the buffer and of a clip: blanks where the cluster's visible part would be.
        var b = Buffer(size: Size(width: 3, height: 1), fill: Cell("x"))
        #expect(b.put("ab" + Self.family, x: 0, y: 0) == 2)
        #expect(b.lines == ["ab "] && b[2, 0].width == 1)
        var c = Buffer(size: Size(width: 6, height: 1), fill: Cell("x"))
        c.put("क्षि" + "z", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 2, height: 1))
        #expect(c.lines == ["  xxxx"])
        // Left edge of a clip.
        var d = Buffer(size: Size(width: 5, height: 1), fill: Cell("x"))
        d.put("名y", x: 0, y: 0, clip: Rect(x: 1, y: 0, width: 4, height: 1))
        #expect(d.lines == ["x yxx"])
        // Truncation and padding keep or drop a cluster whole.
        #expect(TextWidth.truncate("ab" + Self.family + "cd", to: 4) == "ab…")
        #expect(TextWidth.pad("ab" + Self.family + "cd", to: 4) == "ab… ")
        #expect(TextWidth.truncate("ab" + Self.family + "cd", to: 5) == "ab" + Self.family + "…")
        #expect(TextWidth.truncate("น้ำน้ำ", to: 3) == "น้ำ…" && TextWidth.truncate("ที่ที่ที่", to: 2) == "ที่…")
        #expect(TextWidth.truncate("🇫🇷🇫🇷", to: 4) == "🇫🇷🇫🇷" && TextWidth.truncate("🇫🇷🇫🇷", to: 3) == "🇫🇷…")
        #expect(TextWidth.truncate("🇫🇷🇫🇷", to: 2) == "…")
        #expect(TextWidth.truncate("名前", to: 1, ellipsis: "……") == "…")
        // Overwriting any cell of a cluster blanks the rest of it; so does a fill over part of it.
        var e = Buffer(size: Size(width: 6, height: 1))
        e.put("क्षि" + Self.family, x: 0, y: 0)
        e.put("z", x: 1, y: 0)
        #expect(e.lines == [" z " + Self.family + " "])
        e.fill(Rect(x: 4, y: 0, width: 1, height: 1), with: "-")
        #expect(e.lines == [" z  - "] && e.cells.allSatisfy { $0.width == 1 })
    }

    @Test func diffHandlesWideCellsAndTheirContinuations() {
        var a = Buffer(size: Size(width: 6, height: 1))
        a.put("ab名cd", x: 0, y: 0)
        // A wide cluster over two narrow cells: only its head is written.
        var b = a
        b.put(Self.family, x: 0, y: 0)
        #expect(b.changes(since: a) == [CellChange(x: 0, y: 0, cell: Cell(Self.family, width: 2))])
        // A narrow cell over a continuation: the head is blanked and written, then the new cell.
        var c = a
        c.put("z", x: 3, y: 0)
        #expect(c.changes(since: a) == [CellChange(x: 2, y: 0, cell: Cell(" ")), CellChange(x: 3, y: 0, cell: Cell("z"))])
        // A wide cluster shifted by one column: the head is written, and the cell its old
        // continuation becomes.
        var d = Buffer(size: Size(width: 6, height: 1))
        d.put("a名bcd", x: 0, y: 0)
        var e = Buffer(size: Size(width: 6, height: 1))
        e.put("名xbcd", x: 0, y: 0)
        #expect(e.changes(since: d) == [CellChange(x: 0, y: 0, cell: Cell("名", width: 2)), CellChange(x: 2, y: 0, cell: Cell("x"))])
        // Only a continuation changed (the cluster's style, or a three-cell cluster's last cell):
        // the head is written again.
        var f = Buffer(size: Size(width: 6, height: 1))
        f.put("क्षि", x: 0, y: 0)
        var g = f
        g[2, 0] = Cell("", width: 0, style: Style(.bad))
        #expect(g.changes(since: f).map(\.x) == [0])
        // A continuation with no head before it (only `subscript` makes one) is written as a blank.
        var h = a
        h[1, 0] = Cell("", width: 0)
        #expect(h.changes(since: a) == [CellChange(x: 1, y: 0, cell: Cell(" "))])
        #expect(h.changes(since: nil).count == 5)                // heads and the orphan; not 名's continuation
    }

    @Test func cellDrawingForACursesLikeLibrary() {
        // glibc's wcwidth: regional indicators and the heart are one column; the locale prints all.
        func glibc(_ u: Unicode.Scalar) -> Int {
            if (0x1F1E6...0x1F1FF).contains(u.value) || u.value == 0x2764 { return 1 }
            return TextWidth.of(u)
        }
        func draw(_ text: String, _ width: Int? = nil, room: Int = 10, _ wcwidth: (Unicode.Scalar) -> Int = glibc) -> CellDrawing {
            CellDrawing(Cell(text, width: UInt8(width ?? TextWidth.of(text))), room: room, maxScalars: 5, width: wcwidth)
        }
        func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }
        typealias P = CellDrawing.Piece
        // Whole, in one position.
        #expect(draw("名").pieces == [P(0, scalars("名"))] && !draw("名").joined)
        #expect(draw("e\u{301}").pieces == [P(0, scalars("e\u{301}"))])
        #expect(draw("ที่").pieces == [P(0, scalars("ที่"))])
        #expect(draw("👨\u{200D}👩\u{200D}👧").pieces == [P(0, scalars("👨\u{200D}👩\u{200D}👧"))])   // five scalars: fits
        #expect(draw("🇫🇷", 2, { TextWidth.of($0) }).pieces == [P(0, scalars("🇫🇷"))])                 // where wcwidth says 2
        // Split over positions, to be written together.
        let water = draw("น้ำ")
        #expect(water.pieces == [P(0, scalars("น้")), P(1, scalars("ำ"))] && water.joined)
        #expect(draw("🇫🇷").pieces == [P(0, ["\u{1F1EB}"]), P(1, ["\u{1F1F7}"])] && draw("🇫🇷").joined)
        #expect(draw("क्षि").pieces == [P(0, scalars("क्")), P(1, scalars("ष")), P(2, scalars("ि"))])
        // Safe forms of the same width.
        #expect(draw(Self.family).pieces == [P(0, ["👨"])] && !draw(Self.family).joined)   // seven scalars > CCHARW_MAX
        #expect(draw("❤\u{FE0F}").pieces == [P(0, ["❤"]), P(1, [" "])])                   // wcwidth says 1, the cell 2
        #expect(draw("e" + String(repeating: "\u{301}", count: 6)).pieces == [P(0, ["e"])])
        #expect(draw("क" + String(repeating: "\u{93F}", count: 20)).pieces.count == TextWidth.maxCluster)
        let cLocale: (Unicode.Scalar) -> Int = { $0.isASCII ? 1 : -1 }                     // LANG=C
        #expect(draw("名", 2, cLocale).pieces == [P(0, ["?"]), P(1, [" "])])
        #expect(draw("ที่", 1, cLocale).pieces == [P(0, ["?"])])
        #expect(draw("名", 1).pieces == [P(0, ["\u{FFFD}"])])                                // the library thinks it wider
        #expect(draw("名", room: 1).pieces == [P(0, ["\u{FFFD}"])])                          // never past the row's end
        #expect(draw("", 0).pieces.isEmpty)                                                 // a continuation
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
