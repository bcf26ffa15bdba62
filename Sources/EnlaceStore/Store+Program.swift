import EnlaceCore
import Foundation
import GRDB

/// The program as the last import stored it: what `enlace match` matched, so that publishing
/// and explaining a run read the same people and places without reading the folder again.
public struct StoredProgram: Sendable {
    /// The text of `enlace.toml` (the settings are parsed by the caller, which owns that format).
    public var settingsTOML: String
    public var sites: [Site]
    public var mentors: [Mentor]
    public var parents: [Parent]
    public var openHouses: [OpenHouse]
    public var blackouts: Set<LocalDate>
    /// The curriculum's topics, by id (empty for a program without data/topics.csv).
    public var topics: [Topic] = []

    /// The program with `settings` (parsed from `settingsTOML`).
    public func program(settings: ProgramSettings) -> Program {
        Program(settings: settings, sites: sites, mentors: mentors, parents: parents, openHouses: openHouses, blackouts: blackouts,
                topics: topics)
    }
}

extension Store {
    /// The stored program, or nil before the first import.
    ///
    /// - Throws: `StoreError` when a stored value no longer parses (the database was edited by hand).
    public func storedProgram() throws -> StoredProgram? {
        try read { db in
            guard let toml = try String.fetchOne(db, sql: "SELECT toml FROM program_settings WHERE id = 1") else { return nil }
            let sites = try Row.fetchAll(db, sql: "SELECT id, name, address, attributes FROM sites ORDER BY id").map {
                Site(id: SiteID($0[0]), name: $0[1], address: $0[2], attributes: try Decode.attributes($0[3]))
            }
            var sitesOfMentor: [String: [SiteID]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT mentor_id, site_id FROM mentor_sites ORDER BY mentor_id, position") {
                sitesOfMentor[row[0], default: []].append(SiteID(row[1]))
            }
            let mentors = try Row.fetchAll(db, sql: """
                SELECT id, name, languages, modes, capacity, availability, open_house, topics, attributes FROM mentors ORDER BY id
                """).map { row in
                let id: String = row[0]
                return Mentor(id: MentorID(id), name: row[1], languages: try Decode.languages(row[2]), sites: sitesOfMentor[id] ?? [],
                              modes: try Decode.modes(row[3]), capacity: row[4], availability: try Decode.availability(row[5]),
                              attendsOpenHouses: (row[6] as Int) != 0, topics: Coding.topicList(row[7]), attributes: try Decode.attributes(row[8]))
            }
            let parents = try Row.fetchAll(db, sql: """
                SELECT id, name, languages, site_id, modes, availability, open_house, topics, attributes FROM parents ORDER BY id
                """).map { row in
                Parent(id: ParentID(row[0]), name: row[1], languages: try Decode.languages(row[2]), site: SiteID(row[3]),
                       modes: try Decode.modes(row[4]), availability: try Decode.availability(row[5]),
                       attendsOpenHouses: (row[6] as Int) != 0, topics: Coding.topicList(row[7]), attributes: try Decode.attributes(row[8]))
            }
            let openHouses = try Row.fetchAll(db, sql: "SELECT site_id, start_minute, end_minute, title, source_uid FROM open_houses").map {
                OpenHouse(site: SiteID($0[0]), start: LocalDateTime(minutes: $0[1]), end: LocalDateTime(minutes: $0[2]), title: $0[3], sourceUID: $0[4])
            }
            let blackouts = Set(try String.fetchAll(db, sql: "SELECT date FROM blackouts").compactMap { LocalDate(iso: $0) })
            return StoredProgram(settingsTOML: toml, sites: sites, mentors: mentors, parents: parents, openHouses: openHouses,
                                 blackouts: blackouts, topics: try storedTopics(db))
        }
    }

    private func storedTopics(_ db: Database) throws -> [Topic] {
        try Row.fetchAll(db, sql: """
            SELECT id, title, description, required, window_from, window_until, titles, descriptions, attributes FROM topics ORDER BY id
            """).map { row in
            Topic(id: TopicID(row[0]), title: row[1], description: row[2], required: (row[3] as Int) != 0,
                  window: TopicWindow(from: try Decode.monthDay(row[4]), until: try Decode.monthDay(row[5])),
                  titles: try Decode.texts(row[6]), descriptions: try Decode.texts(row[7]), attributes: try Decode.attributes(row[8]))
        }
    }
}

/// The inverse of `Coding`: stored columns back to values.
private enum Decode {
    static func languages(_ text: String) throws -> [LanguageTag] {
        try text.split(separator: ";").map { tag in
            guard let language = LanguageTag(String(tag)) else { throw corrupt("language tag", text) }
            return language
        }
    }

    static func modes(_ text: String) throws -> Set<MeetingMode> {
        Set(try text.split(separator: ";").map { mode in
            guard let value = MeetingMode(rawValue: String(mode)) else { throw corrupt("meeting mode", text) }
            return value
        })
    }

    static func availability(_ text: String) throws -> Availability {
        do { return try Availability(parsing: text) } catch { throw corrupt("availability", text) }
    }

    static func monthDay(_ text: String?) throws -> MonthDay? {
        guard let text else { return nil }
        guard let value = MonthDay(text) else { throw corrupt("topic window", text) }
        return value
    }

    static func texts(_ text: String) throws -> [TopicText] {
        let pairs: [[String]]
        do { pairs = try JSONDecoder().decode([[String]].self, from: Data(text.utf8)) } catch { throw corrupt("topic translation", text) }
        return try pairs.map { pair in
            guard pair.count == 2, let language = LanguageTag(pair[0]) else { throw corrupt("topic translation", text) }
            return TopicText(language: language, text: pair[1])
        }
    }

    static func attributes(_ text: String) throws -> [String: String] {
        do { return try JSONDecoder().decode([String: String].self, from: Data(text.utf8)) } catch { throw corrupt("custom attributes", text) }
    }

    private static func corrupt(_ what: String, _ text: String) -> StoreError {
        StoreError(description: "a stored \(what) (\"\(text.prefix(60))\") does not parse; the database was changed by hand. Run `enlace import` to store the program again")
    }
}
