/// A one-line chart of a series with block glyphs; missing values are spaces.
public struct Sparkline {
    public let values: [Double?]
    public let glyphs: UIGlyphs

    public var text: String {
        let known = values.compactMap { $0 }
        guard let lo = known.min(), let hi = known.max() else { return String(repeating: " ", count: values.count) }
        let levels = glyphs.spark
        return values.map { v -> String in
            guard let v else { return " " }
            if hi == lo { return levels[levels.count / 2] }
            let k = Int(((v - lo) / (hi - lo) * Double(levels.count - 1)).rounded())
            return levels[max(0, min(levels.count - 1, k))]
        }.joined()
    }
}
