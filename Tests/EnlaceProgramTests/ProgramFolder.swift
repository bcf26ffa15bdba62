import Foundation
import Testing

/// A throw-away copy of a fixture program folder that a test can edit.
struct ProgramFolder {
    let url: URL

    /// Copies `Fixtures/NAME` to a fresh temporary folder.
    init(fixture name: String = "minimal") throws {
        let source = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
        url = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: url)
    }

    /// Replaces a file's text.
    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(path))
    }

    /// Replaces a file's bytes.
    func write(_ path: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: url.appendingPathComponent(path))
    }

    /// A file's text.
    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` in a file.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        var text = try read(path)
        let range = try #require(text.range(of: old), "fixture \(path) does not contain \(old)")
        text.replaceSubrange(range, with: new)
        try write(path, text)
    }
}
