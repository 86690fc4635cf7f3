/// `redline autopsy list`: the quarter's KPI autopsy of each client, for the monthly deep dive:
/// every deal lost, slipped or stalled, the KPIs it hurt, what its winning would have done to the
/// dashboard, and the written root cause and systemic change with owner, due date and where the
/// change stands.
public enum AutopsyListing {
    public static func markdown(_ reviews: [EngagementReview?], asOf: Day) -> String {
        var out = "# KPI autopsy, \(asOf)\n"
        for r in reviews.compactMap({ $0 }) {
            let a = r.autopsy
            let f = ValueFormatter(currency: r.engagement.client.currency)
            out += "\n## \(markdownText(r.engagement.client.name)): \(a.window.start) to \(a.window.end)\n\n"
            out += summary(a, asOf: asOf) + "\n"
            guard !a.rows.isEmpty else { continue }
            out += "\n| Deal | Amount | Why | KPIs hurt | Autopsy |\n| --- | ---: | --- | --- | --- |\n"
            for row in a.rows {
                let name = markdownText(row.dealID) + " " + markdownText(row.name)
                out += "| \(name) | \(f.money(row.amount)) | \(row.why) | \(row.kpisHurt.map(markdownText).joined(separator: ", ")) | \(state(row.written, asOf)) |\n"
            }
            let whatIfs = r.whatIfs()
            if !whatIfs.isEmpty { out += "\n### What if won\n\n" }
            for w in whatIfs { out += "- \(w.sentence(f, escape: markdownText))\n" }
            let written = a.rows.compactMap { row in row.written.map { (row, $0) } }
            if !written.isEmpty { out += "\n### Root causes and systemic changes\n\n" }
            for (row, w) in written {
                out += "- **\(markdownText(row.dealID))** (\(details(w, asOf, escape: markdownText))): KPIs \(w.kpis.map(markdownText).joined(separator: ", "))  \n"
                out += "  Root cause: \(markdownText(w.rootCause ?? "—"))  \n  Systemic change: \(markdownText(w.systemicChange ?? "—"))\n"
            }
            if !a.lostReasons.isEmpty {
                out += "\n**Lost reasons:** " + lostReasons(a, f, escape: markdownText) + "\n"
            }
        }
        return out
    }

    /// `glyphs` gives the what-if's arrow (ASCII where the locale is not UTF-8).
    public static func text(_ reviews: [EngagementReview?], asOf: Day, glyphs: Glyphs = .unicode) -> String {
        var out = "KPI autopsy, \(asOf)\n"
        for r in reviews.compactMap({ $0 }) {
            let a = r.autopsy
            let f = ValueFormatter(currency: r.engagement.client.currency)
            out += "\n\(sanitizedForDisplay(r.engagement.client.name)): \(a.window.start) to \(a.window.end)\n" + summary(a, asOf: asOf) + "\n"
            let idWidth = a.rows.map { sanitizedForDisplay($0.dealID).count }.max() ?? 0
            let amounts = a.rows.map { f.money($0.amount) }
            let amountWidth = amounts.map(\.count).max() ?? 0
            let whyWidth = a.rows.map(\.why.count).max() ?? 0
            let whatIfs = Dictionary(uniqueKeysWithValues: r.whatIfs().map { ($0.deal, $0) })
            for (row, amount) in zip(a.rows, amounts) {
                out += "  " + sanitizedForDisplay(row.dealID).padding(idWidth) + "  " + amount.leftPadding(amountWidth) + "  " + row.why.padding(whyWidth)
                    + "  " + state(row.written, asOf) + "  " + row.kpisHurt.map(sanitizedForDisplay).joined(separator: ", ") + "\n"
                if let w = whatIfs[row.deal] { out += "      \(w.sentence(f, arrow: glyphs.arrowRight))\n" }
                if let w = row.written {
                    out += "      \(details(w, asOf))\n      Root cause: \(sanitizedForDisplay(w.rootCause ?? "—"))\n"
                    out += "      Systemic change: \(sanitizedForDisplay(w.systemicChange ?? "—"))\n"
                }
            }
            if !a.lostReasons.isEmpty {
                out += "  Lost reasons: " + lostReasons(a, f) + "\n"
            }
        }
        return out
    }

    static func lostReasons(_ a: AutopsyReport, _ f: ValueFormatter, escape: (String) -> String = sanitizedForDisplay) -> String {
        a.lostReasons.map { "\(escape($0.reason)): \($0.count) deal\($0.count == 1 ? "" : "s"), \(f.money($0.amount))" }.joined(separator: "; ")
    }

    static func summary(_ a: AutopsyReport, asOf: Day, period: String = "this quarter") -> String {
        guard !a.rows.isEmpty else { return "No deal lost, slipped or stalled \(period)." }
        let overdue = a.overdueCount(on: asOf)
        return "\(decimals(Double(a.rows.count), 0)) deal\(a.rows.count == 1 ? "" : "s") lost, slipped or stalled; \(decimals(Double(a.writtenCount), 0)) autops\(a.writtenCount == 1 ? "y" : "ies") written"
            + (overdue > 0 ? ", \(overdue) systemic change\(overdue == 1 ? "" : "s") overdue" : "") + "."
    }

    static func state(_ w: Autopsy?, _ asOf: Day) -> String {
        guard let w else { return "not written" }
        switch w.changeState(on: asOf) {
        case .done: return "change done"
        case .open: return "change open"
        case .overdue: return "change overdue"
        }
    }

    static func details(_ w: Autopsy, _ asOf: Day, escape: (String) -> String = sanitizedForDisplay) -> String {
        "written \(w.writtenOn), owner \(escape(w.owner ?? "—")), due \(w.due.map { "\($0)" } ?? "—"), \(w.changeState(on: asOf).rawValue)"
    }
}
