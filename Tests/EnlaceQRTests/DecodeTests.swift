import EnlaceQR
import EnlaceTestSupport
import Foundation
import Testing

/// Each code goes through a real rasteriser (`rsvg-convert`) and a real decoder (`zbarimg`), and
/// must come back byte for byte. Missing tools fail the test: a decoder that never runs checks
/// nothing.
@Suite struct DecodeTests {
    static let texts: [String] = [
        "webcal://feeds.example.org/sierra-vista/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.ics",
        "webcal://feeds.example.org/juarez-es/QZ7X2M4KPL5RT6WY3N2VB7HC4DJ5FG6A.ics",
        "https://feeds.example.org/sierra-vista/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.ics",
        "https://enlace.example.org/join/abc?lang=es&site=r%C3%ADo-vista#top",
        String(repeating: "Parent mentors meet weekly. ", count: 10) + "Bring a friend soon.",
        "Reunión de padres: café y conversación — مرحبا بكم — 欢迎 — Xin chào — 안녕하세요 👋",
    ]

    @Test func theThreeHundredByteTextIsThreeHundredBytes() {
        #expect(Self.texts[4].utf8.count == 300)
    }

    @Test(arguments: texts)
    func decodesToTheSameBytes(text: String) throws {
        let rasteriser = try #require(Tool.find("rsvg-convert"), Tool.missing("rsvg-convert", package: "librsvg2-bin"))
        let decoder = try #require(Tool.find("zbarimg"), Tool.missing("zbarimg", package: "zbar-tools"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("code.svg")
        let png = folder.appendingPathComponent("code.png")
        try Data(try QRCode(text: text).svg(title: "QR code").utf8).write(to: svg)

        let rendered = try Subprocess.run(rasteriser, ["-w", "600", "-b", "white", "-o", png.path, svg.path])
        #expect(rendered.status == 0, "rsvg-convert failed: \(rendered.stderr)")
        let decoded = try Subprocess.run(decoder, ["--raw", "-q", png.path])
        #expect(decoded.status == 0, "zbarimg found no code (status \(decoded.status))")
        // zbarimg ends each code's text with a newline.
        #expect(decoded.output == Data((text + "\n").utf8), "decoded \(decoded.stdout)")
    }
}

/// Finding the command-line tools the decode test needs.
enum Tool {
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func missing(_ name: String, package: String) -> Comment {
        "\(name) is not installed (Debian package \(package)); run scripts/install-system-packages"
    }
}
