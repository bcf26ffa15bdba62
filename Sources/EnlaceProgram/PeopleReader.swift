import EnlaceCore

/// The rows of the three CSV files as domain values, with the contact details kept apart.
struct People {
    var sites: [Site] = []
    var mentors: [Mentor] = []
    var parents: [Parent] = []
    var mentorContacts: [MentorID: Contact] = [:]
    var parentContacts: [ParentID: Contact] = [:]
}

/// Reads `sites.csv`, `mentors.csv` and `parents.csv` and checks the references between them.
enum PeopleReader {
    static func sites(_ table: CSVTable) throws(InputError) -> [Site] {
        try table.requireColumns(Columns.sitesRequired)
        var seen: [String: Int] = [:]
        var sites: [Site] = []
        for row in table.rows {
            let cells = CellReader(table: table, row: row)
            let id = try cells.id()
            try refuseDuplicate(id, &seen, cells)
            let address = row["address"]
            sites.append(Site(id: SiteID(id), name: try cells.required("name", what: "a name"),
                              address: address.isEmpty ? nil : address,
                              attributes: cells.attributes(known: Columns.sites)))
        }
        return sites
    }

    static func mentors(_ table: CSVTable, sites: Set<SiteID>, sitesFile: String) throws(InputError) -> [(Mentor, Contact)] {
        try table.requireColumns(Columns.mentorsRequired)
        var seen: [String: Int] = [:]
        var result: [(Mentor, Contact)] = []
        for row in table.rows {
            let cells = CellReader(table: table, row: row)
            let id = try cells.id()
            try refuseDuplicate(id, &seen, cells)
            let mentorSites = cells.list("sites").map(SiteID.init)
            for site in mentorSites where !sites.contains(site) {
                throw cells.fail("sites", "\"\(site)\" is not a site id in \(sitesFile).",
                                 fix: "use an id from \(sitesFile) (\(sites.sorted().prefix(5).map(\.rawValue).joined(separator: ", "))…) or add the site there.")
            }
            let mentor = Mentor(
                id: MentorID(id), name: try cells.required("name", what: "a name"),
                languages: try cells.languages(), sites: mentorSites, modes: try cells.modes(),
                capacity: try cells.capacity(), availability: try cells.availability(),
                attendsOpenHouses: try cells.yesNo("open_house"), topics: cells.list("topics").map(TopicID.init),
                attributes: cells.attributes(known: Columns.mentors))
            result.append((mentor, try cells.contact()))
        }
        return result
    }

    static func parents(_ table: CSVTable, sites: Set<SiteID>, sitesFile: String) throws(InputError) -> [(Parent, Contact)] {
        try table.requireColumns(Columns.parentsRequired)
        var seen: [String: Int] = [:]
        var result: [(Parent, Contact)] = []
        result.reserveCapacity(table.rows.count)
        var languages: [String: [LanguageTag]] = [:], availabilities: [String: Availability] = [:]
        for row in table.rows {
            let cells = CellReader(table: table, row: row)
            let id = try cells.id()
            try refuseDuplicate(id, &seen, cells)
            let site = SiteID(try cells.id("site"))
            guard sites.contains(site) else {
                throw cells.fail("site", "\"\(site)\" is not a site id in \(sitesFile).",
                                 fix: "use the id of the child's school from \(sitesFile), or add the site there.")
            }
            let parent = Parent(
                id: ParentID(id), name: try cells.required("name", what: "a name"),
                languages: try cells.languages(&languages), site: site, modes: try cells.modes(),
                availability: try cells.availability(&availabilities), attendsOpenHouses: try cells.yesNo("open_house"),
                topics: cells.list("topics").map(TopicID.init), attributes: cells.attributes(known: Columns.parents))
            result.append((parent, try cells.contact()))
        }
        return result
    }

    private static func refuseDuplicate(_ id: String, _ seen: inout [String: Int], _ cells: CellReader) throws(InputError) {
        if let first = seen[id] {
            throw cells.fail("id", "\"\(id)\" is already used on line \(first).",
                             fix: "give every row its own id (ids are case-sensitive and must stay the same from one import to the next).")
        }
        seen[id] = cells.row.line
    }
}
