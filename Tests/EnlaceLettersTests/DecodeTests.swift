import EnlaceCore
import EnlaceLetters
import EnlaceTestSupport
import Foundation
import Testing

/// The QR code of every letter, read back by a real rasteriser (`rsvg-convert`) and a real decoder
/// (`zbarimg`), is the family's own `webcal://` link, byte for byte.
@Suite struct LetterDecodeTests {
    @Test func everyCodeDecodesToItsFamilysLink() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-letters-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for letter in LetterFixture.letters() {
            let page = try LetterPage.joinPage(letter)
            let svg = try #require(page.components(separatedBy: "<svg ").dropFirst().first?.components(separatedBy: "</svg>").first)
            let file = folder.appendingPathComponent("\(letter.parent).svg"), png = folder.appendingPathComponent("\(letter.parent).png")
            try Data(("<svg " + svg + "</svg>").utf8).write(to: file)
            let rendered = try Subprocess.run(tool: "rsvg-convert", ["-w", "400", "-o", png.path, file.path])
            #expect(rendered.status == 0, "rsvg-convert failed: \(rendered.stderr)")
            let decoded = try Subprocess.run(tool: "zbarimg", ["--raw", "-q", png.path])
            #expect(decoded.stdout == "webcal://feeds.example.org/springfield/\(LetterFixture.tokens[letter.parent]!).ics\n")
        }
    }
}
