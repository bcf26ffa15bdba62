import EnlaceGolden
import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import Foundation
import Testing

@Suite("Golden feeds")
struct GoldenFeedTests {
    @Test("each kind of feed is byte-identical to its golden file, with a fixed clock",
          arguments: [("parent", "P1", "parent-es.ics"), ("parent", "P2", "parent-vi.ics"), ("parent", "P3", "parent-zh-Hant-virtual.ics"),
                      ("parent", "P4", "parent-unmatched-hmn.ics"), ("mentor", "M1", "mentor-es.ics"), ("mentor", "M2", "mentor-zh-Hant.ics"),
                      ("site", "lincoln", "site-lincoln.ics")])
    func golden(kind: String, id: String, file: String) throws {
        let published = Fixture.publish()
        let (feed, events) = try #require(published.first { $0.0.owner == FeedOwner(kind: FeedKind(rawValue: kind)!, id: id) })
        let text = Fixture.render(feed, events)
        #expect(FeedValidator.problems(in: Array(text.utf8)) == [])
        try Golden.check(text, named: file)
    }

    @Test("a feed is rendered byte-identically every time")
    func deterministic() {
        let first = Fixture.publish().map { Fixture.render($0.0, $0.1) }
        let second = Fixture.publish().map { Fixture.render($0.0, $0.1) }
        #expect(first == second)
    }

    @Test("calendar properties, the minimal zone and TZID-qualified times are all there")
    func calendarProperties() throws {
        let (feed, events) = try #require(Fixture.publish().first { $0.0.owner.id == "P3" })
        let text = Fixture.render(feed, events)
        for line in ["VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "NAME;LANGUAGE=zh-Hant:家長導師會面", "X-WR-CALNAME:家長導師會面",
                     "REFRESH-INTERVAL;VALUE=DURATION:PT6H", "X-PUBLISHED-TTL:PT6H", "TZID:America/Los_Angeles",
                     "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
                     "DTSTART;TZID=America/Los_Angeles:20261103T183000", "DTSTAMP:20260801T120000Z",
                     "LAST-MODIFIED:20260801T120000Z", "SEQUENCE:0", "STATUS:CONFIRMED",
                     "URL:https://meet.example.org/springfield/M2-TU1830-virtual?host=M2"] {
            #expect(text.contains(line + "\r\n") || text.contains(line + ";"), "missing \(line)")
        }
        let unfolded = Fixture.unfolded(text)
        #expect(unfolded.contains("CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=加入會議:https://meet.example.org/springfield/M2-TU1830-virtual?host=M2"))
        #expect(unfolded.contains("ORGANIZER;CN=Springfield USD Parent Mentors 2026-27:mailto:no-reply@feeds.example.org"))
        #expect(unfolded.contains("與家長導師美玲會面"))
        #expect(!text.contains("freeassociation"))
        #expect(text.components(separatedBy: "BEGIN:STANDARD").count == 2 && text.components(separatedBy: "BEGIN:DAYLIGHT").count == 2)
    }

    @Test("a zone without daylight saving time gets one STANDARD block")
    func zoneWithoutDST() throws {
        var settings = Fixture.settings
        settings.timezone = "Asia/Tokyo"
        var program = Fixture.program
        program.settings = settings
        let (feed, events) = try #require(Fixture.publish(program: program).first { $0.0.owner.id == "P1" })
        let bytes = try FeedWriter(timezone: "Asia/Tokyo").render(feed.calendar(events: events, settings: settings))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(FeedValidator.problems(in: bytes) == [])
        #expect(text.contains("TZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nTZNAME:JST\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nDTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE"))
    }
}
