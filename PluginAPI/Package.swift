// swift-tools-version: 6.0
// The Enlace API: domain values and the constraint-plugin protocol.
//
// It is its own package and a *dynamic* library so that the `enlace` host and every
// plugin `.so` share one copy of the module: a protocol only crosses a `dlopen`
// boundary when both sides see the same type metadata (see docs/PLUGINS.md).
import PackageDescription

let package = Package(
    name: "EnlaceAPI",
    products: [
        .library(name: "EnlaceAPI", type: .dynamic, targets: ["EnlaceAPI"]),
        // Test helpers for plugin authors: a tiny hand-made district and a verifier for one plugin.
        .library(name: "EnlacePluginTesting", targets: ["EnlacePluginTesting"]),
    ],
    targets: [
        .target(name: "EnlaceAPI"),
        .target(name: "EnlacePluginTesting", dependencies: ["EnlaceAPI"]),
    ]
)
