import EnlaceCore

/// One event of one feed as the store remembers it: what was last published.
public typealias StoredFeedEvent = PublishedEvent

extension PublishedEvent {
    /// The event's UID.
    public var uid: String { content.uid }
}

/// The moment a publication happens, given by the caller (the core reads no clock).
public struct FeedClock: Sendable, Equatable {
    /// Seconds since 1970 UTC: LAST-MODIFIED (and DTSTAMP) of every event that changes now.
    public var now: Int64
    /// The same moment as the program's local wall time: meetings that started before it are history.
    public var local: LocalDateTime

    public init(now: Int64, local: LocalDateTime) {
        self.now = now
        self.local = local
    }
}

/// Turns what a feed should hold now into what it publishes, given what it published before.
///
/// Rules (ICALENDAR.md, "Identity and updates"):
/// - a new event is published with SEQUENCE 0 and LAST-MODIFIED now;
/// - an event whose content changed, or that comes back after a cancellation, gets SEQUENCE + 1
///   and LAST-MODIFIED now; an unchanged event keeps both, so an unchanged feed is byte-identical;
/// - an event that is no longer planned stays, as STATUS:CANCELLED with SEQUENCE + 1, for the rest
///   of the term (an event that simply vanishes can linger in Google Calendar forever);
/// - an event that already started is history (spec section 9): it is kept as it was published,
///   whatever a re-run says (a parent who changes group in January still met the old group in
///   October), never cancelled, and never added when it was not published before it started;
/// - events dated outside the term are dropped (the term is over, or it was changed).
public enum FeedHistory {
    /// The new state of one feed's events, sorted by start then UID.
    ///
    /// - Complexity: O((n + h) log(n + h)) for n planned and h stored events.
    public static func merge(_ planned: [EventContent], history: [StoredFeedEvent], clock: FeedClock,
                             term: ClosedRange<LocalDate>) -> [StoredFeedEvent] {
        var previous = Dictionary(history.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [StoredFeedEvent] = []
        result.reserveCapacity(planned.count + history.count)
        for content in planned {
            let old = previous.removeValue(forKey: content.uid)
            if let old, old.content.start < clock.local.minutes {
                result.append(old)
            } else if content.start < clock.local.minutes {
                continue  // held, and never published: the past is not added to a feed
            } else if let old {
                let same = old.status == .confirmed && old.content == content
                result.append(same ? old : StoredFeedEvent(content: content, sequence: old.sequence + 1,
                                                           lastModified: clock.now, status: .confirmed))
            } else {
                result.append(StoredFeedEvent(content: content, sequence: 0, lastModified: clock.now, status: .confirmed))
            }
        }
        for old in previous.values {
            if old.status == .confirmed && old.content.start >= clock.local.minutes {
                result.append(StoredFeedEvent(content: old.content, sequence: old.sequence + 1,
                                              lastModified: clock.now, status: .cancelled))
            } else {
                result.append(old)
            }
        }
        return result
            .filter { term.contains($0.content.startTime.date) }
            .sorted { ($0.content.start, $0.uid) < ($1.content.start, $1.uid) }
    }
}

extension PlannedFeed {
    /// The calendar to write: this feed's name and language, `events` (from `FeedHistory.merge`),
    /// and the program's zone and organizer. Cancelled events get a translated "Cancelled:" title,
    /// for the clients that show them struck through or not at all but still display the title.
    public func calendar(events: [StoredFeedEvent], settings: ProgramSettings) -> FeedCalendar {
        calendar(events: events, settings: settings, organizerEmail: Self.organizerEmail(settings))
    }

    /// `calendar(events:settings:)` with the organizer address computed once for many feeds
    /// (`organizerEmail(_:)`); one shared string also makes equal events quick to compare.
    public func calendar(events: [StoredFeedEvent], settings: ProgramSettings, organizerEmail: String) -> FeedCalendar {
        let published = events.map { event in
            var content = event.content
            if event.status == .cancelled {
                content.summary = strings.text("cancelled_title", ["title": content.summary])
            }
            return PublishedEvent(content: content, sequence: event.sequence, lastModified: event.lastModified,
                                  status: event.status)
        }
        return FeedCalendar(owner: owner, language: strings.language, name: name, description: settings.name,
                            timezone: settings.timezone, organizerName: settings.name,
                            organizerEmail: organizerEmail, events: published)
    }

    /// The no-reply address every event of a program's feeds names as its organizer.
    public static func organizerEmail(_ settings: ProgramSettings) -> String {
        "no-reply@" + host(of: settings.feedBaseURL)
    }

    /// The host of a URL (`feeds.example.org` for `https://feeds.example.org/x/`), for the
    /// no-reply organizer address; `enlace.invalid` when there is none.
    static func host(of url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return "enlace.invalid" }
        var rest = url[scheme.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        let host = rest.lowercased()
        let valid = !host.isEmpty && host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
        return valid ? host : "enlace.invalid"
    }
}
