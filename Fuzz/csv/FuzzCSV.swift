// libFuzzer target: the CSV importer (`CSVTable` and the three row readers) on arbitrary bytes.
// Built only by scripts/fuzz (ENLACE_FUZZ=1 swift build --sanitize=fuzzer); see docs/RELIABILITY.md.
import EnlaceCore
@testable import EnlaceProgram

/// The site ids the fuzzed rows may refer to (those of the corpus's base program).
private let sites: Set<SiteID> = ["lincoln", "wash"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let table: CSVTable
    do {
        table = try CSVTable(bytes: bytes, file: "data/parents.csv")
    } catch {
        checkRefusal(error, file: "data/parents.csv")
        return 0
    }
    checkTable(table)
    let notes = CellNotes(file: table.file)
    do { try PeopleReader.sites(table, notes: notes).forEach { checkID($0.id.rawValue); checkName($0.name) } } catch { checkRefusal(error, file: "data/parents.csv") }
    do {
        try PeopleReader.mentors(table, sites: sites, sitesFile: "data/sites.csv", notes: notes).forEach { checkID($0.0.id.rawValue); checkName($0.0.name) }
    } catch { checkRefusal(error, file: "data/parents.csv") }
    do {
        try PeopleReader.parents(table, sites: sites, sitesFile: "data/sites.csv", notes: notes).forEach { checkID($0.0.id.rawValue); checkName($0.0.name) }
    } catch { checkRefusal(error, file: "data/parents.csv") }
    do { try TopicsReader.topics(table, notes: notes).forEach { checkID($0.id.rawValue); checkName($0.title) } } catch { checkRefusal(error, file: "data/parents.csv") }
    return 0
}

/// An accepted id is NFC, within its length, without a separator, control or invisible character.
private func checkID(_ id: String) {
    precondition(IDText.nfc(id) == id && Array(IDText.nfc(id).utf8) == Array(id.utf8), "id \(id.debugDescription) is not NFC")
    precondition(id.unicodeScalars.count <= CellLimits.id, "id longer than the limit")
    precondition(!id.unicodeScalars.contains { $0 == ";" || TextScalars.isControl($0) || TextScalars.isLineBreak($0) || $0.properties.generalCategory == .format },
                 "id \(id.debugDescription) holds a separator, control or format character")
    precondition(!TextScalars.isBlank(id), "blank id")
}

/// An accepted name is visible, one line, without bidirectional controls.
private func checkName(_ name: String) {
    precondition(!TextScalars.isBlank(name), "blank name \(name.debugDescription)")
    precondition(TextScalars.firstControl(in: name) == nil, "control character in name \(name.debugDescription)")
    precondition(!name.unicodeScalars.contains(where: TextScalars.isBidiControl), "bidi control in name \(name.debugDescription)")
}

/// Rows start after the header, on strictly increasing lines, and hold only header columns.
private func checkTable(_ table: CSVTable) {
    var previous = 1
    for row in table.rows {
        precondition(row.line > previous, "row lines must increase: \(row.line) after \(previous)")
        previous = row.line
        precondition(row.cells.count <= table.header.count, "a cell outside the header")
    }
}

/// A refusal names the file, a real line, what is wrong and how to fix it.
private func checkRefusal(_ error: InputError, file: String) {
    precondition(error.file == file, "refusal names \(error.file), not \(file)")
    precondition(error.line.map { $0 >= 1 } ?? true, "line \(String(describing: error.line))")
    precondition(!error.problem.isEmpty && !error.fix.isEmpty, "refusal without a problem or a fix")
}
