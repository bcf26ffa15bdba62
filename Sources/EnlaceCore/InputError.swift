/// Bad input a coordinator can fix: what is wrong, where (file, line, column or property), and how
/// to fix it.
///
/// `description` is the one-paragraph message printed on stderr, e.g.
/// `data/parents.csv, line 14, column "availability": "TU 20:00-18:00" ends before it starts. Fix: …`
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, relative to the program folder where possible.
    public var file: String
    /// The 1-based line, when the problem has one.
    public var line: Int?
    /// The CSV column, TOML key or iCalendar property, when the problem has one.
    public var field: String?
    /// What is wrong.
    public var problem: String
    /// How to fix it.
    public var fix: String

    public init(file: String, line: Int? = nil, field: String? = nil, problem: String, fix: String) {
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
        self.fix = fix
    }

    /// The location as a coordinator reads it: `data/parents.csv, line 14, column "site"`.
    public var location: String {
        var parts = [file]
        if let line { parts.append("line \(line)") }
        if let field { parts.append(file.hasSuffix(".csv") ? "column \"\(field)\"" : field) }
        return parts.joined(separator: ", ")
    }

    public var description: String {
        "\(location): \(problem)" + (fix.isEmpty ? "" : " Fix: \(fix)")
    }
}

/// A problem that does not stop an import (an unknown column, an all-day open house), reported to
/// the coordinator.
public struct InputWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        (line.map { "\(file), line \($0)" } ?? file) + ": " + message
    }
}
