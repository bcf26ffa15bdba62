import EnlaceCore
import Foundation
import GRDB

/// Problems with the database itself (not with the coordinator's input), worded for the
/// coordinator: what happened to `enlace.sqlite` and what to do, never raw SQLite text alone.
public struct StoreError: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }

    /// The message for `error`, thrown while opening or using the database at `path`: a damaged
    /// file, a full disk, a read-only folder, a lock held too long each get their own fix.
    /// Call sites that write the database (imports, runs, feed history) map their errors with it.
    public static func describing(_ error: any Error, path: String) -> StoreError {
        if let known = error as? StoreError { return known }
        guard let database = error as? DatabaseError else {
            return StoreError(description: "\(path): the database cannot be used (\(error)). Fix: check the file and its folder, then run the command again.")
        }
        let detail = "(SQLite: \(database.message ?? "error \(database.resultCode.rawValue)"))"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        switch database.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(description: "\(path) is damaged or is not an Enlace database \(detail); nothing was changed. Fix: restore enlace.sqlite from a backup; if there is none, move the file aside (keep it: it holds the families' feed links) and ask for help before importing again.")
        case .SQLITE_FULL:
            return StoreError(description: "\(path): the disk is full \(detail); nothing was changed. Fix: free some space on the disk holding \(folder), then run the command again.")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(description: "\(path) cannot be written: the program folder is read-only or you may not write in it \(detail). Fix: run Enlace as a user who may write in \(folder), or copy the program folder somewhere writable and run it there.")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(description: "\(path) is in use by another Enlace command, which held it for more than 10 seconds \(detail). Fix: wait for that command to finish, then run this one again.")
        case .SQLITE_IOERR:
            return StoreError(description: "\(path): the disk reported an input/output error \(detail). Fix: check the disk (or network share); copy the program folder to a healthy disk and run the command there.")
        default:
            return StoreError(description: "\(path): the database refused the operation \(detail). Fix: run the command again; if it fails the same way, keep a copy of the folder and report it.")
        }
    }
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
    /// A database that a newer Enlace has migrated (it holds a migration this build does not know)
    /// is refused before anything is written to it: this build would misread its tables.
    /// - Throws: `StoreError` when the file cannot be opened, is damaged, is not an Enlace database
    ///   or was written by a newer Enlace.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        do {
            let existed = FileManager.default.fileExists(atPath: path)
            if existed {
                try Store.refuseNewerSchema(path: path)
            } else {
                // Owner-only before SQLite first opens it: SQLite gives the -wal and -shm files
                // the database file's permissions, so they are owner-only as well.
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            if !existed {
                try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            }
            try Schema.migrator.migrate(pool)
        } catch {
            throw StoreError.describing(error, path: path)
        }
    }

    /// Reads the applied migrations through a read-only connection and refuses the database when
    /// one of them is unknown to this build.
    static func refuseNewerSchema(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        let known = Set(Schema.migrator.migrations)
        let unknown = try queue.read { db in try Schema.migrator.appliedIdentifiers(db).subtracting(known) }
        guard unknown.isEmpty else {
            throw StoreError(description: "\(path) was written by a newer version of Enlace (it holds the database changes \(unknown.sorted().joined(separator: ", ")), which this version does not know); it was left untouched. Fix: upgrade Enlace to the version that wrote it, or a later one, and run the command again.")
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
