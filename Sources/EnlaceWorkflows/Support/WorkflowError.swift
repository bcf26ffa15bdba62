import EnlaceCore
import EnlaceIO
import EnlaceProgram
import Foundation

/// Why a workflow stopped, in words a coordinator can act on, with the exit code the program
/// contract gives it (1 bad input, 3 no feasible group for anyone). Workflows never print: the CLI
/// prints the message on stderr and exits with the code.
public struct WorkflowError: Error, CustomStringConvertible, Sendable {
    /// The message, without the `enlace:` prefix.
    public let message: String
    /// The process exit code.
    public let exitCode: Int32

    /// Bad input or a state the coordinator can fix (exit code 1).
    public init(_ message: String) {
        self.message = message
        self.exitCode = 1
    }

    init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    /// Nobody fits any group (exit code 3).
    public static func noFeasibleGroup(_ message: String) -> WorkflowError { WorkflowError(message: message, exitCode: 3) }

    /// `error` as a workflow error: its own message for an `InputError` or a `StoreError`, with
    /// `suffix` (e.g. what was left unchanged) appended.
    static func wrapping(_ error: any Error, _ suffix: String = "") -> WorkflowError {
        if let error = error as? WorkflowError { return error }
        let text = fileProblem(error)?.description ?? String(describing: error)
        return WorkflowError(suffix.isEmpty ? text : text + "\n" + suffix)
    }

    /// A failed write or read of a file in the program folder (Foundation's errors carry the path
    /// and an errno), worded by `FileProblem`: a read-only `out/`, a full disk. A staging file
    /// (`.enlace-tmp-…`) is named by the folder it was meant for, the one the coordinator knows.
    public static func fileProblem(_ error: any Error) -> InputError? {
        guard !(error is InputError), FileProblem.errno(of: error) != nil else { return nil }
        let ns = error as NSError, info = ns.userInfo
        guard var path = info[NSFilePathErrorKey] as? String ?? (info[NSURLErrorKey] as? URL)?.path else { return nil }
        var url = URL(fileURLWithPath: path)
        while url.pathComponents.count > 1, url.lastPathComponent.hasPrefix(AtomicFile.temporaryPrefix) {
            url.deleteLastPathComponent()
        }
        path = url.path
        // Foundation numbers its read errors 256–511 and its write errors from 512.
        let reading = ns.domain == NSCocoaErrorDomain && (256..<512).contains(ns.code)
        return FileProblem.message(for: error, path: path, writing: !reading)
    }

    public var description: String { message }
}

/// Where a workflow sends what the coordinator should read besides its result: warnings (on
/// stderr in the CLI) and the start of a step that may take more than a second.
public struct WorkflowLog: Sendable {
    /// A warning, without the `warning:` prefix.
    public var warn: @Sendable (String) -> Void
    /// A long step starts; the returned closure is called when it ends.
    public var step: @Sendable (String) -> @Sendable () -> Void

    public init(warn: @escaping @Sendable (String) -> Void, step: @escaping @Sendable (String) -> @Sendable () -> Void = { _ in {} }) {
        self.warn = warn
        self.step = step
    }

    /// Drops everything (tests that check results only).
    public static let silent = WorkflowLog(warn: { _ in })
}
