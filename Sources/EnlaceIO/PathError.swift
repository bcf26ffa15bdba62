import Foundation

/// A failed system call on a path, thrown the way Foundation's own file calls throw it: the POSIX
/// domain, the `errno`, and the path under `NSFilePathErrorKey`. Callers name the file or folder
/// from it in a message the coordinator can act on (`WorkflowError.fileProblem`); a bare
/// `POSIXError` carries no path and reached coordinators as
/// `Error Domain=NSPOSIXErrorDomain Code=13 "Permission denied"` (a read-only `out/`, a full disk).
enum PathError {
    /// The error for `code` on `path`.
    static func posix(_ code: Int32, at path: String) -> NSError {
        NSError(domain: NSPOSIXErrorDomain, code: Int(code), userInfo: [NSFilePathErrorKey: path])
    }
}
