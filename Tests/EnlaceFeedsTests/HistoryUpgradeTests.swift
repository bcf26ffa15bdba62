import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import Testing

@Suite("History: LANGUAGE and ORGANIZER are part of an event; history stored before them")
struct HistoryUpgradeTests {
    typealias History = [FeedOwner: [StoredFeedEvent]]

    static let october = FeedClock(now: Fixture.clock.now + 70 * 86_400, local: Fixture.at("2026-10-10", 5, 0))

    static func history(_ published: [(PlannedFeed, [StoredFeedEvent])]) -> History {
        RerunTests.history(published)
    }

    static func program(p3Languages: [String], coordinator: Bool = false) -> Program {
        var program = Fixture.program
        program.parents[2] = Fixture.parent("P3", "Wei \"David\" Chen", p3Languages, site: "office")
        if coordinator { program.settings = Families.settings }
        return program
    }

    @Test("a family's new language re-tags future events with a higher SEQUENCE; held events keep theirs")
    func languageChange() throws {
        let first = Fixture.publish()
        let second = Fixture.publish(program: Self.program(p3Languages: ["zh-CN"]), history: Self.history(first), clock: Self.october)
        let before = RerunTests.events(first, .parent, "P3"), after = RerunTests.events(second, .parent, "P3")
        let held = try #require(after.first { $0.content.startTime.date == LocalDate(iso: "2026-10-06")! })
        #expect(held == before.first { $0.uid == held.uid } && held.content.language == "zh-Hant")
        let future = try #require(after.first { $0.content.startTime.date == LocalDate(iso: "2026-11-03")! })
        #expect(future.content.language == "zh-Hans" && future.sequence == 1 && future.lastModified == Self.october.now)
        let (feed, events) = try #require(second.first { $0.0.owner.id == "P3" })
        let text = Fixture.unfolded(Fixture.render(feed, events))
        #expect(text.contains("DTSTART;TZID=America/Los_Angeles:20261006T183000\r\nDTEND;TZID=America/Los_Angeles:20261006T193000\r\nSEQUENCE:0\r\nLAST-MODIFIED:20260801T120000Z\r\nSTATUS:CONFIRMED\r\nSUMMARY;LANGUAGE=zh-Hant:與家長導師"))
        #expect(text.contains("DTSTART;TZID=America/Los_Angeles:20261103T183000\r\nDTEND;TZID=America/Los_Angeles:20261103T193000\r\nSEQUENCE:1\r\nLAST-MODIFIED:20261010T120000Z\r\nSTATUS:CONFIRMED\r\nSUMMARY;LANGUAGE=zh-Hans:与家长导师"))
    }

    @Test("a change of LANGUAGE alone, with the same texts, raises SEQUENCE")
    func languageOnly() throws {
        let catalog = Fixture.catalog.overlaid(with: ["es-MX": ["_locale": "es-MX"]])
        var program = Fixture.program
        program.parents[0] = Fixture.parent("P1", "García López, Ana María", ["es"], site: "lincoln")
        let first = Fixture.publish(program: program, catalog: catalog)
        program.parents[0] = Fixture.parent("P1", "García López, Ana María", ["es-MX"], site: "lincoln")
        let second = Fixture.publish(program: program, history: Self.history(first), clock: Fixture.laterClock, catalog: catalog)
        let before = RerunTests.events(first, .parent, "P1"), after = RerunTests.events(second, .parent, "P1")
        #expect(zip(before, after).allSatisfy { old, new in
            old.content.summary == new.content.summary && old.content.description == new.content.description
                && old.content.language == "es" && new.content.language == "es-MX" && new.sequence == old.sequence + 1
        })
    }

    @Test("a coordinator set mid-term becomes the ORGANIZER of every event from now on, with a higher SEQUENCE; held events keep theirs")
    func organizerChange() throws {
        let first = Fixture.publish()
        let second = Fixture.publish(groups: RerunTests.rerunGroups, history: Self.history(first), clock: Fixture.laterClock)
        let third = Fixture.publish(groups: RerunTests.rerunGroups, program: Self.program(p3Languages: ["zh-TW"], coordinator: true),
                                    history: Self.history(second), clock: Self.october)
        let events = RerunTests.events(third, .parent, "P3"), before = RerunTests.events(second, .parent, "P3")
        let held = try #require(events.first { $0.content.startTime.date == LocalDate(iso: "2026-10-06")! })
        #expect(held == before.first { $0.uid == held.uid } && held.content.organizer?.email == "no-reply@feeds.example.org")
        let cancelled = try #require(events.first { $0.status == .cancelled })
        #expect(cancelled.content.organizer?.email == "rosa.diaz@springfield.example" && cancelled.sequence == 2)
    }

    /// The history the previous version stored: UIDs at `@enlace`, no kind, LANGUAGE or ORGANIZER
    /// of their own, cancelled events without their "Cancelled:" title and reason.
    static func legacy(_ history: History) -> History {
        history.mapValues { events in
            events.filter { $0.content.kind != .waitingList }.map { event in
                var content = event.content
                content.uid = content.uid.replacingOccurrences(of: "@feeds.example.org", with: "@enlace")
                content.language = nil
                content.organizer = nil
                content.group = nil
                content.mentor = nil
                content.kind = EventKind.legacy(uid: content.uid)
                return StoredFeedEvent(content: content, sequence: event.sequence, lastModified: event.lastModified, status: event.status)
            }
        }
    }

    @Test("history stored before: events keep their @enlace UIDs (nothing churns), held ones their bytes; future ones get the new texts")
    func legacyHistory() throws {
        let legacy = Self.legacy(Self.history(Fixture.publish()))
        let merged = Fixture.publish(history: legacy, clock: Self.october)
        for (feed, all) in merged {
            let old = legacy[feed.owner] ?? []
            // A waiting-list notice is new: the previous version had none.
            let events = all.filter { $0.content.kind != .waitingList }
            #expect(all.count - events.count == (feed.owner.id == "P4" ? 1 : 0))
            #expect(Set(events.map(\.uid)) == Set(old.map(\.uid)), "\(feed.owner)")
            #expect(events.allSatisfy { $0.status == .confirmed && $0.uid.hasSuffix("@enlace") })
            // What the previous version rendered (the calendar's language and no-reply organizer) is
            // what is rendered now for held events; future events changed, one version up.
            let before = Fixture.writer.render(feed.calendar(events: old, settings: Fixture.settings))
            let after = Fixture.writer.render(feed.calendar(events: events, settings: Fixture.settings))
            for event in events {
                let previous = try #require(old.first { $0.uid == event.uid })
                if event.content.start < Self.october.local.minutes {
                    #expect(Self.eventText(event.uid, in: after) == Self.eventText(event.uid, in: before), "\(feed.owner) \(event.uid)")
                    #expect(event.sequence == previous.sequence && event.content.language == feed.strings.language)
                } else {
                    #expect(event.sequence == previous.sequence + 1 && event.lastModified == Self.october.now)
                }
            }
        }
    }

    @Test("a cancellation stored before reasons existed is kept as shown when held, and given its reason when still to come")
    func legacyCancellation() throws {
        let second = Fixture.publish(groups: RerunTests.rerunGroups, history: Self.history(Fixture.publish()), clock: Fixture.laterClock)
        var legacy = Self.legacy(Self.history(second))
        let owner = FeedOwner(kind: .parent, id: "P3")
        legacy[owner] = legacy[owner]!.map { event in
            guard event.status == .cancelled else { return event }
            var content = event.content
            // The previous version stored the session's own texts and added "Cancelled:" when rendering.
            content.summary = RerunTests.events(Fixture.publish(), .parent, "P3").first { $0.uid.hasPrefix("M2-TU1830-virtual-202611") }!.content.summary
            content.description = "Old description"
            content.transparent = false
            return StoredFeedEvent(content: content, sequence: event.sequence, lastModified: event.lastModified, status: .cancelled)
        }
        let gone = "M2-TU1830-virtual-202611-1-p@enlace"
        let stillToCome = try #require(RerunTests.events(Fixture.publish(groups: RerunTests.rerunGroups, history: legacy, clock: Self.october), .parent, "P3")
            .first { $0.uid == gone })
        #expect(stillToCome.status == .cancelled && stillToCome.sequence == 2 && stillToCome.content.transparent)
        #expect(stillToCome.content.summary == "已取消：與家長導師美玲會面")
        // P3 is still in the group, whose November session is no longer planned.
        #expect(stillToCome.content.description == "這次會面已不再安排。\n\nOld description")
        let december = FeedClock(now: Self.october.now + 60 * 86_400, local: Fixture.at("2026-12-09", 5, 0))
        let held = try #require(RerunTests.events(Fixture.publish(groups: RerunTests.rerunGroups, history: legacy, clock: december), .parent, "P3")
            .first { $0.uid == gone })
        #expect(held.status == .cancelled && held.sequence == 1 && !held.content.transparent)
        #expect(held.content.summary == "已取消：與家長導師美玲會面" && held.content.description == "Old description")
    }

    /// The text of the event with `uid` in a rendered feed.
    static func eventText(_ uid: String, in bytes: [UInt8]) -> String? {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:" + uid + "\r\n") }
    }
}
