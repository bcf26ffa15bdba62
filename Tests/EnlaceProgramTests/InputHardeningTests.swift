import EnlaceCore
@testable import EnlaceProgram
import Foundation
import Testing

/// Issue 27 on the CSV side: ids in two Unicode spellings, invisible and bidirectional characters,
/// cells and files without bounds, semicolons, pipes; and the rules of topics.csv and keep_apart_from.
@Suite struct InputHardeningTests {
    static let parentsHeader = "id,name,email,phone,languages,site,modes,availability,open_house,topics,needs_interpreter\n"

    func parents(_ rows: [String], header: String = parentsHeader) throws -> ProgramFolder {
        let folder = try ProgramFolder()
        try folder.write("data/parents.csv", header + rows.joined(separator: "\n") + "\n")
        return folder
    }

    func load(_ folder: ProgramFolder) throws -> LoadedProgram {
        try ProgramLoader(folder: folder.url, calendars: .inProcess).load()
    }

    func refusal(_ folder: ProgramFolder, sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
        do {
            _ = try load(folder)
            Issue.record("accepted", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error as? InputError
        }
    }

    static let row2 = "p2,\"Nguyễn, Lan\",,,vi,wash,virtual,TH 18:00-21:00,no,biliteracy,yes"

    /// Issue 27: the same id in NFC and NFD was stored twice (and failed as a raw foreign-key error).
    @Test func idsInTwoUnicodeSpellingsAreOneId() throws {
        let composed = "Jos\u{E9}-1", decomposed = "Jos\u{65}\u{301}-1"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let folder = try parents(["\(composed),Ana,,,es,lincoln,in_person,TU 18:00-19:30,yes,college,no",
                                  "\(decomposed),Eva,,,es,lincoln,in_person,TU 18:00-19:30,yes,college,no"])
        let error = try #require(refusal(folder))
        #expect(error.file == "data/parents.csv" && error.line == 3 && error.field == "id")
        #expect(error.problem.contains("is already used on line 2 (written there with other Unicode characters that look the same"), "\(error)")
    }

    @Test func idsAreStoredInNormalFormC() throws {
        let folder = try ProgramFolder()
        try folder.write("data/sites.csv", "id,name,address\nlincoln,Lincoln Elementary,\nwash,Washington Middle,\nju\u{E1}rez,Ju\u{E1}rez ES,\n")
        try folder.write("data/parents.csv", Self.parentsHeader + "Jos\u{65}\u{301},Ana,,,es,jua\u{301}rez,in_person,TU 18:00-19:30,yes,colle\u{301}ge,no\n" + Self.row2 + "\n")
        // macOS names files decomposed.
        try folder.write("calendars/open-houses/jua\u{301}rez.ics", try folder.read("calendars/open-houses/lincoln.ics"))
        let program = try load(folder).program
        let parent = try #require(program.parents.first { $0.name == "Ana" })
        #expect(Array(parent.id.rawValue.utf8) == Array("Jos\u{E9}".utf8))
        #expect(Array(parent.site.rawValue.utf8) == Array("ju\u{E1}rez".utf8))
        #expect(Array(parent.topics[0].rawValue.utf8) == Array("coll\u{E9}ge".utf8))
        #expect(program.openHouses.contains { Array($0.site.rawValue.utf8) == Array("ju\u{E1}rez".utf8) })
    }

    @Test(arguments: [
        ("p\u{200B}1", "id", "contains U+200B ZERO WIDTH SPACE, an invisible character"),
        ("p\u{202E}1", "id", "contains U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u{3164}", "id", "is made only of invisible characters"),
        (String(repeating: "p", count: 101), "id", "is 101 characters long; an id has at most 100"),
    ])
    func refusesIdsThatHideCharacters(id: String, field: String, message: String) throws {
        let error = try #require(refusal(try parents(["\(id),Ana,,,es,lincoln,in_person,TU 18:00-19:30,yes,,no", Self.row2])))
        #expect(error.line == 2 && error.field == field, "\(error)")
        #expect(error.problem.contains(message), "\(error)")
    }

    @Test(arguments: [
        ("\u{200B}\u{3164}", "is made only of invisible characters (spaces, zero-width or formatting characters)"),
        ("\u{00A0}\u{2800}", "is made only of invisible characters"),
        ("\"Ana\nLópez\"", "contains U+000A (line feed), a control character, which a one-line value cannot hold"),
        ("Ana\u{1B}[2J", "contains U+001B (a control character)"),
        (String(repeating: "a", count: 201), "is 201 characters long; the limit is 200"),
    ])
    func refusesNamesThatShowNothingOrMore(name: String, message: String) throws {
        let error = try #require(refusal(try parents(["p1,\(name),,,es,lincoln,in_person,TU 18:00-19:30,yes,,no", Self.row2])))
        #expect(error.line == 2 && error.field == "name", "\(error)")
        #expect(error.problem.contains(message), "\(error)")
    }

    @Test func removesBidirectionalControlsFromTextAndSaysSo() throws {
        let folder = try parents(["p1,\u{202E}Ana\u{202C} López,,,es,lincoln,in_person,TU 18:00-19:30,yes,,\u{200F}no",
                                  "p2,\u{2067}عائشة\u{2069},,,ar,wash,virtual,TH 18:00-21:00,no,,yes"])
        let loaded = try load(folder)
        #expect(loaded.program.parents.map(\.name) == ["Ana López", "عائشة"])
        #expect(loaded.program.parents[0].attributes["needs_interpreter"] == "no")
        let warning = try #require(loaded.warnings.first { $0.message.contains("bidirectional formatting characters") })
        #expect(warning.file == "data/parents.csv" && warning.line == 2 && warning.message.contains("removed from 3 cells (first in column \"name\")"), "\(warning)")
    }

    @Test func addressesKeepTheirLineBreaksAsLF() throws {
        let folder = try ProgramFolder()
        try folder.write("data/sites.csv", "id,name,address\nlincoln,Lincoln Elementary,\"100 Main St\r\nSanta Ana\"\nwash,Washington Middle,\n")
        #expect(try load(folder).program.sites[0].address.map { Array($0.unicodeScalars) } == Array("100 Main St\nSanta Ana".unicodeScalars))
        #expect(CellReader.unixLineBreaks("a\r\nb\rc\nd\r") == "a\nb\nc\nd\n")
    }

    /// Issue 27: a semicolon-separated file was refused as "has 2 cells but the header has 1 columns".
    @Test(arguments: [(";", "semicolon"), ("\t", "tab")])
    func namesTheSeparatorOfAFileThatIsNotCommaSeparated(separator: String, name: String) throws {
        let folder = try ProgramFolder()
        let text = try folder.read("data/mentors.csv").replacingOccurrences(of: ",", with: separator)
        try folder.write("data/mentors.csv", text.replacingOccurrences(of: "Martínez", with: "\"Martínez; R\""))
        let error = try #require(refusal(folder))
        #expect(error.file == "data/mentors.csv" && error.line == 1, "\(error)")
        #expect(error.problem.contains("looks \(name)-separated: its header has no comma but 10 \(name)s"), "\(error)")
        #expect(error.fix.contains("Comma delimited"))
    }

    @Test func refusesMoreRowsThanTheFileAllows() throws {
        let folder = try ProgramFolder()
        var text = "id,title\n"
        for index in 0...InputLimits.topics { text += "t\(index),Topic \(index)\n" }
        try folder.write("data/topics.csv", text)
        let error = try #require(refusal(folder))
        #expect(error.file == "data/topics.csv" && error.line == InputLimits.topics + 2, "\(error)")
        #expect(error.problem.contains("has more than 10,000 rows"), "\(error)")
    }

    @Test func readsTopics() throws {
        let folder = try ProgramFolder()
        try folder.write("data/topics.csv", """
            id,title,description,required,from,until,title@es,description@es,title@zh-Hant,owner
            funding,State funding for English learners,"How LCFF money
            reaches your school",yes,10-01,03-31,Fondos estatales,,經費,budget office
            college,College access,,no,,02-29,Acceso a la universidad,Cómo solicitar,,

            """)
        let loaded = try load(folder)
        let topics = loaded.program.topics
        #expect(topics.map(\.id) == ["college", "funding"])
        #expect(topics[1].required && !topics[0].required)
        #expect(topics[1].description == "How LCFF money\nreaches your school")
        #expect(topics[1].window == TopicWindow(from: MonthDay("10-01"), until: MonthDay("03-31")))
        #expect(topics[0].window == TopicWindow(from: nil, until: MonthDay("02-29")))
        #expect(topics[1].titles.map(\.text) == ["Fondos estatales", "經費"] && topics[1].descriptions.isEmpty)
        #expect(topics[0].descriptions.map(\.text) == ["Cómo solicitar"])
        #expect(topics[1].attributes == ["owner": "budget office"])
        // The minimal program asks for college, funding (m1) and biliteracy (p2).
        let undefined = loaded.warnings.filter { $0.message.contains("does not define it") }
        #expect(undefined.count == 1 && undefined[0].file == "data/parents.csv" && undefined[0].line == 3, "\(undefined)")
        #expect(undefined[0].message.contains("topic \"biliteracy\" is asked for in 1 row (first on line 3) but data/topics.csv does not define it"))
        #expect(loaded.warnings.contains { $0.file == "data/topics.csv" && $0.message.contains("\"owner\"") })
        #expect(!loaded.warnings.contains { $0.message.contains("\"title@es\"") })
    }

    @Test func mentorsDisplayNameIsKeptWithoutANote() throws {
        let folder = try ProgramFolder()
        try folder.write("data/mentors.csv", """
            id,name,email,phone,languages,sites,modes,capacity,availability,open_house,topics,display_name,shirt
            m1,فاطمة منصور,,,ar;en,lincoln,in_person;virtual,8,TU 18:00-20:00,yes,,Fatima,M
            m2,Minh Tran,,,vi;en,,virtual,4,TH 18:00-20:00,no,,,L

            """)
        let loaded = try load(folder)
        #expect(loaded.program.mentors.map { $0.attributes["display_name"] } == ["Fatima", ""])
        let notes = loaded.warnings.filter { $0.file == "data/mentors.csv" && $0.message.contains("kept as custom attributes") }
        #expect(notes.count == 1 && notes[0].message.contains("\"shirt\"") && !notes[0].message.contains("display_name"))
    }

    @Test func withoutTopicsFileThereAreNoTopicsAndNoWarnings() throws {
        let loaded = try load(try ProgramFolder())
        #expect(loaded.program.topics.isEmpty)
        #expect(!loaded.warnings.contains { $0.message.contains("does not define it") })
    }

    @Test(arguments: [
        ("id,title,title@espanol\nfunding,Funding,Fondos\n", 1, "title@espanol", "\"espanol\" after \"@\" is not a BCP 47 language tag"),
        ("id,title,title@es,title@ES\nfunding,Funding,Fondos,Fondos\n", 1, "title@ES", "repeats the translation title@ES"),
        ("id,title,from\nfunding,Funding,02-30\n", 2, "from", "\"02-30\" is not a month and day written MM-DD"),
        ("id,title,until\nfunding,Funding,2027-03-01\n", 2, "until", "is not a month and day written MM-DD"),
        ("id,title,required\nfunding,Funding,maybe\n", 2, "required", "\"maybe\" is neither yes nor no"),
        ("id,title\nfunding,Funding\nfunding,Fondos\n", 3, "id", "\"funding\" is already used on line 2"),
        ("id,title\nfunding,\u{200B}\n", 2, "title", "is made only of invisible characters"),
        ("id,description\nfunding,x\n", 1, "title", "the header has no \"title\" column"),
    ])
    func refusesBadTopics(text: String, line: Int, field: String, message: String) throws {
        let folder = try ProgramFolder()
        try folder.write("data/topics.csv", text)
        let error = try #require(refusal(folder))
        #expect(error.file == "data/topics.csv" && error.line == line && error.field == field, "\(error)")
        #expect(error.problem.contains(message), "\(error)")
    }

    @Test func keepApartFromNamesKnownParents() throws {
        let header = Self.parentsHeader.replacingOccurrences(of: "needs_interpreter", with: "needs_interpreter,keep_apart_from")
        let folder = try parents(["p1,Ana,,,es,lincoln,in_person,TU 18:00-19:30,yes,,no, p2 ;P\u{E9}",
                                  Self.row2 + ",", "Pe\u{301},Eva,,,es,lincoln,in_person,TU 18:00-19:30,yes,,no,"], header: header)
        let program = try load(folder).program
        #expect(program.parents.first { $0.name == "Ana" }?.attributes["keep_apart_from"] == "p2;P\u{E9}")
        #expect(program.parents.first { $0.name == "Eva" }?.attributes["keep_apart_from"] == "")
    }

    @Test(arguments: [
        ("p1,Ana,,,es,lincoln,in_person,TU 18:00-19:30,yes,,no,p9", 2, "\"p9\" is not a parent id in data/parents.csv"),
        ("p1,Ana,,,es,lincoln,in_person,TU 18:00-19:30,yes,,no,p2;p1", 2, "names the row's own parent \"p1\""),
        ("p1,Ana,,,es,lincoln,in_person,TU 18:00-19:30,yes,,no,P2", 2, "\"P2\" is not a parent id"),
    ])
    func refusesKeepApartFromUnknownOrSelf(row: String, line: Int, message: String) throws {
        let header = Self.parentsHeader.replacingOccurrences(of: "needs_interpreter", with: "needs_interpreter,keep_apart_from")
        let error = try #require(refusal(try parents([row, Self.row2 + ","], header: header)))
        #expect(error.file == "data/parents.csv" && error.line == line && error.field == "keep_apart_from", "\(error)")
        #expect(error.problem.contains(message), "\(error)")
    }

    @Test func warnsAboutSurprisingWeightsAtImport() throws {
        let folder = try ProgramFolder()
        try folder.edit("enlace.toml", replacing: "continuity = 40", with: "continuity = 40\ngroup = 25")
        let warning = try #require(try load(folder).warnings.first { $0.file == "enlace.toml" })
        #expect(warning.line == 10 && warning.message.contains("a reward for every group"), "\(warning)")
    }

    /// Issue 27: `check-calendar` on a FIFO hung; the loader read files the same way.
    @Test func refusesAPipeInsteadOfWaitingOnIt() async throws {
        let folder = try ProgramFolder()
        let path = folder.url.appendingPathComponent("data/parents.csv").path
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o600) == 0)
        let loader = ProgramLoader(folder: folder.url, calendars: .inProcess)
        let outcome = Task.detached { () -> InputError? in
            do { _ = try loader.load(); return nil } catch { return error as? InputError }
        }
        // Without the fix the read blocks until a writer comes: after 10 s, be that writer.
        let deadline = Task.detached {
            try await Task.sleep(for: .seconds(10))
            let fd = open(path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        let error = await outcome.value
        deadline.cancel()
        #expect(error?.file == "data/parents.csv" && error?.problem.contains("is a named pipe (FIFO), not a file") == true, "\(String(describing: error))")
    }

    @Test func readsAtMostOneBytePastTheLimit() throws {
        let folder = try ProgramFolder()
        let path = folder.url.appendingPathComponent("big").path
        try Data(repeating: 65, count: 200_000).write(to: URL(fileURLWithPath: path))
        #expect(try InputFile.read(path: path, file: "big", limit: 100).count == 101)
        #expect(try InputFile.read(path: path, file: "big", limit: 500_000).count == 200_000)
        #expect(throws: InputError.self) { try InputFile.read(path: "/dev/zero", file: "zero", limit: 10) }
        #expect(throws: InputError.self) { try InputFile.read(path: folder.url.path, file: "folder", limit: 10) }
    }
}
