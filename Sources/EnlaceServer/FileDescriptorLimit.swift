import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's limit on open files, which bounds how many connections it can hold.
///
/// Systems start processes with a soft limit of 1,024 and a hard limit far above it; at the soft
/// limit `accept` fails and the server turns away every client. A process may raise its own soft
/// limit up to the hard one without privileges, so the server does at start.
enum FileDescriptorLimit {
    /// Raises the soft limit to the hard limit (or to the kernel's ceiling when the hard limit is
    /// unlimited); returns the soft limit in force afterwards.
    static func raiseToHardLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return 1024 }
        let ceiling = limit.rlim_max == unlimited ? rlim_t(Self.kernelCeiling()) : limit.rlim_max
        if limit.rlim_cur == unlimited || limit.rlim_cur >= ceiling { return Int(clamping: limit.rlim_cur) }
        var raised = limit
        raised.rlim_cur = ceiling
        if setrlimit(resource, &raised) == 0 { return Int(clamping: ceiling) }
        return Int(clamping: limit.rlim_cur)
    }

    /// The soft limit now.
    static var current: Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return 1024 }
        return Int(clamping: limit.rlim_cur)
    }

    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    /// RLIM_INFINITY (all bits set; the C macro does not import).
    private static let unlimited = rlim_t.max

    /// `fs.nr_open`, the most a process's limit can be (1,048,576 by default).
    private static func kernelCeiling() -> Int {
        let text = (try? String(contentsOfFile: "/proc/sys/fs/nr_open", encoding: .utf8)) ?? ""
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1_048_576
    }
}
