import EnlaceAPI
import EnlacePluginTesting
import EnlacePlugins
import Testing

/// The built-in plugin named `name`, as the host finds it.
func builtIn(_ name: String) -> any ConstraintPlugin {
    PluginCatalog.compiledIn().first { $0.name == name }!.plugin
}

/// Two sites, one Spanish/English mentor free Tuesday evenings at Lincoln and online, and parents
/// who each differ from a fitting parent in one respect.
func district() -> TinyDistrict {
    var district = TinyDistrict()
    district.site("LIN", name: "Lincoln Elementary")
    district.site("WAS", name: "Washington Middle")
    district.mentor("M1", languages: ["es", "en"], sites: ["LIN"], modes: [.inPerson, .virtual], capacity: 12,
                    availability: "TU 18:00-20:00", topics: ["college", "funding"])
    district.mentor("M2", languages: ["vi"], sites: ["LIN"], modes: [.virtual], availability: "TH 18:00-20:00")
    district.parent("P1", languages: ["es"], site: "LIN", availability: "TU 17:00-21:00", topics: ["college", "funding", "biliteracy"])
    district.parent("P2", languages: ["vi", "en"], site: "LIN", availability: "TU 18:00-19:00")
    district.parent("P3", languages: ["hmn"], site: "LIN")
    district.parent("P4", languages: ["es"], site: "WAS", modes: [.inPerson])
    district.parent("P5", languages: ["es"], site: "LIN", modes: [.virtual], availability: "TU 18:30-20:00")
    return district
}

@Suite struct HardPluginTests {
    @Test func sharedLanguage() throws {
        var verifier = try PluginVerifier(builtIn("shared_language"), district: district())
        let group = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00", site: "LIN")
        #expect(verifier.admits(parent: "P1", into: group))
        #expect(verifier.admits(parent: "P2", into: group), "a second language counts (en)")
        #expect(!verifier.admits(parent: "P3", into: group))
        #expect(verifier.justification(parent: "P1", group: group) == nil)
        #expect(verifier.justification(parent: "P3", group: group) == "M1 speaks Spanish or English, not Hmong")
    }

    @Test func meetingMode() throws {
        var verifier = try PluginVerifier(builtIn("meeting_mode"), district: district())
        let inPerson = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00", site: "LIN")
        let virtualOnlyMentorInPerson = verifier.weeklyGroup(mentor: "M2", day: .thursday, start: "18:00", site: "LIN")
        #expect(verifier.admits(inPerson))
        #expect(!verifier.admits(virtualOnlyMentorInPerson))
        #expect(verifier.justification(group: virtualOnlyMentorInPerson) == "M2 does not meet in person")
        #expect(verifier.admits(parent: "P1", into: inPerson))
        #expect(!verifier.admits(parent: "P5", into: inPerson))
        #expect(verifier.justification(parent: "P5", group: inPerson) == "the parent does not meet in person")
    }

    @Test func sameSite() throws {
        var verifier = try PluginVerifier(builtIn("same_site"), district: district())
        let atLincoln = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00", site: "LIN")
        let online = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        #expect(verifier.admits(parent: "P1", into: atLincoln))
        #expect(!verifier.admits(parent: "P4", into: atLincoln))
        #expect(verifier.admits(parent: "P4", into: online), "virtual groups take every site")
        #expect(verifier.justification(parent: "P4", group: atLincoln) == "the group meets at Lincoln Elementary, not at the parent's school")
    }

    @Test func timeFit() throws {
        var verifier = try PluginVerifier(builtIn("time_fit"), district: district())
        let six = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        let halfPastSix = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:30")
        #expect(verifier.admits(parent: "P2", into: six))
        #expect(!verifier.admits(parent: "P2", into: halfPastSix), "P2 is free until 19:00 only")
        #expect(verifier.justification(parent: "P2", group: halfPastSix) == "the parent is not free TU 18:30-19:30")
        #expect(!verifier.admits(parent: "P5", into: six), "P5 is free from 18:30")
    }

    @Test func openHouseRule() throws {
        var tiny = district()
        tiny.mentor("M3", languages: ["es"], sites: ["LIN"], modes: [.inPerson], availability: "MO 09:00-10:00", openHouse: false)
        tiny.mentor("M4", languages: ["es"], sites: ["LIN"], modes: [.inPerson], availability: "MO 09:00-10:00", openHouse: true)
        tiny.parent("P6", languages: ["es"], site: "LIN", availability: "MO 09:00-10:00", openHouse: true)
        var verifier = try PluginVerifier(builtIn("time_fit"), district: tiny)
        let start = LocalDateTime(date: LocalDate(iso: "2026-09-10")!, minuteOfDay: 19 * 60)
        let session = Session(start: start, end: start.adding(minutes: 60))
        let absent = verifier.openHouseGroup(mentor: "M3", site: "LIN", sessions: [session])
        let present = verifier.openHouseGroup(mentor: "M4", site: "LIN", sessions: [session])
        #expect(!verifier.admits(absent))
        #expect(verifier.justification(group: absent) == "M3 does not go to open houses and is not free at every session")
        #expect(verifier.admits(present))
        #expect(verifier.admits(parent: "P6", into: present), "goes to open houses")
        #expect(!verifier.admits(parent: "P1", into: present))
        #expect(verifier.justification(parent: "P1", group: present) == "the parent does not go to open houses and is not free at every session")
    }

    /// A parent who does not go to open houses joins an open-house group when the weekly windows
    /// hold every session, whatever their dates: the rule's keys are the sessions' weekly pattern.
    @Test func openHouseSessionsByWeeklyPattern() throws {
        var tiny = district()
        tiny.mentor("M4", languages: ["es"], sites: ["LIN"], modes: [.inPerson], availability: "MO 09:00-10:00", openHouse: true)
        tiny.parent("P7", languages: ["es"], site: "LIN", availability: "TH 18:30-20:00", openHouse: false)
        tiny.parent("P8", languages: ["es"], site: "LIN", availability: "TH 19:30-21:00", openHouse: false)
        var verifier = try PluginVerifier(builtIn("time_fit"), district: tiny)
        func session(_ iso: String, _ hour: Int, minutes: Int = 60) -> Session {
            let start = LocalDateTime(date: LocalDate(iso: iso)!, minuteOfDay: hour * 60)
            return Session(start: start, end: start.adding(minutes: minutes))
        }
        let thursdays = verifier.openHouseGroup(mentor: "M4", site: "LIN", sessions: [session("2026-09-10", 19), session("2026-10-08", 19)])
        let withAWednesday = verifier.openHouseGroup(mentor: "M4", site: "LIN", sessions: [session("2026-09-10", 19), session("2026-10-14", 19)])
        let pastMidnight = verifier.openHouseGroup(mentor: "M4", site: "LIN", sessions: [session("2026-09-10", 23, minutes: 90)])
        #expect(verifier.admits(parent: "P7", into: thursdays), "free every Thursday 18:30-20:00")
        #expect(!verifier.admits(parent: "P8", into: thursdays), "free from 19:30 only")
        #expect(!verifier.admits(parent: "P7", into: withAWednesday), "not free on Wednesdays")
        #expect(!verifier.admits(parent: "P7", into: pastMidnight), "no window holds a session that crosses midnight")
    }

    @Test func limits() throws {
        var tiny = district()
        tiny.settings.maxGroupSize = 5
        tiny.settings.maxGroupsPerMentor = 3
        var size = try PluginVerifier(builtIn("group_size"), district: tiny)
        let group = size.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        #expect(size.groupSize(group) == 5)
        #expect(size.justification(group: group) == "a group holds at most 5 parents (max_group_size)")
        let capacity = try PluginVerifier(builtIn("mentor_capacity"), district: tiny)
        #expect(capacity.capacity(ofMentor: "M1") == 12)
        #expect(capacity.capacity(ofMentor: "M2") == 8)
        #expect(capacity.rule.justify(mentor: 0) == "M1 takes at most 12 parents (capacity in mentors.csv)")
        let most = try PluginVerifier(builtIn("groups_per_mentor"), district: tiny)
        #expect(most.maxGroups(ofMentor: "M1") == 3)
        #expect(most.rule.justify(mentor: 0) == "a mentor leads at most 3 groups (max_groups_per_mentor)")
        // Rules that set no limit answer "none".
        #expect(size.capacity(ofMentor: "M1") == .max)
    }

    @Test func noOverlap() throws {
        var verifier = try PluginVerifier(builtIn("no_overlap"), district: district())
        let six = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        let halfPastSix = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:30", site: "LIN")
        let seven = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "19:00", site: "LIN")
        #expect(verifier.conflict(six, halfPastSix))
        #expect(!verifier.conflict(six, seven), "back to back is fine: intervals are half-open")
    }

    @Test func blackouts() throws {
        var tiny = district()
        tiny.blackouts = [LocalDate(iso: "2026-11-26")!, LocalDate(iso: "2026-11-27")!]
        #expect(try PluginVerifier(builtIn("blackouts"), district: tiny).blockedDays() == [LocalDate(iso: "2026-11-26")!, LocalDate(iso: "2026-11-27")!])
        #expect(try PluginVerifier(builtIn("blackouts"), district: district()).blockedDays() == [])
    }
}

@Suite struct SoftPluginTests {
    /// Scores +1 for the first parent only, yet gives every parent one key.
    final class LyingKeys: ConstraintPlugin {
        let name = "lying_keys"
        let summary = "claims to score every parent alike"
        let role = PluginRole.soft
        func prepare(_ context: PluginContext) throws -> any PreparedRule { Rule(parentCount: context.program.parents.count) }
        final class Rule: PreparedRule {
            let parentCount: Int
            let hooks: RuleHooks = [.pairScore, .scoreKeys]
            init(parentCount: Int) { self.parentCount = parentCount }
            func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
                for (i, p) in parents.enumerated() where p == 0 { scores[i] += 1 }
            }
            func scoreKeys() -> [Int32] { Array(repeating: 0, count: parentCount) }
        }
    }

    /// Parents with one key get the same points from every built-in pair score, in weekly and
    /// open-house groups; the verifier names a key that does not keep its promise.
    @Test func scoreKeysKeepTheirPromise() throws {
        var tiny = district()
        tiny.parent("P6", languages: ["es"], site: "WAS", availability: "TU 17:00-21:00", topics: ["funding", "biliteracy", "college"])
        tiny.parent("P7", languages: ["vi"], site: "LIN", availability: "WE 18:00-19:00")
        tiny.parent("P8", languages: ["hmn", "es"], site: "WAS")
        let start = LocalDateTime(date: LocalDate(iso: "2026-09-10")!, minuteOfDay: 19 * 60)
        for name in ["matched", "preferred_language", "open_house", "shared_topic", "continuity", "same_group"] {
            var verifier = try PluginVerifier(builtIn(name), district: tiny)
            _ = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
            _ = verifier.weeklyGroup(mentor: "M2", day: .thursday, start: "18:00")
            _ = verifier.openHouseGroup(mentor: "M1", site: "LIN", sessions: [Session(start: start, end: start.adding(minutes: 60))])
            #expect(verifier.scoreKeyConflicts() == [], "\(name)")
        }
        var lying = try PluginVerifier(LyingKeys(), district: tiny)
        let group = lying.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        let conflicts = lying.scoreKeyConflicts()
        #expect(conflicts.count == 7)
        #expect(conflicts.first == "P1 and P2 share score key 0 but get 1 and 0 points in \(group.id)")
    }

    @Test func matched() throws {
        var verifier = try PluginVerifier(builtIn("matched"), district: district())
        let group = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        #expect(verifier.score(parent: "P1", in: group) == 100)
        #expect(verifier.justification(parent: "P1", group: group) == "the parent has a group: +100 (matched)")
    }

    @Test func preferredLanguage() throws {
        var verifier = try PluginVerifier(builtIn("preferred_language"), district: district())
        let group = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        #expect(verifier.score(parent: "P1", in: group) == 10)
        #expect(verifier.score(parent: "P2", in: group) == 0, "P2 prefers Vietnamese; the mentor speaks only their second language")
        #expect(verifier.justification(parent: "P1", group: group) == "the mentor speaks the parent's preferred language, Spanish: +10 (preferred_language)")
        #expect(verifier.justification(parent: "P2", group: group) == nil)
    }

    @Test func openHouse() throws {
        var verifier = try PluginVerifier(builtIn("open_house"), district: district())
        let start = LocalDateTime(date: LocalDate(iso: "2026-09-10")!, minuteOfDay: 19 * 60)
        let anchored = verifier.openHouseGroup(mentor: "M1", site: "LIN", sessions: [Session(start: start, end: start.adding(minutes: 60))])
        let weekly = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00", site: "LIN")
        #expect(verifier.score(parent: "P1", in: anchored) == 15)
        #expect(verifier.score(parent: "P1", in: weekly) == 0)
        #expect(verifier.justification(parent: "P1", group: anchored) == "the group meets at the school's open house: +15 (open_house)")
    }

    @Test func sharedTopicCountsUpToTheCap() throws {
        var tiny = district()
        var verifier = try PluginVerifier(builtIn("shared_topic"), district: tiny)
        let group = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        #expect(verifier.score(parent: "P1", in: group) == 4)
        #expect(verifier.score(parent: "P2", in: group) == 0)
        #expect(verifier.justification(parent: "P1", group: group) == "the parent shares 2 topics with the mentor (college, funding): +4 (shared_topic)")
        tiny.settings.weights.sharedTopicCap = 1
        verifier = try PluginVerifier(builtIn("shared_topic"), district: tiny)
        let capped = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        #expect(verifier.score(parent: "P1", in: capped) == 2)
        #expect(verifier.justification(parent: "P1", group: capped) == "the parent shares 2 topics with the mentor (college, funding, 1 counted): +2 (shared_topic)")
    }

    @Test func continuity() throws {
        var verifier = try PluginVerifier(builtIn("continuity"), district: district(), previous: ["P1": "M1", "P2": "M2"])
        let group = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        #expect(verifier.score(parent: "P1", in: group) == 50)
        #expect(verifier.score(parent: "P2", in: group) == 0, "P2's previous mentor was M2")
        #expect(verifier.justification(parent: "P1", group: group) == "the parent stays with the mentor of the previous run: +50 (continuity)")
    }

    @Test func groupCost() throws {
        var tiny = district()
        tiny.settings.weights.group = -35
        var verifier = try PluginVerifier(builtIn("group"), district: tiny)
        let group = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        #expect(verifier.score(group) == -35)
        #expect(verifier.justification(group: group) == "each group that meets counts -35 (group)")
        #expect(verifier.score(parent: "P1", in: group) == 0)
    }
}
