import EnlaceCore
/// The home languages of the sample district's English learners, with their shares.
///
/// Shares follow California's English-learner statistics (about four in five speak Spanish),
/// weighted a little towards Vietnamese as in Orange County districts. Hmong, Punjabi and Russian
/// speakers are few and the district has no mentor for them, so the demo shows unmatched families
/// and their reasons.
enum HomeLanguage: Int, CaseIterable, Sendable {
    case spanish, vietnamese, mandarin, arabic, filipino, cantonese, korean, hmong, punjabi, russian

    /// Parents per thousand who prefer this language.
    var parentShare: Int {
        switch self {
        case .spanish: 800
        case .vietnamese: 60
        case .mandarin: 30
        case .arabic: 28
        case .filipino: 22
        case .cantonese: 20
        case .korean: 15
        case .hmong: 10
        case .punjabi: 10
        case .russian: 5
        }
    }

    /// Mentors per thousand who speak this language (with English); zero for languages the
    /// district has not yet recruited mentors for.
    var mentorShare: Int {
        switch self {
        case .spanish: 680
        case .vietnamese: 120
        case .mandarin, .arabic, .filipino, .cantonese, .korean: 40
        case .hmong, .punjabi, .russian: 0
        }
    }

    /// Percent of parents who also list English.
    var parentEnglishPercent: Int {
        switch self {
        case .spanish: 35
        case .filipino: 75
        case .hmong: 0
        case .punjabi, .russian, .cantonese: 30
        default: 40
        }
    }

    /// The preferred-language tag a parent writes, varying as school forms do (`es` / `es-MX`).
    func parentTag(_ random: inout SplitMix64) -> String {
        switch self {
        case .spanish: random.chance(30) ? "es-MX" : "es"
        case .vietnamese: "vi"
        case .mandarin: random.chance(50) ? "zh-Hans" : "zh"
        case .arabic: "ar"
        case .filipino: random.chance(50) ? "fil" : "tl"
        case .cantonese: "yue"
        case .korean: "ko"
        case .hmong: "hmn"
        case .punjabi: "pa"
        case .russian: "ru"
        }
    }

    /// The languages cell of a mentor: the language, sometimes a related one, and English.
    func mentorCell(_ random: inout SplitMix64) -> String {
        switch self {
        case .spanish: random.chance(15) ? "es-MX;en" : "es;en"
        case .vietnamese: "vi;en"
        case .mandarin: "zh;en"
        case .arabic: "ar;en"
        case .filipino: "tl;en"
        case .cantonese: "yue;zh;en"
        case .korean: "ko;en"
        case .hmong: "hmn;en"
        case .punjabi: "pa;en"
        case .russian: "ru;en"
        }
    }

    /// Splits `total` people by `shares` with the largest-remainder method, giving every language
    /// with a non-zero share at least one person when `total` allows, so that small languages
    /// appear even in a small district.
    static func quotas(total: Int, shares: [Int]) -> [Int] {
        let sum = shares.reduce(0, +)
        var counts = shares.map { $0 > 0 && total >= shares.count ? max(1, total * $0 / sum) : total * $0 / sum }
        let order = shares.indices.sorted {
            let (a, b) = (total * shares[$0] % sum, total * shares[$1] % sum)
            return a != b ? a > b : $0 < $1
        }
        var index = 0
        while counts.reduce(0, +) < total {
            let language = order[index % order.count]
            if shares[language] > 0 { counts[language] += 1 }
            index += 1
        }
        while counts.reduce(0, +) > total, let largest = counts.indices.max(by: { counts[$0] < counts[$1] }) {
            counts[largest] -= 1
        }
        return counts
    }

    /// `total` languages in shuffled order, with exactly the quota of each.
    static func deal(total: Int, shares: [Int], _ random: inout SplitMix64) -> [HomeLanguage] {
        var deck: [HomeLanguage] = []
        deck.reserveCapacity(total)
        for (language, count) in zip(allCases, quotas(total: total, shares: shares)) {
            deck.append(contentsOf: repeatElement(language, count: count))
        }
        random.shuffle(&deck)
        return deck
    }
}
