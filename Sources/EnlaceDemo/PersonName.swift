import EnlaceCore
/// A person's name as written on the school form, with the ASCII stem of their email address.
struct PersonName {
    let display: String
    /// e.g. `maria.hernandez`.
    let emailStem: String

    /// A plausible name in `language`, drawn from `random`.
    static func make(_ language: HomeLanguage, woman: Bool, _ random: inout SplitMix64) -> PersonName {
        switch language {
        case .spanish: spanish(woman: woman, &random)
        case .vietnamese: vietnamese(woman: woman, &random)
        case .mandarin: eastAsian(NamePools.mandarinFamilies, NamePools.mandarinGiven, &random)
        case .cantonese: eastAsian(NamePools.cantoneseFamilies, NamePools.cantoneseGiven, &random)
        case .korean: eastAsian(NamePools.koreanFamilies, NamePools.koreanGiven, &random)
        case .arabic:
            random.chance(20) ? whole(random.pick(NamePools.arabicScript))
                : western(random.pick(NamePools.arabicGiven), random.pick(NamePools.arabicFamilies))
        case .filipino: western(random.pick(NamePools.filipinoGiven), random.pick(NamePools.filipinoFamilies))
        case .hmong: western(random.pick(NamePools.hmongGiven), random.pick(NamePools.hmongFamilies))
        case .punjabi: punjabi(woman: woman, &random)
        case .russian: russian(woman: woman, &random)
        }
    }

    /// Given name(s), paternal and often maternal surname. Some forms drop the accents, a few
    /// are written "Surname, Given" (a comma the CSV must quote) or carry a nickname in quotes.
    private static func spanish(woman: Bool, _ random: inout SplitMix64) -> PersonName {
        let pool = woman ? NamePools.spanishWomen : NamePools.spanishMen
        let first = random.pick(pool)
        var given = [first]
        if random.chance(30) {
            let second = random.pick(pool)
            if second.text != first.text { given.append(second) }
        }
        let paternal = random.pick(NamePools.spanishSurnames)
        var surnames = [paternal]
        if random.chance(45) {
            let maternal = random.pick(NamePools.spanishSurnames)
            if maternal.text != paternal.text { surnames.append(maternal) }
        }
        let stem = emailStem(first.ascii, paternal.ascii)
        let style = random.below(100)
        // The pools carry the accent-free forms, so dropping accents costs no string scan.
        let folded = (4..<28).contains(style)
        let givenText = given.map { folded ? $0.ascii : $0.text }.joined(separator: " ")
        let surnameText = surnames.map { folded ? $0.ascii : $0.text }.joined(separator: " ")
        if style < 3 { return PersonName(display: surnameText + ", " + givenText, emailStem: stem) }
        if style < 4 {
            let nickname = random.pick(NamePools.spanishNicknames)
            return PersonName(display: givenText + " \"" + nickname + "\" " + surnameText, emailStem: stem)
        }
        return PersonName(display: givenText + " " + surnameText, emailStem: stem)
    }

    /// Family, middle and given name with diacritics, or romanised, or in Western order.
    private static func vietnamese(woman: Bool, _ random: inout SplitMix64) -> PersonName {
        let family = random.pick(NamePools.vietnameseFamilies)
        let middle = random.pick(woman ? NamePools.vietnameseMiddleWomen : NamePools.vietnameseMiddleMen)
        let given = random.pick(woman ? NamePools.vietnameseWomen : NamePools.vietnameseMen)
        let stem = emailStem(given.ascii, family.ascii)
        switch random.below(100) {
        case ..<55: return PersonName(display: "\(family.text) \(middle.text) \(given.text)", emailStem: stem)
        case ..<80: return PersonName(display: "\(family.ascii) \(middle.ascii) \(given.ascii)", emailStem: stem)
        default: return PersonName(display: "\(given.ascii) \(family.ascii)", emailStem: stem)
        }
    }

    /// Chinese and Korean names: in their script (family name first, no space) or romanised in
    /// either order.
    private static func eastAsian(_ families: [NamePart], _ givens: [NamePart],
                                  _ random: inout SplitMix64) -> PersonName {
        let family = random.pick(families)
        let given = random.pick(givens)
        let stem = emailStem(given.ascii, family.ascii)
        switch random.below(100) {
        case ..<50: return PersonName(display: family.text + given.text, emailStem: stem)
        case ..<80: return PersonName(display: "\(given.ascii) \(family.ascii)", emailStem: stem)
        default: return PersonName(display: "\(family.ascii.uppercased()) \(given.ascii)", emailStem: stem)
        }
    }

    private static func punjabi(woman: Bool, _ random: inout SplitMix64) -> PersonName {
        if random.chance(15) { return whole(random.pick(NamePools.punjabiScript)) }
        let given = random.pick(NamePools.punjabiGiven)
        var display = given.text + (woman ? " Kaur" : " Singh")
        var family = woman ? "kaur" : "singh"
        if random.chance(50) {
            let surname = random.pick(NamePools.punjabiFamilies)
            display += " " + surname.text
            family = surname.ascii
        }
        return PersonName(display: display, emailStem: emailStem(given.ascii, family))
    }

    private static func russian(woman: Bool, _ random: inout SplitMix64) -> PersonName {
        let given = random.pick(woman ? NamePools.russianWomen : NamePools.russianMen)
        let family = random.pick(NamePools.russianFamilies)
        let (text, ascii) = woman ? (family.text + "а", family.ascii + "a") : (family.text, family.ascii)
        let stem = emailStem(given.ascii, ascii)
        return random.chance(40) ? PersonName(display: "\(given.text) \(text)", emailStem: stem)
            : PersonName(display: "\(given.ascii) \(ascii)", emailStem: stem)
    }

    private static func western(_ given: NamePart, _ family: NamePart) -> PersonName {
        PersonName(display: given.text + " " + family.text, emailStem: emailStem(given.ascii, family.ascii))
    }

    /// A whole name from a pool whose ASCII form is "Given Family".
    private static func whole(_ part: NamePart) -> PersonName {
        let words = part.ascii.split(separator: " ")
        return PersonName(display: part.text,
                          emailStem: emailStem(String(words.first ?? ""), String(words.last ?? "")))
    }

    /// `given.family`, lower-case ASCII letters and digits only (bytes, not Unicode properties:
    /// this runs once per generated person).
    private static func emailStem(_ given: String, _ family: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(given.utf8.count + family.utf8.count + 1)
        func clean(_ text: some Sequence<UInt8>) {
            for byte in text {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                default: break
                }
            }
        }
        clean(given.utf8.prefix { $0 != UInt8(ascii: " ") })
        bytes.append(UInt8(ascii: "."))
        clean(family.utf8)
        return String(decoding: bytes, as: UTF8.self)
    }
}
