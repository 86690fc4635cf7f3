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
    ],
    targets: [
        // Pure metrics core: engagement model, loading and validation, KPIs, review views.
        // No terminal code, no clock, no environment: the review date is a parameter.
        .target(name: "MetricsCore"),
        // The executable: argument parsing and printing only.
        .executableTarget(
            name: "redline",
            dependencies: [
                "MetricsCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-mode benchmark: load MB/s and full recompute time on synthetic portfolios.
        .executableTarget(
            name: "RedlineBench",
            dependencies: ["MetricsCore"],
            path: "Benchmarks/RedlineBench"
        ),
        .testTarget(name: "MetricsCoreTests", dependencies: ["MetricsCore"]),
        .testTarget(name: "RedlineEndToEndTests", dependencies: ["MetricsCore"]),
    ],
    swiftLanguageModes: [.v6]
)
