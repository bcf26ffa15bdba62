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
/// Rules (ICALENDAR.md, "Identity and updates"; spec sections 7 and 9):
/// - an event is known by its UID up to the `@`: one published before keeps its UID, whatever the
///   host after the `@` is now (so moving to UIDs at the host of `feed_base_url`, or a new host,
///   changes no published event);
/// - a new event is published with SEQUENCE 0 and LAST-MODIFIED now;
/// - an event whose content changed (a time, a text, its LANGUAGE, ORGANIZER or TRANSP), or that
///   comes back after a cancellation, gets SEQUENCE + 1 and LAST-MODIFIED now; an unchanged event
///   keeps both, so an unchanged feed is byte-identical;
/// - an event that is no longer planned stays, cancelled by `FeedEditor` (its reason, TRANSP:
///   TRANSPARENT) with SEQUENCE + 1, for the rest of the term (an event that simply vanishes can
///   linger in Google Calendar forever); a cancelled event from now on follows a new organizer;
/// - an event that already started is history (spec section 9): it is kept as it was published,
///   whatever a re-run says (a parent who changes group in January still met the old group in
///   October), never cancelled, and never added when it was not published before it started;
/// - the waiting-list notice is not a meeting: a family has one active notice at most, which keeps
///   the date it was first published on (its texts may change), and is cancelled when the family
///   gets a group, whenever that is; notices stay whatever the term;
/// - a held event may gain a recording (spec section 11): its recording line is appended to the
///   DESCRIPTION it was published with, with SEQUENCE + 1 (every line it had stays; a corrected
///   link is added below the first);
/// - other events dated outside the term are dropped (the term is over, or it was changed).
public enum FeedHistory {
    /// The new state of `feed`'s events, sorted by start then UID.
    ///
    /// - Complexity: O((n + h) log(n + h)) for n planned and h stored events.
    public static func merge(_ feed: PlannedFeed, history: [StoredFeedEvent], clock: FeedClock,
                             term: ClosedRange<LocalDate>) -> [StoredFeedEvent] {
        let now = clock.local.minutes, editor = feed.editor
        var previous = Dictionary(history.map { (stem(of: $0.uid), $0) }, uniquingKeysWith: { a, _ in a })
        var result: [StoredFeedEvent] = []
        result.reserveCapacity(feed.events.count + history.count)
        for planned in feed.events {
            var content = planned
            var old = previous.removeValue(forKey: stem(of: content.uid))
            if old == nil, content.kind == .waitingList,
               let active = previous.filter({ $0.value.isActiveNotice }).keys.min() {
                old = previous.removeValue(forKey: active)
            }
            if let old {
                content.uid = old.uid
                if old.isActiveNotice { (content.start, content.end) = (old.content.start, old.content.end) }
            }
            let held = content.kind != .waitingList && content.start < now
            if let old, held || (old.content.kind != .waitingList && old.content.start < now) {
                result.append(gaining(feed.recordings[String(stem(of: content.uid))], editor.upgraded(old), clock: clock))
            } else if held {
                continue  // held, and never published: the past is not added to a feed
            } else if let old {
                result.append(revised(old, to: content, clock: clock))
            } else {
                result.append(StoredFeedEvent(content: content, sequence: 0, lastModified: clock.now, status: .confirmed))
            }
        }
        for old in previous.values { result.append(retired(old, editor: editor, clock: clock)) }
        return result
            .filter { $0.content.kind == .waitingList || term.contains($0.content.startTime.date) }
            .sorted { ($0.content.start, $0.uid) < ($1.content.start, $1.uid) }
    }

    /// `old` with the content planned now: unchanged (its storage shared) when equal, the same
    /// version when only unpublished fields differ, else a new version.
    private static func revised(_ old: StoredFeedEvent, to content: EventContent, clock: FeedClock) -> StoredFeedEvent {
        guard old.status == .confirmed, old.content.showsSame(as: content) else {
            return StoredFeedEvent(content: content, sequence: old.sequence + 1, lastModified: clock.now, status: .confirmed)
        }
        let unpublished = (old.content.group, old.content.mentor) == (content.group, content.mentor)
        if unpublished && old.content.uid.hasSameBytes(as: content.uid) { return old }
        return StoredFeedEvent(content: content, sequence: old.sequence, lastModified: old.lastModified, status: .confirmed)
    }

    /// A published event that is no longer planned: cancelled unless held or cancelled already.
    private static func retired(_ old: StoredFeedEvent, editor: FeedEditor, clock: FeedClock) -> StoredFeedEvent {
        let isNotice = old.content.kind == .waitingList
        if !isNotice && old.content.start < clock.local.minutes { return editor.upgraded(old) }
        if old.status == .cancelled && old.content.language != nil {
            // A cancelled event from now on follows a new organizer; a notice stays as it was.
            guard !isNotice, old.content.organizer != editor.organizer else { return old }
            var content = old.content
            content.organizer = editor.organizer
            return StoredFeedEvent(content: content, sequence: old.sequence + 1, lastModified: clock.now, status: .cancelled)
        }
        // Confirmed, or cancelled before cancellations said why: cancelled now, with the reason.
        return StoredFeedEvent(content: editor.cancelled(old.content), sequence: old.sequence + 1, lastModified: clock.now,
                               status: .cancelled)
    }

    /// A held event with the recording `line` appended, once: SEQUENCE + 1 and LAST-MODIFIED now;
    /// unchanged when there is no line, it already shows it, or it was cancelled.
    static func gaining(_ line: String?, _ event: StoredFeedEvent, clock: FeedClock) -> StoredFeedEvent {
        guard let line, event.status == .confirmed, !event.content.description.contains(line) else { return event }
        var gained = event
        gained.content.description = FeedPlanner.appending(line, to: event.content.description)
        gained.sequence += 1
        gained.lastModified = clock.now
        return gained
    }

    /// An event's identity: its UID up to the last `@`.
    static func stem(of uid: String) -> Substring {
        guard let at = uid.lastIndex(of: "@") else { return uid[...] }
        return uid[..<at]
    }
}

extension StoredFeedEvent {
    /// Whether this is a waiting-list notice that is not cancelled.
    var isActiveNotice: Bool { content.kind == .waitingList && status == .confirmed }
}

extension PlannedFeed {
    /// The calendar to write: this feed's name, description and language, `events` (from
    /// `FeedHistory.merge`), and the program's zone; the no-reply organizer for events stored
    /// before events named their own.
    public func calendar(events: [StoredFeedEvent], settings: ProgramSettings) -> FeedCalendar {
        FeedCalendar(owner: owner, language: strings.language, name: name, description: description,
                     timezone: settings.timezone, organizerName: settings.name,
                     organizerEmail: Self.noReplyEmail(settings), events: events)
    }

    /// The ORGANIZER of every event from now on: the coordinator when `coordinator_email` is set
    /// (with the coordinator's name, else the program's, as CN), else the no-reply address.
    public static func organizer(_ settings: ProgramSettings) -> EventOrganizer {
        if let email = settings.coordinatorEmail?.trimmingSpaces(), !email.isEmpty {
            let name = settings.coordinatorName?.trimmingSpaces() ?? ""
            return EventOrganizer(name: name.isEmpty ? settings.name : name, email: email)
        }
        return EventOrganizer(name: settings.name, email: noReplyEmail(settings))
    }

    /// The no-reply address of a program's feeds: `no-reply@` and the host of `feed_base_url`.
    public static func noReplyEmail(_ settings: ProgramSettings) -> String {
        "no-reply@" + host(of: settings.feedBaseURL)
    }

    /// The host of a URL (`feeds.example.org` for `https://feeds.example.org/x/`), for UIDs and
    /// the no-reply organizer address; `enlace.invalid` when there is none.
    public static func host(of url: String) -> String {
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
