import EnlaceCore

// The sentences about waiting families, in Spanish: "9 familias que hablan tagalo en Juárez ES solo
// tienen tiempo libre entre semana a partir de las 5 de la tarde; ningún mentor que hable tagalo y
// se reúna como ellas está libre a esas horas."

extension SpanishWords {
    func situation(_ group: WaitingGroup, languages names: [String]) -> String {
        let count = group.parents.count, one = count == 1
        let who = families(count, names) + at(group.sites)
        let spoken = names.isEmpty ? "" : alternatives(names, "o")
        switch group.need {
        case .speaker(0):
            return "\(who): ningún mentor habla \(spoken)."
        case .speaker(let speakers):
            let mentors = speakers == 1 ? "el único mentor que habla \(spoken) no tiene" : "los \(number(speakers)) mentores que hablan \(spoken) no tienen"
            return "\(who): \(mentors) ningún grupo que ofrecer (ni horario semanal ni forma de reunirse)."
        case .meetingMode(let online):
            let way = online ? "en línea" : "en persona"
            return "\(who) solo \(one ? "puede" : "pueden") reunirse \(way), y ningún mentor que hable \(spoken) se reúne \(way)."
        case .site:
            return "\(who): ningún mentor que hable \(spoken) se reúne allí en persona."
        case .time(.times(let parts)):
            return "\(who) solo \(one ? "tiene" : "tienen") tiempo libre \(when(parts)); ningún mentor que hable \(spoken) "
                + "y se reúna como \(one ? "ella" : "ellas") está libre a esas horas."
        case .time(.noTimes):
            return "\(who) no \(one ? "indicó" : "indicaron") cuándo \(one ? "tiene" : "tienen") tiempo libre."
        case .time(.openHousesOnly):
            return "\(who) solo \(one ? "puede" : "pueden") ir a las casas abiertas de su escuela, y ningún mentor que hable "
                + "\(spoken) tiene un grupo allí."
        case .seats:
            return "\(who) \(one ? "encaja" : "encajan") en algunos grupos, pero todas sus plazas están ocupadas."
        case .rule(let name):
            let quoted = group.ruleReason.map { " enlace explain dice: «\($0)»." } ?? ""
            return "\(who): la regla del distrito «\(name)» no \(one ? "le" : "les") deja ningún grupo.\(quoted)"
        case .notImported:
            return "\(who) en espera en el último emparejamiento ya no \(one ? "está" : "están") en data/parents.csv (última importación)."
        }
    }

    func help(_ group: WaitingGroup, languages names: [String]) -> String {
        let spoken = names.isEmpty ? "" : alternatives(names, "o")
        let school = group.sites.first ?? ""
        switch group.need {
        case .speaker(0):
            return "Un mentor que hable \(spoken)."
        case .speaker:
            return "Horarios semanales y una forma de reunirse para los mentores que hablan \(spoken) "
                + "(data/mentors.csv: availability, modes, sites)."
        case .meetingMode(let online):
            return online ? "Un mentor que hable \(spoken) y se reúna en línea." : "Un mentor que hable \(spoken) y se reúna en persona en su escuela."
        case .site:
            return "Un mentor que hable \(spoken) y se reúna en \(school)."
        case .time(.times(let parts)):
            return "Un mentor que hable \(spoken) y esté libre \(when(parts))."
        case .time(.noTimes):
            return "Preguntar a las familias cuándo tienen tiempo libre (data/parents.csv: availability)."
        case .time(.openHousesOnly):
            return "Un mentor que hable \(spoken) y se reúna después de las casas abiertas de \(school) (data/mentors.csv: open_house)."
        case .seats:
            return "Más plazas: una capacidad mayor para un mentor que hable \(spoken) (data/mentors.csv: capacity), u otro mentor."
        case .rule(let name):
            return "Revisar la configuración de la regla ([plugins.\(name)] en enlace.toml) y enlace explain parent CÓDIGO."
        case .notImported:
            return "Ejecutar enlace match para planificar con las familias de la última importación."
        }
    }

    /// "9 familias que hablan tagalo", "1 familia que habla español o inglés".
    private func families(_ count: Int, _ names: [String]) -> String {
        let noun = count == 1 ? "familia" : "familias"
        guard !names.isEmpty else { return "\(number(count)) \(noun)" }
        return "\(number(count)) \(noun) que \(count == 1 ? "habla" : "hablan") \(alternatives(names, "o"))"
    }

    /// " en Juárez ES", " en Juárez ES e Irving MS", " en 5 escuelas".
    private func at(_ sites: [String]) -> String {
        switch sites.count {
        case 0: ""
        case 1: " en \(sites[0])"
        case 2, 3: " en " + alternatives(sites, "y")
        default: " en \(number(sites.count)) escuelas"
        }
    }

    /// "español", "español o inglés", "hmong, lao o jemer", with "y" written "e" before an /i/
    /// sound and "o" written "u" before an /o/ sound ("español e inglés", "siete u ocho").
    func alternatives(_ names: [String], _ conjunction: String) -> String {
        guard let last = names.last, names.count > 1 else { return names.first ?? "" }
        let start = last.lowercased()
        let word = switch conjunction {
        case "y" where (start.hasPrefix("i") || start.hasPrefix("hi")) && !start.hasPrefix("hie") && !start.hasPrefix("ia"): "e"
        case "o" where start.hasPrefix("o") || start.hasPrefix("ho"): "u"
        default: conjunction
        }
        return names.dropLast().joined(separator: ", ") + " \(word) " + last
    }

    /// "entre semana a partir de las 5 de la tarde", "los sábados por la mañana y los domingos
    /// por la tarde".
    func when(_ parts: [DayPart]) -> String {
        let days = DayPart.Days.allCases.compactMap { days -> String? in
            let times = parts.filter { $0.days == days }.map {
                ["por la mañana", "entre el mediodía y las 5 de la tarde", "a partir de las 5 de la tarde"][$0.part.rawValue]
            }
            guard !times.isEmpty else { return nil }
            return ["entre semana", "los sábados", "los domingos"][days.rawValue] + " " + alternatives(times, "y")
        }
        return alternatives(days, "y")
    }
}
