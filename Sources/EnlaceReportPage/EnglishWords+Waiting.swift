import EnlaceCore

// The sentences about waiting families, in English: "9 Tagalog-speaking families at Juárez ES
// are free only on weekday evenings; no mentor who speaks Tagalog and meets their way is."

extension EnglishWords {
    func situation(_ group: WaitingGroup, languages names: [String]) -> String {
        let count = group.parents.count, one = count == 1
        let who = families(count, names) + at(group.sites)
        let spoken = names.isEmpty ? "" : alternatives(names)
        switch group.need {
        case .speaker(0):
            return "\(who): no mentor speaks \(spoken)."
        case .speaker(let speakers):
            return "\(who): \(speakers == 1 ? "the one mentor who speaks \(spoken) has" : "the \(number(speakers)) mentors who speak \(spoken) have") "
                + "no group to offer (no weekly time or way of meeting)."
        case .meetingMode(let online):
            let way = online ? "online" : "in person"
            return "\(who) can meet only \(way); no mentor who speaks \(spoken) meets \(way)."
        case .site:
            return "\(who): no mentor who speaks \(spoken) meets in person there."
        case .time(.times(let parts)):
            return "\(who) \(one ? "is" : "are") free only \(when(parts)); no mentor who speaks \(spoken) and meets their way is."
        case .time(.noTimes):
            return "\(who) gave no times when \(one ? "it is" : "they are") free."
        case .time(.openHousesOnly):
            return "\(who) can come only to \(one ? "its" : "their") school's open houses, and no mentor who speaks \(spoken) has a group there."
        case .seats:
            return "\(who) \(one ? "fits" : "fit") groups, but every seat in them is taken."
        case .rule(let name):
            let quoted = group.ruleReason.map { " enlace explain says: “\($0)”." } ?? ""
            return "\(who): the district rule “\(name)” leaves no group for \(one ? "it" : "them").\(quoted)"
        case .notImported:
            return "\(who) waiting in the latest match \(one ? "is" : "are") no longer in data/parents.csv as last imported."
        }
    }

    func help(_ group: WaitingGroup, languages names: [String]) -> String {
        let spoken = names.isEmpty ? "" : alternatives(names)
        let school = group.sites.first ?? ""
        switch group.need {
        case .speaker(0):
            return "A mentor who speaks \(spoken)."
        case .speaker:
            return "Weekly times and a way of meeting for the mentors who speak \(spoken) (data/mentors.csv: availability, modes, sites)."
        case .meetingMode(let online):
            return online ? "A mentor who speaks \(spoken) and meets online." : "A mentor who speaks \(spoken) and meets in person at their school."
        case .site:
            return "A mentor who speaks \(spoken) and meets at \(school)."
        case .time(.times(let parts)):
            return "A mentor who speaks \(spoken) and is free \(when(parts))."
        case .time(.noTimes):
            return "Ask the families when they are free (data/parents.csv: availability)."
        case .time(.openHousesOnly):
            return "A mentor who speaks \(spoken) and meets after the open houses at \(school) (data/mentors.csv: open_house)."
        case .seats:
            return "More seats: a higher capacity for a mentor who speaks \(spoken) (data/mentors.csv: capacity), or another mentor."
        case .rule(let name):
            return "See the rule's settings ([plugins.\(name)] in enlace.toml) and enlace explain parent ID."
        case .notImported:
            return "Run enlace match to plan with the families as last imported."
        }
    }

    /// "9 Tagalog-speaking families", "1 family who speaks Spanish or English".
    private func families(_ count: Int, _ names: [String]) -> String {
        let noun = count == 1 ? "family" : "families"
        switch names.count {
        case 0: return "\(number(count)) \(noun)"
        case 1: return "\(number(count)) \(names[0])-speaking \(noun)"
        default: return "\(number(count)) \(noun) who \(count == 1 ? "speaks" : "speak") \(alternatives(names))"
        }
    }

    /// " at Juárez ES", " at Juárez ES and Lincoln MS", " at 5 schools".
    private func at(_ sites: [String]) -> String {
        switch sites.count {
        case 0: ""
        case 1: " at \(sites[0])"
        case 2, 3: " at " + sites.dropLast().joined(separator: ", ") + " and " + sites.last!
        default: " at \(number(sites.count)) schools"
        }
    }

    /// "Spanish", "Spanish or English", "Hmong, Lao or Khmer".
    private func alternatives(_ names: [String]) -> String {
        names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// "on weekday evenings", "on weekday mornings and evenings and on Saturday mornings".
    func when(_ parts: [DayPart]) -> String {
        let days = DayPart.Days.allCases.compactMap { days -> String? in
            let times = parts.filter { $0.days == days }.map { ["mornings", "afternoons", "evenings"][$0.part.rawValue] }
            guard !times.isEmpty else { return nil }
            let which = times.count == 1 ? times[0] : times.dropLast().joined(separator: ", ") + " and " + times.last!
            return "on " + ["weekday", "Saturday", "Sunday"][days.rawValue] + " " + which
        }
        return days.count <= 1 ? days.joined() : days.dropLast().joined(separator: ", ") + " and " + days.last!
    }
}
