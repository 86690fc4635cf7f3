/// A one-line chart of a series with block glyphs; missing values are spaces.
public struct Sparkline {
    public let values: [Double?]
    public let glyphs: UIGlyphs

    public var text: String {
        // Only finite values can be placed on the scale (and turned into a level).
        let known = values.compactMap { $0 }.filter(\.isFinite)
        guard let lo = known.min(), let hi = known.max() else { return String(repeating: " ", count: values.count) }
        let levels = glyphs.spark
        return values.map { v -> String in
            guard let v, v.isFinite else { return " " }
            if hi == lo { return levels[levels.count / 2] }
            // Halves first: hi − lo overflows to infinity when both are near ±Double.greatestFiniteMagnitude.
            let share = (v / 2 - lo / 2) / (hi / 2 - lo / 2)
            guard share.isFinite else { return levels[levels.count / 2] }   // subnormal halves: 0 / 0
            let k = Int((share * Double(levels.count - 1)).rounded())
            return levels[max(0, min(levels.count - 1, k))]
        }.joined()
    }
}
