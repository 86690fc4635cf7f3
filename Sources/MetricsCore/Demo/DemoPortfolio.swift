/// The demo portfolio bundled in the binary: five clients, one per seed industry plus SaaS.
///
/// Generated, not stored: every date is relative to the anchor (the review date), so the demo
/// looks alive on any day and is byte-for-byte reproducible for a given `--as-of`.
public enum DemoPortfolio {
    /// The display folder of the demo's files in reports and problems.
    public static let folder = "demo"

    public static func engagements(anchor: Day) -> [Engagement] {
        DemoProfile.portfolio.map { profile in
            var g = DemoGenerator(profile: profile, anchor: anchor)
            return g.make()
        }
    }

    /// The demo as engagement files: `(file name, JSON bytes)`, sorted by name as a folder's files are.
    public static func files(anchor: Day) -> [(name: String, bytes: [UInt8])] {
        engagements(anchor: anchor).map { ("\($0.client.id).json", EngagementWriter.write($0)) }.sorted { $0.name < $1.name }
    }

    /// The demo loaded through the same loader as real files, named `demo/<client>.json`.
    public static func portfolio(anchor: Day) -> Portfolio {
        Portfolio(files: files(anchor: anchor).map { file in
            var loaded = file.bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "\(folder)/\(file.name)") }
            loaded.isBundledDemo = true
            return loaded
        })
    }

    /// A deterministic synthetic engagement with `deals` deals, for benchmarks.
    public static func synthetic(deals: Int, anchor: Day) -> Engagement {
        var g = DemoGenerator(profile: .synthetic(deals: deals), anchor: anchor)
        return g.make()
    }
}
