import EnlaceCore
import Foundation
import Testing
@testable import EnlaceCalendar

/// libical's own crash and hang reproducers (shared/corpora beside the clone; skipped when absent).
@Suite("libical regression corpus")
struct CorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpora/libical-regressions").standardizedFileURL

    static var files: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test("Every file is accepted or refused quickly, as open houses and as blackouts",
          .enabled(if: !files.isEmpty, "shared/corpora/libical-regressions is not beside the clone"))
    func corpus() throws {
        let reader = try CalendarReader(programTimeZone: "America/Los_Angeles")
        for url in Self.files {
            let bytes = Array(try Data(contentsOf: url))
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                _ = try? reader.openHouses(ics: bytes, file: url.lastPathComponent, site: "x", term: schoolYear)
                _ = try? reader.blackoutDates(ics: bytes, file: url.lastPathComponent, term: schoolYear)
            }
            // A generous bound: the point is "no hang" (libical alone takes ~10 s on two of them).
            #expect(elapsed < .seconds(3), "\(url.lastPathComponent) took \(elapsed)")
        }
    }

    @Test("The slow reproducers stay fast when wrapped in a valid UTF-8 VCALENDAR",
          .enabled(if: !files.isEmpty, "shared/corpora/libical-regressions is not beside the clone"))
    func wrapped() throws {
        let reader = try CalendarReader(programTimeZone: "America/Los_Angeles")
        for url in Self.files {
            // Keep the hostile structure, drop what the first checks refuse outright.
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
                .unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" }
            let bytes = Array(("BEGIN:VCALENDAR\n" + String(String.UnicodeScalarView(text)) + "\nEND:VCALENDAR\n").utf8)
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                _ = try? reader.blackoutDates(ics: bytes, file: url.lastPathComponent, term: schoolYear)
            }
            #expect(elapsed < .seconds(3), "wrapped \(url.lastPathComponent) took \(elapsed)")
        }
    }
}
