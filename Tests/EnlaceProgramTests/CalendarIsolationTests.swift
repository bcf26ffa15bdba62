@testable import EnlaceCalendar
import EnlaceCore
import EnlaceProgram
import Foundation
import Testing

/// District calendars read in `enlace _read-calendar` child processes (IsolatedCalendarReader).
@Suite("Calendars read in isolated child processes")
struct CalendarIsolationTests {
    static let corpus = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpora/libical-regressions").standardizedFileURL

    static var corpusFiles: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)) ?? [])
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static let term = LocalDate(iso: "2026-08-01")!...LocalDate(iso: "2027-07-31")!

    static func request(_ kind: CalendarRequest.Kind, _ file: String) -> CalendarRequest {
        CalendarRequest(kind: kind, file: file, site: "lincoln", timezone: "America/Los_Angeles", term: term)
    }

    static func reader(limits: ChildLimits = .standard, environment: [String: String] = [:]) -> IsolatedCalendarReader {
        IsolatedCalendarReader(executable: enlaceExecutable, limits: limits, environment: environment)
    }

    @Test("Every libical crash and hang reproducer is accepted or refused within 5 s, without a crash",
          .enabled(if: !corpusFiles.isEmpty, "shared/corpora/libical-regressions is not beside the clone"))
    func corpusThroughChildren() throws {
        let reader = Self.reader()
        var figures: [String] = []
        for url in Self.corpusFiles {
            let bytes = Array(try Data(contentsOf: url))
            for kind in CalendarRequest.Kind.allCases {
                let name = "calendars/\(url.lastPathComponent).ics"
                let clock = ContinuousClock()
                var outcome = "accepted"
                let elapsed = clock.measure {
                    do throws(InputError) {
                        _ = try reader.read(Self.request(kind, name), ics: bytes)
                    } catch {
                        outcome = "refused"
                        #expect(error.file == name)
                        #expect(!error.problem.contains("crashed") && !error.problem.contains("was stopped"),
                                "\(url.lastPathComponent) as \(kind.rawValue): \(error)")
                    }
                }
                #expect(elapsed < .seconds(5), "\(url.lastPathComponent) as \(kind.rawValue) took \(elapsed)")
                figures.append("\(url.lastPathComponent) \(kind.rawValue): \(outcome) in \(elapsed)")
            }
        }
        print("Isolated corpus reads:\n" + figures.joined(separator: "\n"))
    }

    @Test func aCrashingChildBecomesAnErrorNamingTheFile() throws {
        let folder = try ProgramFolder()
        let loader = ProgramLoader(folder: folder.url, calendars: .childProcess(
            Self.reader(environment: ["ENLACE_TEST_CRASH_CALENDAR": "1"])))
        #expect {
            _ = try loader.load()
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.file == "calendars/open-houses/lincoln.ics"
                && error.problem.contains("crashed the calendar library (signal 11, SIGSEGV)")
                && error.fix.contains("re-export the calendar")
        }
    }

    @Test func aSpinningChildIsStoppedAtItsCPULimit() throws {
        let reader = Self.reader(limits: ChildLimits(cpuSeconds: 1, wallSeconds: 20), environment: ["ENLACE_TEST_HANG_CALENDAR": "spin"])
        let started = ContinuousClock.now
        #expect {
            _ = try reader.read(Self.request(.blackouts, "calendars/blackouts.ics"), ics: Array("BEGIN:VCALENDAR\n".utf8))
        } throws: { error in
            (error as? InputError)?.description.contains("calendars/blackouts.ics: reading this calendar used more than 1 s of CPU time") == true
        }
        // The message already names the CPU limit; the clock shows it struck well before the 20 s
        // wall-clock limit (with room for a loaded machine, where 1 s of CPU takes longer).
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test func aBlockedChildIsKilledAtTheWallClockTimeout() throws {
        let reader = Self.reader(limits: ChildLimits(wallSeconds: 2), environment: ["ENLACE_TEST_HANG_CALENDAR": "sleep"])
        let started = ContinuousClock.now
        #expect {
            _ = try reader.read(Self.request(.openHouses, "calendars/open-houses/lincoln.ics"), ics: Array("BEGIN:VCALENDAR\n".utf8))
        } throws: { error in
            (error as? InputError)?.problem.contains("did not finish within 2 s and was stopped") == true
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .seconds(2) && elapsed < .seconds(4), "took \(elapsed)")
    }

    @Test func garbageOnStdoutIsRefused() throws {
        let reader = IsolatedCalendarReader(executable: "/bin/echo")
        #expect {
            _ = try reader.read(Self.request(.blackouts, "calendars/blackouts.ics"), ics: [])
        } throws: { error in
            (error as? InputError)?.problem.contains("an answer that cannot be understood") == true
        }
        let missing = IsolatedCalendarReader(executable: "/nonexistent/enlace")
        #expect {
            _ = try missing.read(Self.request(.blackouts, "calendars/blackouts.ics"), ics: [])
        } throws: { error in
            (error as? InputError)?.problem.contains("could not be started") == true
        }
    }

    @Test func childrenReadWhatTheInProcessReaderReadsInTheSameOrder() throws {
        let folder = try ProgramFolder()
        for site in ["wash"] {
            try FileManager.default.copyItem(at: folder.url.appendingPathComponent("calendars/open-houses/lincoln.ics"),
                                             to: folder.url.appendingPathComponent("calendars/open-houses/\(site).ics"))
        }
        let isolated = try testLoader(folder.url).load()
        let inProcess = try ProgramLoader(folder: folder.url, calendars: .inProcess).load()
        #expect(isolated.program.openHouses == inProcess.program.openHouses)
        #expect(isolated.program.openHouses.map(\.site).contains("wash"))
        #expect(isolated.program.blackouts == inProcess.program.blackouts)
        #expect(isolated.warnings == inProcess.warnings)
        #expect(isolated.inputFingerprint == inProcess.inputFingerprint)
    }

    @Test func namesStartingWithADashReachTheChildIntact() throws {
        let folder = try ProgramFolder()
        let bytes = Array(try Data(contentsOf: folder.url.appendingPathComponent("calendars/open-houses/lincoln.ics")))
        let request = CalendarRequest(kind: .openHouses, file: "-lincoln.ics", site: "--help", timezone: "America/Los_Angeles", term: Self.term)
        let reading = try Self.reader().read(request, ics: bytes)
        #expect(reading.openHouses.count == 3)
        #expect(reading.openHouses.allSatisfy { $0.site == "--help" })
    }

    @Test func theFirstRefusedFileInFolderOrderIsReported() throws {
        let folder = try ProgramFolder()
        try folder.write("calendars/blackouts.ics", "not a calendar")
        try folder.write("calendars/open-houses/wash.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\n")
        for _ in 0..<3 {
            let error = try expectInputError(folder)
            #expect(error.file == "calendars/open-houses/wash.ics")
        }
    }

    /// Calendars of a district for the batch tests: the fixture's open houses under several
    /// site names, one refused file, and the blackouts.
    private static func districtRequests() throws -> [(request: CalendarRequest, ics: [UInt8])] {
        let folder = try ProgramFolder()
        let houses = Array(try Data(contentsOf: folder.url.appendingPathComponent("calendars/open-houses/lincoln.ics")))
        let blackouts = Array(try Data(contentsOf: folder.url.appendingPathComponent("calendars/blackouts.ics")))
        var requests = (0..<7).map { i in
            (CalendarRequest(kind: .openHouses, file: "calendars/open-houses/site-\(i).ics", site: SiteID("site-\(i)"),
                             timezone: "America/Los_Angeles", term: term), houses)
        }
        requests.insert((request(.openHouses, "calendars/open-houses/broken.ics"), Array("BEGIN:VCALENDAR\nBEGIN:VEVENT\n".utf8)), at: 3)
        requests.append((request(.blackouts, "calendars/blackouts.ics"), blackouts))
        return requests
    }

    /// Reading in batches (one child for several files) gives exactly what one child per file
    /// gives, refusals included, in request order.
    @Test func batchesReadWhatOneChildPerFileReads() throws {
        let requests = try Self.districtRequests()
        let batched = IsolatedCalendarReader(executable: enlaceExecutable, batchSize: 4).read(requests)
        let single = IsolatedCalendarReader(executable: enlaceExecutable, batchSize: 1).read(requests)
        #expect(batched.count == requests.count)
        for (index, (a, b)) in zip(batched, single).enumerated() {
            switch (a, b) {
            case (.success(let x), .success(let y)): #expect(x == y, "file \(index)")
            case (.failure(let x), .failure(let y)): #expect(x == y, "file \(index)")
            default: Issue.record("file \(index): \(a) against \(b)")
            }
        }
        #expect(batched.filter { if case .failure = $0 { true } else { false } }.count == 1)
        guard case .success(let seventh) = batched[7] else { Issue.record("site-6 refused"); return }
        #expect(seventh.openHouses.count == 3 && seventh.openHouses.allSatisfy { $0.site == "site-6" })
    }

    /// A file that crashes its batch's child costs only itself: the other files of the batch are
    /// read again one by one, and the crash is reported against that file.
    @Test func aCrashInABatchIsPinnedOnItsFile() throws {
        let requests = try Self.districtRequests()
        let reader = IsolatedCalendarReader(executable: enlaceExecutable, environment: ["ENLACE_TEST_CRASH_CALENDAR_FILE": "calendars/open-houses/site-1.ics"],
                                            batchSize: 5)
        let results = reader.read(requests)
        for (index, result) in results.enumerated() {
            let file = requests[index].request.file
            switch result {
            case .failure(let error) where file == "calendars/open-houses/site-1.ics":
                #expect(error.file == file && error.problem.contains("crashed the calendar library"))
            case .failure(let error) where file == "calendars/open-houses/broken.ics":
                #expect(!error.problem.contains("crashed"))
            case .success(let reading) where file.contains("site-"):
                #expect(reading.openHouses.count == 3, "\(file)")
            case .success where file == "calendars/blackouts.ics":
                break
            default:
                Issue.record("\(file): \(result)")
            }
        }
    }

    /// The batch format round-trips, and input that is not a batch is refused, not half read.
    @Test func batchInputRoundTripsAndRejectsTruncation() throws {
        let requests = try Self.districtRequests()
        let input = CalendarBatch.input(requests)
        let decoded = try #require(CalendarBatch.requests(in: input))
        #expect(decoded.map(\.request) == requests.map(\.request))
        #expect(decoded.map(\.ics) == requests.map(\.ics))
        #expect(CalendarBatch.requests(in: Array(input.dropLast())) == nil)
        #expect(CalendarBatch.requests(in: input + [0x20]) == nil)
        #expect(CalendarBatch.requests(in: Array("not a batch".utf8)) == nil)
    }
}
