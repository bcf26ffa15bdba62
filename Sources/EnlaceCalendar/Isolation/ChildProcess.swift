import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Resource limits for one calendar-reading child process.
public struct ChildLimits: Sendable, Equatable {
    /// CPU seconds before the kernel sends SIGXCPU (RLIMIT_CPU soft limit; SIGKILL one second later).
    public var cpuSeconds: Int
    /// Address space in bytes (RLIMIT_AS): allocations past it fail, and the child stops.
    public var memoryBytes: Int
    /// Wall-clock seconds before the parent kills the child (a child blocked without using CPU).
    public var wallSeconds: Double

    public init(cpuSeconds: Int = 5, memoryBytes: Int = 1 << 30, wallSeconds: Double = 10) {
        self.cpuSeconds = cpuSeconds
        self.memoryBytes = memoryBytes
        self.wallSeconds = wallSeconds
    }

    /// 5 s of CPU, 1 GiB of address space, 10 s of wall-clock time.
    ///
    /// Under AddressSanitizer or ThreadSanitizer (scripts/sanitize; never a shipped build) the
    /// times are 6 times as long (30 s CPU, 60 s wall clock): the limits are there to stop hostile
    /// input, not to time Enlace, and instrumented code runs several times slower (a calendar of
    /// 10,000 events took more than 10 s under ASan on the shared 2-core machine). Limits a caller
    /// sets itself are kept exactly (the tests of the limits set their own).
    public static let standard = ChildProcess.sanitized ? ChildLimits(cpuSeconds: 30, wallSeconds: 60) : ChildLimits()
}

/// How a child process ended, and what it wrote on stdout.
package struct ChildOutcome {
    package enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// The parent killed it after `ChildLimits.wallSeconds`.
        case timedOut
    }

    package var ending: Ending
    package var stdout: [UInt8]
}

/// Runs one executable with `input` on its stdin, under resource limits, and collects its stdout.
///
/// The child is started with `fork` + `execve` so that the limits (`setrlimit`) are in force
/// before the child runs a single instruction of its own; `Foundation.Process` cannot set them.
/// Between `fork` and `execve` the child calls only async-signal-safe functions on memory
/// prepared before the fork (the parent may have other threads, holding locks). stderr goes to
/// /dev/null; Swift's backtracer is switched off in the child so that a crash ends it at once.
/// Used for district calendars here and for `enlace.toml` by EnlaceProgram (`SettingsIsolation`).
package enum ChildProcess {
    /// Ignores SIGPIPE once per process: a child that dies before reading all of its input must
    /// give the parent EPIPE, not kill it.
    private static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()
    private static let forkLock = NSLock()
    /// Whether this process runs under AddressSanitizer or ThreadSanitizer (`swift test
    /// --sanitize=…`, scripts/sanitize). Their shadow memory reserves terabytes of address space,
    /// so a child built the same way dies at start under RLIMIT_AS: then only the CPU and
    /// wall-clock limits apply. A normal build is never affected.
    package static let sanitized = dlsym(nil, "__asan_init") != nil || dlsym(nil, "__tsan_init") != nil

    /// Starts `executable` with `arguments`, feeds it `input`, and waits within `limits`.
    ///
    /// - Throws: `POSIXError` when the child cannot be started (no such executable, no pipes).
    package static func run(executable: String, arguments: [String], environment: [String: String],
                    input: [UInt8], limits: ChildLimits) throws -> ChildOutcome {
        _ = ignoreSIGPIPE
        // Pipes are made close-on-exec and the child forked under one lock, so that a child
        // forked by another thread never inherits this child's pipe ends (which would keep its
        // stdin from reaching end-of-file).
        forkLock.lock()
        var locked = true
        defer { if locked { forkLock.unlock() } }
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
        let argv = CStringArray([executable] + arguments)
        let envp = CStringArray(environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        let path = strdup(executable)!
        defer { free(path) }
        var cpu = rlimit(rlim_cur: rlim_t(limits.cpuSeconds), rlim_max: rlim_t(limits.cpuSeconds + 1))
        var memory = rlimit(rlim_cur: rlim_t(limits.memoryBytes), rlim_max: rlim_t(limits.memoryBytes))
        var core = rlimit(rlim_cur: 0, rlim_max: 0)
        let limitMemory = !sanitized  // read before the fork: a lazy static is not async-signal-safe
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        let pid = fork()
        if pid == 0 {
            // The child: async-signal-safe calls only, then exec (or _exit 127). The forking
            // thread may block signals (dispatch threads do) and this process ignores SIGPIPE;
            // both would survive exec, and a blocked SIGXCPU would turn the CPU limit into SIGKILL.
            _ = sigprocmask(SIG_SETMASK, &noSignals, nil)
            _ = signal(SIGPIPE, SIG_DFL)
            _ = setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &cpu)
            if limitMemory { _ = setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &memory) }
            _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &core)
            _ = dup2(toChild[0], 0)
            _ = dup2(fromChild[1], 1)
            if devNull >= 0 { _ = dup2(devNull, 2) }
            _ = execve(path, argv.pointers, envp.pointers)
            _exit(127)
        }
        let forkError = errno
        forkLock.unlock()
        locked = false
        close(toChild[0])
        close(fromChild[1])
        if devNull >= 0 { close(devNull) }
        guard pid > 0 else {
            close(toChild[1]); close(fromChild[0])
            throw POSIXError(.init(rawValue: forkError) ?? .EAGAIN)
        }
        let (stdout, timedOut) = exchange(input: input, writeFD: toChild[1], readFD: fromChild[0],
                                          deadline: Date().addingTimeInterval(limits.wallSeconds), pid: pid)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if timedOut { return ChildOutcome(ending: .timedOut, stdout: stdout) }
        let signalNumber = status & 0x7f
        if signalNumber == 0 { return ChildOutcome(ending: .exited((status >> 8) & 0xff), stdout: stdout) }
        return ChildOutcome(ending: .signalled(signalNumber), stdout: stdout)
    }

    /// `10` for 10.0 seconds, `2.5` otherwise (for messages).
    package static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The name of a signal that ends a crashing process, for messages.
    package static func signalName(_ number: Int32) -> String? {
        [SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGABRT: "SIGABRT", SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGTRAP: "SIGTRAP"][number]
    }

    /// Writes `input` and reads stdout until EOF, both without blocking, until `deadline`; past it,
    /// kills the child. Closes both descriptors. Returns stdout and whether the deadline passed.
    private static func exchange(input: [UInt8], writeFD: Int32, readFD: Int32, deadline: Date, pid: pid_t) -> ([UInt8], Bool) {
        _ = fcntl(writeFD, F_SETFL, fcntl(writeFD, F_GETFL) | O_NONBLOCK)
        var writeFD = writeFD
        var written = 0
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        defer {
            if writeFD >= 0 { close(writeFD) }
            close(readFD)
        }
        if input.isEmpty { close(writeFD); writeFD = -1 }
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                kill(pid, SIGKILL)
                return (output, true)
            }
            var fds = [pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)]
            if writeFD >= 0 { fds.append(pollfd(fd: writeFD, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000 + 1, 1000)))
            if ready < 0 && errno != EINTR { kill(pid, SIGKILL); return (output, false) }
            if ready <= 0 { continue }
            if writeFD >= 0 && fds[1].revents != 0 {
                let count = input.withUnsafeBytes { Glibc.write(writeFD, $0.baseAddress! + written, input.count - written) }
                if count > 0 { written += count }
                if count < 0 && errno != EAGAIN && errno != EINTR { written = input.count }  // EPIPE: the child is gone
                if written >= input.count { close(writeFD); writeFD = -1 }
            }
            if fds[0].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress!, $0.count) }
                if count > 0 {
                    // An answer is small; a child that floods stdout is as broken as one that crashes.
                    if output.count < 64 << 20 { output += buffer[0..<count] }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    return (output, false)
                }
            }
        }
    }
}

/// A NULL-terminated array of C strings that lives until it is deinitialised (argv, envp).
private final class CStringArray {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: strings.count + 1)
        for (index, string) in strings.enumerated() { pointers[index] = strdup(string) }
        pointers[strings.count] = nil
    }

    deinit {
        for index in 0..<count { free(pointers[index]) }
        pointers.deallocate()
    }
}
