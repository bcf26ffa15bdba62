import EnlaceCharts
import EnlaceCore
import Foundation
import Testing
@testable import EnlaceReportPage

@Suite struct ReportPageTests {
    static let english = ReportPage(figures: Fixture.figures, language: .en).html()
    static let spanish = ReportPage(figures: Fixture.figures, language: .es).html()

    @Test func waitingFamiliesInPlainWords() {
        #expect(Self.english.contains("2 Tagalog-speaking families at Juárez ES are free only on weekday evenings; "
                                      + "no mentor who speaks Tagalog and meets their way is."))
        #expect(Self.english.contains("A mentor who speaks Tagalog and is free on weekday evenings."))
        #expect(Self.english.contains("2 Hmong-speaking families at Juárez ES and Lincoln MS: no mentor speaks Hmong."))
        #expect(Self.english.contains("Families: P6, P7"))
        #expect(Self.spanish.contains("2 familias que hablan tagalo en Juárez ES solo tienen tiempo libre entre semana a partir de las 5 de la tarde; "
                                      + "ningún mentor que hable tagalo y se reúna como ellas está libre a esas horas."))
        #expect(Self.spanish.contains("2 familias que hablan hmong en Juárez ES y Lincoln MS: ningún mentor habla hmong."))
        #expect(Self.spanish.contains("Un mentor que hable tagalo y esté libre entre semana a partir de las 5 de la tarde."))
    }

    @Test func scoreAndBoundInPlainWords() {
        #expect(Self.english.contains("The schedule is within 0.5% of the best possible: its score is 432, and no schedule can score more than 434."))
        #expect(Self.spanish.contains("El calendario está a menos del 0.5\u{00A0}% del mejor posible: su puntuación es 432 y ningún calendario puede pasar de 434."))
        var figures = Fixture.figures
        figures.headline.bound = figures.headline.score
        #expect(ReportPage(figures: figures, language: .en).html().contains("The schedule is the best possible: its score, 432, is the highest"))
    }

    @Test(arguments: [(0.0046, "0.5%"), (0.005, "0.5%"), (0.00001, "0.1%"), (0.081, "8.1%"), (0.0811, "8.2%"), (0.0, nil)] as [(Double, String?)])
    func gapsAreRoundedUp(gap: Double, text: String?) {
        #expect(EnglishWords().gapPercent(gap) == text)
    }

    /// Nothing a browser would fetch: no script, stylesheet, image, font or frame, no URL in CSS,
    /// and a policy that forbids every fetch.
    @Test(arguments: [Self.english, Self.spanish])
    func selfContained(page: String) {
        for forbidden in ["<script", "<link", "<img", "<iframe", "<object", "<embed", "url(", "@import", "@font-face", "href=", "src="] {
            #expect(!page.contains(forbidden), "the page contains \(forbidden)")
        }
        let withoutNamespaces = page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespaces.contains("http://") && !withoutNamespaces.contains("https://"))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\""))
        #expect(page.hasSuffix("</body>\n</html>\n"))
    }

    @Test func languageOfThePage() {
        #expect(Self.english.contains("<html lang=\"en\">") && Self.spanish.contains("<html lang=\"es\">"))
        #expect(Self.spanish.contains("<h2>A quién llega el programa</h2>"))
        #expect(Self.spanish.contains("Datos al 16 de septiembre de 2026"))
        #expect(Self.english.contains("As of September 16, 2026"))
    }

    /// Every chart is well-formed SVG, and the numbers it states are the figures'.
    @Test func chartsStateTheFigures() throws {
        let charts = try Self.charts(Self.english)
        #expect(charts.map(\.title) == ["Families by preferred language", "Families by school", "Mentors by how full their groups are",
                                        "Seats taken and free, by mentor", "Group sessions per week"])
        #expect(charts[0].desc == "Spanish — With a group: 4, Waiting: 0, Total: 4; Hmong — With a group: 0, Waiting: 2, Total: 2; "
                + "Tagalog — With a group: 0, Waiting: 2, Total: 2; No longer in data/parents.csv — With a group: 0, Waiting: 1, Total: 1.")
        #expect(charts[1].desc.hasPrefix("Juárez ES — With a group: 2, Waiting: 3, Total: 5; Lincoln MS — With a group: 2, Waiting: 1, Total: 3;"))
        #expect(charts[2].desc == "Full: 1; 75–99% full: 0; 50–74% full: 1; 1–49% full: 0; No group: 1.")
        #expect(charts[3].desc == "M1 — Taken: 2, Free: 1, Total: 3; M2 — Taken: 2, Free: 0, Total: 2; M3 — Taken: 0, Free: 4, Total: 4.")
        #expect(charts[4].desc.hasSuffix("Open houses — Sep 7: 2, Oct 5: 1. Days without meetings — Sep 7: 1, Sep 21: 5. Today: before Sep 14."))
    }

    @Test func sectionsWithoutDataSaySo() {
        #expect(Self.english.contains("<p class=\"no-data\">No data yet. Once the program has its list of topics (data/topics.csv)"))
        #expect(Self.english.contains("<p class=\"no-data\">No data yet. Once sign-in sheets or meeting reports are in data/attendance/"))
        #expect(Self.spanish.contains("<p class=\"no-data\">Todavía no hay datos. Cuando el programa tenga su lista de temas"))
    }

    @Test func curriculumAndParticipationWhenThereIsData() throws {
        var figures = Fixture.figures
        figures.curriculum = CurriculumFigures(topics: [
            .init(id: "college", title: "Access to college", required: false, asked: 5, askedFirst: 3, membersCovered: 2, groupsTeaching: 1),
            .init(id: "biliteracy", title: "Seal of Biliteracy", required: true, asked: 2, askedFirst: 0, membersCovered: 2, groupsTeaching: 2),
        ], requiredMissing: ["Seal of Biliteracy"])
        figures.participation = ParticipationFigures(months: [.init(year: 2026, month: 9, inPerson: 3, online: 1, recording: 1)],
                                                     held: 8, attended: 5, followUp: 2)
        let page = ReportPage(figures: figures, language: .en).html()
        let charts = try Self.charts(page)
        #expect(charts.first { $0.title.hasPrefix("Families who asked") }?.desc
                == "Access to college — Their group teaches it: 2, Not taught in their group: 3, Total: 5; "
                + "Seal of Biliteracy — Their group teaches it: 2, Not taught in their group: 0, Total: 2.")
        #expect(charts.first { $0.title.hasPrefix("Sessions attended") }?.desc == "September 2026 — In person: 3, Online: 1, Recording: 1, Total: 5.")
        #expect(page.contains("Families came to 5 of the 8 sessions held for them (63%)."))
        #expect(page.contains("2 families missed their group&apos;s last two sessions"))
        #expect(page.contains("Required topics that some group whose mentor was trained in them could not fit: Seal of Biliteracy."))
        #expect(!page.contains("class=\"no-data\""))
    }

    /// A district with many schools: the chart shows 24 and folds the rest into one row whose
    /// numbers add up, so every chart fits a printed page.
    @Test func longListsFoldIntoOneRow() throws {
        var figures = Fixture.figures
        figures.bySite = (0..<40).map { Coverage(key: "s\($0)", name: "School \($0)", matched: 100 - $0, waiting: $0 % 3) }
        let charts = try Self.charts(ReportPage(figures: figures, language: .en).html())
        let rows = try #require(charts.first { $0.title == "Families by school" }).desc.split(separator: ";")
        #expect(rows.count == 25)
        let matched = (24..<40).reduce(0) { $0 + 100 - $1 }, waiting = (24..<40).reduce(0) { $0 + $1 % 3 }
        #expect((matched, waiting) == (1096, 15))
        #expect(rows.last == " 16 other schools — With a group: 1,096, Waiting: 15, Total: 1,111.")
    }

    /// Only the largest groups are listed whole, with at most 60 ids each; the page stays small.
    @Test func waitingListIsBounded() {
        var figures = Fixture.figures
        figures.waiting = (0..<100).map { index in
            WaitingGroup(need: .seats, languages: ["es"], sites: ["School \(index)"],
                         parents: (0..<(index == 0 ? 500 : 3)).map { ParentID("P\(index)-\($0)") }, ruleReason: nil)
        }
        figures.headline.matched = 0
        figures.headline.families = 500 + 99 * 3
        let page = ReportPage(figures: figures, language: .en).html()
        #expect(page.contains("P0-59, P0-60") == false && page.contains("P0-58, P0-59 and 440 more (every one is in out/assignments.csv)"))
        #expect(page.components(separatedBy: "<li><p class=\"situation\">").count - 1 == 40)
        #expect(page.contains("180 more families wait in 60 smaller groups, by what keeps them waiting:"))
        #expect(page.contains("<td>The groups that fit them are full</td><td>Spanish</td><td class=\"n\">180</td>"))
    }

    @Test func markupInNamesIsEscaped() {
        #expect(Self.english.contains("<title>Juárez &amp; Lincoln &lt;Mentors&gt;: program report</title>"))
        #expect(Self.english.contains("<h1>Juárez &amp; Lincoln &lt;Mentors&gt;</h1>"))
        #expect(!Self.english.contains("<Mentors>"))
    }

    @Test func sameFiguresSameBytes() {
        #expect(ReportPage(figures: Fixture.figures, language: .es).html() == Self.spanish)
    }

    /// The charts of a page: each `<svg>…</svg>` parsed as XML, with its title and description.
    static func charts(_ page: String) throws -> [(title: String, desc: String)] {
        var charts: [(String, String)] = []
        var rest = page[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            let svg = String(rest[start.lowerBound..<end.upperBound])
            let parsed = try ParsedXML(svg)
            charts.append((parsed.text(of: "title"), parsed.text(of: "desc")))
            rest = rest[end.upperBound...]
        }
        return charts
    }
}
