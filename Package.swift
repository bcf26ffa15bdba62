// swift-tools-version: 6.0
import PackageDescription

let api = Target.Dependency.product(name: "EnlaceAPI", package: "PluginAPI")

let package = Package(
    name: "Enlace",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "enlace", targets: ["enlace"]),
    ],
    dependencies: [
        .package(path: "PluginAPI"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        .target(name: "EnlaceCore", dependencies: [api]),
        .systemLibrary(name: "CLibical", pkgConfig: "libical", providers: [.apt(["libical-dev"])]),
        .target(name: "EnlaceCalendar", dependencies: ["EnlaceCore", "CLibical", "EnlaceFeeds"]),
        .target(name: "EnlaceFeeds", dependencies: ["EnlaceCore"], resources: [.copy("Translations")]),
        .target(name: "EnlaceServer", dependencies: ["EnlaceFeeds", .product(name: "Hummingbird", package: "hummingbird")]),
        .target(name: "EnlaceProgram", dependencies: [
            "EnlaceCore", "EnlaceCalendar",
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "EnlaceStore", dependencies: [
            "EnlaceCore", "EnlaceFeeds", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "EnlaceSolver", dependencies: ["EnlaceCore"]),
        .target(name: "EnlaceReport", dependencies: ["EnlaceSolver"]),
        .target(name: "EnlaceDemo", dependencies: ["EnlaceCore"]),
        .target(name: "EnlaceIO"),
        .executableTarget(name: "enlace", dependencies: [
            "EnlaceCore", "EnlaceCalendar", "EnlaceProgram", "EnlaceStore", "EnlaceDemo", "EnlaceIO", "EnlaceSolver", "EnlaceReport", "EnlaceFeeds", "EnlaceServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "EnlaceCoreTests", dependencies: ["EnlaceCore"]),
        .testTarget(name: "EnlaceCalendarTests", dependencies: ["EnlaceCalendar"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EnlaceProgramTests", dependencies: ["EnlaceProgram", "EnlaceDemo", "enlace"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EnlaceSolverTests", dependencies: ["EnlaceSolver"]),
        .testTarget(name: "EnlaceDemoTests", dependencies: ["EnlaceDemo"]),
        .testTarget(name: "EnlaceStoreTests", dependencies: ["EnlaceStore"]),
        .testTarget(name: "EnlaceFeedsTests", dependencies: ["EnlaceFeeds", "EnlaceCalendar", "EnlaceStore", "enlace"], exclude: ["Golden"]),
        .testTarget(name: "EnlaceServerTests", dependencies: ["EnlaceServer", .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "EnlaceCLITests", dependencies: ["enlace", "EnlaceStore"]),
    ]
)
