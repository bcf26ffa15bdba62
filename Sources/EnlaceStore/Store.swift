import EnlaceCore
import Foundation
import GRDB

/// Problems with the database itself (not with the coordinator's input).
public struct StoreError: Error, CustomStringConvertible {
    public let description: String
}

/// The program's database, `DIR/enlace.sqlite`: the imported program, run history and feed tokens.
///
/// WAL mode lets `enlace serve` read while an import writes; a busy timeout makes a second writer
/// wait instead of failing. The file is readable by its owner only: it holds families' contacts.
public final class Store: Sendable {
    /// The file name inside the program folder.
    public static let fileName = "enlace.sqlite"

    let pool: DatabasePool

    /// Opens (creating if needed) the database and applies pending migrations.
    ///
    /// - Throws: `StoreError` when the file cannot be opened or is not an Enlace database.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        do {
            let existed = FileManager.default.fileExists(atPath: path)
            if !existed {
                // Owner-only before SQLite first opens it: SQLite gives the -wal and -shm files
                // the database file's permissions, so they are owner-only as well.
                FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            if !existed {
                try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            }
            try Schema.migrator.migrate(pool)
        } catch {
            throw StoreError(description: "cannot open the database \(path): \(error)")
        }
    }

    /// Reads a value inside one read transaction.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError(description: "database read failed: \(error)") }
    }
}

extension Store {
    /// The ids of the stored parents, sorted.
    public func parentIDs() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT id FROM parents ORDER BY id") }
    }
}
