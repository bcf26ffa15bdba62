import EnlaceCore
import EnlaceProgram
import Foundation
import Testing

@Suite struct ProgramLoaderTests {
    @Test func loadsTheMinimalProgram() throws {
        let folder = try ProgramFolder()
        let loaded = try testLoader(folder.url).load()
        let program = loaded.program
        #expect(program.settings.name == "Lincoln Parent Mentors")
        #expect(program.settings.sessionMinutes == 60)
        #expect(program.settings.weights.continuity == 40)
        #expect(program.settings.weights.matched == 100)
        #expect(program.sites.map(\.id) == ["lincoln", "wash"])
        #expect(program.sites[0].address == "100 Main St, Santa Ana")
        #expect(program.mentors.map(\.name) == ["Rosa Martínez", "Minh Tran"])
        #expect(program.mentors[1].sites.isEmpty)
        #expect(program.mentors[0].availability.description == "TU 18:00-20:00; SA 09:00-12:00")
        #expect(program.parents[1].name == "Nguyễn, Lan")
        #expect(program.parents[0].preferredLanguage.tag == "es-MX")
        #expect(program.parents[1].attributes == ["needs_interpreter": "yes"])
        #expect(loaded.parentContacts["p1"] == Contact(email: "ana@example.org", phone: "555-0102"))
        #expect(program.blackouts == [LocalDate(year: 2026, month: 9, day: 7)!])
        #expect(program.openHouses.map(\.start.description) == ["2026-09-10T17:00", "2026-10-08T17:00", "2026-11-12T17:00"])
        #expect(loaded.warnings.contains { $0.description.contains("\"needs_interpreter\"") })
    }

    @Test func fingerprintFollowsTheInputs() throws {
        let folder = try ProgramFolder()
        let first = try testLoader(folder.url).load().inputFingerprint
        #expect(try testLoader(folder.url).load().inputFingerprint == first)
        try folder.edit("data/parents.csv", replacing: "Ana López", with: "Ana Lopez")
        #expect(try testLoader(folder.url).load().inputFingerprint != first)
    }

    @Test func acceptsByteOrderMarkAndCRLF() throws {
        let folder = try ProgramFolder()
        let text = try folder.read("data/sites.csv").replacingOccurrences(of: "\n", with: "\r\n")
        try folder.write("data/sites.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let program = try testLoader(folder.url).load().program
        #expect(program.sites.map(\.id) == ["lincoln", "wash"])
    }

    @Test func multilineCellsKeepLineNumbersRight() throws {
        let folder = try ProgramFolder()
        try folder.edit("data/sites.csv", replacing: "\"100 Main St, Santa Ana\"", with: "\"100 Main St\nSanta Ana\"")
        try folder.edit("data/sites.csv", replacing: "wash,", with: ",")
        let error = try expectInputError(folder)
        #expect(error.line == 4)
        #expect(error.field == "id")
    }
}

/// Loads the folder and returns the `InputError` it must throw.
func expectInputError(_ folder: ProgramFolder, sourceLocation: SourceLocation = #_sourceLocation) throws -> InputError {
    do {
        _ = try testLoader(folder.url).load()
    } catch {
        return error
    }
    Issue.record("expected the program to be refused", sourceLocation: sourceLocation)
    throw CancellationError()
}
