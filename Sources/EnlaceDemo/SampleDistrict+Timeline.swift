import EnlaceCore
import Foundation

extension SampleDistrict {
    /// When the sample district's program was first matched and published: a week before its
    /// 2026-27 term began (Monday 10 August 2026, 09:00 in Southern California).
    public static let launch = Date(timeIntervalSince1970: 1_786_377_600)

    /// The moment `enlace demo` shows the sample district as of: Tuesday 1 December 2026, 08:00 in
    /// Southern California, with September to November held. Fixed, so the demo gives the same
    /// outputs whatever the date it runs on.
    public static let asOf = Date(timeIntervalSince1970: 1_796_140_800)
}
