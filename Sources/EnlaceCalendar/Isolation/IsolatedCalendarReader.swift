import EnlaceCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads district calendars in child processes, so that libical's crashes and hangs on hostile
/// files (libical 3.0.16 lacks upstream fixes; see shared/corpora) cannot take the caller down.
///
/// Each file is read by `executable _read-calendar …` (the `enlace` binary re-executing itself),
/// with the file's bytes on stdin and a `CalendarAnswer` on stdout, under `ChildLimits`: CPU time
/// and address space capped with `setrlimit` in the child before `exec`, wall-clock time watched
/// by the parent. A child killed by a signal, stopped at a limit, or answering garbage becomes an
/// `InputError` naming the file. The parent never calls libical on the file itself.
public struct IsolatedCalendarReader: Sendable {
    /// The executable that answers `_read-calendar`: the running `enlace` by default.
    public var executable: String
    public var limits: ChildLimits
    /// Extra environment for the children (tests use it for the crash and hang hooks).
    public var environment: [String: String]
    /// Children at most at a time in `read(_:)`.
    public var concurrency: Int
    /// Files per child in `read(_:)` at most (1: a child per file).
    public var batchSize: Int

    /// `/proc/self/exe`: the executable of the running process (correct only inside `enlace`).
    public static let selfExecutable = "/proc/self/exe"

    public init(executable: String = Self.selfExecutable, limits: ChildLimits = .standard,
                environment: [String: String] = [:], concurrency: Int = 2, batchSize: Int = IsolatedCalendarReader.defaultBatchSize) {
        self.executable = executable
        self.limits = limits
        self.environment = environment
        self.concurrency = max(1, concurrency)
        self.batchSize = max(1, batchSize)
    }

    /// Reads one calendar in a child process.
    ///
    /// - Throws: `InputError` for a refused file, or for a child that crashed, hit a limit or
    ///   answered nonsense.
    public func read(_ request: CalendarRequest, ics: [UInt8]) throws(InputError) -> CalendarReading {
        let input = Self.bounded(ics)
        let outcome: ChildOutcome
        do {
            outcome = try ChildProcess.run(executable: executable, arguments: request.arguments,
                                           environment: childEnvironment, input: input, limits: limits)
        } catch {
            throw InputError(file: request.file, problem: "the calendar reader could not be started (\(executable): \(error.localizedDescription)).",
                             fix: "check that enlace is installed completely and that the system allows it to start processes.")
        }
        return try interpret(outcome, request)
    }

    /// Reads several calendars, `concurrency` children at a time; the results are in the order
    /// of `requests`, whatever order the children finish in.
    ///
    /// The files are shared out in batches of at most `batchSize`, one child each (starting a child
    /// costs more than reading a typical calendar). A batch child that crashes, stops at a limit
    /// or answers nonsense is not trusted with any of its files: each is read again in a child of
    /// its own, so the error names the file that caused it and every other file is read as if
    /// alone. The limits hold per child, so a hostile file costs one batch's limit more.
    public func read(_ requests: [(request: CalendarRequest, ics: [UInt8])]) -> [Result<CalendarReading, InputError>] {
        let size = min(batchSize, max(1, (requests.count + concurrency - 1) / concurrency))
        let batches = stride(from: 0, to: requests.count, by: size).map { $0..<min($0 + size, requests.count) }
        let results = ResultSlots(count: requests.count)
        let workers = min(concurrency, batches.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for batch in stride(from: worker, to: batches.count, by: workers).map({ batches[$0] }) {
                if batch.count > 1, let answers = readBatch(Array(requests[batch])) {
                    for (index, answer) in zip(batch, answers) { results.set(index, answer) }
                    continue
                }
                for index in batch {
                    let (request, ics) = requests[index]
                    do throws(InputError) {
                        results.set(index, .success(try read(request, ics: ics)))
                    } catch {
                        results.set(index, .failure(error))
                    }
                }
            }
        }
        return results.values
    }

    /// Files per batch child at most: far from the CPU limit for ordinary calendars, and few to
    /// read again one by one when a batch fails.
    public static let defaultBatchSize = 32

    /// One child for `requests`; nil when it did not answer for every file.
    private func readBatch(_ requests: [(request: CalendarRequest, ics: [UInt8])]) -> [Result<CalendarReading, InputError>]? {
        let trimmed = requests.map { request, ics in (request, Self.bounded(ics)) }
        guard let outcome = try? ChildProcess.run(executable: executable, arguments: [CalendarBatch.subcommand],
                                                  environment: childEnvironment, input: CalendarBatch.input(trimmed), limits: limits),
              outcome.ending == .exited(0) else { return nil }
        return CalendarBatch.decode(outcome.stdout, for: requests.map(\.request))
    }

    /// At most one byte more than a child accepts: it refuses files over the limit anyway, and
    /// there is no point piping gigabytes to it.
    private static func bounded(_ ics: [UInt8]) -> [UInt8] {
        ics.count > CalendarText.maxBytes + 1 ? Array(ics.prefix(CalendarText.maxBytes + 1)) : ics
    }

    /// This process's environment, Swift's backtracer off (a crash must end the child at once),
    /// and `environment`.
    package var childEnvironment: [String: String] {
        var values = ProcessInfo.processInfo.environment
        values["SWIFT_BACKTRACE"] = "enable=no"
        values.merge(environment) { _, new in new }
        return values
    }

    private func interpret(_ outcome: ChildOutcome, _ request: CalendarRequest) throws(InputError) -> CalendarReading {
        let file = request.file
        let fix = "re-export the calendar from Google, Outlook or Apple Calendar, or remove the file. If a fresh export fails too, report it with the file attached."
        switch outcome.ending {
        case .timedOut:
            throw InputError(file: file, problem: "reading this calendar did not finish within \(ChildProcess.seconds(limits.wallSeconds)) s and was stopped (the calendar library can hang on malformed files).", fix: fix)
        case .signalled(SIGXCPU):
            throw InputError(file: file, problem: "reading this calendar used more than \(limits.cpuSeconds) s of CPU time and was stopped (the calendar library can hang on malformed files).", fix: fix)
        case .signalled(SIGKILL):
            throw InputError(file: file, problem: "reading this calendar was stopped (signal 9): it used more than \(limits.cpuSeconds) s of CPU time or too much memory.", fix: fix)
        case .signalled(let number):
            throw InputError(file: file, problem: "reading this calendar crashed the calendar library (signal \(number)\(ChildProcess.signalName(number).map { ", \($0)" } ?? "")); nothing was read from it.", fix: fix)
        case .exited(127) where outcome.stdout.isEmpty:
            throw InputError(file: file, problem: "the calendar reader could not be started (\(executable)).",
                             fix: "check that enlace is installed completely.")
        case .exited(0):
            guard let result = CalendarAnswer.decode(outcome.stdout, for: request) else {
                throw InputError(file: file, problem: "the calendar reader gave an answer that cannot be understood.", fix: fix)
            }
            return try result.get()
        case .exited(let status):
            throw InputError(file: file, problem: "the calendar reader stopped with exit status \(status) (it may have run out of memory).", fix: fix)
        }
    }
}

/// Results filled in by concurrent workers, one slot each.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<CalendarReading, InputError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<CalendarReading, InputError>) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Result<CalendarReading, InputError>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
