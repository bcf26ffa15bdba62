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
    ],
    targets: [
        .target(name: "EnlaceAPI"),
    ]
)
