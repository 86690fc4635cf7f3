import Foundation
@testable import CockpitUI
import MetricsCore
import RedlineThemes

/// The demo at a fixed review date, driven by keys, rendered at a fixed size.
enum Cockpit {
    static let asOf = Day("2026-11-23")!

    static func state(size: Size = Size(width: 80, height: 24), files: [LoadedFile]? = nil) -> AppState {
        let files = files ?? DemoPortfolio.portfolio(anchor: asOf).files
        return AppState(entries: files.map(PortfolioEntry.init), anchor: asOf, themes: [.plain], size: size)
    }

    /// Sends keys: characters one by one; `<Enter>`, `<Esc>`, `<Tab>`, `<Down>`, `<Up>` as names.
    /// Background work is done on the spot, as the runtime would, and its result sent back.
    static func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { key in perform(state.update(.key(key)), on: &state) }
    }

    /// The demo written to a fresh folder (so it can be edited), loaded; and the folder.
    static func writtenDemo() throws -> (AppState, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("redline-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for file in DemoPortfolio.files(anchor: asOf) {
            try Data(file.bytes).write(to: dir.appendingPathComponent(file.name))
        }
        return (state(files: try Portfolio.resolve([dir.path]).map { EngagementLoader.load(path: $0) }), dir.path)
    }

    /// Like `press`, and saves are done on the spot too.
    static func pressSaving(_ keys: [Key], on state: inout AppState) {
        for key in keys {
            var pending = press([key], on: &state)
            while let effect = pending.first {
                pending.removeFirst()
                if case .save(let request) = effect { pending += perform(state.update(.saved(AppState.save(request))), on: &state) }
            }
        }
    }

    static func perform(_ effects: [Effect], on state: inout AppState) -> [Effect] {
        var out: [Effect] = []
        for effect in effects {
            if case .compute(let request) = effect {
                out += perform(state.update(.computed(AppState.compute(request, entries: state.entries))), on: &state)
            } else {
                out.append(effect)
            }
        }
        return out
    }

    static func screen(_ keys: [Key] = [], size: Size = Size(width: 80, height: 24), glyphs: UIGlyphs = .unicode) -> [String] {
        var s = state(size: size)
        _ = press(keys, on: &s)
        return CockpitView.render(s, glyphs: glyphs).trimmedLines
    }
}

func chars(_ text: String) -> [Key] { text.map { .char($0) } }
