import CLibical
import EnlaceFeeds
import Foundation

/// Every feed of a publication as libical text, each distinct piece of text rendered once.
///
/// A feed's text is its header (BEGIN:VCALENDAR, the calendar properties, the VTIMEZONE), each
/// event's text in order, and END:VCALENDAR; an event's text is its head (BEGIN:VEVENT and the
/// properties that identify and version it: UID to STATUS) and its tail (the properties that say
/// what it is, SUMMARY to TRANSP, and END:VEVENT). That is exactly what libical writes for the
/// whole tree, since `icalcomponent_as_ical_string_r` writes a component as its BEGIN line, each
/// property's own text in order, each child's own text and its END line (tests compare the two).
///
/// Most pieces recur: the parents of one group who read one language see the same sessions, with
/// the same UID, SEQUENCE, LAST-MODIFIED and STATUS, unless their histories differ (then the heads
/// differ too, since those values are part of what identifies a head); and every session of a
/// group says the same things, so shares one tail per language and status. At 60,000 parents,
/// 894,098 events are 155,404 distinct heads and far fewer tails.
public struct RenderedFeeds: Sendable {
    /// The distinct pieces of text, in order of first use.
    private let pieces: [[UInt8]]
    /// Every feed's pieces, feed after feed: feed `i` is `layout[starts[i]..<starts[i + 1]]`.
    private let layout: [Int32]
    private let starts: [Int]

    init(pieces: [[UInt8]], layout: [Int32], starts: [Int]) {
        self.pieces = pieces
        self.layout = layout
        self.starts = starts
    }

    /// How many feeds.
    public var count: Int { starts.count - 1 }

    /// How many distinct pieces were rendered with libical (headers, events and the closing line).
    public var distinctPieces: Int { pieces.count }

    /// The length of feed `index`'s text.
    public func byteCount(ofFeed index: Int) -> Int {
        layout[starts[index]..<starts[index + 1]].reduce(0) { $0 + pieces[Int($1)].count }
    }

    /// Appends feed `index`'s text to `buffer` (reused across feeds, it saves one allocation each).
    public func append(feed index: Int, to buffer: inout [UInt8]) {
        for piece in layout[starts[index]..<starts[index + 1]] { buffer.append(contentsOf: pieces[Int(piece)]) }
    }

    /// Feed `index`'s text.
    public func bytes(ofFeed index: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount(ofFeed: index))
        append(feed: index, to: &bytes)
        return bytes
    }
}

extension FeedWriter {
    /// Every calendar as iCalendar bytes (UTF-8, CRLF), each distinct header and event rendered
    /// once by libical, events on `threads` threads.
    ///
    /// The result does not depend on `threads`: every piece's text depends only on its values.
    /// An event's head is rendered once per distinct (UID, times, SEQUENCE, LAST-MODIFIED, STATUS),
    /// its tail once per distinct (texts, language, organizer); a header once per distinct
    /// (language, name, description, zone).
    /// - Complexity: O(events) hashing, plus libical's work for the distinct pieces only.
    public func render(_ calendars: [FeedCalendar], threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> RenderedFeeds {
        var plan = PiecePlan()
        var layout: [Int32] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(calendars.count + 1)
        layout.reserveCapacity(calendars.reduce(0) { $0 + 2 * $1.events.count + 2 })
        for (index, calendar) in calendars.enumerated() {
            layout.append(plan.header(of: calendar, index))
            for (position, event) in calendar.events.enumerated() {
                let (head, tail) = plan.event(event, position, of: calendar, index)
                layout.append(head)
                layout.append(tail)
            }
            layout.append(PiecePlan.end)
            starts.append(layout.count)
        }
        return RenderedFeeds(pieces: renderPieces(plan, calendars, threads: threads), layout: layout, starts: starts)
    }

    /// The text of every piece of `plan`: headers one by one under the libical lock (they load the
    /// zone), event heads and tails in contiguous chunks on `threads` threads.
    private func renderPieces(_ plan: PiecePlan, _ calendars: [FeedCalendar], threads: Int) -> [[UInt8]] {
        var pieces = [[UInt8]](repeating: [], count: plan.jobs.count)
        var events: [Int] = []
        for (piece, job) in plan.jobs.enumerated() {
            switch job {
            case .end: break
            case .header(let calendar):
                let rendered = self.header(calendars[calendar])
                pieces[piece] = rendered.header
                pieces[Int(PiecePlan.end)] = rendered.end
            case .head, .tail: events.append(piece)
            }
        }
        let chunkSize = 512
        let chunks = (events.count + chunkSize - 1) / chunkSize
        let jobs = plan.jobs, eventPieces = events
        pieces.withUnsafeMutableBufferPointer { buffer in
            // Each piece is written by exactly one chunk, and read only after every chunk is done.
            nonisolated(unsafe) let output = buffer
            let work: @Sendable (Int) -> Void = { chunk in
                for piece in eventPieces[(chunk * chunkSize)..<min(eventPieces.count, (chunk + 1) * chunkSize)] {
                    switch jobs[piece] {
                    case .head(let calendar, let position):
                        output[piece] = eventHead(calendars[Int(calendar)].events[Int(position)])
                    case .tail(let calendar, let position):
                        let owner = calendars[Int(calendar)]
                        output[piece] = eventTail(owner.events[Int(position)], in: owner)
                    case .end, .header: continue
                    }
                }
                icalmemory_free_ring()
            }
            if threads > 1 && chunks > 1 {
                DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
            } else {
                for chunk in 0..<chunks { work(chunk) }
            }
        }
        return pieces
    }
}

/// Which distinct pieces a set of calendars needs, and where each is first used.
private struct PiecePlan {
    enum Job {
        case end
        case header(calendar: Int)
        case head(calendar: Int32, position: Int32)
        case tail(calendar: Int32, position: Int32)
    }

    /// What makes a header: everything `addCalendarProperties` writes (the zone is the writer's).
    /// Texts are compared by their exact bytes (`ExactText`), as libical writes them.
    struct HeaderKey: Hashable {
        var language, name, description, timezone: ExactText
    }

    /// What makes an event's text: the event with its version and status, and the calendar's
    /// language and organizer (for events stored before they kept their own); texts by their
    /// exact bytes.
    struct EventKey: Hashable {
        var event: PublishedEvent
        var language, organizerName, organizerEmail: String

        /// Hashes what tells events apart in practice (UID, times, version, status, language) and
        /// only the lengths of the long texts: equal keys are then found by `==`, which is quick
        /// because equal events of different feeds share their strings' storage.
        func hash(into hasher: inout Hasher) {
            event.content.uid.hashBytes(into: &hasher)
            hasher.combine(event.content.start)
            hasher.combine(event.content.end)
            hasher.combine(event.sequence)
            hasher.combine(event.lastModified)
            hasher.combine(event.status)
            (event.content.language ?? language).hashBytes(into: &hasher)
            hasher.combine(event.content.summary.utf8.count)
            hasher.combine(event.content.description.utf8.count)
        }

        static func == (lhs: EventKey, rhs: EventKey) -> Bool {
            lhs.event.sequence == rhs.event.sequence && lhs.event.lastModified == rhs.event.lastModified
                && lhs.event.status == rhs.event.status && lhs.event.content.hasSameBytes(as: rhs.event.content)
                && lhs.language.hasSameBytes(as: rhs.language) && lhs.organizerName.hasSameBytes(as: rhs.organizerName)
                && lhs.organizerEmail.hasSameBytes(as: rhs.organizerEmail)
        }
    }

    /// What makes an event's head (`FeedWriter.eventHead`): UID, times, version and status.
    struct HeadKey: Hashable {
        var uid: ExactText
        var start, end, sequence: Int
        var lastModified: Int64
        var status: EventStatus
        var allDay: Bool
    }

    /// What makes an event's tail (`FeedWriter.eventTail`): its texts, language, organizer and
    /// TRANSP (the calendar's language and organizer for events without their own).
    struct TailKey: Hashable {
        var summary, description, language, organizerName, organizerEmail: ExactText
        var location, meetingURL, meetingLabel: ExactText?
        var transparent: Bool

        /// Hashes the short texts; the description only by its length (see `EventKey.hash`).
        func hash(into hasher: inout Hasher) {
            summary.hash(into: &hasher)
            language.hash(into: &hasher)
            hasher.combine(location)
            hasher.combine(meetingURL)
            hasher.combine(description.text.utf8.count)
        }
    }

    /// The closing line's piece number.
    static let end: Int32 = 0

    private(set) var jobs: [Job] = [.end]
    private var headers: [HeaderKey: Int32] = [:]
    private var events: [EventKey: (head: Int32, tail: Int32)] = [:]
    private var heads: [HeadKey: Int32] = [:]
    private var tails: [TailKey: Int32] = [:]

    mutating func header(of calendar: FeedCalendar, _ index: Int) -> Int32 {
        let key = HeaderKey(language: ExactText(calendar.language), name: ExactText(calendar.name),
                            description: ExactText(calendar.description), timezone: ExactText(calendar.timezone))
        if let piece = headers[key] { return piece }
        let piece = Int32(jobs.count)
        jobs.append(.header(calendar: index))
        headers[key] = piece
        return piece
    }

    /// The piece rendered for `key`, or a new rendering job for it, appended to `jobs`.
    private static func piece<Key: Hashable>(_ key: Key, in table: inout [Key: Int32], _ jobs: inout [Job], _ job: Job) -> Int32 {
        if let known = table[key] { return known }
        let piece = Int32(jobs.count)
        jobs.append(job)
        table[key] = piece
        return piece
    }

    /// The head and tail pieces of `event`: most events are seen before as a whole (one lookup);
    /// a new one often shares its tail with its group's other sessions.
    mutating func event(_ event: PublishedEvent, _ position: Int, of calendar: FeedCalendar, _ index: Int) -> (Int32, Int32) {
        let key = EventKey(event: event, language: calendar.language, organizerName: calendar.organizerName,
                           organizerEmail: calendar.organizerEmail)
        if let pieces = events[key] { return pieces }
        let content = event.content
        let headKey = HeadKey(uid: ExactText(content.uid), start: content.start, end: content.end, sequence: event.sequence,
                              lastModified: event.lastModified, status: event.status, allDay: content.isAllDay)
        let head = Self.piece(headKey, in: &heads, &jobs, .head(calendar: Int32(index), position: Int32(position)))
        let organizer = content.organizer ?? EventOrganizer(name: calendar.organizerName, email: calendar.organizerEmail)
        let tailKey = TailKey(summary: ExactText(content.summary), description: ExactText(content.description),
                              language: ExactText(content.language ?? calendar.language), organizerName: ExactText(organizer.name),
                              organizerEmail: ExactText(organizer.email), location: content.location.map(ExactText.init),
                              meetingURL: content.meetingURL.map(ExactText.init), meetingLabel: content.meetingLabel.map(ExactText.init),
                              transparent: content.transparent)
        let tail = Self.piece(tailKey, in: &tails, &jobs, .tail(calendar: Int32(index), position: Int32(position)))
        events[key] = (head, tail)
        return (head, tail)
    }
}
