/// Family names common enough to tell the order of a romanised name (`GivenName`).
///
/// Each list is in order of frequency. Syllables at least as common in given names as in family
/// names (Cantonese Man, Yee, Wai, Ming; Mandarin Wei, Fang, Lei; Korean Min, Jin, Ji, Sung) are
/// left out, so that "Lee Wai Man" and "Wai Man Lee" both read as Wai Man. Names are lower-case,
/// as rosters romanise them (pinyin, Hong Kong spellings, Korean as families write it).
enum FamilyNames {
    static let mandarin = [
        "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
        "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng",
        "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng",
        "su", "lu", "ding", "ren", "shen", "yao", "cui", "zhong", "tan", "fan", "jin", "shi", "liao", "jia",
        "xia", "fu", "bai", "zou", "meng", "xiong", "qin", "qiu", "hou", "yin", "xue", "duan", "tao", "gu",
        "mao", "hao", "gong", "shao", "qian", "dai", "mo", "kong", "xiang", "chang", "ouyang", "situ", "sima",
    ]

    static let cantonese = [
        "chan", "wong", "lee", "cheung", "leung", "lam", "lau", "ng", "ho", "cheng", "tang", "chow", "yeung",
        "tsang", "kwok", "lai", "mak", "lo", "fung", "tse", "yip", "chu", "choi", "siu", "yuen", "au", "kwan",
        "lui", "poon", "hui", "law", "chiu", "ko", "tam", "to", "chung", "yu", "mok", "kong", "hung", "kam",
        "chau", "tong", "fong", "luk", "shum", "szeto", "auyeung", "tsui", "wan", "so",
    ]

    static let korean = [
        "kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim", "han", "oh", "seo", "shin",
        "kwon", "hwang", "ahn", "song", "jeon", "hong", "yoo", "ko", "moon", "yang", "son", "bae", "baek",
        "heo", "nam", "sim", "noh", "ha", "kwak", "cha", "joo", "woo", "koo", "ryu", "na", "um", "chae",
        "chun", "bang", "kong", "hyun", "yi", "rhee", "pak", "chong", "choe", "chung", "namgung", "hwangbo",
    ]

    static let japanese = [
        "sato", "suzuki", "takahashi", "tanaka", "watanabe", "ito", "yamamoto", "nakamura", "kobayashi", "kato",
        "yoshida", "yamada", "sasaki", "yamaguchi", "matsumoto", "inoue", "kimura", "hayashi", "shimizu",
        "yamazaki", "mori", "abe", "ikeda", "hashimoto", "yamashita", "ishikawa", "nakajima", "maeda", "fujita",
        "ogawa", "goto", "okada", "hasegawa", "murakami", "kondo", "ishii", "saito", "sakamoto", "endo", "aoki",
        "fujii", "nishimura", "fukuda", "ota", "miura", "takeuchi", "nakano", "okamoto", "matsuda", "harada",
    ]

    /// The eighteen Hmong clans, as families in the United States spell them (RPA spellings too).
    static let hmong = [
        "vang", "xiong", "yang", "lee", "ly", "thao", "vue", "moua", "her", "lor", "hang", "chang", "khang",
        "kue", "cha", "chue", "fang", "kong", "vaj", "xyooj", "yaj", "lis", "thoj", "vwj", "muas", "hawj",
        "lauj", "tsab", "tsheej", "khab", "kwm", "faj", "koo",
    ]

    /// Vietnamese family names, with and without diacritics: tell "Nguyễn Thị Lan" (family first)
    /// from "Lan Nguyen" (Western order).
    static let vietnamese: Set<String> = [
        "nguyễn", "nguyen", "trần", "tran", "lê", "le", "phạm", "pham", "hoàng", "hoang", "huỳnh", "huynh",
        "phan", "vũ", "vu", "võ", "vo", "đặng", "dang", "bùi", "bui", "đỗ", "do", "hồ", "ho", "ngô", "ngo",
        "dương", "duong", "lý", "ly", "đinh", "dinh", "trương", "truong", "lâm", "lam", "mai", "tô", "to",
    ]

    /// Two-character family names written in Han or Hangul script (欧阳 Ouyang, 남궁 Namgung…).
    static let compoundInScript: Set<String> = [
        "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "司徒", "东方", "東方", "皇甫", "夏侯", "慕容", "长孙", "長孫",
        "남궁", "황보", "제갈", "선우", "독고", "사공", "서문",
    ]

    /// The lists that apply to a culture, each in order of frequency.
    static func lists(for culture: NameCulture) -> [[String]] {
        switch culture {
        case .chinese: [cantonese, mandarin]
        case .korean: [korean]
        case .japanese: [japanese]
        case .hmong: [hmong]
        case .vietnamese, .western: []
        }
    }

    /// The best (smallest) position of `name` (lower-case) in any of `lists`; nil when in none.
    static func rank(of name: String, in lists: [[String]]) -> Int? {
        lists.compactMap { $0.firstIndex(of: name) }.min()
    }
}
