// swift-tools-version: 6.0
// An Enlace constraint plugin built on its own, as district IT would: a dynamic library that
// `enlace` loads once enlace.toml pins it with its SHA-256 (see docs/PLUGINS.md).
import PackageDescription

let package = Package(
    name: "FridayEvenings",
    products: [
        // The file is libFridayEvenings.so; Enlace derives the entry point's name from it.
        .library(name: "FridayEvenings", type: .dynamic, targets: ["FridayEvenings"]),
    ],
    dependencies: [
        // The same API source as the enlace you load it into (a copy of Enlace's PluginAPI folder
        // works too, if it is the same version).
        .package(path: "../../../PluginAPI"),
    ],
    targets: [
        .target(name: "FridayEvenings", dependencies: [.product(name: "EnlaceAPI", package: "PluginAPI")]),
        .testTarget(name: "FridayEveningsTests", dependencies: [
            "FridayEvenings", .product(name: "EnlacePluginTesting", package: "PluginAPI"),
        ]),
    ]
)
