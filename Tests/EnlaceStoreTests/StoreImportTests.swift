import EnlaceCore
import EnlaceStore
import Foundation
import Testing

@Suite struct StoreImportTests {
    static func program(parents: [Parent]) -> LoadedProgram {
        let settings = ProgramSettings(name: "Test", timezone: "America/Los_Angeles",
                                       termStart: LocalDate(year: 2026, month: 8, day: 17)!,
                                       termEnd: LocalDate(year: 2027, month: 6, day: 10)!)
        let site = Site(id: "lincoln", name: "Lincoln Elementary", address: nil)
        let mentor = Mentor(id: "m1", name: "Rosa", languages: [LanguageTag("es")!], sites: ["lincoln"],
                            modes: [.inPerson, .virtual], capacity: 8,
                            availability: try! Availability(parsing: "TU 18:00-20:00"), attendsOpenHouses: true, topics: [])
        let program = Program(settings: settings, sites: [site], mentors: [mentor], parents: parents,
                              openHouses: [], blackouts: [LocalDate(year: 2026, month: 9, day: 7)!])
        return LoadedProgram(program: program, mentorContacts: [:],
                             parentContacts: Dictionary(uniqueKeysWithValues: parents.map { ($0.id, Contact(email: nil, phone: "555-0100")) }),
                             warnings: [], inputFingerprint: "0", settingsText: "name = \"Test\"")
    }

    static func parent(_ id: String, name: String = "Ana") -> Parent {
        Parent(id: ParentID(id), name: name, languages: [LanguageTag("es")!], site: "lincoln", modes: [.inPerson],
               availability: try! Availability(parsing: "TU 18:00-20:00"), attendsOpenHouses: false, topics: ["college"])
    }

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("enlace-store-\(UInt64.random(in: 0...UInt64.max)).sqlite").path
    }

    @Test func reimportingTheSameProgramChangesNothing() throws {
        let store = try Store(path: Self.temporaryDatabase())
        let loaded = Self.program(parents: [Self.parent("p1"), Self.parent("p2")])
        let first = try store.importProgram(loaded, importedAt: "t1")
        #expect(first.parents.added == 2 && first.sites.added == 1 && first.blackouts.added == 1)
        let second = try store.importProgram(loaded, importedAt: "t2")
        #expect(!second.changedAnything)
        #expect(second.parents.total == 2)
    }

    @Test func updatesChangedRowsAndRemovesMissingOnes() throws {
        let store = try Store(path: Self.temporaryDatabase())
        _ = try store.importProgram(Self.program(parents: [Self.parent("p1"), Self.parent("p2")]), importedAt: "t1")
        let summary = try store.importProgram(Self.program(parents: [Self.parent("p1", name: "Ana María"), Self.parent("p3")]),
                                              importedAt: "t2")
        #expect(summary.parents == ImportSummary.Counts(added: 1, updated: 1, removed: 1, total: 2))
        #expect(try store.parentIDs() == ["p1", "p3"])
    }

    @Test func databaseFileIsPrivateToItsOwner() throws {
        let path = Self.temporaryDatabase()
        _ = try Store(path: path)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }
}
