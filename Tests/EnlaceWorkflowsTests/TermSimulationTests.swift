import EnlaceCore
import EnlaceDemo
import EnlaceFeeds
import EnlaceStore
import Foundation
import Testing
@testable import EnlaceWorkflows

/// A term in progress (spec section 9), lived through: a generated district matched and published
/// before its term starts, in September, in December and in April, with families joining and
/// leaving, a mentor leaving and a family's hours changing in between. After each run, nothing
/// dated before that run changed in the schedule or in any feed, each family's feed holds their
/// group's sessions from now on, and sessions that vanished from the future are cancelled.
@Suite(.serialized) struct TermSimulationTests {
    static let moments = ["2026-08-01T12:00:00-07:00", "2026-09-20T12:00:00-07:00", "2026-12-10T12:00:00-08:00", "2027-04-15T12:00:00-07:00"]
        .map { ISO8601DateFormatter().date(from: $0)! }

    @Test(arguments: [2026, 7] as [UInt64])
    func theHeldPastNeverChanges(seed: UInt64) throws {
        try live(seed: seed, moments: Self.moments)
    }

    /// The same over other districts and moments drawn at random within the term (sorted), to
    /// reach instants the fixed ones miss: mid-session days, the week of a blackout, the last month.
    @Test(arguments: [3, 13, 23, 41] as [UInt64])
    func theHeldPastNeverChangesAtRandomMoments(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let start = ISO8601DateFormatter().date(from: "2026-08-10T00:00:00-07:00")!.timeIntervalSince1970
        let end = ISO8601DateFormatter().date(from: "2027-06-10T00:00:00-07:00")!.timeIntervalSince1970
        let moments = (0..<4).map { _ in start + Double(random.below(Int(end - start) / 60)) * 60 }.sorted().map(Date.init(timeIntervalSince1970:))
        try live(seed: seed, moments: moments)
    }

    /// Runs the district through `moments` with the term's changes in between, checking each run.
    private func live(seed: UInt64, moments: [Date]) throws {
        let district = try District(seed: seed)
        defer { district.remove() }
        var previous: (schedule: Schedule, history: [FeedOwner: [StoredFeedEvent]], files: [String: [String: String]])?
        for (step, moment) in moments.enumerated() {
            switch step {
            case 1: try district.changeFamilies(join: 4, leave: 2)
            case 2: try district.removeMentorOfALargeGroup(); try district.changeHoursOfAMatchedFamily()
            case 3: try district.changeFamilies(join: 3, leave: 3)
            default: break
            }
            let result = try MatchWorkflow.run(district.workspace, now: moment, effort: .standard, log: .silent)
            _ = try PublishWorkflow.run(district.workspace, now: moment, check: step == 3, log: .silent)
            let store = try district.workspace.existingStore()
            let now = WallClock.local(moment, timezone: result.schedule.timezone)
            let history = try store.feedHistory()
            let files = try district.feedEvents()
            Self.expectFutureOnly(result.schedule, now: now)
            Self.expectFeedsHoldTheirGroups(result.schedule, history: history, now: now)
            if let previous {
                Self.expectHeldSessionsKept(previous.schedule, result.schedule, now: now)
                Self.expectFeedPastKept(previous.history, history, now: now)
                Self.expectFilesPastKept(previous.files, files, history: previous.history, now: now)
                Self.expectVanishedCancelled(previous.history, history, now: now)
            }
            previous = (result.schedule, history, files)
        }
    }

    /// Sessions from now on belong to the matcher's plan: none starts before `now` unless held.
    static func expectFutureOnly(_ schedule: Schedule, now: LocalDateTime) {
        #expect(schedule.now == now)
        for stint in schedule.memberships where stint.until == nil {
            #expect(stint.from <= now || schedule.group(stint.group)?.sessions.contains { $0.start < stint.from } == false)
        }
    }

    /// Every session of the previous run that starts before `now` is in the new run, unchanged,
    /// with the same parents; no other session starts before `now`.
    static func expectHeldSessionsKept(_ before: Schedule, _ after: Schedule, now: LocalDateTime) {
        let stintsBefore = before.stintsByGroup, stintsAfter = after.stintsByGroup
        var held = 0
        for group in before.groups {
            for session in group.sessions where session.start < now {
                held += 1
                let kept = after.group(group.id)?.sessions.first { $0.start == session.start }
                #expect(kept == session, "\(group.id) \(session.start) changed or vanished")
                let parentsBefore = before.parents(of: session, stints: stintsBefore[group.id] ?? [])
                let parentsAfter = after.parents(of: session, stints: stintsAfter[group.id] ?? [])
                #expect(parentsBefore == parentsAfter, "\(group.id) \(session.start): held for \(parentsBefore), now says \(parentsAfter)")
            }
        }
        let heldAfter = after.groups.reduce(0) { $0 + $1.sessions.filter { $0.start < now }.count }
        #expect(heldAfter == held, "a session before now was added")
    }

    /// Each parent's feed: the confirmed events from now on are exactly their group's sessions.
    static func expectFeedsHoldTheirGroups(_ schedule: Schedule, history: [FeedOwner: [StoredFeedEvent]], now: LocalDateTime) {
        let current = schedule.currentMemberships
        let roster = Set(current.keys).union(schedule.unmatched.map(\.parent))
        for (owner, events) in history where owner.kind == .parent && roster.contains(ParentID(owner.id)) {
            let planned = current[ParentID(owner.id)].flatMap { schedule.group($0.group) }?.sessions
                .filter { $0.start >= now }.map { [$0.start.minutes, $0.end.minutes] } ?? []
            let published = events.filter { $0.status == .confirmed && $0.content.start >= now.minutes && !$0.uid.hasPrefix("openhouse-") }
                .map { [$0.content.start, $0.content.end] }
            #expect(published.sorted { $0.lexicographicallyPrecedes($1) } == planned.sorted { $0.lexicographicallyPrecedes($1) },
                    "\(owner): feed \(published.count) future sessions, group \(planned.count)")
        }
    }

    /// In the stored history, an event that started before `now` is exactly as it was, and none
    /// appeared. The waiting-list notice is not a meeting: it is dated the day it was first
    /// published and cancelled whenever the family gets a group (spec section 7).
    static func expectFeedPastKept(_ before: [FeedOwner: [StoredFeedEvent]], _ after: [FeedOwner: [StoredFeedEvent]], now: LocalDateTime) {
        for (owner, events) in after {
            let old = Dictionary((before[owner] ?? []).map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
            for event in events where event.content.start < now.minutes && !event.content.isAllDay {
                #expect(old[event.uid] == event, "\(owner) \(event.uid): a past event was added or changed")
            }
        }
        for (owner, events) in before where after[owner] != nil {
            let kept = Set(after[owner]!.map(\.uid))
            for event in events where event.content.start < now.minutes && !event.content.isAllDay {
                #expect(kept.contains(event.uid), "\(owner) \(event.uid): a past event was removed")
            }
        }
    }

    /// In the feed files, the text of every event that started before `now` is byte for byte what
    /// it was (feeds of people still in the program).
    static func expectFilesPastKept(_ before: [String: [String: String]], _ after: [String: [String: String]],
                                    history: [FeedOwner: [StoredFeedEvent]], now: LocalDateTime) {
        let past = Set(history.values.flatMap { $0 }.filter { $0.content.start < now.minutes && !$0.content.isAllDay }.map(\.uid))
        for (token, events) in after {
            guard let old = before[token] else { continue }
            for (uid, text) in events where past.contains(uid) {
                #expect(old[uid] == text, "feed \(token.prefix(4))…: past event \(uid) changed in the file")
            }
        }
    }

    /// A future event that the new plan no longer has is cancelled with a higher SEQUENCE.
    static func expectVanishedCancelled(_ before: [FeedOwner: [StoredFeedEvent]], _ after: [FeedOwner: [StoredFeedEvent]], now: LocalDateTime) {
        for (owner, events) in before {
            guard let new = after[owner] else { continue }
            let byUID = Dictionary(new.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
            for event in events where event.status == .confirmed && event.content.start >= now.minutes {
                let next = byUID[event.uid]
                #expect(next != nil, "\(owner) \(event.uid) vanished instead of being cancelled")
                if let next, next.status == .cancelled { #expect(next.sequence == event.sequence + 1) }
            }
        }
    }
}

/// A generated district in a temporary folder, and the edits a coordinator makes during a term.
struct District {
    let workspace: ProgramWorkspace

    init(seed: UInt64) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-term-\(seed)-\(UUID().uuidString)")
        for file in SampleDistrict.files(seed: seed, sites: 3, mentors: 10, parents: 70) {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let enlace = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("enlace")
        workspace = ProgramWorkspace(folder: folder, childExecutable: enlace.path)
    }

    func remove() { try? FileManager.default.removeItem(at: workspace.folder) }

    private var parentsFile: URL { workspace.folder.appendingPathComponent("data/parents.csv") }
    private var mentorsFile: URL { workspace.folder.appendingPathComponent("data/mentors.csv") }

    private func lines(_ file: URL) throws -> [String] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func write(_ lines: [String], to file: URL) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    /// The stored program (what the last run matched).
    private func stored() throws -> Program {
        try workspace.storedProgram(try workspace.existingStore()).program
    }

    /// A parents.csv line for `parent`, with the generator's columns.
    private func line(_ parent: Parent, id: String? = nil, availability: String? = nil) -> String {
        [id ?? parent.id.rawValue, parent.name, "", "", parent.languages.map(\.tag).joined(separator: ";"), parent.site.rawValue,
         parent.modes.sorted().map(\.rawValue).joined(separator: ";"), availability ?? parent.availability.description,
         parent.attendsOpenHouses ? "yes" : "no", parent.topics.map(\.rawValue).joined(separator: ";"),
         parent.attributes["needs_interpreter"] ?? ""].map(CSVCell.text).joined(separator: ",")
    }

    /// `join` new families (copies of existing ones' answers under new ids) and `leave` removed.
    func changeFamilies(join: Int, leave: Int) throws {
        let program = try stored()
        var rows = try lines(parentsFile)
        let leaving = Set(program.parents.suffix(leave).map { $0.id.rawValue + "," })
        rows.removeAll { row in leaving.contains { row.hasPrefix($0) } }
        for (n, parent) in program.parents.prefix(join).enumerated() {
            rows.append(line(parent, id: "N\(program.parents.count)-\(n)"))
        }
        try write(rows, to: parentsFile)
    }

    /// Removes the mentor whose group has the most members from now on.
    func removeMentorOfALargeGroup() throws {
        let store = try workspace.existingStore()
        let schedule = try #require(try store.latestRun()).schedule
        let largest = try #require(schedule.membersByGroup.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) })
        let mentor = try #require(schedule.group(largest.key)).mentor
        try write(try lines(mentorsFile).filter { !$0.hasPrefix(mentor.rawValue + ",") }, to: mentorsFile)
    }

    /// Gives the first matched family hours no group meets at.
    func changeHoursOfAMatchedFamily() throws {
        let schedule = try #require(try workspace.existingStore().latestRun()).schedule
        let program = try stored()
        let id = try #require(schedule.currentMemberships.keys.sorted().first)
        let parent = try #require(program.parents.first { $0.id == id })
        var changed = parent
        changed = Parent(id: parent.id, name: parent.name, languages: parent.languages, site: parent.site, modes: parent.modes,
                         availability: parent.availability, attendsOpenHouses: false, topics: parent.topics, attributes: parent.attributes)
        let rows = try lines(parentsFile).map { $0.hasPrefix(id.rawValue + ",") ? line(changed, availability: "SU 06:00-07:00") : $0 }
        try write(rows, to: parentsFile)
    }

    /// Each feed file's VEVENT blocks by UID, by token.
    func feedEvents() throws -> [String: [String: String]] {
        let folder = workspace.feedsFolder
        var result: [String: [String: String]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".ics") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            var events: [String: String] = [:]
            for block in text.components(separatedBy: "BEGIN:VEVENT").dropFirst() {
                let body = block.components(separatedBy: "END:VEVENT")[0]
                let unfolded = body.replacingOccurrences(of: "\r\n ", with: "")
                guard let uid = unfolded.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("UID:") }) else { continue }
                events[String(uid.dropFirst(4))] = body
            }
            result[String(name.dropLast(4))] = events
        }
        return result
    }
}
