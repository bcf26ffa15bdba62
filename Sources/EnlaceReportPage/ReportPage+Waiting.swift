import EnlaceCore
import EnlaceMarkup

extension ReportPage {
    /// The groups of waiting families listed in full; smaller groups are summed up in a table.
    static let groupsListed = 40
    /// The ids listed per group; the rest are counted (out/assignments.csv lists every family).
    static let idsListed = 60

    /// The waiting families, grouped by what would help: the largest groups in full (the
    /// situation, what would help, the families' ids), the rest counted by need and language.
    func waiting(into page: inout HTMLWriter) {
        section("waiting", words.waitingSectionTitle, into: &page)
        let families = figures.headline.waiting
        guard families > 0 else {
            page.element("p", words.nobodyWaits)
            page.close("section")
            return
        }
        page.element("p", words.waitingIntro(families))
        page.open("ol", [("class", "waiting")])
        for group in figures.waiting.prefix(Self.groupsListed) {
            item(group, into: &page)
        }
        page.close("ol")
        let rest = figures.waiting.dropFirst(Self.groupsListed)
        if !rest.isEmpty { smallerGroups(Array(rest), into: &page) }
        page.close("section")
    }

    private func item(_ group: WaitingGroup, into page: inout HTMLWriter) {
        let names = group.languages.map(words.languageName)
        let ids = group.parents.prefix(Self.idsListed).map(\.rawValue).joined(separator: ", ")
        let more = group.parents.count > Self.idsListed ? " " + words.moreFamilies(group.parents.count - Self.idsListed) : ""
        page.raw("<li><p class=\"situation\">\(escapedForXML(words.situation(group, languages: names)))</p>"
                 + "<p class=\"help\"><strong>\(escapedForXML(words.helpLabel))</strong> \(escapedForXML(words.help(group, languages: names)))</p>"
                 + "<p class=\"ids\">\(escapedForXML(words.familiesLabel)) \(escapedForXML(ids + more))</p></li>")
    }

    /// The groups past the listed ones, counted by need and language.
    private func smallerGroups(_ groups: [WaitingGroup], into page: inout HTMLWriter) {
        struct Key: Hashable {
            let need: Int
            let name: String
            let languages: [String]
        }
        var families: [Key: Int] = [:]
        for group in groups {
            families[Key(need: group.need.rank, name: words.needName(group.need), languages: group.languages), default: 0] += group.parents.count
        }
        let rows = families.sorted { a, b in
            if a.value != b.value { return a.value > b.value }
            if a.key.need != b.key.need { return a.key.need < b.key.need }
            if a.key.name != b.key.name { return a.key.name < b.key.name }
            return a.key.languages.lexicographicallyPrecedes(b.key.languages)
        }
        page.element("p", words.smallerGroupsIntro(families: groups.reduce(0) { $0 + $1.parents.count }, groups: groups.count))
        page.table([words.needColumn, words.languageColumn, words.familiesColumn],
                   rows.map { [$0.key.name, $0.key.languages.map(words.languageLabel).joined(separator: ", "), words.number($0.value)] },
                   numeric: [2])
    }
}
