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
    static func sites(_ table: CSVTable, notes: CellNotes) throws(InputError) -> [Site] {
        try table.requireColumns(Columns.sitesRequired)
        var seen = SeenIDs()
        var sites: [Site] = []
        for row in table.rows {
            let cells = CellReader(table: table, row: row, notes: notes)
            let id = try cells.id()
            try seen.refuseDuplicate(id, cells)
            let address = try cells.text("address", maximum: CellLimits.address, multiline: true)
            sites.append(Site(id: SiteID(id), name: try cells.text("name", maximum: CellLimits.name, required: "a name"),
                              address: address.isEmpty ? nil : address,
                              attributes: try cells.attributes(known: Columns.sites)))
        }
        return sites
    }

    static func mentors(_ table: CSVTable, sites: Set<SiteID>, sitesFile: String, notes: CellNotes) throws(InputError) -> [(Mentor, Contact)] {
        try table.requireColumns(Columns.mentorsRequired)
        var seen = SeenIDs()
        var result: [(Mentor, Contact)] = []
        for row in table.rows {
            let cells = CellReader(table: table, row: row, notes: notes)
            let id = try cells.id()
            try seen.refuseDuplicate(id, cells)
            let mentorSites = try cells.ids("sites").map(SiteID.init)
            for site in mentorSites where !sites.contains(site) {
                throw cells.fail("sites", "\"\(site)\" is not a site id in \(sitesFile).",
                                 fix: "use an id from \(sitesFile) (\(sites.sorted().prefix(5).map(\.rawValue).joined(separator: ", "))…) or add the site there.")
            }
            let mentor = Mentor(
                id: MentorID(id), name: try cells.text("name", maximum: CellLimits.name, required: "a name"),
                languages: try cells.languages(), sites: mentorSites, modes: try cells.modes(),
                capacity: try cells.capacity(), availability: try cells.availability(),
                attendsOpenHouses: try cells.yesNo("open_house"), topics: try cells.ids("topics").map(TopicID.init),
                attributes: try cells.attributes(known: Columns.mentors))
            result.append((mentor, try cells.contact()))
        }
        return result
    }

    static func parents(_ table: CSVTable, sites: Set<SiteID>, sitesFile: String, notes: CellNotes) throws(InputError) -> [(Parent, Contact)] {
        try table.requireColumns(Columns.parentsRequired)
        var seen = SeenIDs()
        var result: [(Parent, Contact)] = []
        result.reserveCapacity(table.rows.count)
        var languages: [String: [LanguageTag]] = [:], availabilities: [String: Availability] = [:]
        var keepApart: [(row: CSVTable.Row, parent: String, others: [String])] = []
        for row in table.rows {
            let cells = CellReader(table: table, row: row, notes: notes)
            let id = try cells.id()
            try seen.refuseDuplicate(id, cells)
            let site = SiteID(try cells.id("site"))
            guard sites.contains(site) else {
                throw cells.fail("site", "\"\(site)\" is not a site id in \(sitesFile).",
                                 fix: "use the id of the child's school from \(sitesFile), or add the site there.")
            }
            let name = try cells.text("name", maximum: CellLimits.name, required: "a name")
            var attributes = try cells.attributes(known: Columns.parents)
            if table.header.contains(Columns.keepApartFrom) {
                let others = try cells.ids(Columns.keepApartFrom)
                attributes[Columns.keepApartFrom] = others.joined(separator: ";")
                if !others.isEmpty { keepApart.append((row, id, others)) }
            }
            let parent = Parent(
                id: ParentID(id), name: name, languages: try cells.languages(&languages), site: site, modes: try cells.modes(),
                availability: try cells.availability(&availabilities), attendsOpenHouses: try cells.yesNo("open_house"),
                topics: try cells.ids("topics").map(TopicID.init), attributes: attributes)
            result.append((parent, try cells.contact()))
        }
        try checkKeepApart(keepApart, known: seen, table: table, notes: notes)
        return result
    }

    /// `keep_apart_from` (spec section 8): parent ids, each a known parent other than the row's own.
    private static func checkKeepApart(_ entries: [(row: CSVTable.Row, parent: String, others: [String])], known: SeenIDs,
                                       table: CSVTable, notes: CellNotes) throws(InputError) {
        for (row, parent, others) in entries {
            let cells = CellReader(table: table, row: row, notes: notes)
            for other in others {
                if other == parent {
                    throw cells.fail(Columns.keepApartFrom, "names the row's own parent \"\(parent)\"; a parent is never kept apart from themself.",
                                     fix: "list only other parents' ids, separated by \";\".")
                }
                guard known.contains(other) else {
                    throw cells.fail(Columns.keepApartFrom, "\"\(other)\" is not a parent id in \(table.file).",
                                     fix: "use the id of another parent of \(table.file) (ids are case-sensitive), or remove it.")
                }
            }
        }
    }
}

/// The ids of one file seen so far, with their first line and spelling, to refuse duplicates.
struct SeenIDs {
    private var lines: [String: (line: Int, raw: String)] = [:]

    func contains(_ id: String) -> Bool { lines[id] != nil }

    /// Records `id` (normalised) of the reader's row; a second row with it is refused, saying so
    /// when the two were typed with different Unicode characters that look the same.
    mutating func refuseDuplicate(_ id: String, _ cells: CellReader) throws(InputError) {
        let raw = cells.row["id"]
        if let first = lines[id] {
            let respelled = !first.raw.utf8.elementsEqual(raw.utf8)
                ? " (written there with other Unicode characters that look the same; Enlace reads both as one id)" : ""
            throw cells.fail("id", "\"\(id.prefix(60))\" is already used on line \(first.line)\(respelled).",
                             fix: "give every row its own id (ids are case-sensitive and must stay the same from one import to the next).")
        }
        lines[id] = (cells.row.line, raw)
    }
}
