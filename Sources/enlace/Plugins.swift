import ArgumentParser
import EnlaceCore
import EnlaceProgram
import EnlaceReport
import EnlacePlugins
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace plugins [--json]`: every constraint plugin this enlace loads for a program.
    struct Plugins: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the constraint plugins: name, hard or soft, weight, parameters and where each comes from.",
            discussion: """
                Built-in plugins are the rules of the program contract (Plugins/ folders of the source); \
                other Plugins/ folders are compiled in; a .so file runs only when enlace.toml pins it \
                ([plugins.NAME] library = "…", sha256 = "…"). Libraries of the program's plugins/ folder \
                that are not pinned are listed with the table that would pin them. See docs/PLUGINS.md.
                """)

        @OptionGroup var options: ProgramOptions

        @Flag(help: "Print the list as JSON on stdout.")
        var json = false

        func run() throws {
            let folder = options.folder
            let hasProgram = FileManager.default.fileExists(atPath: folder.appendingPathComponent("enlace.toml").path)
            var settings: ProgramSettings? = nil
            var settingsText = ""
            if hasProgram {
                do {
                    let loaded = try ProgramLoader(folder: folder).loadSettings()
                    settings = loaded.settings
                    settingsText = loaded.text
                } catch { throw failWithInputError(error.description) }
            }
            let catalog = try runWorkflow { () throws(WorkflowError) in try Rules.catalog(folder: hasProgram ? folder : nil, settings: settings) }
            // Without a program folder, the defaults of the contract.
            let weightSettings = settings ?? ProgramSettings(name: "", timezone: "UTC", termStart: LocalDate(iso: "2026-08-17")!, termEnd: LocalDate(iso: "2027-06-11")!)
            let configured: [(LoadedPlugin, PluginConfiguration.Resolved)]
            do {
                configured = try PluginConfiguration.resolve(catalog, settings: weightSettings, settingsText: settingsText)
            } catch { throw failWithInputError(error.description) }
            if json {
                let items = configured.map { loaded, resolved in
                    let plugin = loaded.plugin
                    let parameters = plugin.parameters.map { spec in
                        JSONText.object([("name", JSONText.string(spec.name)), ("type", JSONText.string(spec.kind.rawValue)),
                                         ("default", JSONText.value(spec.defaultValue)), ("value", JSONText.value(resolved.values[spec.name])),
                                         ("help", JSONText.string(spec.help))], level: 3)
                    }
                    let weight = plugin.weight(settings: weightSettings, parameters: resolved.values).map(String.init) ?? "null"
                    return JSONText.object([("name", JSONText.string(plugin.name)), ("role", JSONText.string(plugin.role.rawValue)),
                                            ("enabled", resolved.enabled ? "true" : "false"), ("weight", weight),
                                            ("summary", JSONText.string(plugin.summary)), ("source", JSONText.string(sourceKind(loaded.source))),
                                            ("location", JSONText.string(sourceLocation(loaded.source))),
                                            ("parameters", JSONText.array(parameters, level: 2))], level: 2)
                }
                let unpinned = catalog.unpinnedLibraries.map { path in
                    JSONText.object([("path", JSONText.string(path)),
                                     ("sha256", LibraryTrust.sha256(ofFileAt: path).map(JSONText.string) ?? "null")], level: 2)
                }
                print(JSONText.object([("api_version", String(EnlacePluginAPI.version)),
                                       ("plugins", JSONText.array(items, level: 1)),
                                       ("unpinned_libraries", JSONText.array(unpinned, level: 1))], level: 0))
            } else {
                print("Constraint plugins (API \(EnlacePluginAPI.version)), in the order the matcher applies them:")
                for (loaded, resolved) in configured {
                    let plugin = loaded.plugin
                    let weight = plugin.weight(settings: weightSettings, parameters: resolved.values).map { ", weight \($0)" } ?? ""
                    let state = resolved.enabled ? "" : " [off]"
                    print("  \(plugin.name)\(state) — \(plugin.role.rawValue)\(weight); \(loaded.source)")
                    print("      \(plugin.summary)")
                    for spec in plugin.parameters {
                        print("      \(spec.name) (\(spec.kind.rawValue)) = \(resolved.values[spec.name]) — \(spec.help)")
                    }
                }
            }
            if !json { printUnpinned(catalog.unpinnedLibraries, programFolder: folder) }
            for folder in missingFolders() {
                printToStderr("warning: Plugins/\(folder) is not compiled into this enlace; rebuild with `swift build --manifest-cache none` (SwiftPM's manifest cache held the list of plugin folders from before; docs/PLUGINS.md, section 3b).")
            }
        }

        /// The libraries of `plugins/` that do not run, each with the table that would let it run
        /// (the plugin's name is guessed from the file's: its documentation gives the real one).
        private func printUnpinned(_ paths: [String], programFolder: URL) {
            guard !paths.isEmpty else { return }
            print("")
            print("Not loaded: enlace.toml does not pin these libraries (a program folder is data; only pinned code runs).")
            print("To run one, make sure it comes from your district's IT, then add its table to enlace.toml:")
            let prefix = programFolder.standardizedFileURL.path + "/"
            for path in paths {
                let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
                let hash = LibraryTrust.sha256(ofFileAt: path) ?? "(cannot be read)"
                print("")
                print("    [plugins.\(Self.tableName(forLibrary: path))]")
                print("    library = \"\(relative)\"")
                print("    sha256 = \"\(hash)\"")
            }
        }

        /// `libFridayEvenings.so` → `friday_evenings`.
        static func tableName(forLibrary path: String) -> String {
            var name = ""
            for character in PluginCatalog.moduleName(path) {
                if character.isUppercase, !name.isEmpty { name += "_" }
                name += character.lowercased()
            }
            return name
        }

        private func sourceKind(_ source: PluginSource) -> String {
            switch source {
            case .builtIn: "built-in"
            case .folder: "folder"
            case .library: "library"
            }
        }

        private func sourceLocation(_ source: PluginSource) -> String {
            switch source {
            case .builtIn(let folder), .folder(let folder): "Plugins/\(folder)"
            case .library(let path): path
            }
        }

        /// Folders of the source tree's Plugins/ that this executable was built without (a new
        /// folder and a cached manifest), when the source tree is where it was built.
        private func missingFolders() -> [String] {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let plugins = root.appendingPathComponent("Plugins").path
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: plugins) else { return [] }
            let compiled = Set(PluginCatalog.compiledFolders())
            return names.filter { name in
                var isDirectory: ObjCBool = false
                return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: plugins + "/" + name, isDirectory: &isDirectory)
                    && isDirectory.boolValue && !compiled.contains(name)
            }.sorted()
        }
    }
}
