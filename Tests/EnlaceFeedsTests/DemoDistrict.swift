import EnlaceTestSupport
import Foundation

/// The sample district, generated, matched and published once by the real `enlace demo`, for the
/// tests that look at every feed. Tests that change things work on a copy (`copy()`).
enum DemoDistrict {
    /// The folder `enlace demo` wrote (once per test process), with the demo's output.
    static let folder: (url: URL, output: Subprocess.Result) = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-feeds-demo-\(UUID().uuidString)")
        let output = try! run(["demo", url.path])
        precondition(output.status == 0, "enlace demo failed: \(output.stderr)")
        return (url, output)
    }()

    /// A private copy of the published demo folder.
    static func copy() throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-feeds-copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder.url, to: target)
        return target
    }

    /// Runs `enlace ARGUMENTS` and waits for it.
    @discardableResult
    static func run(_ arguments: [String]) throws -> Subprocess.Result {
        try Subprocess.run(Subprocess.packageExecutable("enlace"), arguments)
    }

    /// The rows of a CSV file as dictionaries by header (RFC 4180 quoting).
    static func csv(_ url: URL) throws -> [[String: String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var characters = Array(text).makeIterator()
        while let c = characters.next() {
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { cell.append("\"") } else {
                            quoted = false
                            if next == "," { row.append(cell); cell = "" } else if next == "\n" { row.append(cell); rows.append(row); row = []; cell = "" } else if next != "\r" { cell.append(next) }
                        }
                    } else { quoted = false }
                } else { cell.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(cell); cell = "" } else if c == "\n" || c == "\r\n" {
                row.append(cell); rows.append(row); row = []; cell = ""
            } else if c != "\r" { cell.append(c) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// `out/feeds.csv` of `folder`.
    static func listings(_ folder: URL) throws -> [[String: String]] {
        try csv(folder.appendingPathComponent("out/feeds.csv"))
    }
}
