/// Widths of a table's columns from what they hold and the room there is.
///
/// Each column starts as wide as its widest text (its title included). When they all fit, the
/// columns that grow (a deal's name) take the cells left over; when they do not, the widest
/// columns give way first, one cell at a time, each down to its floor: a long name or stage is
/// cut before a short one, and numbers, ids and flags (floor = their width) are never cut. A
/// column that grows counts `weight` times narrower, so it keeps more. Replaces fixed caps,
/// which cut names while cells stood empty beside them.
struct ColumnFit {
    struct Spec {
        let column: Column
        /// The widest text the column holds, its title included.
        let natural: Int
        /// The narrowest it may become.
        let floor: Int
        /// Takes the cells left over; gives way `weight` times more slowly.
        let grows: Bool
        let weight: Int

        /// A column cut down to `floor` at most (`nil`: never cut).
        init(_ title: String, _ texts: [String], right: Bool = false, floor: Int? = nil, grows: Bool = false, weight: Int = 1) {
            natural = max(TextWidth.of(title), texts.map(TextWidth.of).max() ?? 0)
            self.floor = min(natural, floor ?? natural)
            self.grows = grows
            self.weight = max(1, weight)
            column = Column(title, natural, right: right)
        }
    }

    /// The columns as wide as `width` cells of a table allow (a table draws from its third cell
    /// and puts one cell after each column).
    static func columns(_ specs: [Spec], width: Int) -> [Column] {
        var widths = specs.map(\.natural)
        let room = width - 2 - specs.count
        var excess = widths.reduce(0, +) - room
        if excess <= 0 {
            let growing = specs.indices.filter { specs[$0].grows }
            for (n, i) in growing.enumerated() { widths[i] += -excess / growing.count + (n < -excess % growing.count ? 1 : 0) }
        }
        while excess > 0 {
            // The widest column (its width divided by its weight) still above its floor.
            var pick = -1
            for i in specs.indices where widths[i] > specs[i].floor {
                if pick < 0 || widths[i] * specs[pick].weight > widths[pick] * specs[i].weight { pick = i }
            }
            guard pick >= 0 else { break }   // every column at its floor: the table clips the rest
            widths[pick] -= 1
            excess -= 1
        }
        return specs.indices.map { Column(specs[$0].column.title, widths[$0], right: specs[$0].column.alignRight) }
    }
}
