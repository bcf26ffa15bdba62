import EnlaceCore
import EnlaceProgram
import Foundation
import Testing

/// One bad edit of the minimal program and what the refusal must say.
struct BadInput: CustomTestStringConvertible, Sendable {
    let name: String
    let file: String
    let old: String
    let new: String
    let line: Int?
    let field: String?
    let message: String

    var testDescription: String { name }
}

@Suite struct BadInputTests {
    static let cases: [BadInput] = [
        BadInput(name: "ragged row", file: "data/parents.csv", old: "no\np2", new: "no,extra\np2",
                 line: 2, field: nil, message: "has 12 cells but the header has 11 columns"),
        BadInput(name: "unknown site id", file: "data/parents.csv", old: ",wash,", new: ",jefferson,",
                 line: 3, field: "site", message: "\"jefferson\" is not a site id in data/sites.csv"),
        BadInput(name: "unknown mentor site", file: "data/mentors.csv", old: ",lincoln,", new: ",lincoln;roosevelt,",
                 line: 2, field: "sites", message: "\"roosevelt\" is not a site id"),
        BadInput(name: "duplicate id", file: "data/parents.csv", old: "\np2,", new: "\np1,",
                 line: 3, field: "id", message: "\"p1\" is already used on line 2"),
        BadInput(name: "window ending before it starts", file: "data/parents.csv", old: "TU 18:00-19:30", new: "TU 20:00-18:00",
                 line: 2, field: "availability", message: "\"TU 20:00-18:00\" ends before it starts"),
        BadInput(name: "language name instead of tag", file: "data/parents.csv", old: "vi,wash", new: "Vietnamese,wash",
                 line: 3, field: "languages", message: "\"Vietnamese\" is not a BCP 47 language tag"),
        BadInput(name: "unknown mode", file: "data/mentors.csv", old: "in_person;virtual", new: "in-person",
                 line: 2, field: "modes", message: "\"in-person\" is not a meeting mode"),
        BadInput(name: "capacity out of range", file: "data/mentors.csv", old: ",8,", new: ",0,",
                 line: 2, field: "capacity", message: "\"0\" is not a whole number from 1 to 100"),
        BadInput(name: "open_house not yes or no", file: "data/mentors.csv", old: ",yes,", new: ",sometimes,",
                 line: 2, field: "open_house", message: "\"sometimes\" is neither yes nor no"),
        BadInput(name: "missing required column", file: "data/parents.csv", old: "languages,site", new: "language,site",
                 line: 1, field: "languages", message: "the header has no \"languages\" column"),
        BadInput(name: "duplicate header", file: "data/sites.csv", old: "id,name,address", new: "id,name,name",
                 line: 1, field: "name", message: "the header names \"name\" twice"),
        BadInput(name: "unterminated quote", file: "data/sites.csv", old: "\"100 Main St, Santa Ana\"", new: "\"100 Main St, Santa Ana",
                 line: 2, field: "address", message: "a quoted cell that starts on this line is never closed"),
        BadInput(name: "empty name", file: "data/parents.csv", old: "Ana López", new: "",
                 line: 2, field: "name", message: "is empty; every row needs a name"),
        BadInput(name: "bad email", file: "data/parents.csv", old: "ana@example.org", new: "ana at example",
                 line: 2, field: "email", message: "\"ana at example\" is not an email address"),
        BadInput(name: "unknown setting", file: "enlace.toml", old: "session_minutes = 60", new: "sesion_minutes = 60",
                 line: 6, field: "sesion_minutes", message: "is not a setting Enlace knows. Did you mean \"session_minutes\"?"),
        BadInput(name: "unknown weight", file: "enlace.toml", old: "continuity = 40", new: "continuty = 40",
                 line: 9, field: "[weights] continuty", message: "is not a setting Enlace knows"),
        BadInput(name: "wrong type", file: "enlace.toml", old: "session_minutes = 60", new: "session_minutes = \"60\"",
                 line: 6, field: "session_minutes", message: "must be a whole number"),
        BadInput(name: "term ends before it starts", file: "enlace.toml", old: "term_end = 2027-06-10", new: "term_end = 2026-06-10",
                 line: 5, field: "term_end", message: "(2026-06-10) is before term_start (2026-08-17)"),
        BadInput(name: "missing time zone", file: "enlace.toml", old: "timezone = \"America/Los_Angeles\"", new: "",
                 line: nil, field: "timezone", message: "is missing; it has no default"),
        BadInput(name: "bad cadence", file: "enlace.toml", old: "session_minutes = 60", new: "cadence = \"daily\"",
                 line: 6, field: "cadence", message: "is \"daily\", which is not one of \"monthly\", \"biweekly\", \"weekly\""),
        BadInput(name: "TOML syntax", file: "enlace.toml", old: "name = \"Lincoln Parent Mentors\"", new: "name = Lincoln",
                 line: 2, field: nil, message: "not valid TOML"),
        BadInput(name: "session longer than allowed", file: "enlace.toml", old: "session_minutes = 60", new: "session_minutes = 0",
                 line: 6, field: "session_minutes", message: "is 0; it must be between 5 and 720"),
    ]

    @Test(arguments: cases)
    func refusesWithFileLineFieldAndFix(bad: BadInput) throws {
        let folder = try ProgramFolder()
        try folder.edit(bad.file, replacing: bad.old, with: bad.new)
        let error = try expectInputError(folder)
        #expect(error.file == bad.file)
        #expect(error.line == bad.line)
        #expect(error.field == bad.field)
        #expect(error.problem.contains(bad.message), "\(error.problem)")
        #expect(!error.fix.isEmpty)
    }

    @Test func refusesLatin1WithItsLine() throws {
        let folder = try ProgramFolder()
        var bytes = Array(try folder.read("data/parents.csv").utf8)
        let index = try #require(bytes.firstIndex(of: 0xC3))
        bytes.replaceSubrange(index...index + 1, with: [0xF3])
        try folder.write("data/parents.csv", bytes: bytes)
        let error = try expectInputError(folder)
        #expect(error.line == 2)
        #expect(error.problem.contains("not UTF-8"))
        #expect(error.fix.contains("CSV UTF-8"))
    }

    @Test func refusesUTF16() throws {
        let folder = try ProgramFolder()
        let text = try folder.read("data/sites.csv")
        try folder.write("data/sites.csv", bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let error = try expectInputError(folder)
        #expect(error.problem.contains("UTF-16"))
    }

    @Test func refusesNULBytes() throws {
        let folder = try ProgramFolder()
        try folder.write("data/sites.csv", bytes: Array("id,name\nlincoln,Lin".utf8) + [0] + Array("coln\n".utf8))
        let error = try expectInputError(folder)
        #expect(error.line == 2)
        #expect(error.problem.contains("NUL"))
    }

    @Test func refusesAMissingFile() throws {
        let folder = try ProgramFolder()
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("data/mentors.csv"))
        let error = try expectInputError(folder)
        #expect(error.file == "data/mentors.csv")
        #expect(error.problem.contains("is missing"))
    }

    @Test func refusesAnOpenHouseCalendarForAnUnknownSite() throws {
        let folder = try ProgramFolder()
        try folder.write("calendars/open-houses/roosevelt.ics", try folder.read("calendars/open-houses/lincoln.ics"))
        let error = try expectInputError(folder)
        #expect(error.file == "calendars/open-houses/roosevelt.ics")
        #expect(error.problem.contains("\"roosevelt\", which is not in data/sites.csv"))
    }
}
