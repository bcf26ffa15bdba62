// libFuzzer target: a district calendar read the way the `enlace _read-calendar` child reads it
// (`CalendarAnswer.answer`: the pre-parse guard, libical's parser, event reading and recurrence
// expansion), as open houses and as blackouts, then the answer decoded as the parent decodes it.
// Built only by scripts/fuzz (ENLACE_FUZZ=1 swift build --sanitize=fuzzer).
import EnlaceCore
@testable import EnlaceCalendar

private let term = LocalDate(iso: "2026-08-17")!...LocalDate(iso: "2027-06-10")!
private let requests = [
    CalendarRequest(kind: .openHouses, file: "calendars/open-houses/lincoln.ics", site: "lincoln",
                    timezone: "America/Los_Angeles", term: term),
    CalendarRequest(kind: .blackouts, file: "calendars/blackouts.ics", timezone: "America/Los_Angeles", term: term),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCalendar(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // The guard alone decides what reaches libical: inputs it refuses are not parsed at all.
    guard (try? CalendarText(bytes: bytes, file: "fuzz.ics")) != nil else { return 0 }
    for request in requests {
        let answer = CalendarAnswer.answer(request, ics: bytes)
        guard let result = CalendarAnswer.decode(answer, for: request) else {
            preconditionFailure("the child's answer does not decode: \(String(decoding: answer.prefix(200), as: UTF8.self))")
        }
        switch result {
        case .success(let reading):
            for openHouse in reading.openHouses {
                precondition(term.contains(openHouse.start.date), "an open house outside the term")
                precondition(openHouse.end >= openHouse.start, "an open house that ends before it starts")
            }
            precondition(reading.dates.allSatisfy(term.contains), "a blackout outside the term")
        case .failure(let error):
            precondition(error.file == request.file, "refusal names \(error.file)")
            precondition(!error.problem.isEmpty && !error.fix.isEmpty, "refusal without a problem or a fix")
        }
    }
    return 0
}
