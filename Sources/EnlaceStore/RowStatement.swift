import GRDB
import GRDBSQLite

/// A prepared statement run once per row, its values bound through the SQLite C API.
///
/// GRDB's `StatementArguments` box every value in an existential and convert it before binding
/// it: at 894,098 history rows of nine values that was most of the Swift time of storing a
/// 60,000-parent publication. Execution still goes through GRDB (`Statement.execute`), so its
/// transaction bookkeeping and error reporting stay as they are.
struct RowStatement {
    private let statement: Statement
    private let db: Database

    /// Prepares `sql` (not shared with GRDB's statement cache, whose users bind through GRDB).
    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        // The arguments GRDB knows of are none and valid: `execute()` then only resets the
        // statement, which keeps the values bound below.
        statement.setUncheckedArguments([])
    }

    /// Runs the statement once with the values `bind` binds (`Binder.bind`, parameters from 1).
    func execute(_ bind: (inout Binder) throws -> Void) throws {
        // Binding is refused until a statement that ran is reset.
        sqlite3_reset(statement.sqliteStatement)
        var binder = Binder(statement: statement.sqliteStatement, db: db)
        try bind(&binder)
        try statement.execute()
    }

    /// Binds the values of one run.
    struct Binder {
        fileprivate let statement: SQLiteStatement
        fileprivate let db: Database

        /// Binds `text` to parameter `index`; SQLite copies it.
        mutating func bind(_ text: String, at index: Int32) throws {
            var text = text
            try check(text.withUTF8 { sqlite3_bind_text(statement, index, $0.baseAddress, Int32($0.count), transient) })
        }

        mutating func bind(_ value: Int64, at index: Int32) throws {
            try check(sqlite3_bind_int64(statement, index, value))
        }

        mutating func bind(_ value: Int, at index: Int32) throws {
            try bind(Int64(value), at: index)
        }

        private func check(_ code: Int32) throws {
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
            }
        }
    }
}

/// SQLite's "copy the value now" destructor.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
