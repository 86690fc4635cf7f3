import MetricsCore

/// A deal's what-if as screen lines, for the KPI autopsy view and the deal's story: each KPI that
/// would change ("NNARR $354k red → $420k yellow"), under a title naming the deal, or why it has none.
/// Only the deal on screen is recomputed, so a large portfolio pays for one what-if per frame.
enum WhatIfLines {
    /// "What if D-1042 had been won on 2026-11-05" (no day when there is no what-if).
    static func title(_ row: AutopsyRow, _ w: WhatIf?) -> String {
        "What if \(sanitizedForDisplay(row.dealID)) had been won" + (w.map { " on \($0.wonOn)" } ?? "")
    }

    /// The lines, broken between KPIs where they fit, and the style they are drawn in.
    static func lines(_ review: EngagementReview, _ row: AutopsyRow, _ w: WhatIf?, glyphs: UIGlyphs, width: Int) -> [(String, Style)] {
        guard let w else {
            let why: String
            if let day = review.winDay(row) {
                why = "No what-if: it was expected to close on \(day), after \(review.asOf)."
            } else {
                why = "No what-if: only lost and slipped deals are recomputed as won."
            }
            return wrap(why, width: width).map { ($0, .muted) }
        }
        let f = ValueFormatter(currency: review.engagement.client.currency, glyphs: glyphs.text)
        let deal = sanitizedForDisplay(w.dealID)
        guard !w.changes.isEmpty else { return wrap("No dashboard KPI would change had \(deal) been won.", width: width).map { ($0, .muted) } }
        let phrases = w.changes.indices.map { w.changes[$0].phrase(f, arrow: glyphs.text.arrowRight) + ($0 < w.changes.count - 1 ? "," : "") }
        var lines: [String] = [], line = ""
        // The title above says "What if D-1042 had been won on …": the lines do not say it again.
        for unit in phrases {
            let candidate = line.isEmpty ? unit : line + " " + unit
            if TextWidth.of(candidate) <= width { line = candidate; continue }
            if !line.isEmpty { lines.append(line) }
            let pieces = wrap(unit, width: width)
            lines += pieces.dropLast()
            line = pieces.last ?? ""
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { ($0, .normal) }
    }
}
