import EnlaceCore

// Recordings (spec section 11): every feed that shows a recorded session or open house gains the
// link, introduced in the feed's language, at the end of the event's DESCRIPTION. A held event
// gains it too (`FeedHistory.merge`): the one change a held session may get.

extension FeedPlanner {
    /// `feed` with the recording line of each of its events that shows a recorded session or open
    /// house, appended to the event's description and listed by UID.
    func withRecordings(_ feed: PlannedFeed) -> PlannedFeed {
        guard !recordingURLs.isEmpty else { return feed }
        var feed = feed
        for index in feed.events.indices {
            let stem = String(FeedHistory.stem(of: feed.events[index].uid))
            guard let url = recordingURLs[stem] else { continue }
            let line = feed.strings.text("recording", ["url": url])
            feed.events[index].description = Self.appending(line, to: feed.events[index].description)
            feed.recordings[stem] = line
        }
        return feed
    }

    /// `description`, a blank line, then `line`.
    static func appending(_ line: String, to description: String) -> String {
        description.isEmpty ? line : description + "\n\n" + line
    }

    /// The link of each UID stem a recording shows in any feed (parent, mentor and site UIDs
    /// alike): a group row names the group's session on its date, a site row the site's open
    /// houses on it.
    static func recordingURLs(_ recordings: [Recording], sessionKeys: [GroupID: [(ScheduledSession, key: String)]],
                              openHouses: [SiteID: [(OpenHouse, key: String)]]) -> [String: String] {
        var urls: [String: String] = [:]
        for recording in recordings {
            let base: String
            let keys: [String]
            switch recording.target {
            case .group(let id):
                base = id
                keys = (sessionKeys[id] ?? []).filter { $0.0.start.date == recording.date }.map(\.key)
            case .site(let id):
                base = "openhouse-" + id.rawValue
                keys = (openHouses[id] ?? []).filter { $0.0.start.date == recording.date }.map(\.key)
            }
            for key in keys {
                // A UID's stem, as `uid(_:_:_:)` writes it before the `@`.
                for kind in FeedKind.allCases { urls[percentEncoded(base) + "-" + key + "-" + kind.uidTag] = recording.url }
            }
        }
        return urls
    }
}
