import CLibical
import EnlaceFeeds
import Foundation

/// Every feed of a publication as libical text, each distinct piece of text rendered once.
///
/// A feed's text is its header (BEGIN:VCALENDAR, the calendar properties, the VTIMEZONE), its
/// events' VEVENT texts in order, and END:VCALENDAR: exactly what libical writes for the whole
/// tree, since `icalcomponent_as_ical_string_r` writes a component as its BEGIN line, its
/// properties, each child's own text and its END line. Most pieces recur across feeds: the parents
/// of one group who read one language see the same sessions, with the same UID, SEQUENCE,
/// LAST-MODIFIED and STATUS, unless their histories differ (then the pieces differ too, since
/// those values are part of what identifies a piece). At 60,000 parents, 894,098 events are
/// 155,404 distinct texts and 147 distinct headers.
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
    /// An event is rendered once per distinct (event with its version and status, language,
    /// organizer); a header once per distinct (language, name, description, zone).
    /// - Complexity: O(events) hashing, plus libical's work for the distinct pieces only.
    public func render(_ calendars: [FeedCalendar], threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> RenderedFeeds {
        var plan = PiecePlan()
        var layout: [Int32] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(calendars.count + 1)
        layout.reserveCapacity(calendars.reduce(0) { $0 + $1.events.count + 2 })
        for (index, calendar) in calendars.enumerated() {
            layout.append(plan.header(of: calendar, index))
            for (position, event) in calendar.events.enumerated() {
                layout.append(plan.event(event, position, of: calendar, index))
            }
            layout.append(PiecePlan.end)
            starts.append(layout.count)
        }
        return RenderedFeeds(pieces: renderPieces(plan, calendars, threads: threads), layout: layout, starts: starts)
    }

    /// The text of every piece of `plan`: headers one by one under the libical lock (they load the
    /// zone), events in contiguous chunks on `threads` threads.
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
            case .event: events.append(piece)
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
                    guard case .event(let calendar, let position) = jobs[piece] else { continue }
                    let owner = calendars[Int(calendar)]
                    output[piece] = eventText(owner.events[Int(position)], in: owner)
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
        case event(calendar: Int32, position: Int32)
    }

    /// What makes a header: everything `addCalendarProperties` writes (the zone is the writer's).
    /// Texts are compared by their exact bytes (`ExactText`), as libical writes them.
    struct HeaderKey: Hashable {
        var language, name, description, timezone: ExactText
    }

    /// What makes an event's text: the event with its version and status, and the calendar's
    /// language (every TEXT property's LANGUAGE) and organizer; texts by their exact bytes.
    struct EventKey: Hashable {
        var event: PublishedEvent
        var language, organizerName, organizerEmail: String

        func hash(into hasher: inout Hasher) {
            event.content.hashBytes(into: &hasher)
            hasher.combine(event.sequence)
            hasher.combine(event.lastModified)
            hasher.combine(event.status)
            language.hashBytes(into: &hasher)
            organizerName.hashBytes(into: &hasher)
            organizerEmail.hashBytes(into: &hasher)
        }

        static func == (lhs: EventKey, rhs: EventKey) -> Bool {
            lhs.event.sequence == rhs.event.sequence && lhs.event.lastModified == rhs.event.lastModified
                && lhs.event.status == rhs.event.status && lhs.event.content.hasSameBytes(as: rhs.event.content)
                && lhs.language.hasSameBytes(as: rhs.language) && lhs.organizerName.hasSameBytes(as: rhs.organizerName)
                && lhs.organizerEmail.hasSameBytes(as: rhs.organizerEmail)
        }
    }

    /// The closing line's piece number.
    static let end: Int32 = 0

    private(set) var jobs: [Job] = [.end]
    private var headers: [HeaderKey: Int32] = [:]
    private var events: [EventKey: Int32] = [:]

    mutating func header(of calendar: FeedCalendar, _ index: Int) -> Int32 {
        let key = HeaderKey(language: ExactText(calendar.language), name: ExactText(calendar.name),
                            description: ExactText(calendar.description), timezone: ExactText(calendar.timezone))
        if let piece = headers[key] { return piece }
        let piece = Int32(jobs.count)
        jobs.append(.header(calendar: index))
        headers[key] = piece
        return piece
    }

    mutating func event(_ event: PublishedEvent, _ position: Int, of calendar: FeedCalendar, _ index: Int) -> Int32 {
        let key = EventKey(event: event, language: calendar.language, organizerName: calendar.organizerName,
                           organizerEmail: calendar.organizerEmail)
        if let piece = events[key] { return piece }
        let piece = Int32(jobs.count)
        jobs.append(.event(calendar: Int32(index), position: Int32(position)))
        events[key] = piece
        return piece
    }
}
