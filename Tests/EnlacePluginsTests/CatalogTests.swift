import EnlaceAPI
import EnlacePlugins
import Testing

@Suite struct CatalogTests {
    final class Named: ConstraintPlugin {
        let name: String
        let summary = "test"
        let role = PluginRole.hard
        let parameters: [ParameterSpec]
        init(_ name: String, parameters: [ParameterSpec] = []) {
            self.name = name
            self.parameters = parameters
        }
        func prepare(_ context: PluginContext) throws -> any PreparedRule { throw PluginError("unused") }
    }

    @Test func twoPluginsWithOneNameAreRefused() {
        let first = LoadedPlugin(plugin: Named("quiet_fridays"), source: .folder("QuietFridays"))
        let second = LoadedPlugin(plugin: Named("quiet_fridays"), source: .library(path: "/p/plugins/libQuiet.so"))
        #expect(throws: PluginLoadError.duplicate("quiet_fridays", .folder("QuietFridays"), .library(path: "/p/plugins/libQuiet.so"))) {
            _ = try PluginCatalog(plugins: [first, second])
        }
        #expect(PluginLoadError.duplicate("quiet_fridays", .folder("QuietFridays"), .library(path: "/p/plugins/libQuiet.so")).description
            == "two plugins are named \"quiet_fridays\": Plugins/QuietFridays and /p/plugins/libQuiet.so. Fix: rename one (its `name`) or remove one of them.")
    }

    @Test func aNameThatIsNotATableNameIsRefused() {
        #expect(throws: PluginLoadError.self) {
            _ = try PluginCatalog(plugins: [LoadedPlugin(plugin: Named("Quiet Fridays"), source: .folder("Q"))])
        }
    }

    @Test func reservedOrMistypedParameterDeclarationsAreRefused() {
        let reserved = Named("a", parameters: [ParameterSpec("enabled", .bool, default: .bool(true), help: "")])
        let mistyped = Named("b", parameters: [ParameterSpec("count", .integer, default: .string("3"), help: "")])
        #expect(throws: PluginLoadError.self) { _ = try PluginCatalog(plugins: [LoadedPlugin(plugin: reserved, source: .folder("A"))]) }
        #expect(throws: PluginLoadError.self) { _ = try PluginCatalog(plugins: [LoadedPlugin(plugin: mistyped, source: .folder("B"))]) }
    }

    @Test func builtInsComeFirstInTheContractsOrder() throws {
        let extra = LoadedPlugin(plugin: Named("aardvark"), source: .folder("Aardvark"))
        let catalog = try PluginCatalog(plugins: [extra] + PluginCatalog.compiledIn())
        #expect(catalog.plugins.map(\.name) == PluginCatalog.specRules + ["aardvark"])
        #expect(catalog.plugins.dropLast().allSatisfy { if case .builtIn = $0.source { true } else { false } })
    }

    @Test func moduleNameComesFromTheFileName() {
        #expect(PluginCatalog.moduleName("/x/plugins/libFridayEvenings.so") == "FridayEvenings")
    }
}
