import EnlaceCore
import Foundation
import GRDB

/// What an import changed, per kind of row.
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    public struct Counts: Sendable, Equatable {
        public var added = 0, updated = 0, removed = 0, total = 0
        public var changed: Int { added + updated + removed }

        public init(added: Int = 0, updated: Int = 0, removed: Int = 0, total: Int = 0) {
            self.added = added
            self.updated = updated
            self.removed = removed
            self.total = total
        }
    }

    public var sites = Counts(), mentors = Counts(), parents = Counts()
    public var openHouses = Counts(), blackouts = Counts()
    /// Attendance records and recording links (spec section 11).
    public var attendance = Counts(), recordings = Counts()
    /// Rows of the attendance files that count for nobody (out/attendance-unmatched.csv).
    public var unmatchedAttendance = 0
    /// The curriculum's topics (data/topics.csv, spec section 10).
    public var topics = Counts()
    public var settingsChanged = false

    /// Whether the import changed anything at all (re-importing the same files changes nothing).
    public var changedAnything: Bool {
        settingsChanged || [sites, mentors, parents, openHouses, blackouts, attendance, recordings, topics].contains { $0.changed > 0 }
    }

    /// "5 sites, 25 mentors, …", with the topics only for a program that has or had some.
    public var description: String {
        var rows: [(String, Counts)] = [("sites", sites), ("mentors", mentors), ("parents", parents),
                                        ("open houses", openHouses), ("blackout days", blackouts)]
        if topics.total > 0 || topics.changed > 0 { rows.append(("topics", topics)) }
        // Programs without attendance files read as before.
        if attendance.total + attendance.changed > 0 { rows.append(("attendance records", attendance)) }
        if recordings.total + recordings.changed > 0 { rows.append(("recordings", recordings)) }
        let counts = rows.map { name, c in
            "\(c.total) \(name)" + (c.changed == 0 ? "" : " (\(c.added) added, \(c.updated) updated, \(c.removed) removed)")
        }.joined(separator: ", ")
        guard unmatchedAttendance > 0 else { return counts }
        return counts + "; \(unmatchedAttendance) attendance rows count for nobody (see out/attendance-unmatched.csv)"
    }
}

extension Store {
    /// Replaces the stored program with `loaded`, in one transaction: all of it or none of it.
    ///
    /// Rows are matched by id, so re-importing the same files changes nothing, and rows missing
    /// from the files are removed. `importedAt` is recorded in the import history. With
    /// `participation`, the stored attendance and recordings become exactly those, in the same
    /// transaction; without it they are left as they are. `beforeCommit` runs last inside the
    /// transaction: `enlace match` holds the commit there until every plugin hook of the run has
    /// returned, so a plugin that crashes leaves nothing stored; if it throws, nothing is.
    public func importProgram(_ loaded: LoadedProgram, participation: ParticipationImport? = nil,
                              importedAt: String, beforeCommit: () throws -> Void = {}) throws -> ImportSummary {
        do {
            return try pool.write { db in
                var summary = ImportSummary()
                summary.settingsChanged = try saveSettings(loaded.settingsText, loaded.program.settings, db)
                summary.sites = try sync(table: "sites", columns: ["id", "name", "address", "attributes"], ids: loaded.program.sites.map(\.id.rawValue), db) { site in
                    let value = loaded.program.sites.first { $0.id.rawValue == site }!
                    return [value.id.rawValue, value.name, value.address, Coding.json(value.attributes)]
                }
                let mentorsByID = Dictionary(uniqueKeysWithValues: loaded.program.mentors.map { ($0.id, $0) })
                summary.mentors = try sync(table: "mentors", columns: ["id", "name", "email", "phone", "languages", "modes", "capacity", "availability",
                            "open_house", "topics", "attributes"], ids: loaded.program.mentors.map(\.id.rawValue), db) { id in
                    let mentor = mentorsByID[MentorID(id)]!
                    let contact = loaded.mentorContacts[mentor.id]
                    return [mentor.id.rawValue, mentor.name, contact?.email, contact?.phone,
                            Coding.languages(mentor.languages), Coding.modes(mentor.modes), mentor.capacity,
                            mentor.availability.description, mentor.attendsOpenHouses ? 1 : 0,
                            Coding.topics(mentor.topics), Coding.json(mentor.attributes)]
                }
                try syncMentorSites(loaded.program.mentors, db)
                let parentsByID = Dictionary(uniqueKeysWithValues: loaded.program.parents.map { ($0.id, $0) })
                summary.parents = try sync(table: "parents", columns: ["id", "name", "email", "phone", "languages", "site_id", "modes", "availability",
                            "open_house", "topics", "attributes"], ids: loaded.program.parents.map(\.id.rawValue), db) { id in
                    let parent = parentsByID[ParentID(id)]!
                    let contact = loaded.parentContacts[parent.id]
                    return [parent.id.rawValue, parent.name, contact?.email, contact?.phone,
                            Coding.languages(parent.languages), parent.site.rawValue, Coding.modes(parent.modes),
                            parent.availability.description, parent.attendsOpenHouses ? 1 : 0,
                            Coding.topics(parent.topics), Coding.json(parent.attributes)]
                }
                try removeSitesNoLongerListed(loaded.program.sites, &summary, db)
                summary.openHouses = try syncOpenHouses(loaded.program.openHouses, db)
                summary.blackouts = try syncBlackouts(loaded.program.blackouts, db)
                summary.topics = try syncTopics(loaded.program.topics, db)
                if let participation {
                    summary.attendance = try AttendanceRows.sync(participation.attendance, db)
                    summary.recordings = try AttendanceRows.syncRecordings(participation.recordings, db)
                }
                let previousImports = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM imports") ?? 0
                if summary.changedAnything || previousImports == 0 {
                    try db.execute(sql: """
                        INSERT INTO imports (imported_at, fingerprint, sites, mentors, parents, open_houses, blackouts, changes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [importedAt, loaded.inputFingerprint, summary.sites.total, summary.mentors.total,
                                         summary.parents.total, summary.openHouses.total, summary.blackouts.total,
                                         [summary.sites, summary.mentors, summary.parents, summary.openHouses,
                                          summary.blackouts, summary.topics].reduce(0) { $0 + $1.changed }])
                }
                try beforeCommit()
                return summary
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(description: "the import was not stored (nothing changed): \(error)")
        }
    }

    /// Upserts the topics by id and deletes those topics.csv no longer lists (all of them when the
    /// file is gone).
    private func syncTopics(_ topics: [Topic], _ db: Database) throws -> ImportSummary.Counts {
        let byID = Dictionary(topics.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        return try sync(table: "topics", columns: ["id", "title", "description", "required", "window_from", "window_until", "titles",
                                                   "descriptions", "attributes"], ids: topics.map(\.id.rawValue), db) { id in
            let topic = byID[id]!
            return [id, topic.title, topic.description, topic.required ? 1 : 0, topic.window.from?.description,
                    topic.window.until?.description, Coding.texts(topic.titles), Coding.texts(topic.descriptions),
                    Coding.json(topic.attributes)]
        }
    }

    private func saveSettings(_ toml: String, _ settings: ProgramSettings, _ db: Database) throws -> Bool {
        let existing = try String.fetchOne(db, sql: "SELECT toml FROM program_settings WHERE id = 1")
        guard existing != toml else { return false }
        try db.execute(sql: """
            INSERT INTO program_settings (id, name, timezone, term_start, term_end, toml) VALUES (1, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,
                term_start = excluded.term_start, term_end = excluded.term_end, toml = excluded.toml
            """, arguments: [settings.name, settings.timezone, settings.termStart.description,
                             settings.termEnd.description, toml])
        return true
    }

    /// Upserts rows by id (an update only when a value differs) and deletes ids not in `ids`,
    /// except for `sites`, whose deletions wait until no parent or mentor refers to them.
    private func sync(table: String, columns: [String], ids: [String], _ db: Database,
                      values: (String) -> [(any DatabaseValueConvertible)?]) throws -> ImportSummary.Counts {
        var counts = ImportSummary.Counts(total: ids.count)
        let existing = Set(try String.fetchAll(db, sql: "SELECT id FROM \(table)"))
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let differs = columns.dropFirst().map { "\(table).\($0) IS NOT excluded.\($0)" }.joined(separator: " OR ")
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT(id) DO UPDATE SET \(updates) WHERE \(differs)
            """)
        for id in ids {
            try upsert.execute(arguments: StatementArguments(values(id)))
            if db.changesCount > 0 {
                if existing.contains(id) { counts.updated += 1 } else { counts.added += 1 }
            }
        }
        guard table != "sites" else { return counts }
        let keep = Set(ids)
        let delete = try db.cachedStatement(sql: "DELETE FROM \(table) WHERE id = ?")
        for id in existing.subtracting(keep).sorted() {
            try delete.execute(arguments: [id])
            counts.removed += 1
        }
        return counts
    }

    private func removeSitesNoLongerListed(_ sites: [Site], _ summary: inout ImportSummary, _ db: Database) throws {
        let keep = Set(sites.map(\.id.rawValue))
        for id in try String.fetchAll(db, sql: "SELECT id FROM sites ORDER BY id") where !keep.contains(id) {
            try db.execute(sql: "DELETE FROM sites WHERE id = ?", arguments: [id])
            summary.sites.removed += 1
        }
    }

    private func syncMentorSites(_ mentors: [Mentor], _ db: Database) throws {
        struct Link: Hashable { let mentor: String, site: String, position: Int }
        let wanted = Set(mentors.flatMap { mentor in
            mentor.sites.enumerated().map { Link(mentor: mentor.id.rawValue, site: $0.element.rawValue, position: $0.offset) }
        })
        let rows = try Row.fetchAll(db, sql: "SELECT mentor_id, site_id, position FROM mentor_sites")
        let existing = Set(rows.map { Link(mentor: $0[0], site: $0[1], position: $0[2]) })
        for link in existing.subtracting(wanted) {
            try db.execute(sql: "DELETE FROM mentor_sites WHERE mentor_id = ? AND site_id = ?", arguments: [link.mentor, link.site])
        }
        for link in wanted.subtracting(existing) {
            try db.execute(sql: """
                INSERT INTO mentor_sites (mentor_id, site_id, position) VALUES (?, ?, ?)
                ON CONFLICT(mentor_id, site_id) DO UPDATE SET position = excluded.position
                """, arguments: [link.mentor, link.site, link.position])
        }
    }

    private func syncOpenHouses(_ openHouses: [OpenHouse], _ db: Database) throws -> ImportSummary.Counts {
        struct Key: Hashable { let site: String, start: Int, end: Int, title: String, uid: String }
        let wanted = Set(openHouses.map { Key(site: $0.site.rawValue, start: $0.start.minutes, end: $0.end.minutes, title: $0.title, uid: $0.sourceUID) })
        let rows = try Row.fetchAll(db, sql: "SELECT site_id, start_minute, end_minute, title, source_uid FROM open_houses")
        let existing = Set(rows.map { Key(site: $0[0], start: $0[1], end: $0[2], title: $0[3], uid: $0[4]) })
        var counts = ImportSummary.Counts(total: wanted.count)
        for key in existing.subtracting(wanted) {
            try db.execute(sql: "DELETE FROM open_houses WHERE site_id = ? AND start_minute = ? AND source_uid = ?",
                           arguments: [key.site, key.start, key.uid])
            counts.removed += 1
        }
        for key in wanted.subtracting(existing) {
            try db.execute(sql: "INSERT INTO open_houses (site_id, start_minute, end_minute, title, source_uid) VALUES (?, ?, ?, ?, ?)",
                           arguments: [key.site, key.start, key.end, key.title, key.uid])
            counts.added += 1
        }
        return counts
    }

    private func syncBlackouts(_ dates: Set<LocalDate>, _ db: Database) throws -> ImportSummary.Counts {
        let wanted = Set(dates.map(\.description))
        let existing = Set(try String.fetchAll(db, sql: "SELECT date FROM blackouts"))
        var counts = ImportSummary.Counts(total: wanted.count)
        for date in existing.subtracting(wanted) {
            try db.execute(sql: "DELETE FROM blackouts WHERE date = ?", arguments: [date])
            counts.removed += 1
        }
        for date in wanted.subtracting(existing) {
            try db.execute(sql: "INSERT INTO blackouts (date) VALUES (?)", arguments: [date])
            counts.added += 1
        }
        return counts
    }
}
