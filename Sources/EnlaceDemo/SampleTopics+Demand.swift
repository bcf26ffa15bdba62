import EnlaceCore

extension SampleTopics {
    /// What a school's families care about depends on their children's age.
    enum Level: Int, CaseIterable {
        case elementary, intermediate, high

        /// The level of a sample school, from its name ("… High School").
        init(_ site: SampleSite) {
            self = site.name.contains("High School") ? .high : site.name.contains("Intermediate") ? .intermediate : .elementary
        }

        /// Interest in each topic (order of `SampleTopics.all`): distance learning, reopening,
        /// biliteracy, funding, LCAP, college, reclassification, mental health, ELAC.
        var interest: [Int] {
            switch self {
            case .elementary: [30, 24, 10, 8, 7, 3, 18, 14, 10]
            case .intermediate: [16, 12, 20, 8, 7, 12, 26, 18, 8]
            case .high: [8, 6, 26, 6, 5, 40, 10, 16, 5]
            }
        }
    }

    /// How much more or less than average (percent) families of a home language ask for each
    /// topic: Spanish-speaking families take part in the district's committees and budget, Asian
    /// families weigh college and biliteracy, Arabic-speaking families (many recently arrived)
    /// schooling from home and well-being, families of the smallest communities reclassification.
    static func emphasis(_ language: HomeLanguage) -> [Int] {
        switch language {
        case .spanish: [100, 100, 120, 150, 150, 100, 100, 100, 160]
        case .vietnamese: [90, 90, 130, 90, 90, 180, 110, 70, 90]
        case .mandarin, .cantonese: [80, 80, 120, 80, 80, 200, 130, 70, 80]
        case .korean: [80, 80, 110, 80, 80, 200, 120, 80, 80]
        case .arabic: [130, 150, 90, 80, 80, 90, 110, 150, 80]
        case .filipino: [90, 90, 110, 90, 90, 130, 100, 120, 90]
        case .hmong, .punjabi, .russian: [130, 110, 90, 80, 80, 90, 150, 110, 80]
        }
    }

    /// How many topics a family lists: none (12%, the form's question skipped) up to five.
    private static let requestCountWeights: WeightedTable = [12, 16, 26, 24, 14, 8]

    /// Percent of mentors trained in each topic; mentors who meet at a high school are more often
    /// trained in college and financial aid.
    private static let trainedPercent = [70, 55, 85, 45, 65, 45, 60, 40, 55]

    /// The weights of every (level, language), computed once: a benchmark writes 600,000 families.
    private static let weights: [[Int]] = Level.allCases.flatMap { level in
        HomeLanguage.allCases.map { language in zip(level.interest, emphasis(language)).map { $0 * $1 } }
    }

    /// A family's `topics` cell: a few topics, drawn without replacement by interest, the most
    /// wanted first.
    static func requests(_ out: inout TextBuffer, language: HomeLanguage, school: SampleSite, _ random: inout SplitMix64) {
        var weights = Self.weights[Level(school).rawValue * HomeLanguage.allCases.count + language.rawValue]
        var total = weights.reduce(0, +)
        for position in 0..<random.weightedIndex(requestCountWeights) {
            var draw = random.below(total)
            let topic = weights.firstIndex { weight in
                if draw < weight { return true }
                draw -= weight
                return false
            }!
            if position > 0 { out.append(byte: UInt8(ascii: ";")) }
            out.append(all[topic].id)
            total -= weights[topic]
            weights[topic] = 0
        }
    }

    /// A mentor's `topics` cell: the topics of their training, at least two, in the usual order.
    static func training(_ out: inout TextBuffer, sites: [SampleSite], _ random: inout SplitMix64) {
        let high = sites.contains { Level($0) == .high }
        var trained = trainedPercent.enumerated().map { topic, percent in
            random.chance(percent + (high && all[topic].id == "college" ? 35 : 0))
        }
        if trained.filter({ $0 }).count < 2 { trained[0] = true; trained[2] = true }
        var first = true
        for (topic, isTrained) in trained.enumerated() where isTrained {
            if !first { out.append(byte: UInt8(ascii: ";")) }
            out.append(all[topic].id)
            first = false
        }
    }
}
