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
    do { _ = try PeopleReader.sites(table) } catch { checkRefusal(error, file: "data/parents.csv") }
    do { _ = try PeopleReader.mentors(table, sites: sites, sitesFile: "data/sites.csv") } catch { checkRefusal(error, file: "data/parents.csv") }
    do { _ = try PeopleReader.parents(table, sites: sites, sitesFile: "data/sites.csv") } catch { checkRefusal(error, file: "data/parents.csv") }
    return 0
}

/// Rows start after the header, on strictly increasing lines, and hold only header columns.
private func checkTable(_ table: CSVTable) {
    var previous = 1
    for row in table.rows {
        precondition(row.line > previous, "row lines must increase: \(row.line) after \(previous)")
        previous = row.line
        precondition(row.cells.keys.allSatisfy(table.header.contains), "a cell outside the header")
    }
}

/// A refusal names the file, a real line, what is wrong and how to fix it.
private func checkRefusal(_ error: InputError, file: String) {
    precondition(error.file == file, "refusal names \(error.file), not \(file)")
    precondition(error.line.map { $0 >= 1 } ?? true, "line \(String(describing: error.line))")
    precondition(!error.problem.isEmpty && !error.fix.isEmpty, "refusal without a problem or a fix")
}
