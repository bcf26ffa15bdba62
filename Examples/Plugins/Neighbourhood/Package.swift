// swift-tools-version: 6.0
// A soft Enlace plugin: prefer mentors from the parent's neighbourhood (see docs/PLUGINS.md).
import PackageDescription

let package = Package(
    name: "Neighbourhood",
    products: [
        .library(name: "Neighbourhood", type: .dynamic, targets: ["Neighbourhood"]),
    ],
    dependencies: [
        .package(path: "../../../PluginAPI"),
    ],
    targets: [
        .target(name: "Neighbourhood", dependencies: [.product(name: "EnlaceAPI", package: "PluginAPI")]),
        .testTarget(name: "NeighbourhoodTests", dependencies: [
            "Neighbourhood", .product(name: "EnlacePluginTesting", package: "PluginAPI"),
        ]),
    ]
)
