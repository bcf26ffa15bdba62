import Foundation

/// A CSV file read independently of Enlace's reader: RFC 4180 quoting, a header row, rows as
/// dictionaries by column name.
struct CSVTableForTests {
    let rows: [[String: String]]

    init(_ url: URL) throws {
        let records = Self.records(try String(contentsOf: url, encoding: .utf8))
        let header = records.first ?? []
        rows = records.dropFirst().filter { $0 != [""] }.map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
    }

    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], cell = ""
        var quoted = false, previousQuote = false
        for character in text.replacingOccurrences(of: "\r\n", with: "\n") {
            if quoted {
                if character == "\"" { quoted = false; previousQuote = true } else { cell.append(character) }
                continue
            }
            switch character {
            case "\"":
                if previousQuote { cell.append("\"") }
                quoted = true
            case ",": record.append(cell); cell = ""
            case "\n": record.append(cell); records.append(record); record = []; cell = ""
            default: cell.append(character)
            }
            previousQuote = false
        }
        if !cell.isEmpty || !record.isEmpty { record.append(cell); records.append(record) }
        return records
    }
}

/// What a matched program folder says, read from its files: data/sites.csv, data/parents.csv,
/// out/assignments.csv and out/schedule.json.
struct DistrictFiles {
    struct Parent {
        let site: String
        /// The primary subtag of the preferred language.
        let language: String
    }

    struct Assignment {
        let parent: String
        let mentor: String
    }

    /// Site id → name.
    let sites: [String: String]
    let parents: [String: Parent]
    let assignments: [Assignment]
    /// Sessions in out/schedule.json, every group counted.
    let sessionCount: Int

    init(_ folder: URL) throws {
        let sitesTable = try CSVTableForTests(folder.appendingPathComponent("data/sites.csv"))
        sites = Dictionary(uniqueKeysWithValues: sitesTable.rows.map { ($0["id"]!, $0["name"]!) })
        let parentsTable = try CSVTableForTests(folder.appendingPathComponent("data/parents.csv"))
        parents = Dictionary(uniqueKeysWithValues: parentsTable.rows.map { row in
            let first = row["languages"]!.split(separator: ";").first.map(String.init) ?? ""
            return (row["id"]!, Parent(site: row["site"]!, language: first.split(separator: "-").first.map { $0.lowercased() } ?? ""))
        })
        assignments = try CSVTableForTests(folder.appendingPathComponent("out/assignments.csv")).rows.map {
            Assignment(parent: $0["parent_id"]!, mentor: $0["mentor_id"]!)
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/schedule.json"))) as! [String: Any]
        sessionCount = (json["groups"] as! [[String: Any]]).reduce(0) { $0 + ($1["sessions"] as! [Any]).count }
    }
}
