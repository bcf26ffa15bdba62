import EnlaceCore

extension FeedPlanner {
    // MARK: Places, links and UIDs

    func siteName(_ group: ScheduledGroup) -> String {
        group.site.flatMap { sites[$0]?.name } ?? group.site?.rawValue ?? ""
    }

    func place(_ group: ScheduledGroup, _ strings: FeedStrings) -> String {
        guard group.mode == .inPerson, let id = group.site else { return strings.text("place_online") }
        return sites[id].map(Self.address(of:)) ?? id.rawValue
    }

    /// `Name, address` (or the name alone).
    static func address(of site: Site) -> String {
        guard let address = site.address?.trimmingSpaces(), !address.isEmpty else { return site.name }
        return site.name + ", " + address
    }

    /// The online meeting link of a virtual group: `virtual_meeting_url` with `{group}` and
    /// `{mentor}` replaced by the (percent-encoded) ids.
    func meetingLink(_ group: ScheduledGroup) -> String? {
        guard group.mode == .virtual else { return nil }
        return program.settings.virtualMeetingURL
            .replacingAll("{group}", with: Self.percentEncoded(group.id))
            .replacingAll("{mentor}", with: Self.percentEncoded(group.mentor.rawValue))
    }

    /// `text` with everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`)
    /// percent-encoded, byte by byte of its UTF-8.
    public static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// `BASE-KEY-TAG@HOST`, with anything outside `[A-Za-z0-9._-]` percent-encoded so that ids
    /// with spaces or accents still give a plain UID; HOST is the host of `feed_base_url`, so that
    /// two districts' events never share a UID in one calendar.
    func uid(_ base: String, _ key: String, _ kind: FeedKind) -> String {
        Self.percentEncoded(base) + "-" + key + "-" + kind.uidTag + "@" + host
    }

    /// Each element with its date key: `YYYYMM-n` (n-th in its month) for sessions, or
    /// `YYYYMMDD-n` (n-th on its day) for open houses.
    static func keyed<T>(_ items: [T], date: (T) -> LocalDate, dayKey: Bool) -> [(T, key: String)] {
        var counts: [String: Int] = [:]
        return items.map { item in
            let stem = dateKey(date(item), withDay: dayKey)
            counts[stem, default: 0] += 1
            return (item, stem + "-" + String(counts[stem]!))
        }
    }

    /// `YYYYMM`, or `YYYYMMDD` with the day.
    static func dateKey(_ date: LocalDate, withDay: Bool) -> String {
        let (y, m, d) = date.components
        let month = String(y) + (m < 10 ? "0" : "") + String(m)
        return withDay ? month + (d < 10 ? "0" : "") + String(d) : month
    }
}
