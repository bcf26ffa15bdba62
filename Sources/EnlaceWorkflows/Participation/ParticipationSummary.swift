import EnlaceCore
import EnlaceFeeds
import EnlaceReport

/// Participation summed up for the coordinator: how families took part (in person, online, the
/// recording), and how often they came, by their school and by their language.
public struct ParticipationSummary: Sendable, Equatable {
    /// Sessions held for families and sessions attended, within one slice.
    public struct Tally: Sendable, Equatable {
        /// The site or language id.
        public var key: String
        /// The site's name or the language's English name.
        public var label: String
        /// Sessions held, and attended, for the families it counts.
        public var held = 0, attended = 0

        /// The share of held sessions attended, 0…1 (0 when nothing was held).
        public var rate: Double { held == 0 ? 0 : Double(attended) / Double(held) }
    }

    /// The moment sessions count as held before.
    public var cut: LocalDateTime
    /// Parents with at least one session held for them.
    public var families = 0
    /// Sessions held, and attended, for the families it counts.
    public var held = 0, attended = 0
    /// The attended sessions by mode.
    public var inPerson = 0, virtual = 0, recording = 0
    /// By the family's school (data/parents.csv `site`), sorted by id; families no longer in the
    /// roster under the key "".
    public var bySite: [Tally] = []
    /// By the primary language subtag of the family's preferred language (`es` for `es-MX`), sorted.
    public var byLanguage: [Tally] = []
    /// The families on out/follow-up.csv.
    public var followUp = 0
    /// Rows of the attendance files that count for nobody.
    public var unmatchedRows = 0

    /// The summary of `participation` for the families of `program`.
    public init(_ participation: Participation, program: Program, unmatchedRows: Int) {
        cut = participation.cut
        followUp = participation.followUp.count
        self.unmatchedRows = unmatchedRows
        let parents = Dictionary(program.parents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sites = Dictionary(program.sites.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let english = (try? TranslationCatalog.builtin())?.strings(for: nil)
        var siteTallies: [String: Tally] = [:], languageTallies: [String: Tally] = [:]
        var counted = Set<ParentID>()
        for row in participation.rows where row.held > 0 {
            counted.insert(row.parent)
            held += row.held
            attended += row.attended
            inPerson += row.inPerson
            virtual += row.virtual
            recording += row.recording
            let parent = parents[row.parent]
            let site = parent?.site.rawValue ?? ""
            siteTallies[site, default: Tally(key: site, label: sites[SiteID(site)] ?? "families no longer in data/parents.csv")].add(row)
            // By language, not by variant: es and es-MX families are one slice.
            let language = parent?.preferredLanguage
            let primary = language?.primary ?? ""
            let label = language.map { english?.languageName($0) ?? $0.primary } ?? "families no longer in data/parents.csv"
            languageTallies[primary, default: Tally(key: primary, label: label)].add(row)
        }
        families = counted.count
        bySite = siteTallies.values.sorted { $0.key < $1.key }
        byLanguage = languageTallies.values.sorted { $0.key < $1.key }
    }

    /// The share of attended sessions in each mode, in percent rounded so that they add up to 100
    /// (largest remainders), in the order in person, online, recording.
    public var modePercentages: [Int] {
        Self.percentages([inPerson, virtual, recording])
    }

    /// `counts` as whole percentages of their sum that add up to 100 (all 0 when the sum is 0).
    static func percentages(_ counts: [Int]) -> [Int] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        var result = counts.map { $0 * 100 / total }
        let order = counts.indices.sorted { (counts[$0] * 100 % total, $1) > (counts[$1] * 100 % total, $0) }
        for index in order.prefix(100 - result.reduce(0, +)) { result[index] += 1 }
        return result
    }
}

extension ParticipationSummary.Tally {
    mutating func add(_ row: Participation.Row) {
        held += row.held
        attended += row.attended
    }
}

extension ParticipationSummary {
    /// One JSON object for scripts (`enlace participation --json`), on one line:
    /// `{"now", "families", "held", "attended", "modes": {"in_person", "virtual", "recording"},
    /// "sites": [{"site", "name", "held", "attended"}], "languages": [{"language", "name", "held",
    /// "attended"}], "follow_up", "unmatched_rows"}`.
    public var json: String {
        func tallies(_ list: [Tally], key: String) -> String {
            "[" + list.map { tally in
                "{\"\(key)\":\(JSONText.string(tally.key)),\"name\":\(JSONText.string(tally.label)),"
                    + "\"held\":\(tally.held),\"attended\":\(tally.attended)}"
            }.joined(separator: ",") + "]"
        }
        return "{\"now\":\(JSONText.string(cut.description)),\"families\":\(families),\"held\":\(held),\"attended\":\(attended),"
            + "\"modes\":{\"in_person\":\(inPerson),\"virtual\":\(virtual),\"recording\":\(recording)},"
            + "\"sites\":\(tallies(bySite, key: "site")),\"languages\":\(tallies(byLanguage, key: "language")),"
            + "\"follow_up\":\(followUp),\"unmatched_rows\":\(unmatchedRows)}"
    }
}
