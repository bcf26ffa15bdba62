// swift-tools-version: 6.0
// A district plugin that crashes where its `hook` parameter says, for PluginCrashTests
// (EnlaceCLITests): a crash in plugin code must end the command with a message naming the plugin
// and the hook, and leave the program as it was.
import PackageDescription

let package = Package(
    name: "CrashingPlugin",
    products: [.library(name: "CrashingPlugin", type: .dynamic, targets: ["CrashingPlugin"])],
    dependencies: [.package(path: "../../../PluginAPI")],
    targets: [.target(name: "CrashingPlugin", dependencies: [.product(name: "EnlaceAPI", package: "PluginAPI")])]
)
