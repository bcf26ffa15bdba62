import EnlaceCore
import Foundation
import EnlaceProgram
import Testing

/// The guard in front of TOMLKit refuses what crashes toml++ and nothing that is valid TOML.
@Suite struct TOMLGuardTests {
    static let head = """
        name = "Lincoln Parent Mentors"
        timezone = "America/Los_Angeles"
        term_start = 2026-08-17
        term_end = 2027-06-10

        """

    @Test(arguments: [
        "[plugins.quiet_fridays]\nenabled = false\nwindows = [\n  [1, 2],\n  [+3, -4],\n  [\"[#x\", '[é]'],\n]\n",
        "[plugins.\"año escolar\"]\nnote = \"\"\"\n[é] 2026-08-17T:00\n\"\"\"\n",
        "[plugins.x]\nlist = [ [ ], [[1]] ]  # [é]\n",
        "[ plugins . y ]\nenabled = true\n",
    ])
    func acceptsValidTOML(tail: String) throws {
        _ = try SettingsReader.parse(Self.head + tail)
    }

    @Test func aDateTimeWithASpaceReachesTheParser() {
        // Valid TOML (a local date-time), refused later for its type, not by the guard.
        #expect {
            _ = try SettingsReader.parse(Self.head.replacingOccurrences(of: "term_end = 2027-06-10", with: "term_end = 2027-06-10 18:00:00"))
        } throws: { error in
            (error as? InputError)?.problem.contains("must be a date such as") == true
        }
    }

    @Test(arguments: [
        ("[ñandú]\n", 5, "a table header must be a name in brackets"),
        ("[[ é ]]\n", 5, "a table header must be a name in brackets"),
        ("[#x]\n", 5, "a table header must be a name in brackets"),
        ("[\n", 5, "a table header must be a name in brackets"),
        ("[plugins.x]\nfrom = 2026-08-17T:00\n", 6, "a date followed by \"T\" must have a time after it"),
        ("[plugins.x]\nfrom = 2026-08-17 7\n", 6, "a date followed by a space must be followed by a time"),
        ("[plugins.x]\nfrom = 2026-08-1; 7\n", 6, "a date followed by a space must be followed by a time"),
        ("[plugins.x]\nfrom = 2011-\u{FFFD}8-17 7\n", 6, "a date followed by a space must be followed by a time"),
        ("[plugins.x]\nfrom = 2011-x 7\n", 6, "a date followed by a space must be followed by a time"),
    ])
    func refusesWhatCrashesTheParser(tail: String, line: Int, message: String) {
        #expect {
            _ = try SettingsReader.parse(Self.head + tail)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.file == "enlace.toml" && error.line == line && error.problem.contains(message) && !error.fix.isEmpty
        }
    }
}
