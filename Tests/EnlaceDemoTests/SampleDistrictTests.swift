import EnlaceCore
@testable import EnlaceDemo
import Testing

@Suite struct SampleDistrictTests {
    let files = SampleDistrict.files()

    @Test func sameSeedGivesIdenticalFiles() {
        #expect(SampleDistrict.files(seed: 2026) == files)
    }

    @Test func anotherSeedGivesAnotherDistrict() {
        let other = SampleDistrict.files(seed: 7)
        #expect(other["data/parents.csv"] != files["data/parents.csv"])
        #expect(other["data/mentors.csv"] != files["data/mentors.csv"])
        // Calendars do not depend on the seed: they are the repository's example calendars.
        #expect(other["calendars/blackouts.ics"] == files["calendars/blackouts.ics"])
    }

    @Test func folderHasTheSpecLayout() {
        let paths = Set(files.map(\.path))
        for path in ["enlace.toml", "data/sites.csv", "data/mentors.csv", "data/parents.csv",
                     "calendars/blackouts.ics", "calendars/open-houses/jacaranda-es.ics",
                     "calendars/open-houses/rio-vista-es.ics", "calendars/open-houses/mesa-verde-ms.ics",
                     "calendars/open-houses/valle-del-sol-hs.ics"] {
            #expect(paths.contains(path), "missing \(path)")
        }
        // The district office has no open houses at all.
        #expect(!paths.contains("calendars/open-houses/district-office.ics"))
    }

    @Test func defaultSizes() {
        #expect(Table(files["data/sites.csv"]).rows.count == 5)
        #expect(Table(files["data/mentors.csv"]).rows.count == 25)
        #expect(Table(files["data/parents.csv"]).rows.count == 250)
    }

    @Test func headersAreTheSpecColumns() {
        #expect(Table(files["data/sites.csv"]).header == ["id", "name", "address"])
        #expect(Table(files["data/mentors.csv"]).header == ["id", "name", "email", "phone", "languages", "sites",
                                                            "modes", "capacity", "availability", "open_house", "topics"])
        #expect(Table(files["data/parents.csv"]).header == ["id", "name", "email", "phone", "languages", "site", "modes",
                                                            "availability", "open_house", "topics", "needs_interpreter"])
    }

    @Test func textIsUTF8WithLFAndNoBOM() {
        for file in files where file.path.hasSuffix(".csv") || file.path.hasSuffix(".toml") {
            #expect(!file.contents.utf8.starts(with: [0xEF, 0xBB, 0xBF]), "\(file.path) has a BOM")
            #expect(!file.contents.utf8.contains(0x0D), "\(file.path) has CR")
            #expect(file.contents.hasSuffix("\n"))
        }
    }

    @Test func spanishIsAboutFourInFive() {
        let parents = Table(files["data/parents.csv"]).rows
        let spanish = parents.filter { LanguageTag(Table.list($0["languages"])[0])?.primary == "es" }.count
        #expect((175...225).contains(spanish), "\(spanish) of 250 prefer Spanish")
        let primaries = Set(parents.compactMap { LanguageTag(Table.list($0["languages"])[0])?.primary })
        #expect(primaries.isSuperset(of: ["es", "vi", "zh", "ar", "yue", "ko", "hmn", "pa", "ru"]))
        #expect(primaries.contains("tl") || primaries.contains("fil"))
    }

    @Test func someLanguagesHaveNoMentor() {
        let mentorLanguages = Set(Table(files["data/mentors.csv"]).rows.flatMap {
            Table.list($0["languages"]).compactMap { LanguageTag($0)?.primary } })
        #expect(!mentorLanguages.contains("hmn"))
        let monolingualHmong = Table(files["data/parents.csv"]).rows.filter { $0["languages"] == "hmn" }
        #expect(!monolingualHmong.isEmpty, "the demo needs families no mentor can talk to")
    }

    @Test(arguments: [(5, 25, 250), (40, 300, 4000)])
    func referencesAndCellsAreValid(size: (sites: Int, mentors: Int, parents: Int)) throws {
        let files = SampleDistrict.files(seed: 99, sites: size.sites, mentors: size.mentors, parents: size.parents)
        let sites = Table(files["data/sites.csv"]).rows.map { $0["id"]! }
        let siteSet = Set(sites)
        #expect(sites.count == size.sites && siteSet.count == sites.count)
        let mentors = Table(files["data/mentors.csv"]).rows
        let parents = Table(files["data/parents.csv"]).rows
        #expect(mentors.count == size.mentors && parents.count == size.parents)
        #expect(Set(mentors.map { $0["id"]! }).count == mentors.count)
        #expect(Set(parents.map { $0["id"]! }).count == parents.count)
        for mentor in mentors {
            let mentorSites = Table.list(mentor["sites"])
            #expect((0...2).contains(mentorSites.count) && mentorSites.allSatisfy(siteSet.contains))
            #expect(mentorSites.isEmpty == (mentor["modes"] == "virtual"))
            #expect((4...16).contains(Int(mentor["capacity"]!) ?? 0))
            try checkCommonCells(mentor)
        }
        for parent in parents {
            #expect(siteSet.contains(parent["site"]!) && parent["site"] != "district-office")
            #expect(["yes", "no"].contains(parent["needs_interpreter"]!))
            try checkCommonCells(parent)
        }
        for file in files where file.path.hasPrefix("calendars/open-houses/") {
            let id = String(file.path.dropFirst("calendars/open-houses/".count).dropLast(".ics".count))
            #expect(siteSet.contains(id), "\(file.path) names no site")
        }
    }

    private func checkCommonCells(_ row: [String: String]) throws {
        _ = try Availability(parsing: row["availability"]!)
        let languages = Table.list(row["languages"])
        #expect(!languages.isEmpty && languages.allSatisfy { LanguageTag($0) != nil }, "\(row["languages"]!)")
        let modes = Table.list(row["modes"])
        #expect(!modes.isEmpty && modes.allSatisfy { MeetingMode(rawValue: $0) != nil })
        #expect(["yes", "no"].contains(row["open_house"]!))
        #expect(Table.list(row["topics"]).allSatisfy(SamplePeople.topics.contains))
        if let email = row["email"], !email.isEmpty { #expect(email.hasSuffix(".example.org") || email.hasSuffix("@example.org")
                                                             || email.hasSuffix("@example.com") || email.hasSuffix("@example.net")) }
        if let phone = row["phone"], !phone.isEmpty { #expect(phone.contains("555")) }
        if row["open_house"] == "no" { #expect(!(try Availability(parsing: row["availability"]!)).windows.isEmpty) }
    }

    @Test func namesNeedingQuotesRoundTrip() {
        // A few families write "Surname, Given": the comma must come back inside one cell.
        let text = SampleDistrict.files(seed: 3, sites: 5, mentors: 10, parents: 2000)["data/parents.csv"]
        let names = Table(text).rows.map { $0["name"]! }
        #expect(names.contains { $0.contains(", ") })
        #expect(names.contains { $0.contains("\"") })
        #expect(readCSV(text).allSatisfy { $0.count == SamplePeople.parentHeader.count })
    }

    @Test func bigDistrictIsConsistent() {
        let first = SampleDistrict.files(seed: 5, sites: 40, mentors: 300, parents: 4000)
        let second = SampleDistrict.files(seed: 5, sites: 40, mentors: 300, parents: 4000)
        #expect(first == second)
        #expect(first["data/parents.csv"].hasPrefix(files["data/parents.csv"].prefix(while: { $0 != "\n" })))
    }

    @Test func settingsUseOnlySpecKeys() {
        let keys = files["enlace.toml"].split(separator: "\n")
            .filter { !$0.hasPrefix("#") && $0.contains(" = ") }
            .map { String($0.prefix { $0 != " " }) }
        #expect(Set(keys).isSubset(of: ProgramSettings.keys))
        #expect(["name", "timezone", "term_start", "term_end"].allSatisfy(keys.contains))
        #expect(files["enlace.toml"].contains("term_start = 2026-08-17\nterm_end = 2027-06-10\n"))
    }
}
