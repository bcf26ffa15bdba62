import Foundation

/// Removes one parent from a `schedule.json` written by `ScheduleReport`, for `enlace forget`:
/// the id leaves its group's `parents` and the `unmatched` list; nothing is recomputed (groups,
/// sessions and the score stay as they were matched).
public enum ScheduleRedaction {
    /// Thrown when the text is not laid out as `ScheduleReport` writes it, so the id could not be
    /// removed with certainty.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `json` without `parentID`; unchanged when the schedule does not name the parent.
    ///
    /// - Complexity: O(n) in the length of `json`.
    /// - Throws: `Failure` when the result would still name the parent or is not valid JSON.
    public static func removingParent(_ parentID: String, from json: String) throws -> String {
        let quoted = JSONText.string(parentID)
        guard json.contains(quoted) else { return json }
        var lines = json.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices where lines[index].contains("\"parents\": [") {
            lines[index] = removeFromInlineArray(quoted, lines[index])
        }
        removeUnmatchedEntry(quoted, &lines)
        let result = lines.joined(separator: "\n")
        guard !result.contains(quoted) else {
            throw Failure(description: "the schedule names \(parentID) in a place Enlace does not know how to edit")
        }
        guard (try? JSONSerialization.jsonObject(with: Data(result.utf8))) != nil else {
            throw Failure(description: "removing \(parentID) would leave a damaged schedule")
        }
        return result
    }

    /// `"parents": ["P1", "P2"],` without `quoted`.
    private static func removeFromInlineArray(_ quoted: String, _ line: String) -> String {
        guard let open = line.range(of: "\"parents\": ["), let close = line.range(of: "]", options: .backwards),
              open.upperBound <= close.lowerBound else { return line }
        let items = line[open.upperBound..<close.lowerBound].components(separatedBy: ", ").filter { !$0.isEmpty && $0 != quoted }
        return String(line[..<open.upperBound]) + items.joined(separator: ", ") + String(line[close.lowerBound...])
    }

    /// Removes the `{"parent": quoted, "reasons": […]}` object of the `unmatched` array, fixing the
    /// commas around it.
    private static func removeUnmatchedEntry(_ quoted: String, _ lines: inout [String]) {
        guard let key = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "\"parent\": \(quoted),"}),
              let first = lines[..<key].lastIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "{" }),
              let last = lines[key...].firstIndex(where: { ["}", "},"].contains($0.trimmingCharacters(in: .whitespaces)) })
        else { return }
        let wasLast = !lines[last].hasSuffix(",")
        lines.removeSubrange(first...last)
        if wasLast, first > 0, lines[first - 1].hasSuffix("},") {
            lines[first - 1].removeLast()
        }
        if first > 0, first < lines.count, lines[first - 1].hasSuffix("\"unmatched\": ["),
           lines[first].trimmingCharacters(in: .whitespaces).hasPrefix("]") {
            lines[first - 1] += lines[first].trimmingCharacters(in: .whitespaces)
            lines.remove(at: first)
        }
    }
}
