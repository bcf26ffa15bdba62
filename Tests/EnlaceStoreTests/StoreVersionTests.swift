@testable import EnlaceStore
import Foundation
import GRDB
import Testing

/// The database guard: a database from a newer Enlace, or a damaged one, is refused before
/// anything is written, with a message that says what to do.
@Suite struct StoreVersionTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("enlace-store-\(UUID().uuidString).sqlite").path
    }

    func bytes(_ path: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for suffix in ["", "-wal", "-shm"] { files[suffix] = FileManager.default.contents(atPath: path + suffix) }
        return files
    }

    /// Issue 27: a database written by a newer Enlace was used without a guard.
    @Test func refusesADatabaseFromANewerEnlaceBeforeWriting() throws {
        let path = temporaryPath()
        _ = try Store(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        let before = bytes(path)
        #expect(throws: StoreError.self) { _ = try Store(path: path) }
        do {
            _ = try Store(path: path)
        } catch {
            #expect("\(error)".contains("was written by a newer version of Enlace (it holds the database changes v99-from-the-future"), "\(error)")
            #expect("\(error)".contains("Fix: upgrade Enlace"))
        }
        #expect(bytes(path)[""] == before[""], "the database file is byte for byte as it was")
        let applied = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.contains("v99-from-the-future") && Set(applied).isSuperset(of: Schema.migrator.migrations))
    }

    @Test func opensItsOwnDatabaseAgain() throws {
        let path = temporaryPath()
        _ = try Store(path: path)
        _ = try Store(path: path)
    }

    @Test(arguments: [
        (DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full"), "the disk is full (SQLite: database or disk is full); nothing was changed. Fix: free some space"),
        (DatabaseError(resultCode: .SQLITE_READONLY, message: "attempt to write a readonly database"), "cannot be written: the program folder is read-only or you may not write in it"),
        (DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "unable to open database file"), "cannot be written: the program folder is read-only"),
        (DatabaseError(resultCode: .SQLITE_CORRUPT, message: "database disk image is malformed"), "is damaged or is not an Enlace database"),
        (DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked"), "is in use by another Enlace command"),
        (DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error"), "the disk reported an input/output error"),
    ])
    func describesDatabaseFailuresForCoordinators(error: DatabaseError, phrase: String) {
        let message = StoreError.describing(error, path: "/district/enlace.sqlite").description
        #expect(message.hasPrefix("/district/enlace.sqlite") && message.contains(phrase) && message.contains(" Fix: "), "\(message)")
    }
}
