/// A line said in the longest wording that fits, or with whole items and how many more: text
/// cut mid-word (`…security r...`) beside nothing else on the row says less than a shorter one.
enum Wording {
    /// The first of `candidates` (fullest first) that fits in `width` cells; the last, cut, when none does.
    static func first(_ candidates: [String], width: Int, ellipsis: String) -> String {
        candidates.first { TextWidth.of($0) <= width } ?? TextWidth.truncate(candidates.last ?? "", to: width, ellipsis: ellipsis)
    }

    /// `lead` and as many whole items as fit in `width`, then `rest(n)` for the n left out
    /// (whose room is kept); nil when not even the first fits.
    static func items(_ lead: String, _ items: [String], separator: String = ", ", width: Int, rest: (Int) -> String) -> String? {
        var out = lead
        for (n, item) in items.enumerated() {
            let candidate = n == 0 ? out + item : out + separator + item
            let left = items.count - n - 1
            if TextWidth.of(candidate + (left > 0 ? rest(left) : "")) > width { return n == 0 ? nil : out + rest(items.count - n) }
            out = candidate
        }
        return out
    }
}
