import EnlaceAPI

/// "No meetings on Friday evenings at Frontier High": rejects every candidate group that meets in
/// person at one of `sites` (all sites when the list is empty) on `day`, starting at or after
/// `from`. Virtual groups are not affected. A hard rule with a group filter: the matcher asks it
/// once per candidate group, never per parent.
public final class FridayEvenings: ConstraintPlugin {
    public let name = "friday_evenings"
    public let summary = "No in-person meetings on an evening of the week at the sites listed."
    public let role = PluginRole.hard
    public let parameters = [
        ParameterSpec("day", .string, default: .string("FR"), help: "The day, as in availability cells: MO TU WE TH FR SA SU."),
        ParameterSpec("from", .string, default: .string("17:00"), help: "Groups starting at or after this time (HH:MM) are refused."),
        ParameterSpec("sites", .stringList, default: .list([]), help: "Site ids from data/sites.csv; empty means every site."),
    ]

    public init() {}

    public func prepare(_ context: PluginContext) throws -> any PreparedRule {
        let parameters = context.parameters
        guard let day = Weekday(code: parameters.string("day")) else {
            throw PluginError("day = \"\(parameters.string("day"))\" is not a day; write one of MO TU WE TH FR SA SU.")
        }
        let time = parameters.string("from").split(separator: ":").compactMap { Int($0) }
        guard time.count == 2, (0..<24).contains(time[0]), (0..<60).contains(time[1]) else {
            throw PluginError("from = \"\(parameters.string("from"))\" is not a time; write HH:MM, e.g. \"17:00\".")
        }
        var sites = Set<Int>()
        for id in parameters.strings("sites") {
            guard let site = context.siteIndex[SiteID(id)] else {
                throw PluginError("sites lists \"\(id)\", which is not a site id in data/sites.csv.")
            }
            sites.insert(site)
        }
        return Rule(program: context.program, day: day, from: time[0] * 60 + time[1], sites: sites)
    }

    final class Rule: PreparedRule {
        let program: Program
        let day: Weekday
        let from: Int
        let sites: Set<Int>
        let hooks: RuleHooks = .groupFilter

        init(program: Program, day: Weekday, from: Int, sites: Set<Int>) {
            self.program = program
            self.day = day
            self.from = from
            self.sites = sites
        }

        func admits(_ group: CandidateGroup) -> Bool {
            guard let site = group.site, sites.isEmpty || sites.contains(site) else { return true }
            switch group.timing {
            case .weekly(let weekday, let start): return weekday != day || start < from
            case .openHouse: return !group.sessions.contains { $0.date.weekday == day && $0.start.minuteOfDay >= from }
            }
        }

        func justify(group: CandidateGroup) -> String? {
            guard !admits(group), let site = group.site else { return nil }
            return "\(program.sites[site].name) has no meetings on \(day.code) from \(formatMinuteOfDay(from)) (friday_evenings)"
        }
    }
}

// The two C entry points Enlace looks for: enlace_plugin_<Module> and enlace_plugin_<Module>_abi.
@_cdecl("enlace_plugin_FridayEvenings")
public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(FridayEvenings()) }

@_cdecl("enlace_plugin_FridayEvenings_abi")
public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
