import EnlaceGolden
import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import Testing

@Suite("What families read: meeting language, coordinator, waiting list, reasons")
struct FamilyFeedTests {
    typealias Publication = [(PlannedFeed, [StoredFeedEvent])]

    static func unfolded(_ publication: Publication, _ kind: FeedKind, _ id: String) -> String {
        Fixture.unfolded(Families.text(publication, kind, id))
    }

    @Test("golden feeds of matched, waiting and moved families in Spanish, Arabic and Traditional Chinese",
          arguments: [(1, "P1", "family-matched-es.ics"), (1, "P2", "family-matched-ar.ics"), (1, "P3", "family-matched-zh-Hant.ics"),
                      (1, "P4", "family-waiting-es.ics"), (1, "P5", "family-waiting-ar.ics"), (1, "P6", "family-waiting-zh-Hant.ics"),
                      (2, "P1", "family-moved-es.ics"), (2, "P2", "family-moved-ar.ics"), (2, "P3", "family-mentor-left-zh-Hant.ics"),
                      (2, "P4", "family-placed-es.ics"), (2, "P7", "family-blackout-en.ics")])
    func golden(run: Int, parent: String, file: String) throws {
        let publication = run == 1 ? Families.published.first : Families.published.second
        let text = Families.text(publication, .parent, parent)
        #expect(FeedValidator.problems(in: Array(text.utf8)) == [])
        try Golden.check(text, named: file)
    }

    @Test("every session says in the feed's language which language the meeting is held in")
    func meetingLanguage() {
        let first = Families.published.first
        #expect(Self.unfolded(first, .parent, "P1").contains("DESCRIPTION;LANGUAGE=es:Esta reunión es en español."))
        // The mentor speaks no Arabic: the family's other language, named in Arabic.
        #expect(Self.unfolded(first, .parent, "P2").contains("DESCRIPTION;LANGUAGE=ar:يُعقد هذا اللقاء باللغة الإنجليزية"))
        #expect(Self.unfolded(first, .parent, "P3").contains("DESCRIPTION;LANGUAGE=zh-Hant:本次會面使用中文。"))
        // The mentor's feed names the languages of the group's families, in the mentor's language.
        #expect(Self.unfolded(first, .mentor, "M1").contains("DESCRIPTION;LANGUAGE=es:Esta reunión es en español / inglés."))
        #expect(Self.unfolded(first, .site, "lincoln").contains("This meeting is held in Spanish / English."))
    }

    @Test("every parent event names the coordinator, who is the ORGANIZER of every event")
    func coordinator() {
        for id in ["P1", "P2", "P4", "P6"] {
            let text = Self.unfolded(Families.published.first, .parent, id)
            let events = text.components(separatedBy: "BEGIN:VEVENT").dropFirst()
            #expect(!events.isEmpty)
            for event in events {
                #expect(event.contains("Rosa Díaz, (555) 010-0199, rosa.diaz@springfield.example"), "parent \(id)")
                #expect(event.contains("ORGANIZER;CN=Rosa Díaz:mailto:rosa.diaz@springfield.example"), "parent \(id)")
            }
        }
    }

    @Test("a family without a group gets the waiting-list notice and description; the notice keeps its day, then is cancelled when they get a group")
    func waitingList() throws {
        let (first, second) = Families.published
        let waiting = Self.unfolded(first, .parent, "P4")
        #expect(waiting.contains("DESCRIPTION;LANGUAGE=es:Usted está en la lista de espera: sus reuniones aparecerán"))
        #expect(waiting.contains("UID:waiting-P4-20260801-p@feeds.example.org\r\nDTSTAMP:20260801T120000Z\r\nDTSTART;VALUE=DATE:20260801\r\nDTEND;VALUE=DATE:20260802\r\n"))
        #expect(waiting.contains("SUMMARY;LANGUAGE=es:Lista de espera: programa de padres mentores"))
        #expect(!Self.unfolded(first, .parent, "P1").contains("VALUE=DATE"))
        // Still waiting two months later: the same notice, the same day, the same version.
        let p5Before = Families.feed(first, .parent, "P5").1.first { $0.content.kind == .waitingList }
        let p5After = Families.feed(second, .parent, "P5").1.first { $0.content.kind == .waitingList }
        #expect(p5Before != nil && p5Before == p5After)
        // Placed: the notice is cancelled, saying why, transparent, one version up.
        let notice = try #require(Families.feed(second, .parent, "P4").1.first { $0.content.kind == .waitingList })
        #expect(notice.status == .cancelled && notice.sequence == 1 && notice.uid == "waiting-P4-20260801-p@feeds.example.org")
        #expect(notice.content.summary == "Cancelado: Lista de espera: programa de padres mentores")
        #expect(notice.content.description == "Ya tiene un grupo de padres mentores: vea sus reuniones en este calendario.")
        #expect(notice.content.transparent)
        // Waiting from October on: a new notice, dated that day.
        let p3 = Families.feed(second, .parent, "P3").1.filter { $0.content.kind == .waitingList }
        #expect(p3.map(\.uid) == ["waiting-P3-20261015-p@feeds.example.org"] && p3[0].status == .confirmed)
    }

    @Test("a cancelled event says why, in the feed's language, and is transparent",
          arguments: [("P7", "2026-11-03", CancellationReason.blackout, "There are no meetings on this day"),
                      ("P1", "2026-11-03", .blackout, "No hay reuniones este día"),
                      ("P1", "2026-12-01", .familyMoved, "Ahora usted está en otro grupo"),
                      ("P2", "2026-11-04", .groupMoved, "أصبحت مجموعتكم تلتقي"),
                      ("P3", "2026-11-05", .mentorLeft, "導師已不再參加")])
    func reasons(parent: String, date: String, reason: CancellationReason, words: String) throws {
        let (feed, events) = Families.feed(Families.published.second, .parent, parent)
        let event = try #require(events.first { $0.content.startTime.date == LocalDate(iso: date)! })
        #expect(event.status == .cancelled && event.sequence == 1 && event.content.transparent)
        #expect(feed.editor.reason(for: Families.feed(Families.published.first, .parent, parent).1.first { $0.uid == event.uid }!.content) == reason)
        #expect(event.content.description.contains(feed.strings.text(reason.key)))
        #expect(event.content.description.contains(words), "\(event.content.description)")
        let text = Self.unfolded(Families.published.second, .parent, parent)
        #expect(text.contains("STATUS:CANCELLED\r\nSUMMARY;LANGUAGE=\(feed.strings.language):"))
        #expect(text.contains("TRANSP:TRANSPARENT"))
    }

    @Test("a mentor's feed cancels a blackout day's session and a moved group's sessions with their reasons")
    func mentorReasons() throws {
        let m1 = Families.feed(Families.published.second, .mentor, "M1").1
        let blackout = try #require(m1.first { $0.content.startTime.date == LocalDate(iso: "2026-11-03")! })
        #expect(blackout.status == .cancelled && blackout.content.description.hasPrefix("Esta reunión se canceló. No hay reuniones este día"))
        // 이정호 reads Korean: the reason is in Korean.
        let (feed, events) = Families.feed(Families.published.second, .mentor, "M2")
        let moved = events.filter { $0.uid.hasPrefix("M2-WE1900") && $0.status == .cancelled }
        let because = feed.strings.text("cancelled_reason", ["reason": feed.strings.text("cancelled_group_moved")])
        #expect(feed.strings.language == "ko" && moved.count == 2)
        #expect(moved.allSatisfy { $0.content.description.hasPrefix(because) && $0.content.language == "ko" })
    }

    @Test("held events stay exactly as published when a family moves, and no past session is added")
    func heldEventsStay() {
        let (first, second) = Families.published
        for id in ["P1", "P2", "P3"] {
            let before = Dictionary(uniqueKeysWithValues: Families.feed(first, .parent, id).1.map { ($0.uid, $0) })
            for event in Families.feed(second, .parent, id).1 where event.content.start < Families.october.minutes && !event.content.isAllDay {
                #expect(before[event.uid] == event, "parent \(id) \(event.uid)")
            }
        }
        // P4 joined G1 in October: G1's September and October sessions are not theirs.
        #expect(!Families.feed(second, .parent, "P4").1.contains { $0.content.kind == .session && $0.content.start < Families.october.minutes })
    }

    @Test("UIDs end in @ and the host of feed_base_url")
    func uidHost() {
        for (_, events) in Families.published.first + Families.published.second {
            #expect(events.allSatisfy { $0.uid.hasSuffix("@feeds.example.org") })
        }
    }
}
