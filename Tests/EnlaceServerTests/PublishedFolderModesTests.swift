import EnlaceIO
import Foundation
import Testing

@Suite("published folders: unlistable by other users, files readable by name")
struct PublishedFolderModesTests {
    private func mode(_ path: String, follow: Bool = true) -> mode_t {
        var info = stat()
        _ = follow ? stat(path, &info) : lstat(path, &info)
        return info.st_mode & 0o7777
    }

    @Test("folder 0711 and files 0644 whatever the umask; links and subfolders left alone")
    func standard() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-modes-\(UUID().uuidString)")
        let folder = base.appendingPathComponent("feeds")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        chmod(base.path, 0o755)
        chmod(folder.path, 0o755)
        let (a, b) = (folder.appendingPathComponent("a.ics").path, folder.appendingPathComponent("b.ics").path)
        _ = FileManager.default.createFile(atPath: a, contents: Data("A".utf8), attributes: [.posixPermissions: 0o600])
        _ = FileManager.default.createFile(atPath: b, contents: Data("B".utf8), attributes: [.posixPermissions: 0o666])
        let outside = base.appendingPathComponent("outside.txt").path
        _ = FileManager.default.createFile(atPath: outside, contents: Data("O".utf8), attributes: [.posixPermissions: 0o600])
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.ics").path, withDestinationPath: outside)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o750])

        try PublishedFolderModes.standard.apply(to: folder)
        #expect(mode(folder.path) == 0o711)
        #expect(mode(a) == 0o644 && mode(b) == 0o644)
        #expect(mode(outside) == 0o600, "a link is never followed")
        #expect(mode(folder.appendingPathComponent("sub").path) == 0o750)

        // As another local user (needs root to switch): no listing, but a file by name is readable.
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else { return }
        #expect(try Self.runAsNobody(["ls", folder.path]) != 0)
        #expect(try Self.runAsNobody(["cat", a]) == 0)
    }

    @Test("modes from settings text", arguments: [
        ("0711", "0644", true), ("711", "644", true), ("0710", "0640", true), ("0755", "0644", true),
        ("0611", "0644", false), ("0711", "0444", false), ("0800", "0644", false), ("07111", "0644", false), ("", "0644", false), ("rwx", "0644", false),
    ])
    func parse(folder: String, file: String, valid: Bool) {
        #expect((PublishedFolderModes(folder: folder, file: file) != nil) == valid)
    }

    @Test("a folder that cannot be read is an error naming it, not a silent success")
    func missing() {
        let folder = "/nonexistent-\(UUID().uuidString)"
        let error = #expect(throws: (any Error).self) {
            try PublishedFolderModes.standard.apply(to: URL(fileURLWithPath: folder))
        }
        let posix = error.map { $0 as NSError }
        #expect(posix?.domain == NSPOSIXErrorDomain && posix?.code == Int(ENOENT))
        #expect(posix?.userInfo[NSFilePathErrorKey] as? String == folder, "the path, for the coordinator's message")
    }

    static func runAsNobody(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        process.arguments = ["-u", "nobody", "--"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
