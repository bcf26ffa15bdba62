import EnlaceWorkflows
import Foundation
import Testing

/// Foundation's file errors reach the coordinator as the folder and a fix, never NSError's text.
@Suite struct FileProblemTests {
    @Test func aStagingFileIsNamedByItsFolder() throws {
        let error = CocoaError(.fileWriteNoPermission, userInfo: [
            NSFilePathErrorKey: "/district/out/.enlace-tmp-set-match-12034",
            NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)),
        ])
        let problem = try #require(WorkflowError.fileProblem(error))
        #expect(problem.description.hasPrefix("/district/out: cannot be written: permission denied."))
        #expect(!problem.description.contains("NSCocoaErrorDomain"))
        #expect(!problem.description.contains(".enlace-tmp"))
    }

    @Test func aFullDiskAndAFileInTheWay() throws {
        let full = NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC), userInfo: [NSFilePathErrorKey: "/district/calendars/feeds"])
        #expect(try #require(WorkflowError.fileProblem(full)).description.contains("the disk is full"))
        let inTheWay = CocoaError(.fileWriteFileExists, userInfo: [
            NSURLErrorKey: URL(fileURLWithPath: "/district/out"),
            // As Foundation on Linux throws it: the underlying error is a Swift POSIXError.
            NSUnderlyingErrorKey: POSIXError(.EEXIST),
        ])
        #expect(try #require(WorkflowError.fileProblem(inTheWay)).description
            == "/district/out: cannot be created as a folder: a file of that name is in the way. Fix: move or rename that file, so Enlace can make the folder.")
    }

    @Test func readsAreNotCalledWrites() throws {
        let error = CocoaError(.fileReadNoPermission, userInfo: [
            NSFilePathErrorKey: "/district/data/parents.csv",
            NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)),
        ])
        #expect(try #require(WorkflowError.fileProblem(error)).description.contains("cannot be read: permission denied"))
    }

    @Test func otherErrorsAreLeftAlone() {
        struct Unrelated: Error {}
        #expect(WorkflowError.fileProblem(Unrelated()) == nil)
        #expect(WorkflowError.fileProblem(NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))) == nil, "no path, nothing to name")
    }
}
