import EnlaceCharts
import EnlaceCore

/// The report in Spanish, as a school district in the United States writes to its board and its
/// families' committees: numbers with "," between thousands and a decimal point, "casa abierta"
/// for the school's open house.
struct SpanishWords: ReportWords {
    let code = "es"
    let chart = ChartText.spanish
    let percentSpace = "\u{00A0}"
    let monthNames = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                      "noviembre", "diciembre"]
    let shortMonthNames = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"]

    func documentTitle(_ program: String) -> String { "\(program): informe del programa" }
    let reportName = "Informe del programa"
    func asOf(_ date: LocalDate) -> String { "Datos al \(longDate(date))" }
    func plannedFrom(_ date: LocalDate) -> String { "según el emparejamiento del \(longDate(date))" }
    func term(_ term: ClosedRange<LocalDate>) -> String { "Curso: del \(longDate(term.lowerBound)) al \(longDate(term.upperBound))" }
    let footer = "Informe elaborado por Enlace (enlace report) a partir del último emparejamiento. Las familias aparecen "
        + "solo como cifras; únicamente las familias en espera se identifican, por su código en data/parents.csv. Este informe "
        + "no contiene nombres, correos electrónicos ni números de teléfono."
    let noDataYet = "Todavía no hay datos."

    let glanceTitle = "El programa en cifras"
    let families = "Familias"
    let familiesNote = "en el último emparejamiento"
    let withAGroup = "Con grupo"
    func shareOfFamilies(_ percent: String) -> String { "el \(percent) de las familias" }
    let waitingTitle = "En espera"
    let waitingNote = "todavía sin grupo"
    let groups = "Grupos"
    let groupsNote = "que se reúnen de aquí en adelante"
    let mentorsLeading = "Mentores con grupo"
    func ofTotal(_ part: Int, _ whole: Int) -> String { "\(number(part)) de \(number(whole))" }
    let seatsTaken = "Plazas ocupadas"
    let sessions = "Sesiones"
    func sessionsHeldAndToCome(held: Int, toCome: Int) -> String { "\(number(held)) realizadas, \(number(toCome)) por realizar" }

    func scoreSentence(score: Int, bound: Int, gapPercent: String?) -> String {
        guard let gapPercent else {
            return "El calendario es el mejor posible: su puntuación, \(number(score)), es la más alta que puede alcanzar cualquier calendario."
        }
        return "El calendario está a menos del \(gapPercent) del mejor posible: su puntuación es \(number(score)) "
            + "y ningún calendario puede pasar de \(number(bound))."
    }

    let scoreExplained = "La puntuación da 100 puntos por cada familia con grupo, y más cuando el mentor habla el primer "
        + "idioma de la familia, cuando el grupo se reúne justo después de la casa abierta de la escuela, por cada tema que la "
        + "familia comparte con su mentor y por cada familia que sigue con su mentor; cada grupo resta 20 (enlace.toml, [weights])."

    let coverageTitle = "A quién llega el programa"
    func coverageIntro(families: Int, matched: Int, languages: Int, sites: Int) -> String {
        "\(number(matched)) de \(number(families)) familias tienen grupo. Las familias vienen de \(plural(sites, "escuela")) "
            + "y prefieren \(plural(languages, "idioma"))."
    }
    let byLanguageTitle = "Familias por idioma preferido"
    let bySiteTitle = "Familias por escuela"
    let matchedSeries = "Con grupo"
    let waitingSeries = "En espera"
    let familiesAxis = "Familias"
    func otherLanguages(_ count: Int) -> String { "Otros \(count) idiomas" }
    func otherSites(_ count: Int) -> String { "Otras \(count) escuelas" }
    let notImported = "Ya no están en data/parents.csv"

    let waitingSectionTitle = "Familias en espera y qué las ayudaría"
    func waitingIntro(_ families: Int) -> String {
        (families == 1 ? "1 familia no tiene grupo." : "\(number(families)) familias no tienen grupo.")
            + " Abajo se agrupan según lo que les impide tenerlo, tal como lo explica enlace explain, de los grupos más "
            + "grandes a los más pequeños; cada grupo dice qué las ayudaría."
    }
    let nobodyWaits = "Todas las familias tienen grupo."
    let helpLabel = "Qué ayudaría:"
    let familiesLabel = "Familias:"
    func moreFamilies(_ count: Int) -> String { "y \(number(count)) más (todas figuran en out/assignments.csv)" }
    func smallerGroupsIntro(families: Int, groups: Int) -> String {
        (families == 1 ? "Otra familia espera" : "Otras \(number(families)) familias esperan")
            + " en \(plural(groups, "grupo más pequeño", "grupos más pequeños")), según lo que les impide tener grupo:"
    }
    let needColumn = "Qué les impide tener grupo"
    let languageColumn = "Idioma"
    let familiesColumn = "Familias"

    func needName(_ need: WaitingGroup.Need) -> String {
        switch need {
        case .speaker: "Ningún mentor que hable su idioma tiene un grupo que ofrecerles"
        case .meetingMode: "Ningún mentor se reúne de la forma en que ellas pueden"
        case .site: "Ningún mentor se reúne en persona en su escuela"
        case .time: "Ningún mentor adecuado está libre cuando ellas pueden"
        case .seats: "Los grupos en los que encajan están llenos"
        case .rule(let name): "La regla del distrito «\(name)»"
        case .notImported: notImported
        }
    }

    let mentorsTitle = "Mentores: carga frente a capacidad"
    func mentorsIntro(leading: Int, mentors: Int, taken: Int, seats: Int, percent: String) -> String {
        "\(number(leading)) de \(plural(mentors, "mentor", "mentores")) \(leading == 1 ? "dirige" : "dirigen") un grupo. "
            + "Sus grupos reúnen a \(number(taken)) familias: el \(percent) de las \(number(seats)) plazas que ofrecen los mentores "
            + "(la suma de sus capacidades)."
    }
    let loadBandsTitle = "Mentores según la ocupación de sus grupos"
    let loadBands = ["Completos", "Ocupados al 75–99 %", "Ocupados al 50–74 %", "Ocupados al 1–49 %", "Sin grupo"]
    let mentorsAxis = "Mentores"
    let perMentorTitle = "Plazas ocupadas y libres de cada mentor"
    let takenSeries = "Ocupadas"
    let freeSeries = "Libres"
    let seatsAxis = "Plazas"

    let calendarTitle = "El calendario del curso"
    func calendarIntro(held: Int, toCome: Int, weeks: Int) -> String {
        "\(plural(held, "sesión de grupo realizada", "sesiones de grupo realizadas")) hasta ahora y \(number(toCome)) por realizar, "
            + "en las \(number(weeks)) semanas del curso."
    }
    let sessionsPerWeekTitle = "Sesiones de grupo por semana"
    let heldSeries = "Realizadas"
    let toComeSeries = "Por realizar"
    let openHousesRow = "Casas abiertas"
    let blackoutRow = "Días sin reuniones"
    let today = "Hoy"
    let sessionsAxis = "Sesiones"
    let blackoutPeriodsTitle = "Días sin reuniones"
    func blackoutPeriod(_ period: ClosedRange<LocalDate>) -> String {
        let days = period.upperBound.dayNumber - period.lowerBound.dayNumber + 1
        guard days > 1 else { return longDate(period.lowerBound) }
        return "Del \(longDate(period.lowerBound)) al \(longDate(period.upperBound)) (\(days) días)"
    }
    let noBlackouts = "El calendario del distrito no tiene días sin reuniones durante el curso."
    let openHousesTitle = "Casas abiertas"
    let schoolColumn = "Escuela"
    let openHousesColumn = "Casas abiertas en el curso"
    let nextColumn = "Próxima"
    let noneLeft = "no quedan"
    let noOpenHouses = "Ninguna escuela tiene casas abiertas durante el curso."

    let curriculumTitle = "Temario: los temas que pidieron las familias"
    let curriculumNoData = "Todavía no hay datos. Cuando el programa tenga su lista de temas (data/topics.csv) y un "
        + "emparejamiento los planifique, esta sección mostrará qué temas pidieron las familias y cuáles se tratan en sus grupos."
    func curriculumIntro(topics: Int, asked: Int, covered: Int) -> String {
        "Las familias pidieron \(plural(topics, "tema")) en \(plural(asked, "ocasión", "ocasiones")); en \(number(covered)) "
            + "de ellas, el grupo de la familia trata el tema."
    }
    let topicsChartTitle = "Familias que pidieron cada tema, y si su grupo lo trata"
    let coveredSeries = "Su grupo lo trata"
    let notCoveredSeries = "Su grupo no lo trata"
    let topicColumn = "Tema"
    let requiredColumn = "Obligatorio"
    let askedColumn = "Lo pidieron"
    let askedFirstColumn = "En primer lugar"
    let coveredColumn = "Lo trata su grupo"
    let groupsTeachingColumn = "Grupos que lo tratan"
    let yes = "sí"
    let no = "no"
    func requiredMissing(_ titles: [String]) -> String {
        "Temas obligatorios que no cupieron en algún grupo cuyo mentor tiene la formación: \(titles.joined(separator: ", "))."
    }
    let noRequiredMissing = "Todos los temas obligatorios caben en cada grupo cuyo mentor tiene la formación."
    func otherTopics(_ count: Int) -> String { "Otros \(count) temas" }

    let participationTitle = "Participación"
    let participationNoData = "Todavía no hay datos. Cuando haya hojas de asistencia o informes de reuniones en "
        + "data/attendance/ y enlace participation los haya leído, esta sección mostrará quién asistió cada mes: en persona, "
        + "en línea o viendo la grabación."
    func participationIntro(attended: Int, held: Int, percent: String) -> String {
        "Las familias asistieron a \(number(attended)) de las \(number(held)) sesiones realizadas para ellas (el \(percent))."
    }
    let byMonthTitle = "Asistencia por mes y forma de participar"
    let inPersonSeries = "En persona"
    let onlineSeries = "En línea"
    let recordingSeries = "Grabación"
    let attendedAxis = "Sesiones a las que asistieron"
    func followUp(_ count: Int) -> String {
        switch count {
        case 0: "Ninguna familia faltó a las dos últimas sesiones de su grupo."
        case 1: "1 familia faltó a las dos últimas sesiones de su grupo: la lista de llamadas de los mentores está en out/follow-up.csv."
        default: "\(number(count)) familias faltaron a las dos últimas sesiones de su grupo: la lista de llamadas de los mentores está en out/follow-up.csv."
        }
    }

    /// "1 escuela", "5 escuelas".
    func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number(count)) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
