import EnlaceCore

/// Why a parent is unmatched, found by checking the rules one after the other on the data, so that
/// the reason names what actually binds.
public enum UnmatchedCause: String, CaseIterable, Sendable {
    /// No mentor speaks any of the parent's languages.
    case language
    /// Some mentors share a language, but none meets the way the parent can (virtually, or in
    /// person at the parent's school).
    case mode
    /// Mentors share a language and a way of meeting, but none has a candidate group at a time the
    /// parent is free.
    case time
    /// Groups fit the parent, but their seats went to other families (group size, mentor capacity,
    /// groups per mentor, overlaps).
    case capacity
}

/// One unmatched parent's explanation.
public struct UnmatchedExplanation: Sendable, Equatable {
    public let parent: Int
    public let cause: UnmatchedCause
    /// Sentences for the coordinator, most specific first.
    public let reasons: [String]
}

extension MatchModel {
    /// Explains every parent `solution` leaves unmatched, in parent order.
    ///
    /// - Complexity: O(unmatched parents × mentors).
    public func explainUnmatched(_ solution: Solution) -> [UnmatchedExplanation] {
        var fitting = Array(repeating: Set<Int>(), count: program.parents.count)
        for (g, fit) in fits.enumerated() { for p in fit { fitting[Int(p)].insert(groups[g].mentor) } }
        return solution.groupOfParent.enumerated().compactMap { p, group in
            group == nil ? explain(parent: p, fittingMentors: fitting[p]) : nil
        }
    }

    private func explain(parent p: Int, fittingMentors: Set<Int>) -> UnmatchedExplanation {
        let parent = program.parents[p]
        let languages = LanguageNames.list(parent.languages)
        let speakers = program.mentors.indices.filter { !mentorLanguages[$0].isDisjoint(with: parentLanguages[p]) }
        guard !speakers.isEmpty else {
            return UnmatchedExplanation(parent: p, cause: .language, reasons: ["no mentor speaks \(languages)"])
        }
        let site = program.sites.first { $0.id == parent.site }?.name ?? parent.site.rawValue
        let meeting = speakers.filter { m in
            let mentor = program.mentors[m]
            return (parent.modes.contains(.virtual) && mentor.modes.contains(.virtual))
                || (parent.modes.contains(.inPerson) && mentor.modes.contains(.inPerson) && mentor.sites.contains(parent.site))
        }
        let count = speakers.count == 1 ? "1 mentor speaks" : "\(speakers.count) mentors speak"
        guard !meeting.isEmpty else {
            let how = parent.modes == [.virtual] ? "virtually" : parent.modes == [.inPerson] ? "in person at \(site)" : "virtually or in person at \(site)"
            return UnmatchedExplanation(parent: p, cause: .mode, reasons: ["\(count) \(languages), none meets \(how)"])
        }
        guard !fittingMentors.isEmpty else {
            let when = parent.availability.windows.isEmpty
                ? (parent.attendsOpenHouses ? "you have no weekly times, and no fitting mentor has an open-house group at \(site)" : "you gave no times when you are free")
                : "none is free when you are (\(parent.availability))"
            let subject = meeting.count == 1 ? "1 mentor speaks \(languages) and meets the way you can" : "\(meeting.count) mentors speak \(languages) and meet the way you can"
            return UnmatchedExplanation(parent: p, cause: .time, reasons: ["\(subject); \(when)"])
        }
        let fitting = fittingMentors.count == 1 ? "the 1 mentor who fits is full" : "all \(fittingMentors.count) mentors who fit are full"
        return UnmatchedExplanation(parent: p, cause: .capacity, reasons: [
            "every fitting mentor is full: \(fitting) (their seats went to families with fewer options)",
        ])
    }
}

/// English names of common language subtags, for explanations; other tags are shown as written.
enum LanguageNames {
    static let names: [String: String] = [
        "en": "English", "es": "Spanish", "vi": "Vietnamese", "zh": "Chinese", "yue": "Cantonese",
        "cmn": "Mandarin", "ar": "Arabic", "tl": "Tagalog", "fil": "Filipino", "ko": "Korean",
        "hmn": "Hmong", "pa": "Punjabi", "ru": "Russian", "fa": "Persian", "pt": "Portuguese",
        "ja": "Japanese", "hy": "Armenian", "km": "Khmer", "so": "Somali", "uk": "Ukrainian",
        "hi": "Hindi", "ur": "Urdu", "ps": "Pashto", "mix": "Mixtec", "te": "Telugu", "ta": "Tamil",
        "fr": "French", "de": "German", "it": "Italian", "th": "Thai", "lo": "Lao", "my": "Burmese",
    ]

    static func name(_ tag: LanguageTag) -> String { names[tag.primary] ?? tag.tag }

    /// "Hmong", "Hmong or Lao".
    static func list(_ tags: [LanguageTag]) -> String {
        var seen = Set<String>()
        let unique = tags.filter { seen.insert($0.primary).inserted }.map(name)
        return unique.count <= 1 ? unique.joined() : unique.dropLast().joined(separator: ", ") + " or " + unique.last!
    }
}
