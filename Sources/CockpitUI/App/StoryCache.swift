import MetricsCore

/// The line count of the story on top, kept between keys like `listCache`. Counting the lines
/// lays the story out (its long values wrap), so `update` does it once, when the story opens or
/// its width, review date or file changes, not on every key. (A render that clamped an unbounded
/// scroll would need no count, but `j` pressed past the end would then take as many `k` to undo.)
struct StoryCache: Sendable {
    struct Key: Hashable, Sendable {
        let client: Int, deal: Int, date: Day, width: Int
    }
    let key: Key
    let lines: Int
}

extension AppState {
    func storyKey(client: Int, deal: Int) -> StoryCache.Key {
        StoryCache.Key(client: client, deal: deal, date: date, width: size.width)
    }

    /// The lines of a deal's story at the state's width, when it is the story on top.
    func storyLineCount(client: Int, deal: Int) -> Int? {
        guard let cache = storyCache, cache.key == storyKey(client: client, deal: deal) else { return nil }
        return cache.lines
    }

    /// Counts the lines of the story on top when they may have changed, and keeps its scroll
    /// within them (a wider or taller terminal has fewer positions).
    mutating func refreshStoryCache() {
        guard case .story(let client, let deal) = top.screen, let review = reviews[client] else { storyCache = nil; return }
        let key = storyKey(client: client, deal: deal)
        if storyCache?.key != key {
            storyCache = StoryCache(key: key, lines: StoryScreen.storyLines(review, deal: deal, date: date, glyphs: .ascii, width: size.width - 2).count)
        }
        top.selection = min(top.selection, max(0, rowCount(top) - 1))
    }
}
