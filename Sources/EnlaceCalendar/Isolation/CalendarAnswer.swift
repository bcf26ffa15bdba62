import EnlaceCore
import Foundation

/// What a calendar file is read for, and the arguments of the hidden `enlace _read-calendar`.
public struct CalendarRequest: Sendable, Equatable {
    /// What the file holds.
    public enum Kind: String, Sendable, CaseIterable {
        case openHouses = "open-houses"
        case blackouts
    }

    public var kind: Kind
    /// The display path used in messages, e.g. `calendars/open-houses/lincoln.ics`.
    public var file: String
    /// The site of an open-house calendar (ignored for blackouts).
    public var site: SiteID
    /// The program's IANA time zone.
    public var timezone: String
    public var term: ClosedRange<LocalDate>

    public init(kind: Kind, file: String, site: SiteID = "", timezone: String, term: ClosedRange<LocalDate>) {
        self.kind = kind
        self.file = file
        self.site = site
        self.timezone = timezone
        self.term = term
    }

    /// The child's command line, after the executable. `--name=value`, so that a value starting
    /// with `-` (a file or site name) is never taken for an option; an empty site is left out
    /// (`--site=` is refused as a missing value).
    var arguments: [String] {
        [CalendarAnswer.subcommand, "--kind=\(kind.rawValue)", "--timezone=\(timezone)",
         "--term-start=\(term.lowerBound)", "--term-end=\(term.upperBound)", "--file=\(file)"]
            + (site.rawValue.isEmpty ? [] : ["--site=\(site.rawValue)"])
    }
}

/// What reading one calendar gave: open houses or blackout dates, and warnings.
public struct CalendarReading: Sendable, Equatable {
    public var openHouses: [OpenHouse] = []
    public var dates: Set<LocalDate> = []
    public var warnings: [InputWarning] = []

    public init(openHouses: [OpenHouse] = [], dates: Set<LocalDate> = [], warnings: [InputWarning] = []) {
        self.openHouses = openHouses
        self.dates = dates
        self.warnings = warnings
    }
}

/// The child's answer on stdout: one compact JSON object, either a reading or the `InputError`
/// fields of a refusal. Times are local minutes since 1970, dates `YYYY-MM-DD`.
///
/// Only this module writes and reads it, and the parent and the child are the same executable,
/// so the format needs no versioning.
public enum CalendarAnswer {
    /// The hidden subcommand that answers a `CalendarRequest`.
    public static let subcommand = "_read-calendar"

    struct Wire: Codable {
        struct Event: Codable { var start: Int, end: Int, title: String, uid: String }
        struct Warning: Codable { var file: String, line: Int?, message: String }
        struct Refusal: Codable { var file: String, line: Int?, field: String?, problem: String, fix: String }
        var file: String
        var events: [Event]?
        var dates: [String]?
        var warnings: [Warning]?
        var error: Refusal?
    }

    /// Reads `ics` in this process (the child's side) and encodes the outcome.
    public static func answer(_ request: CalendarRequest, ics: [UInt8]) -> [UInt8] {
        var wire = Wire(file: request.file)
        do {
            let reader = try CalendarReader(programTimeZone: request.timezone)
            let reading = try reader.read(request, ics: ics)
            wire.events = reading.openHouses.map {
                .init(start: $0.start.minutes, end: $0.end.minutes, title: $0.title, uid: $0.sourceUID)
            }
            wire.dates = reading.dates.sorted().map(\.description)
            wire.warnings = reading.warnings.map { .init(file: $0.file, line: $0.line, message: $0.message) }
        } catch {
            wire.error = .init(file: error.file, line: error.line, field: error.field, problem: error.problem, fix: error.fix)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(wire)) ?? Data("{}".utf8))
    }

    /// Decodes a child's answer for `request`: the reading, or the refusal it reports.
    ///
    /// - Returns: nil when the bytes are not a well-formed answer about this file.
    static func decode(_ bytes: [UInt8], for request: CalendarRequest) -> Result<CalendarReading, InputError>? {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: Data(bytes)), wire.file == request.file else { return nil }
        if let refusal = wire.error {
            return .failure(InputError(file: refusal.file, line: refusal.line, field: refusal.field,
                                       problem: refusal.problem, fix: refusal.fix))
        }
        var dates = Set<LocalDate>()
        for text in wire.dates ?? [] {
            guard let date = LocalDate(iso: text) else { return nil }
            dates.insert(date)
        }
        let events = (wire.events ?? []).map {
            OpenHouse(site: request.site, start: LocalDateTime(minutes: $0.start), end: LocalDateTime(minutes: $0.end),
                      title: $0.title, sourceUID: $0.uid)
        }
        // An event without DTEND or DURATION lasts no time (RFC 5545), so an open house may end
        // when it starts; only one that ends before it starts is nonsense.
        guard events.allSatisfy({ $0.end >= $0.start }) else { return nil }
        let warnings = (wire.warnings ?? []).map { InputWarning(file: $0.file, line: $0.line, message: $0.message) }
        return .success(CalendarReading(openHouses: events, dates: dates, warnings: warnings))
    }
}

/// Several calendars for one child (`enlace _read-calendars`): on stdin a JSON line describing
/// each file (its request and byte count), then the files' bytes one after another; on stdout one
/// `CalendarAnswer` line per file, in the same order. Starting a child costs more than reading a
/// typical calendar (about 25 ms against a few), and a district has a calendar per site.
public enum CalendarBatch {
    /// The hidden subcommand that answers a batch.
    public static let subcommand = "_read-calendars"

    struct Entry: Codable {
        var kind: String, file: String, site: String, timezone: String, termStart: String, termEnd: String, bytes: Int
    }

    /// The child's input for `requests`.
    static func input(_ requests: [(request: CalendarRequest, ics: [UInt8])]) -> [UInt8] {
        let entries = requests.map { request, ics in
            Entry(kind: request.kind.rawValue, file: request.file, site: request.site.rawValue, timezone: request.timezone,
                  termStart: request.term.lowerBound.description, termEnd: request.term.upperBound.description, bytes: ics.count)
        }
        var input = Array((try? JSONEncoder().encode(entries)) ?? Data("[]".utf8))
        input.append(UInt8(ascii: "\n"))
        for (_, ics) in requests { input += ics }
        return input
    }

    /// The child's side: each request of `input` with its bytes, or nil when the input is not a batch.
    public static func requests(in input: [UInt8]) -> [(request: CalendarRequest, ics: [UInt8])]? {
        guard let newline = input.firstIndex(of: UInt8(ascii: "\n")),
              let entries = try? JSONDecoder().decode([Entry].self, from: Data(input[..<newline])) else { return nil }
        var offset = newline + 1
        var requests: [(request: CalendarRequest, ics: [UInt8])] = []
        for entry in entries {
            guard let kind = CalendarRequest.Kind(rawValue: entry.kind), let start = LocalDate(iso: entry.termStart),
                  let end = LocalDate(iso: entry.termEnd), start <= end, entry.bytes >= 0, offset + entry.bytes <= input.count else { return nil }
            let request = CalendarRequest(kind: kind, file: entry.file, site: SiteID(entry.site), timezone: entry.timezone, term: start...end)
            requests.append((request, Array(input[offset..<offset + entry.bytes])))
            offset += entry.bytes
        }
        return offset == input.count ? requests : nil
    }

    /// Decodes a batch child's output: one reading or refusal per request, or nil when the output
    /// is not one well-formed answer per file, in order.
    static func decode(_ output: [UInt8], for requests: [CalendarRequest]) -> [Result<CalendarReading, InputError>]? {
        let lines = output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == requests.count + 1, lines.last?.isEmpty == true else { return nil }
        var results: [Result<CalendarReading, InputError>] = []
        for (line, request) in zip(lines, requests) {
            guard let result = CalendarAnswer.decode(Array(line), for: request) else { return nil }
            results.append(result)
        }
        return results
    }
}

extension CalendarReader {
    /// Reads one calendar in this process, for `request`.
    ///
    /// - Throws: `InputError` as `openHouses` and `blackoutDates` do.
    public func read(_ request: CalendarRequest, ics: [UInt8]) throws(InputError) -> CalendarReading {
        switch request.kind {
        case .openHouses:
            let (houses, warnings) = try openHouses(ics: ics, file: request.file, site: request.site, term: request.term)
            return CalendarReading(openHouses: houses, warnings: warnings)
        case .blackouts:
            let (dates, warnings) = try blackoutDates(ics: ics, file: request.file, term: request.term)
            return CalendarReading(dates: dates, warnings: warnings)
        }
    }
}
