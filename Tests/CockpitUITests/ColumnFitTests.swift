import Testing
@testable import CockpitUI

/// `ColumnFit`: columns as wide as what they hold, the growing one taking what is left, the
/// widest giving way first when the row is too narrow, none below its floor.
@Suite struct ColumnFitTests {
    static func widths(_ specs: [ColumnFit.Spec], _ width: Int) -> [Int] { ColumnFit.columns(specs, width: width).map(\.width) }

    @Test func roomLeftGoesToTheGrowingColumn() {
        let specs = [ColumnFit.Spec("ID", ["D-1"]), ColumnFit.Spec("Deal", ["Acme"], grows: true), ColumnFit.Spec("Amount", ["$4k"], right: true)]
        // 2 + 3 separators + 3 + 4 + 6 = 18 cells used at natural width; 40 leaves 22 more.
        #expect(Self.widths(specs, 40) == [3, 26, 6])
        #expect(Self.widths(specs, 18) == [3, 4, 6])
        #expect(Self.widths(specs, 100) == [3, ColumnFit.growCap, 6])
    }

    @Test func theWidestGiveWayFirstAndNumbersNever() {
        let specs = [ColumnFit.Spec("ID", ["D-1004"]), ColumnFit.Spec("Client", ["Northwind Advisory"], floor: 8),
                     ColumnFit.Spec("Stage", ["Proposal sent"], floor: 8), ColumnFit.Spec("Amount", ["$26k"], right: true)]
        // Natural: 6 + 18 + 13 + 4 = 41 (the amount's title reaches over the stage's), plus 2 + 4
        // = 47. At 44 three cells go, all from the client.
        #expect(Self.widths(specs, 44) == [6, 15, 13, 4])
        // At 34 thirteen go: the client and the stage level at 9.
        #expect(Self.widths(specs, 34) == [6, 9, 9, 4])
        #expect(Self.widths(specs, 20) == [6, 8, 8, 4])   // the table clips what is past its edge
    }

    /// `Amount` over `$43k`: the number's column is as wide as its numbers and its title takes
    /// the blank header cells of the text column before it, one blank kept between the titles.
    @Test func aNumbersTitleReachesOverTheTitleBeforeIt() {
        let stage = ColumnFit.Spec("Stage", ["Discovery", "Proof of value"], floor: 8)
        let specs = [stage, ColumnFit.Spec("Amount", ["$43k", "$26k"], right: true), ColumnFit.Spec("Days", ["135"], right: true)]
        let columns = ColumnFit.columns(specs, width: 40)
        // Days follows a number: its title has nothing blank to reach over.
        #expect(columns.map(\.width) == [14, 4, 4])
        var buffer = Buffer(size: Size(width: 40, height: 3))
        Table(columns: columns, rows: [[Span("Proof of value"), Span("$43k"), Span("135")], [Span("Discovery"), Span("$26k"), Span("7")]],
              selected: nil, scroll: 0, glyphs: .ascii).render(in: Rect(x: 0, y: 0, width: 40, height: 3), into: &buffer)
        #expect(buffer.trimmedLines == ["  Stage        Amount Days", "  Proof of value $43k  135", "  Discovery      $26k    7"])
        // A stage whose floor leaves its title no blank cell: the amount keeps its title's width.
        let tight = [ColumnFit.Spec("Stage", ["Proof of value"], floor: 5), ColumnFit.Spec("Amount", ["$43k"], right: true)]
        #expect(Self.widths(tight, 80)[1] == 6)
    }

    /// At 200 columns a deal's name grows to 40 cells at most: the rest stays blank at the right,
    /// not between the name and its stage. A longer name keeps its own width.
    @Test func aGrowingColumnStopsAtItsCap() {
        let specs = [ColumnFit.Spec("Deal", ["Acme: Team plan"], grows: true), ColumnFit.Spec("Stage", ["Discovery"])]
        #expect(Self.widths(specs, 200) == [ColumnFit.growCap, 9])
        let long = [ColumnFit.Spec("Deal", [String(repeating: "x", count: 55)], grows: true), ColumnFit.Spec("Stage", ["Discovery"])]
        #expect(Self.widths(long, 200) == [55, 9])
    }

    @Test func aWeightedColumnKeepsMore() {
        let specs = [ColumnFit.Spec("Deal", [String(repeating: "x", count: 40)], floor: 8, grows: true, weight: 2),
                     ColumnFit.Spec("Stage", [String(repeating: "y", count: 20)], floor: 8)]
        // 60 cells of text in 40 - 2 - 2 = 36: the deal keeps twice the stage's width.
        #expect(Self.widths(specs, 40) == [24, 12])
    }

    @Test func titlesCountAndWideCharactersTakeTwoCells() {
        let specs = [ColumnFit.Spec("Amount", ["1"]), ColumnFit.Spec("Name", ["中文"])]
        #expect(Self.widths(specs, 80) == [6, 4])
    }
}
