// swift-tools-version: 6.0
// An Enlace constraint plugin about pairs of families, built on its own as district IT would: a
// dynamic library that `enlace` loads once enlace.toml pins it with its SHA-256 (docs/PLUGINS.md).
import PackageDescription

let package = Package(
    name: "KeepTogether",
    products: [
        // The file is libKeepTogether.so; Enlace derives the entry point's name from it.
        .library(name: "KeepTogether", type: .dynamic, targets: ["KeepTogether"]),
    ],
    dependencies: [
        .package(path: "../../../PluginAPI"),
    ],
    targets: [
        .target(name: "KeepTogether", dependencies: [.product(name: "EnlaceAPI", package: "PluginAPI")]),
        .testTarget(name: "KeepTogetherTests", dependencies: [
            "KeepTogether", .product(name: "EnlacePluginTesting", package: "PluginAPI"),
        ]),
    ]
)
