import EnlaceCore
/// One file of a program folder: a path relative to the folder, and its text.
///
/// Generators return files as values rather than writing them, so that the CLI decides where
/// they go (and refuses to overwrite), and tests compare them without touching the disk.
public struct ProgramFile: Sendable, Equatable {
    /// The path relative to the program folder, with `/` separators, e.g. `data/parents.csv`.
    public let path: String
    /// The file's text; written as UTF-8 without a byte-order mark.
    public let contents: String

    /// A file at `path` (relative, `/`-separated) holding `contents`.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
