/// Widths of a table's columns from what they hold and the room there is.
///
/// Each column starts as wide as its widest text (its title included; the callers pass the rows
/// on screen only, so a long name scrolled out of view takes no cells). A number's title may be
/// wider than its numbers: it reaches over the blank end of the title before it (`Table`), so
/// `Amount` over `$43k` costs 4 cells, not 6. When they all fit, the columns that grow (a deal's
/// name) take the cells left over up to `cap`, and the rest stays blank at the right; when they
/// do not, the widest columns give way first, one cell at a time, each down to its floor: a long
/// name or stage is cut before a short one, and numbers, ids and flags (floor = their width) are
/// never cut. A column that grows counts `weight` times narrower, so it keeps more.
struct ColumnFit {
    /// How wide a growing column becomes from cells left over: past it a name stands ~100 blank
    /// cells from its stage at 200 columns. A longer name still gets its own width.
    static let growCap = 40

    struct Spec {
        let column: Column
        /// The widest text the column holds, its title included.
        let natural: Int
        /// The widest text of its rows alone.
        let values: Int
        /// The narrowest it may become.
        let floor: Int
        /// Takes the cells left over; gives way `weight` times more slowly.
        let grows: Bool
        let weight: Int

        /// A column cut down to `floor` at most (`nil`: never cut).
        init(_ title: String, _ texts: [String], right: Bool = false, floor: Int? = nil, grows: Bool = false, weight: Int = 1) {
            values = texts.map(TextWidth.of).max() ?? 0
            natural = max(TextWidth.of(title), values)
            self.floor = min(natural, floor ?? natural)
            self.grows = grows
            self.weight = max(1, weight)
            column = Column(title, natural, right: right)
        }

        var titleWidth: Int { TextWidth.of(column.title) }
    }

    /// The columns as wide as `width` cells of a table allow (a table draws from its third cell
    /// and puts one cell after each column).
    static func columns(_ specs: [Spec], width: Int) -> [Column] {
        // A right-aligned title over a left-aligned column's: the cells that column's title
        // leaves blank at its floor are the most it may reach over.
        let needs = specs.indices.map { i -> Int in
            let s = specs[i]
            guard s.column.alignRight, i > 0, !specs[i - 1].column.alignRight else { return s.natural }
            return max(s.values, s.titleWidth - max(0, specs[i - 1].floor - specs[i - 1].titleWidth))
        }
        let floors = specs.indices.map { min(needs[$0], specs[$0].floor) }
        var widths = needs
        let room = width - 2 - specs.count
        var excess = widths.reduce(0, +) - room
        // Cells left over: one at a time to each growing column below its cap.
        while excess < 0 {
            let growing = specs.indices.filter { specs[$0].grows && widths[$0] < max(needs[$0], growCap) }
            guard !growing.isEmpty else { break }
            for i in growing where excess < 0 {
                widths[i] += 1
                excess += 1
            }
        }
        while excess > 0 {
            // The widest column (its width divided by its weight) still above its floor.
            var pick = -1
            for i in specs.indices where widths[i] > floors[i] {
                if pick < 0 || widths[i] * specs[pick].weight > widths[pick] * specs[i].weight { pick = i }
            }
            guard pick >= 0 else { break }   // every column at its floor: the table clips the rest
            widths[pick] -= 1
            excess -= 1
        }
        return specs.indices.map { Column(specs[$0].column.title, widths[$0], right: specs[$0].column.alignRight) }
    }
}
