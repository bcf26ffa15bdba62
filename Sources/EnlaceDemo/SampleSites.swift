import EnlaceCore

/// A site of the sample district, with its open-house calendar when it has one.
struct SampleSite: Sendable {
    let id: String
    let name: String
    let address: String
    /// Whether parents' children attend it (the district office has no pupils).
    let isSchool: Bool
    /// How many parents it draws, relative to the other schools.
    let weight: Int
    /// Its monthly open house; nil for a site with none.
    let openHouses: OpenHouseSeries?
}

/// The sample district's sites: the family engagement center at the district office and four
/// schools, one for each way real calendars are exported; larger districts add generated schools.
enum SampleSites {
    private static let interpreters = "Spanish and Vietnamese interpreters are available."

    /// The district office: mentors meet there, but it has no pupils and no open houses.
    static let districtOffice = SampleSite(
        id: "district-office", name: "Sierra Vista USD Family Engagement Center",
        address: "1601 E Chestnut Ave, Santa Alicia, CA 92701", isSchool: false, weight: 0, openHouses: nil)

    /// The four schools of the default district; the example calendars come from them.
    static let defaultSchools: [SampleSite] = [
        school("jacaranda-es", "Jacaranda Elementary School", "2150 W Jacaranda Ave, Santa Alicia, CA 92704",
               weight: 30, .google, 2, .thursday, start: 17 * 60 + 30,
               title: "Parent Open House / Casa Abierta para Padres",
               description: "Monthly open house for families: meet your child's teacher, visit the classroom, "
                   + "and learn about the English learner program. " + interpreters),
        school("rio-vista-es", "Río Vista Elementary School", "815 S Rio Vista St, Palma Vista, CA 92805",
               weight: 28, .outlook, 1, .wednesday, start: 18 * 60,
               title: "Family Night / Noche Familiar",
               description: "Family Night at Río Vista: reading games, the school library, and coffee with "
                   + "the principal. Childcare provided."),
        school("mesa-verde-ms", "Mesa Verde Intermediate School", "3400 N Mesa Verde Dr, Santa Alicia, CA 92706",
               weight: 24, .apple, 4, .tuesday, start: 18 * 60,
               title: "Parent Open House / Casa Abierta / Ngày Hội Phụ Huynh",
               description: "Open house for the families of Mesa Verde students: grades, electives, "
                   + "and the path to reclassification. " + interpreters),
        school("valle-del-sol-hs", "Valle del Sol High School", "1200 E Valle del Sol Blvd, Palma Vista, CA 92806",
               weight: 18, .googleSingleEvents, 1, .saturday, start: 9 * 60,
               title: "Saturday Family Academy / Academia Familiar de los Sábados",
               description: ""),
    ]

    /// The district's sites: the district office first, then `count - 1` schools (at least one).
    static func sites(count: Int) -> [SampleSite] {
        var sites = [districtOffice] + defaultSchools.prefix(max(1, count - 1))
        var used = Set(sites.map(\.id))
        var index = 0
        while sites.count < count {
            let site = generatedSchool(index, avoiding: used)
            used.insert(site.id)
            sites.append(site)
            index += 1
        }
        return sites
    }

    private static let places = [
        "Magnolia", "Sycamore", "Las Palmas", "Bahía", "Los Robles", "Mariposa", "Sequoia", "Paloma",
        "Monte Azul", "Alameda", "Encino", "Granada", "Madrone", "Manzanita", "Camino Real", "Pacífico",
        "Olivo", "Cedro", "Vista del Mar", "Las Flores", "Arroyo Seco", "Laurel", "Sierra Linda", "Lomita",
    ]
    private static let streets = ["Ave", "St", "Blvd", "Dr", "Way"]
    private static let cities = [("Santa Alicia", 92701), ("Palma Vista", 92804), ("Laguna Alta", 92840)]

    /// The `index`-th generated school: places cycle through elementary, intermediate and high
    /// schools, and the open-house style and rule rotate so that a big district mixes them all.
    private static func generatedSchool(_ index: Int, avoiding used: Set<String>) -> SampleSite {
        let place = places[index % places.count]
        let kinds = [("Elementary School", "es", 3), ("Intermediate School", "ms", 2), ("High School", "hs", 2)]
        let (kind, suffix, weight) = kinds[(index / places.count) % kinds.count]
        var id = slug(place) + "-" + suffix
        var round = 2
        while used.contains(id) {
            id = slug(place) + "-" + suffix + "-\(round)"
            round += 1
        }
        let name = place + " " + kind + (id.hasSuffix(suffix) ? "" : " \(round - 1)")
        let (city, zip) = cities[index % cities.count]
        let address = "\(100 + (index * 37) % 3900) W \(place) \(streets[index % streets.count]), \(city), CA \(zip + index % 9)"
        let styles: [ExportStyle?] = [.google, .outlook, .apple, .googleSingleEvents, .google, nil]
        guard let style = styles[index % styles.count] else {
            return SampleSite(id: id, name: name, address: address, isSchool: true, weight: weight, openHouses: nil)
        }
        let saturday = style == .googleSingleEvents
        return school(id, name, address, weight: weight, style, 1 + index % 4,
                      saturday ? .saturday : [Weekday.tuesday, .wednesday, .thursday][index % 3],
                      start: saturday ? 9 * 60 : (index % 2 == 0 ? 17 * 60 + 30 : 18 * 60),
                      title: saturday ? "Saturday Family Morning / Mañana Familiar" : "Parent Open House / Casa Abierta",
                      description: "Monthly open house for families at \(name). " + interpreters)
    }

    private static func school(_ id: String, _ name: String, _ address: String, weight: Int,
                               _ style: ExportStyle, _ ordinal: Int, _ weekday: Weekday, start: Int,
                               title: String, description: String) -> SampleSite {
        SampleSite(id: id, name: name, address: address, isSchool: true, weight: weight,
                   openHouses: OpenHouseSeries(siteID: id, siteName: name, address: address, title: title,
                                               description: description, ordinal: ordinal, weekday: weekday,
                                               startMinute: start, minutes: 60, style: style))
    }

    /// `Los Robles` → `los-robles`, `Bahía` → `bahia`.
    private static func slug(_ text: String) -> String {
        NamePools.foldAccents(text).lowercased().map { $0 == " " ? "-" : $0 }.reduce(into: "") { $0.append($1) }
    }
}
