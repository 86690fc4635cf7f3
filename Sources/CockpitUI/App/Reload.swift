import Foundation
import MetricsCore

/// Files changed on disk (another user, a re-import, an editor, our own save) taken in place.
extension AppState {
    /// Takes a file changed on disk: the new version when it loads, else the last good one stays
    /// on screen; the user's place (screens, selections) is kept either way.
    mutating func reload(_ i: Int, _ file: LoadedFile) {
        let before = duplicateClients
        take(i, file)
        // A client id the file now shares with another file: said as on the first frame (the
        // portfolio's summary line keeps saying it).
        if duplicateClients.contains(where: { !before.contains($0) }), let warning = duplicateWarning {
            status = (status.map { $0 + ". " } ?? "") + warning
        }
    }

    private mutating func take(_ i: Int, _ file: LoadedFile) {
        let name = (file.file as NSString).lastPathComponent
        guard let new = file.engagement else {
            let first = file.errors.first.map { ": \($0.line.map { "\($0):\(file.errors.first?.column ?? 0) " } ?? "")\($0.message)" } ?? ""
            if entries[i].index == nil { entries[i] = PortfolioEntry(file: file) }
            status = "\(name) changed and has errors\(first); \(entries[i].index == nil ? "still rejected" : "showing the last good version")"
            install(date: date, reviews: entries.map { $0.index.map { EngagementReview(index: $0, asOf: date) } })
            return
        }
        let oldIndex = entries[i].index
        let old = oldIndex?.engagement
        entries[i] = PortfolioEntry(file: file)
        if let oldIndex, let newIndex = entries[i].index { followDeals(client: i, from: oldIndex, to: newIndex) }
        install(date: date, reviews: entries.map { $0.index.map { EngagementReview(index: $0, asOf: date) } })
        guard let old else { status = "\(name) changed on disk: now loads"; return }
        var parts: [String] = []
        let before = Dictionary(old.deals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let added = new.deals.filter { before[$0.id] == nil }.count
        let moved = new.deals.filter { d in before[d.id].map { $0.stageHistory.last != d.stageHistory.last || $0.expectedClose != d.expectedClose } ?? false }.count
        if added > 0 { parts.append("\(added) new deal\(added == 1 ? "" : "s")") }
        if moved > 0 { parts.append("\(moved) deal\(moved == 1 ? "" : "s") moved") }
        if new.actions.count != old.actions.count { parts.append("\(new.actions.count - old.actions.count) action(s)") }
        if new.autopsies.count != old.autopsies.count { parts.append("\(new.autopsies.count - old.autopsies.count) autopsy(ies)") }
        status = "\(name) changed on disk, reloaded" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    /// Keeps deal stories on the same deal (by id) when a reload moved deals in the file; a
    /// story of a deal that is gone closes, back to the list it was opened from.
    mutating func followDeals(client: Int, from old: EngagementIndex, to new: EngagementIndex) {
        for (k, entry) in stack.enumerated() {
            guard case .story(let c, let d) = entry.screen, c == client else { continue }
            if let moved = new.dealIndex[old.deals[d].id] {
                stack[k].screen = .story(client: c, deal: moved)
            } else {
                stack.removeSubrange(k...)
                break
            }
        }
    }
}
