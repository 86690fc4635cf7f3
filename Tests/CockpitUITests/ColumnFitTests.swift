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
    }

    @Test func theWidestGiveWayFirstAndNumbersNever() {
        let specs = [ColumnFit.Spec("ID", ["D-1004"]), ColumnFit.Spec("Client", ["Northwind Advisory"], floor: 8),
                     ColumnFit.Spec("Stage", ["Proposal sent"], floor: 8), ColumnFit.Spec("Amount", ["$26k"], right: true)]
        // Natural: 6 + 18 + 13 + 6 = 43, plus 2 + 4 = 49. At 44 five cells go, all from the client.
        #expect(Self.widths(specs, 44) == [6, 13, 13, 6])
        // At 34 fifteen go: the client and the stage level at 8 (their floor) and stop there.
        #expect(Self.widths(specs, 34) == [6, 8, 8, 6])
        #expect(Self.widths(specs, 20) == [6, 8, 8, 6])   // the table clips what is past its edge
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
