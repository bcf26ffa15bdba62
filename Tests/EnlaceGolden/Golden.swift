import Foundation
import Testing

/// Golden files: what a test writes, compared byte for byte with `Golden/NAME` beside the test
/// file that checks it (its target's folder); `ENLACE_RECORD=1` rewrites them instead.
public enum Golden {
    /// Checks `text` against the golden file `name` of the target whose test file is `filePath`.
    public static func check(_ text: String, named name: String, filePath: String = #filePath,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ENLACE_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let expected = FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
        #expect(expected == text, "\(name) differs from the golden file; re-record with ENLACE_RECORD=1 if the change is intended",
                sourceLocation: sourceLocation)
    }
}
