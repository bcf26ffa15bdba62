import EnlaceBuiltinPlugins
import Foundation
import EnlaceCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif


/// A plugin found by the catalog.
public struct LoadedPlugin: @unchecked Sendable {
    public let plugin: any ConstraintPlugin
    public let source: PluginSource

    public init(plugin: any ConstraintPlugin, source: PluginSource) {
        self.plugin = plugin
        self.source = source
    }

    public var name: String { plugin.name }
}

/// Every plugin `enlace` knows for a program: the ones compiled in (`Plugins/` folders) and the
/// shared libraries of the program's `plugins/` folder or named by `[plugins.NAME] library`, in a
/// fixed order: the rules of spec section 4 in the spec's order, then the others by name.
public struct PluginCatalog: @unchecked Sendable {
    public let plugins: [LoadedPlugin]
    /// Libraries in the program's `plugins/` folder that `enlace.toml` does not pin: not loaded
    /// (`LibraryTrust`); `enlace plugins` shows the table that would pin each.
    public private(set) var unpinnedLibraries: [String] = []

    /// The names of spec section 4's rules, in the order the matcher applies and explains them
    /// (`RuleSet.specRuleNames`).
    public static var specRules: [String] { RuleSet.specRuleNames }

    /// Keys every `[plugins.NAME]` table may hold besides the plugin's own parameters.
    public static let reservedKeys = ["enabled", "library", "sha256"]

    public init(plugins: [LoadedPlugin]) throws(PluginLoadError) {
        var seen: [String: PluginSource] = [:]
        for loaded in plugins {
            guard PluginCatalog.isValidName(loaded.name) else { throw .badName(loaded.name, loaded.source) }
            if let first = seen[loaded.name] { throw .duplicate(loaded.name, first, loaded.source) }
            seen[loaded.name] = loaded.source
            for parameter in loaded.plugin.parameters where PluginCatalog.reservedKeys.contains(parameter.name) || !parameter.accepts(parameter.defaultValue) {
                throw .badParameter(loaded.name, parameter.name, loaded.source)
            }
        }
        let rank = Dictionary(uniqueKeysWithValues: PluginCatalog.specRules.enumerated().map { ($1, $0) })
        self.plugins = plugins.sorted { a, b in
            (rank[a.name] ?? rank.count, a.name) < (rank[b.name] ?? rank.count, b.name)
        }
    }

    /// The plugins compiled into this executable, then the libraries `settings` pins with
    /// `library = "…"` and `sha256 = "…"` (`LibraryTrust`). Libraries in `programFolder`'s
    /// `plugins/` folder that no table pins are not loaded: they are `unpinnedLibraries`.
    public static func load(programFolder: String?, settings: ProgramSettings?) throws(PluginLoadError) -> PluginCatalog {
        var plugins = compiledIn()
        var pinned: Set<String> = []
        for (name, table) in (settings?.plugins ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let value = table["library"] else { continue }
            guard case .string(let path) = value else { throw .libraryNotString(name) }
            let resolved = URL(fileURLWithPath: path.hasPrefix("/") || programFolder == nil ? path : programFolder! + "/" + path).standardized.path
            guard let hash = table["sha256"] else {
                throw .unpinned(name, resolved, found: LibraryTrust.sha256(ofFileAt: resolved))
            }
            guard case .string(let expected) = hash, LibraryTrust.isWellFormedHash(expected) else { throw .badHash(name) }
            guard pinned.insert(resolved).inserted else { continue }
            plugins.append(try loadLibrary(resolved, plugin: name, sha256: expected))
        }
        var catalog = try PluginCatalog(plugins: plugins)
        if let programFolder {
            let directory = URL(fileURLWithPath: programFolder + "/plugins").standardized.path
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            catalog.unpinnedLibraries = names.filter { $0.hasSuffix(".so") || $0.hasSuffix(".dylib") }.sorted()
                .map { directory + "/" + $0 }.filter { !pinned.contains($0) }
        }
        return catalog
    }

    /// The plugin modules linked into this executable (every folder of `Plugins/` at build time).
    public static func compiledIn() -> [LoadedPlugin] {
        (0..<Int(enlace_builtin_plugin_count())).map { i in
            let entry = enlace_builtin_plugin(Int32(i))
            let folder = String(cString: entry.folder)
            let box = Unmanaged<PluginBox>.fromOpaque(entry.entry()!).takeRetainedValue()
            let source: PluginSource = specRules.contains(box.plugin.name) ? .builtIn(folder: folder) : .folder(folder)
            return LoadedPlugin(plugin: box.plugin, source: source)
        }
    }

    /// Folder names compiled in, for the check that `Plugins/` has no folder the build missed.
    public static func compiledFolders() -> [String] {
        (0..<Int(enlace_builtin_plugin_count())).map { String(cString: enlace_builtin_plugin(Int32($0)).folder) }
    }

    /// Loads `lib<Module>.so` once `LibraryTrust` has verified the file against its pin: checks
    /// its API/compiler string through `enlace_plugin_<Module>_abi` before calling
    /// `enlace_plugin_<Module>`, so a plugin built for another API or toolchain is refused before
    /// any of its Swift code runs.
    static func loadLibrary(_ path: String, plugin name: String, sha256: String) throws(PluginLoadError) -> LoadedPlugin {
        let verified = try LibraryTrust.open(path, plugin: name, expected: sha256)
        guard let handle = dlopen(verified.path, RTLD_NOW | RTLD_LOCAL) else {
            verified.close()
            throw .cannotOpen(path, dlerror().map { String(cString: $0) } ?? "unknown error")
        }
        // The descriptor stays open, as the library stays loaded, for the life of the process:
        // dlopen returns an object already loaded under the same name, so a second library opened
        // at a reused descriptor number (the same /proc/self/fd/N) would be taken for this one.
        let module = moduleName(path)
        let symbol = "enlace_plugin_\(module)"
        guard let abiSymbol = dlsym(handle, symbol + "_abi") else { throw .missingEntry(path, symbol + "_abi") }
        typealias ABIFunction = @convention(c) () -> UnsafePointer<CChar>
        let abi = String(cString: unsafeBitCast(abiSymbol, to: ABIFunction.self)())
        let expected = String(describing: EnlacePluginAPI.abi)
        guard abi == expected else { throw .abiMismatch(path, found: abi, expected: expected) }
        guard let entrySymbol = dlsym(handle, symbol) else { throw .missingEntry(path, symbol) }
        typealias EntryFunction = @convention(c) () -> UnsafeMutableRawPointer
        let object = Unmanaged<AnyObject>.fromOpaque(unsafeBitCast(entrySymbol, to: EntryFunction.self)()).takeRetainedValue()
        guard let box = object as? PluginBox else { throw .notAPlugin(path) }
        return LoadedPlugin(plugin: box.plugin, source: .library(path: path))
    }

    /// `libFridayEvenings.so` → `FridayEvenings`: the module whose entry points a library exports.
    public static func moduleName(_ path: String) -> String {
        var name = String(path.split(separator: "/").last ?? "")
        if name.hasPrefix("lib") { name.removeFirst(3) }
        for suffix in [".so", ".dylib"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        return name
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }

    public func plugin(named name: String) -> LoadedPlugin? { plugins.first { $0.name == name } }
}

/// Why a plugin could not be loaded or configured; each message names the plugin or file and a fix.
public enum PluginLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingLibrary(String)
    case cannotOpen(String, String)
    case missingEntry(String, String)
    case abiMismatch(String, found: String, expected: String)
    case notAPlugin(String)
    case duplicate(String, PluginSource, PluginSource)
    case badName(String, PluginSource)
    case badParameter(String, String, PluginSource)
    case libraryNotString(String)
    /// A library named without its SHA-256 (the hash the file has now, if it could be read).
    case unpinned(String, String, found: String?)
    case badHash(String)
    case hashMismatch(String, String, expected: String, found: String)
    case unsafeLibrary(String, String)

    public var description: String {
        switch self {
        case .missingLibrary(let path):
            "plugin library \(path) does not exist. Fix: build the plugin (swift build -c release) and copy its lib<Name>.so there, or correct the path."
        case .cannotOpen(let path, let reason):
            "cannot load plugin library \(path): \(reason). Fix: build it against this Enlace's PluginAPI package and keep libEnlaceAPI.so next to the enlace executable."
        case .missingEntry(let path, let symbol):
            "plugin library \(path) has no entry point \(symbol). Fix: name the file lib<Module>.so after its module and export `@_cdecl(\"\(symbol)\")` (see docs/PLUGINS.md)."
        case .abiMismatch(let path, let found, let expected):
            "plugin library \(path) was built for \(found), but this enlace uses \(expected). Fix: rebuild the plugin against this Enlace's PluginAPI package with the same Swift toolchain."
        case .notAPlugin(let path):
            "plugin library \(path) returned something that is not an Enlace plugin. Fix: return EnlacePluginAPI.export(YourPlugin()) from its entry point."
        case .duplicate(let name, let first, let second):
            "two plugins are named \"\(name)\": \(first) and \(second). Fix: rename one (its `name`) or remove one of them."
        case .badName(let name, let source):
            "plugin \(source) is named \"\(name)\". Fix: use lowercase letters, digits and underscores only (it is a TOML table name)."
        case .badParameter(let name, let parameter, let source):
            "plugin \"\(name)\" (\(source)) declares parameter \"\(parameter)\" with a reserved name or a default of the wrong type. Fix: rename the parameter or correct its default."
        case .libraryNotString(let name):
            "[plugins.\(name)] library must be a string (a path to a .so file)."
        case .unpinned(let name, let path, let found):
            "[plugins.\(name)] names the library \(path) without its SHA-256: Enlace runs a plugin library only when enlace.toml pins the exact file. "
                + "Fix: make sure the file comes from your district's IT, then add sha256 = \"\(found ?? "…")\" under [plugins.\(name)] (`enlace plugins` prints it)."
        case .badHash(let name):
            "[plugins.\(name)] sha256 must be a string of 64 hexadecimal digits. Fix: copy the hash `enlace plugins` or `sha256sum` prints for the library."
        case .hashMismatch(let name, let path, let expected, let found):
            "plugin library \(path) is not the file enlace.toml pins for [plugins.\(name)]: its SHA-256 is \(found), not \(expected); nothing of it was run. "
                + "Fix: if your district's IT replaced it, pin the new file (sha256 = \"\(found)\"); otherwise restore the pinned file."
        case .unsafeLibrary(let path, let reason):
            "plugin library \(path) is not loaded: \(reason). Fix: let only its owner write it (chmod go-w), owned by you or root, then run the command again."
        }
    }
}
