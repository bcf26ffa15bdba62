import CLibical
import EnlaceCore

/// libical's builtin (IANA) zones, looked up safely.
enum Zones {
    /// The prefix libical 3.0 gives the TZIDs of its builtin zones; files written by libical use it.
    static let libicalPrefix = "/freeassociation.sourceforge.net/"

    /// The builtin zone for an IANA name (or a libical builtin TZID); nil when unknown.
    ///
    /// The name is checked first: for a name missing from zone.tab, libical 3.0.16 opens
    /// `/usr/share/zoneinfo/NAME` as it is, so an untrusted TZID such as `../../etc/passwd` must
    /// never reach it. Must be called holding the libical lock (the first lookup loads the zone).
    static func builtin(named name: String) -> OpaquePointer? {
        var location = Substring(name)
        if location.hasPrefix(libicalPrefix) {
            location = location.dropFirst(libicalPrefix.count)
            if location.hasPrefix("Tzfile/") { location = location.dropFirst("Tzfile/".count) }
        }
        guard isIANAName(location) else { return nil }
        return icaltimezone_get_builtin_timezone(String(location))
    }

    /// Whether `name` looks like an IANA zone name: ASCII letters, digits, `_ - +`, segments joined
    /// by `/`, none empty, at most 64 characters. No dots, so no `..` and no zone.tab-style files.
    static func isIANAName(_ name: Substring) -> Bool {
        guard !name.isEmpty, name.count <= 64 else { return false }
        let allowed = name.utf8.allSatisfy { c in
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
                || c == 0x5F || c == 0x2D || c == 0x2B || c == 0x2F
        }
        return allowed && !name.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty }
    }

    /// The error for an unknown program time zone in enlace.toml.
    static func unknownProgramZone(_ name: String) -> InputError {
        InputError(file: "enlace.toml", field: "timezone",
                   problem: "\"\(name)\" is not a known IANA time zone (libical finds no such zone in the system tzdata).",
                   fix: "use an IANA name such as America/Los_Angeles, America/Chicago or America/New_York (and check that tzdata is installed).")
    }
}
