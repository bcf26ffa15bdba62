import CLibical
import Foundation

/// Serialises the calls into libical made by this module, except the rendering of feed events
/// (`FeedWriter.eventHead`/`eventTail`): those build fresh components, touch no zone and change no
/// shared state, and run on every core.
///
/// libical keeps process-wide mutable state: the array of builtin zones (grown when a file names a
/// zone not loaded yet), each zone's lazily computed list of offset changes, and the error flags.
/// Loading zones from several threads at once gives wrong offsets or crashes (TOOLCHAIN.md), and the
/// program loader may read several sites' calendars concurrently. Reading a calendar takes
/// milliseconds, so one lock costs nothing that matters and makes every call safe.
final class LibicalLock: Sendable {
    private let lock = NSLock()

    /// Runs `body` holding the lock, then frees this thread's libical ring buffer (strings from
    /// non-`_r` getters live there; callers copy them into Swift strings before returning).
    func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer {
            icalmemory_free_ring()
            lock.unlock()
        }
        return try body()
    }
}

/// The one lock for libical in this process.
let libical = LibicalLock()

/// The child components of `parent` of one kind, in order.
///
/// libical's child iterator lives inside the parent, so the children are collected first: code that
/// walks them may then call anything else on the parent.
func children(of parent: OpaquePointer, kind: icalcomponent_kind) -> [OpaquePointer] {
    var result: [OpaquePointer] = []
    var child = icalcomponent_get_first_component(parent, kind)
    while let current = child {
        result.append(current)
        child = icalcomponent_get_next_component(parent, kind)
    }
    return result
}

/// The properties of `component` of one kind, in order (collected first, for the same reason).
func properties(of component: OpaquePointer, kind: icalproperty_kind) -> [OpaquePointer] {
    var result: [OpaquePointer] = []
    var property = icalcomponent_get_first_property(component, kind)
    while let current = property {
        result.append(current)
        property = icalcomponent_get_next_property(component, kind)
    }
    return result
}

/// A Swift copy of a C string owned by libical (nil stays nil).
func copyString(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
}

/// The TZID parameter of `property`, if it has one.
func tzidParameter(_ property: OpaquePointer) -> String? {
    guard let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER) else { return nil }
    return copyString(icalparameter_get_tzid(parameter))
}
