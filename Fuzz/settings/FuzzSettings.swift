// libFuzzer target: the settings reader (`enlace.toml`) and the weekly window parser on arbitrary
// text. Built only by scripts/fuzz (ENLACE_FUZZ=1 swift build --sanitize=fuzzer).
import EnlaceCore
import EnlaceProgram

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSettings(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    checkSettings(text)
    checkWindows(text)
    return 0
}

/// Accepted settings satisfy the documented invariants; refusals name the file and carry a fix.
private func checkSettings(_ text: String) {
    do {
        let settings = try SettingsReader.parse(text)
        precondition(settings.termStart <= settings.termEnd, "accepted a term that ends before it starts")
        precondition(1440 % settings.slotStepMinutes == 0, "accepted a slot step that does not divide a day")
        precondition((5...720).contains(settings.sessionMinutes), "accepted session_minutes \(settings.sessionMinutes)")
        precondition(settings.feedBaseURL.hasSuffix("/"), "accepted a feed_base_url without a final /")
        precondition(settings.weights.matched > 0, "accepted matched \(settings.weights.matched)")
        precondition(!settings.curriculum.rankWeights.isEmpty && settings.curriculum.rankWeights.allSatisfy { $0 >= 0 }, "accepted rank_weights \(settings.curriculum.rankWeights)")
        precondition((1...600).contains(settings.participation.minVirtualMinutes), "accepted min_virtual_minutes")
        // Every text setting reaches feeds: no control, line-break or bidirectional character.
        let texts = [settings.name, settings.virtualMeetingURL, settings.feedBaseURL, settings.coordinatorName ?? "",
                     settings.coordinatorPhone ?? "", settings.coordinatorEmail ?? ""]
        for text in texts {
            precondition(!text.unicodeScalars.contains { TextScalars.isControl($0) || TextScalars.isLineBreak($0) || TextScalars.isBidiControl($0) },
                         "accepted a control character in \(text.debugDescription)")
        }
        for url in [settings.virtualMeetingURL, settings.feedBaseURL] {
            precondition(url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://"), "accepted link \(url)")
            precondition(!url.unicodeScalars.contains(where: TextScalars.isInvisible), "accepted a space in \(url)")
        }
    } catch {
        precondition(error.file == SettingsReader.fileName, "refusal names \(error.file)")
        precondition(error.line.map { $0 >= 1 } ?? true, "line \(String(describing: error.line))")
        precondition(!error.problem.isEmpty && !error.fix.isEmpty, "refusal without a problem or a fix")
    }
}

/// A parsed availability is sorted, merged, inside the day, and reads back to itself.
private func checkWindows(_ text: String) {
    guard let availability = try? Availability(parsing: text) else { return }
    for (index, window) in availability.windows.enumerated() {
        precondition(0 <= window.start && window.start < window.end && window.end <= 1440, "window \(window)")
        if index > 0 {
            let previous = availability.windows[index - 1]
            precondition(previous < window, "windows not sorted")
            precondition(previous.day != window.day || previous.end < window.start, "touching windows not merged")
        }
    }
    let again = try? Availability(parsing: availability.description)
    precondition(again == availability, "\"\(availability)\" does not read back to itself")
}
