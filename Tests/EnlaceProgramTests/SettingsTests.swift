import EnlaceCore
@testable import EnlaceProgram
import Testing

/// The settings of spec section 5 added for sections 10–13, and the checks that keep settings from
/// carrying anything but their value into feeds, letters and reports.
@Suite struct SettingsTests {
    static let head = """
        name = "Lincoln Parent Mentors"
        timezone = "America/Los_Angeles"
        term_start = 2026-08-17
        term_end = 2027-06-10

        """

    func parse(_ tail: String) throws -> ProgramSettings { try SettingsReader.parse(Self.head + tail) }

    func refusal(_ tail: String, sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
        do {
            _ = try parse(tail)
            Issue.record("accepted: \(tail.debugDescription)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test func newSettingsHaveTheSpecDefaults() throws {
        let settings = try parse("")
        #expect(settings.coordinatorName == nil && settings.coordinatorPhone == nil && settings.coordinatorEmail == nil)
        #expect(settings.reportLanguage == .en)
        #expect(settings.curriculum.rankWeights == [5, 4, 3, 2, 1])
        #expect(settings.curriculum.requiredWeight == 1000)
        #expect(settings.participation.minVirtualMinutes == 15)
        #expect(settings.weights.sameGroup == 30)
        #expect(Weights.keys == ["matched", "preferred_language", "open_house", "shared_topic", "shared_topic_cap",
                                 "continuity", "same_group", "group"])
    }

    @Test func readsEveryNewSetting() throws {
        let settings = try parse("""
            coordinator_name = "Marisol Vega"
            coordinator_phone = "(555) 010-0199 ext. 12"
            coordinator_email = "m.vega@sierra-vista.k12.ca.us"
            report_language = "es"
            [weights]
            same_group = 45
            [curriculum]
            rank_weights = [8, 3]
            required_weight = 0
            [participation]
            min_virtual_minutes = 600
            """)
        #expect(settings.coordinatorName == "Marisol Vega")
        #expect(settings.coordinatorPhone == "(555) 010-0199 ext. 12")
        #expect(settings.coordinatorEmail == "m.vega@sierra-vista.k12.ca.us")
        #expect(settings.reportLanguage == .es)
        #expect(settings.weights.sameGroup == 45 && settings.weights["same_group"] == 45)
        #expect(settings.curriculum.rankWeights == [8, 3])
        #expect(settings.curriculum.rankWeight(1) == 8 && settings.curriculum.rankWeight(2) == 3 && settings.curriculum.rankWeight(7) == 3)
        #expect(settings.curriculum.requiredWeight == 0)
        #expect(settings.participation.minVirtualMinutes == 600)
    }

    @Test(arguments: [
        ("report_language = \"fr\"\n", "report_language", "is \"fr\", which is not one of \"en\", \"es\""),
        ("[curriculum]\nrank_weights = []\n", "[curriculum] rank_weights", "is empty"),
        ("[curriculum]\nrank_weights = [5, -1]\n", "[curriculum] rank_weights", "holds -1; every number must be between 0 and"),
        ("[curriculum]\nrank_weights = 5\n", "[curriculum] rank_weights", "must be a list of whole numbers"),
        ("[curriculum]\nrank_weights = [5, \"4\"]\n", "[curriculum] rank_weights", "must be a list of whole numbers"),
        ("[curriculum]\nrequired_weight = -1\n", "[curriculum] required_weight", "is -1; it must be between 0 and"),
        ("[curriculum]\nrank_weight = [5]\n", "[curriculum] rank_weight", "is not a setting Enlace knows. Did you mean \"rank_weights\"?"),
        ("[participation]\nmin_virtual_minutes = 0\n", "[participation] min_virtual_minutes", "is 0; it must be between 1 and 600"),
        ("[participation]\nmin_virtual_minutes = 601\n", "[participation] min_virtual_minutes", "is 601; it must be between 1 and 600"),
        ("[participation]\nminutes = 10\n", "[participation] minutes", "is not a setting Enlace knows"),
        ("coordinator = \"x\"\n", "coordinator", "is not a setting Enlace knows"),
    ])
    func refusesBadNewSettings(tail: String, field: String, message: String) {
        let error = refusal(tail)
        #expect(error?.field == field, "\(String(describing: error))")
        #expect(error?.problem.contains(message) == true, "\(String(describing: error))")
        #expect(error?.line != nil && error?.fix.isEmpty == false)
    }

    /// Issue 27: a line break in a link setting was written raw into 107 feeds and out/feeds.csv.
    @Test(arguments: [
        ("virtual_meeting_url = \"https://meet.example.org/{group}\\r\\nATTENDEE:mailto:x@evil.example\\r\\nBEGIN:VALARM\"", "U+000D"),
        ("feed_base_url = \"https://feeds.example.org/\\r\\n=cmd|' /C calc'!A0/\"", "U+000D"),
        ("feed_base_url = \"https://feeds.example.org/a\\nb/\"", "U+000A"),
        ("feed_base_url = \"https://feeds.example.org/a\\u2028b/\"", "U+2028"),
        ("feed_base_url = \"https://feeds.example.org/a b/\"", "U+0020"),
        ("virtual_meeting_url = \"https://meet.example.org/\\u202Egroup\"", "U+202E"),
        ("virtual_meeting_url = \"https://meet.example.org/\\u200Bx\"", "U+200B"),
        ("feed_base_url = \"https://feeds.example.org/\\u0085/\"", "U+0085"),
    ])
    func refusesControlCharactersInLinks(line: String, scalar: String) {
        let error = refusal(line + "\n")
        #expect(error?.problem.contains(scalar) == true, "\(String(describing: error))")
        #expect(error?.problem.contains("a link cannot hold spaces, line breaks or invisible characters") == true)
        #expect(error?.line == 5)
    }

    @Test(arguments: [
        ("virtual_meeting_url = \"ftp://meet.example.org/{group}\"", "is not an http(s) address"),
        ("virtual_meeting_url = \"meet.example.org/{group}\"", "is not an http(s) address"),
        ("virtual_meeting_url = \"javascript:alert(1)\"", "is not an http(s) address"),
        ("virtual_meeting_url = \"https:///{group}\"", "has no valid host name"),
        ("virtual_meeting_url = \"https://meet.example.org/{room}\"", "has the placeholder {room}; only {group} and {mentor} are replaced"),
        ("virtual_meeting_url = \"https://meet.example.org/{group\"", "has a lone \"{\""),
        ("virtual_meeting_url = \"https://meet.example.org/group}\"", "has a lone \"}\""),
        ("virtual_meeting_url = \"https://user:secret@meet.example.org/{group}\"", "has a user name or password"),
        ("virtual_meeting_url = \"https://meet.example.org:99999/{group}\"", "is not a number from 1 to 65535"),
        ("virtual_meeting_url = \"https://meet.example.org/<script>\"", "contains \"<\""),
        ("virtual_meeting_url = \"https://meet.example.org/a\\\"b\"", "contains \"\"\""),
        ("virtual_meeting_url = \"https://meet.example.org/100%\"", "does not start an escape"),
        ("feed_base_url = \"https://feeds.example.org/{group}/\"", "this link has no placeholders"),
        ("feed_base_url = \"https://feeds.example.org/feeds\"", "must end with \"/\""),
        ("feed_base_url = \"https://feeds.example.org/?t=/\"", "has a query or fragment"),
        ("feed_base_url = \"https://feeds.example.org/#/\"", "has a query or fragment"),
    ])
    func refusesLinksThatAreNotPlainHTTPLinks(line: String, message: String) {
        let error = refusal(line + "\n")
        #expect(error?.problem.contains(message) == true, "\(String(describing: error))")
        #expect(error?.line == 5 && error?.fix.isEmpty == false)
    }

    @Test func acceptsOrdinaryLinks() throws {
        let settings = try parse("""
            virtual_meeting_url = "https://us02web.zoom.us/j/85512345678?pwd=abc.DEF-1_2&x=%20{mentor}#{group}"
            feed_base_url = "http://localhost:8080/district/"
            """)
        #expect(settings.virtualMeetingURL == "https://us02web.zoom.us/j/85512345678?pwd=abc.DEF-1_2&x=%20{mentor}#{group}")
        #expect(settings.feedBaseURL == "http://localhost:8080/district/")
        let international = try parse("feed_base_url = \"https://calendario.distrito-educación.mx/familias/\"\n")
        #expect(international.feedBaseURL == "https://calendario.distrito-educación.mx/familias/")
        let ipv6 = try parse("feed_base_url = \"https://[2001:db8::1]:8443/feeds/\"\n")
        #expect(ipv6.feedBaseURL == "https://[2001:db8::1]:8443/feeds/")
    }

    @Test(arguments: [
        ("coordinator_email = \"Marisol Vega <m@x.org>\"", "coordinator_email", "is not one email address"),
        ("coordinator_email = \"m@x.org\\r\\nORGANIZER:mailto:evil@x.org\"", "coordinator_email", "U+000D"),
        ("coordinator_email = \"m@x.org, n@x.org\"", "coordinator_email", "is not one email address"),
        ("coordinator_email = \"m.x.org\"", "coordinator_email", "is not one email address"),
        ("coordinator_email = \"m@localhost\"", "coordinator_email", "is not one email address"),
        ("coordinator_email = \"m@x.org?subject=hi\"", "coordinator_email", "is not one email address"),
        ("coordinator_phone = \"call me\"", "coordinator_phone", "is not a phone number"),
        ("coordinator_phone = \"555\\n0199\"", "coordinator_phone", "U+000A"),
        ("coordinator_phone = \"555-0199 <b>\"", "coordinator_phone", "is not a phone number"),
        ("coordinator_name = \"Marisol\\u202E Vega\"", "coordinator_name", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("coordinator_name = \"\\u200F\"", "coordinator_name", "U+200F RIGHT-TO-LEFT MARK"),
        ("coordinator_name = \"\\u3164\\u200B\"", "coordinator_name", "made only of invisible characters"),
        ("coordinator_name = \"\\u3164\"", "coordinator_name", "made only of invisible characters"),
        ("coordinator_name = \"   \"", "coordinator_name", "is empty"),
        ("coordinator_name = \"\"\"\nMarisol\nVega\"\"\"", "coordinator_name", "U+000A"),
    ])
    func refusesCoordinatorDetailsThatAreNotOneLine(line: String, key: String, message: String) {
        let error = refusal(line + "\n")
        #expect(error?.field == key, "\(String(describing: error))")
        #expect(error?.problem.contains(message) == true, "\(String(describing: error))")
    }

    /// Issue 27: a 1 MB name produced 5.9 GB of feeds.
    @Test func boundsTheLengthOfEveryTextSetting() throws {
        let long = String(repeating: "A", count: 1_000_000)
        let name = try #require(refusalOf("name = \"\(long)\"\ntimezone = \"America/Los_Angeles\"\nterm_start = 2026-08-17\nterm_end = 2027-06-10\n"))
        #expect(name.field == "name" && name.problem.contains("is 1000000 characters long; the limit is 200"), "\(name)")
        #expect(refusal("coordinator_name = \"\(String(repeating: "é", count: 201))\"\n")?.problem.contains("is 201 characters long; the limit is 200") == true)
        #expect(refusal("coordinator_email = \"\(String(repeating: "a", count: 250))@x.org\"\n")?.problem.contains("the limit is 254") == true)
        #expect(refusal("coordinator_phone = \"\(String(repeating: "5", count: 41))\"\n")?.problem.contains("the limit is 40") == true)
        #expect(refusal("feed_base_url = \"https://x.org/\(String(repeating: "a", count: 2000))/\"\n")?.problem.contains("the limit is 2000") == true)
        #expect(refusal("[plugins.quiet]\nnote = \"\(String(repeating: "a", count: 4097))\"\n")?.problem.contains("the limit is 4096") == true)
        let file = try #require(refusalOf(Self.head + "# " + String(repeating: "x", count: 1 << 20) + "\n"))
        #expect(file.problem.contains("is larger than 1 MB, the most Enlace reads for settings") && file.line == nil, "\(file)")
        // Exactly at the limits is accepted.
        let accepted = try parse("coordinator_name = \"\(String(repeating: "é", count: 200))\"\n")
        #expect(accepted.coordinatorName?.unicodeScalars.count == 200)
    }

    @Test func refusesControlCharactersInPluginParameters() {
        let error = refusal("[plugins.quiet_fridays]\nnote = \"a\\u001Bb\"\n")
        #expect(error?.field == "[plugins.quiet_fridays] note" && error?.problem.contains("U+001B") == true, "\(String(describing: error))")
    }

    @Test func refusesAnUnknownKeyInEveryTable() {
        for (table, key) in [("weights", "same_groups"), ("curriculum", "rank"), ("participation", "min_minutes")] {
            let error = refusal("[\(table)]\n\(key) = 1\n")
            #expect(error?.field == "[\(table)] \(key)" && error?.problem.contains("is not a setting Enlace knows") == true)
        }
    }

    /// Issue 27: `matched = -1000000` left everyone unmatched, with reasons blaming capacity.
    @Test(arguments: [
        ("matched = -1000000", "matched", "is -1000000; it must be positive"),
        ("matched = 0", "matched", "is 0; it must be positive"),
        ("continuity = -150", "continuity", "makes a family in a group worth -50 points (matched 100; continuity -150)"),
        ("matched = 20\nopen_house = -15\nsame_group = -10", "open_house", "makes a family in a group worth -5 points"),
        ("shared_topic = -40", "shared_topic", "makes a family in a group worth -20 points (matched 100; shared_topic -120)"),
    ])
    func refusesWeightsThatMakeMatchingWorthless(lines: String, key: String, message: String) {
        let error = refusal("[weights]\n\(lines)\n")
        #expect(error?.field == "[weights] \(key)", "\(String(describing: error))")
        #expect(error?.problem.contains(message) == true, "\(String(describing: error))")
        #expect(error?.line != nil)
    }

    @Test func acceptsNegativePreferencesThatStillLeaveMatchingWorthwhile() throws {
        let settings = try parse("[weights]\nopen_house = -15\ncontinuity = -20\ngroup = 0\n")
        #expect(settings.weights.openHouse == -15 && settings.weights.continuity == -20)
        #expect(SettingsReader.warnings(for: settings, text: Self.head).isEmpty)
    }

    @Test func warnsAboutGroupWeightsThatChangeWhoIsPlaced() throws {
        let text = Self.head + "[weights]\nmatched = 30\ngroup = -70\n"
        let costly = SettingsReader.warnings(for: try SettingsReader.parse(text), text: text)
        #expect(costly.count == 1 && costly[0].line == 7, "\(costly)")
        #expect(costly[0].message.contains("a group is worth opening only for at least 3 families"), "\(costly)")
        let rewardText = Self.head + "[weights]\ngroup = 5\n"
        let reward = SettingsReader.warnings(for: try SettingsReader.parse(rewardText), text: rewardText)
        #expect(reward.count == 1 && reward[0].message.contains("a reward for every group"), "\(reward)")
        #expect(SettingsReader.warnings(for: try parse(""), text: Self.head).isEmpty)
    }

    func refusalOf(_ text: String) -> InputError? {
        do {
            _ = try SettingsReader.parse(text)
            return nil
        } catch {
            return error
        }
    }
}
