// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Redline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "redline", targets: ["redline"]),
        .library(name: "MetricsCore", targets: ["MetricsCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Pure metrics core: engagement model, loading and validation, KPIs, review views.
        // No terminal code, no clock, no environment: the review date is a parameter.
        .target(name: "MetricsCore"),
        // The cockpit: state, update, screens and widgets that draw into an in-memory cell
        // buffer. No terminal code: every screen is testable as text.
        .target(name: "CockpitUI", dependencies: ["MetricsCore"]),
        // The ncurses C API with the accessors Swift 6 needs, and the signal flag.
        .target(name: "CNCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The only code that talks to the terminal: buffer diffs to ncurses, keys, resize.
        .target(name: "NCursesTerminal", dependencies: ["CockpitUI", "CNCurses"]),
        // The theme files of the top-level Themes/ folder, embedded in the binary.
        .target(
            name: "RedlineThemes",
            path: "Themes",
            exclude: ["README.md"],
            resources: [
                .embedInCode("dark.json"), .embedInCode("light.json"), .embedInCode("high-contrast.json"),
                .embedInCode("colorblind.json"), .embedInCode("monochrome.json"),
            ]
        ),
        // CRM exports (CSV) to engagement files: mappings, value parsing, the import plan.
        .target(name: "Importer", dependencies: ["MetricsCore", "TOMLKit"]),
        // The executable: argument parsing and printing only.
        .executableTarget(
            name: "redline",
            dependencies: [
                "MetricsCore", "CockpitUI", "NCursesTerminal", "RedlineThemes", "Importer", "TOMLKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-mode benchmark: load MB/s and full recompute time on synthetic portfolios.
        .executableTarget(
            name: "RedlineBench",
            dependencies: ["MetricsCore"],
            path: "Benchmarks/RedlineBench"
        ),
        // Deterministic hostile mutants of engagement files, for the fuzz tests of the core and the cockpit.
        .target(name: "Mutants", dependencies: ["MetricsCore"], path: "Tests/Mutants"),
        .testTarget(name: "MetricsCoreTests", dependencies: ["MetricsCore", "Mutants"]),
        .testTarget(name: "CockpitUITests", dependencies: ["CockpitUI", "MetricsCore", "RedlineThemes", "Mutants"], exclude: ["update_snapshots.py", "Snapshots"]),
        .testTarget(name: "ImporterTests", dependencies: ["Importer", "MetricsCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RedlineEndToEndTests", dependencies: ["MetricsCore"]),
    ],
    swiftLanguageModes: [.v6]
)
