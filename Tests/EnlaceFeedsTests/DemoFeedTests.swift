import EnlaceCalendar
import EnlaceFeeds
import Foundation
import Testing

@Suite("Feeds of the sample district", .serialized)
struct DemoFeedTests {
    @Test("the demo publishes a feed for every parent, mentor and site and prints one subscribe link")
    func published() throws {
        let (folder, output) = DemoDistrict.folder
        let listings = try DemoDistrict.listings(folder)
        #expect(listings.count == 250 + 25 + 5)
        let parentCount = listings.filter { $0["kind"] == "parent" }.count
        #expect(parentCount == 250)
        let links = output.stdout.split(separator: "\n").filter { $0.contains("webcal://") || $0.contains("https://") }
        #expect(links.count == 1)
        #expect(output.stderr.contains(".ics") == false, "no feed file name (token) may reach stderr")
        let header = try String(contentsOf: folder.appendingPathComponent("out/feeds.csv"), encoding: .utf8).prefix { $0 != "\n" }
        #expect(header.hasPrefix("kind,id,token,path,url"))
        for row in listings {
            let token = try #require(row["token"])
            #expect(FeedToken.isWellFormed(token))
            #expect(row["path"] == "calendars/feeds/\(token).ics")
            #expect(row["url"] == "https://feeds.example.org/sierra-vista/\(token).ics")
            #expect(row["webcal"] == "webcal://feeds.example.org/sierra-vista/\(token).ics")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(row["path"]!).path))
        }
        #expect(Set(listings.map { $0["token"]! }).count == listings.count)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("calendars/feeds").path)
        #expect(files.count == listings.count)
    }

    @Test("every feed parses in libical with zero X-LIC-ERROR, passes icalrestriction_check, and has its VTIMEZONE")
    func roundTrip() throws {
        let folder = DemoDistrict.folder.url
        var checked = 0
        for row in try DemoDistrict.listings(folder) {
            let bytes = try Array(Data(contentsOf: folder.appendingPathComponent(row["path"]!)))
            let problems = FeedValidator.problems(in: bytes)
            #expect(problems.isEmpty, "\(row["kind"]!) \(row["id"]!): \(problems)")
            checked += 1
        }
        #expect(checked == 280)
    }

    /// The sample district's coordinator (enlace.toml), whom every feed names.
    static let coordinatorEmail = "parent.mentors@sierravista.example.org"

    @Test("no parent feed holds another family's name, or anyone's email or phone")
    func privacy() throws {
        let folder = DemoDistrict.folder.url
        let parents = try DemoDistrict.csv(folder.appendingPathComponent("data/parents.csv"))
        let mentors = try DemoDistrict.csv(folder.appendingPathComponent("data/mentors.csv"))
        let names = parents.map { (id: $0["id"]!, name: $0["name"]!) }
        let phones = Set((parents + mentors).compactMap { $0["phone"] }.map { $0.filter(\.isNumber) }.filter { $0.count >= 7 })
        var checked = 0
        for row in try DemoDistrict.listings(folder) {
            let owner = "\(row["kind"]!) \(row["id"]!)"
            let text = Fixture.unfolded(try String(contentsOf: folder.appendingPathComponent(row["path"]!), encoding: .utf8))
            let lines = text.split(separator: "\r\n").map(String.init)
            // Emails: the only "@" allowed are in UIDs and the organizer's address (the coordinator's
            // from enlace.toml, or no-reply), never a family's or a mentor's.
            for line in lines where line.contains("@") {
                #expect(line.hasPrefix("UID:") || line.contains("mailto:no-reply@") || line.contains(Self.coordinatorEmail), "\(owner): \(line)")
            }
            let emails = (parents + mentors).compactMap { $0["email"] }.filter { !$0.isEmpty }
            for email in emails { #expect(!text.contains(email), "\(owner) holds \(email)") }
            // Phones: no run of 7+ digits (in any format) outside dates, times and offsets.
            let structural = ["DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "UID", "TZOFFSET", "RRULE"]
            let textLines = lines.filter { line in !structural.contains { line.hasPrefix($0) } }
            for line in textLines {
                let digits = String(line.filter { $0.isNumber })
                for phone in phones where digits.contains(phone) { #expect(Bool(false), "\(owner) holds phone \(phone)") }
            }
            guard row["kind"] != "mentor" else {
                // Mentors see first names only: never a parent's full name of two words or more.
                let words = Self.words(textLines)
                for (_, name) in names where name.contains(" ") && Self.mayContain(words, name) { #expect(!text.contains(name), "\(owner) holds \(name)") }
                continue
            }
            let words = Self.words(textLines)
            for (id, name) in names where id != row["id"] || row["kind"] == "site" {
                guard Self.mayContain(words, name) || !name.contains(" ") else { continue }
                #expect(!text.contains(name), "\(owner) names parent \(id)")
            }
            checked += 1
        }
        #expect(checked == 255)
    }

    /// The words of the feed's text lines (split on spaces and punctuation).
    private static func words(_ lines: [String]) -> Set<Substring> {
        Set(lines.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ":" || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "." }) })
    }

    /// Whether every word of `name` occurs in `words` (a quick filter before the exact search).
    private static func mayContain(_ words: Set<Substring>, _ name: String) -> Bool {
        name.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\"" }).allSatisfy { words.contains($0) }
    }

    @Test("each parent's feed is in their first language: Spanish, Vietnamese, Chinese by script, Cantonese, Hmong, Punjabi, Russian…")
    func languages() throws {
        let folder = DemoDistrict.folder.url
        let parents = try DemoDistrict.csv(folder.appendingPathComponent("data/parents.csv"))
        let language = Dictionary(uniqueKeysWithValues: parents.map { ($0["id"]!, String($0["languages"]!.split(separator: ";")[0])) })
        let expected: [String: String] = ["es": "Reuniones de padres mentores", "es-MX": "Reuniones de padres mentores",
                                          "vi": "Các buổi họp phụ huynh cố vấn", "zh": "家长导师会面", "zh-Hans": "家长导师会面",
                                          "yue": "家長導師聚會", "ko": "학부모 멘토 모임", "ar": "لقاءات أولياء الأمور المرشدين",
                                          "tl": "Mga pulong ng parent mentor", "fil": "Mga pulong ng parent mentor",
                                          "hmn": "Kev sib ntsib nrog niam txiv cob qhia", "pa": "ਮਾਪੇ-ਮੈਂਟਰ ਮੀਟਿੰਗਾਂ",
                                          "ru": "Встречи с родителем-наставником", "en": "Parent mentor meetings"]
        var seen = Set<String>()
        for row in try DemoDistrict.listings(folder) where row["kind"] == "parent" {
            let tag = try #require(language[row["id"]!])
            guard let name = expected[tag] else { continue }
            seen.insert(tag)
            let text = Fixture.unfolded(try String(contentsOf: folder.appendingPathComponent(row["path"]!), encoding: .utf8))
            #expect(text.contains("X-WR-CALNAME:\(name)\r\n"), "parent \(row["id"]!) (\(tag))")
        }
        #expect(seen.isSuperset(of: ["es", "vi", "ko", "ar", "hmn", "pa", "ru", "yue"]))
    }
}
