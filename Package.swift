// swift-tools-version: 6.0
import Foundation
import PackageDescription

let api = Target.Dependency.product(name: "EnlaceAPI", package: "PluginAPI")

// Constraint plugins: every folder of Plugins/ is one plugin module, found here so that adding a
// folder needs no edit of this file (SwiftPM's shared cache may keep this manifest as evaluated
// before, so build with `swift build --manifest-cache none` after adding or removing one;
// `enlace plugins` warns when a folder is not built in). Each module exports `enlace_plugin_<Folder>`; EnlaceBuiltinPlugins (C) lists
// those entry points for the host, from the folder names passed as a macro.
let pluginFolders = ((try? FileManager.default.contentsOfDirectory(atPath: Context.packageDirectory + "/Plugins")) ?? [])
    .filter { name in
        var isDirectory: ObjCBool = false
        return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: Context.packageDirectory + "/Plugins/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
    }
    .sorted()
let pluginTargets: [Target] = pluginFolders.map { .target(name: $0, dependencies: [api], path: "Plugins/" + $0) }
let pluginList = pluginFolders.map { "ENLACE_PLUGIN(\($0))" }.joined(separator: " ")

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
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", exact: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        .target(name: "EnlaceCore", dependencies: [api]),
        .systemLibrary(name: "CLibical", pkgConfig: "libical", providers: [.apt(["libical-dev"])]),
        .target(name: "EnlaceCalendar", dependencies: ["EnlaceCore", "CLibical", "EnlaceFeeds"]),
        .target(name: "EnlaceTranslations", dependencies: ["EnlaceCore"], resources: [.copy("Translations")]),
        .target(name: "EnlaceFeeds", dependencies: ["EnlaceCore", "EnlaceTranslations"]),
        .target(name: "EnlaceServer", dependencies: [
            "EnlaceFeeds", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOExtras", package: "swift-nio-extras"),
            .product(name: "Logging", package: "swift-log"), .product(name: "CompressNIO", package: "compress-nio"),
        ]),
        .target(name: "EnlaceProgram", dependencies: [
            "EnlaceCore", "EnlaceCalendar",
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "EnlaceStore", dependencies: [
            "EnlaceCore", "EnlaceFeeds", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "EnlaceBuiltinPlugins", dependencies: pluginFolders.map { .target(name: $0) },
                cSettings: [.define("ENLACE_PLUGIN_FOLDERS", to: pluginList)]),
        .target(name: "CPluginGuard"),
        .target(name: "EnlacePlugins", dependencies: ["EnlaceCore", "EnlaceBuiltinPlugins", "CPluginGuard",
                                                      .product(name: "Crypto", package: "swift-crypto")]),
        // The solver is optimized in debug builds too: `swift run enlace demo` and the tests solve
        // real districts, which unoptimized code does 20 times slower.
        .target(name: "EnlaceSolver", dependencies: ["EnlaceCore", "CSystemCalls"],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(name: "EnlaceReport", dependencies: ["EnlaceCore"]),
        // Section 10: each group's topics, an exact assignment per group (the essay opens
        // TopicAssignment.swift).
        .target(name: "EnlaceCurriculum", dependencies: ["EnlaceCore"]),
        .target(name: "EnlaceDemo", dependencies: ["EnlaceCore"]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "EnlaceMarkup"),
        .target(name: "EnlaceQR", dependencies: ["CQRencode", "EnlaceMarkup"]),
        .target(name: "EnlaceCharts", dependencies: ["EnlaceMarkup"]),
        .target(name: "EnlaceLetters", dependencies: ["EnlaceCore", "EnlaceFeeds", "EnlaceQR", "EnlaceMarkup"]),
        // The coordinator's report (out/report.html): its figures from the program and the run,
        // and the page in English or Spanish, pure.
        .target(name: "EnlaceReportPage", dependencies: ["EnlaceCore", "EnlaceCharts", "EnlaceMarkup"]),
        .systemLibrary(name: "CSystemCalls"),
        .target(name: "EnlaceIO", dependencies: ["CSystemCalls"]),
        // The workflows: load → prepare the rules once → build the model → solve → store → write,
        // publishing, explaining, importing, privacy and recovery. The CLI parses and prints.
        .target(name: "EnlaceWorkflows", dependencies: [
            "CSystemCalls", "EnlaceCore", "EnlaceProgram", "EnlacePlugins", "EnlaceSolver", "EnlaceStore", "EnlaceReport", "EnlaceFeeds",
            "EnlaceCalendar", "EnlaceIO", "EnlaceCurriculum", "EnlaceLetters", "EnlaceReportPage",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "enlace", dependencies: [
            "EnlaceCore", "EnlaceCalendar", "EnlaceProgram", "EnlaceDemo", "EnlaceIO", "EnlacePlugins", "EnlaceSolver", "EnlaceReport",
            "EnlaceFeeds", "EnlaceServer", "EnlaceWorkflows",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Test support, outside the product: the spec's rules written directly (the oracle of the
        // built-in model) and the one way tests run a process (`Subprocess`).
        .target(name: "EnlaceTestSupport", dependencies: ["EnlaceCore", "EnlacePlugins", "EnlaceSolver"]),
        // Golden files for the test targets that compare written text byte for byte (test-only:
        // it uses Swift Testing, which enlace-bench, a user of EnlaceTestSupport, does not link).
        .target(name: "EnlaceGolden", path: "Tests/EnlaceGolden"),
        // Benchmark commands (Benchmarks/*.sh), outside the product.
        .executableTarget(name: "enlace-bench", dependencies: [
            "EnlaceCore", "EnlaceCurriculum", "EnlaceDemo", "EnlaceIO", "EnlaceReport", "EnlaceSolver", "EnlaceStore", "EnlaceTestSupport",
            "EnlaceWorkflows",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Benchmarks/EnlaceBench"),
        .testTarget(name: "EnlaceCoreTests", dependencies: ["EnlaceCore"]),
        .testTarget(name: "EnlaceCalendarTests", dependencies: ["EnlaceCalendar"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EnlaceProgramTests", dependencies: ["EnlaceProgram", "EnlaceDemo", "EnlaceTestSupport", "enlace"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EnlaceCurriculumTests", dependencies: ["EnlaceCurriculum"]),
        .testTarget(name: "EnlaceSolverTests", dependencies: ["EnlaceSolver", "EnlacePlugins", "EnlaceTestSupport"]),
        .testTarget(name: "EnlacePluginsTests", dependencies: ["EnlacePlugins", .product(name: "EnlacePluginTesting", package: "PluginAPI")]),
        .testTarget(name: "EnlaceDemoTests", dependencies: ["EnlaceDemo"]),
        .testTarget(name: "EnlaceStoreTests", dependencies: ["EnlaceStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EnlaceFeedsTests", dependencies: ["EnlaceFeeds", "EnlaceCalendar", "EnlaceStore", "EnlaceTestSupport", "EnlaceGolden", "enlace"],
                    exclude: ["Golden"]),
        .testTarget(name: "EnlaceTranslationsTests", dependencies: ["EnlaceTranslations", "EnlaceFeeds", "EnlaceCalendar"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EnlaceServerTests", dependencies: [
            "EnlaceServer", "EnlaceIO", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            .product(name: "CompressNIO", package: "compress-nio"),
        ]),
        .testTarget(name: "EnlaceQRTests", dependencies: ["EnlaceQR", "EnlaceTestSupport"]),
        .testTarget(name: "EnlaceLettersTests", dependencies: ["EnlaceLetters", "EnlaceFeeds", "EnlaceTestSupport"]),
        .testTarget(name: "EnlaceChartsTests", dependencies: ["EnlaceCharts", "EnlaceGolden"], exclude: ["Golden"]),
        .testTarget(name: "EnlaceReportPageTests", dependencies: ["EnlaceReportPage", "EnlaceWorkflows", "EnlaceDemo", "enlace", "EnlaceTestSupport", "EnlaceMarkup",
                                                            "EnlaceGolden"],
                    exclude: ["Golden"]),
        .testTarget(name: "EnlaceCLITests", dependencies: ["enlace", "EnlacePlugins", "EnlaceStore", "EnlaceTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EnlaceWorkflowsTests", dependencies: ["EnlaceWorkflows", "EnlaceDemo", "EnlaceTestSupport"]),
    ] + pluginTargets
)

// libFuzzer targets (Fuzz/), compiled only when ENLACE_FUZZ=1 so that `swift build` and
// `swift test` never build them. scripts/fuzz builds them with `--sanitize=fuzzer` in .build-fuzz.
// They import internals (`@testable`), which debug builds allow.
if Context.environment["ENLACE_FUZZ"] == "1" {
    package.targets += [
        .executableTarget(name: "fuzz-csv", dependencies: ["EnlaceProgram", "EnlaceCore"], path: "Fuzz/csv"),
        .executableTarget(name: "fuzz-settings", dependencies: ["EnlaceProgram", "EnlaceCore"], path: "Fuzz/settings"),
        .executableTarget(name: "fuzz-calendar", dependencies: ["EnlaceCalendar", "EnlaceCore"], path: "Fuzz/calendar"),
    ]
}
