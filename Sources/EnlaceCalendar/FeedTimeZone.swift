import CLibical
import EnlaceCore

/// A minimal, Outlook-safe VTIMEZONE for an IANA zone (ICALENDAR.md, "Time zones").
///
/// libical builds zones from the system tzdata with a `/freeassociation.sourceforge.net/` TZID and
/// every historical rule (about twenty blocks for America/Los_Angeles). Outlook wants exactly one
/// STANDARD and one DAYLIGHT block with yearly RRULEs. The zone kept here is the one in force now
/// and for the foreseeable future: the open-ended (no UNTIL) STANDARD and DAYLIGHT rules, with
/// DTSTART moved to their first occurrence in 1970 and TZID the plain IANA name. A zone without
/// daylight saving time gets one STANDARD block at its current offset. Offsets before the current
/// rules took effect are wrong in this zone, which is harmless: feeds only hold this term's
/// meetings.
enum FeedTimeZone {
    /// A new VTIMEZONE component (the caller owns it), or nil for an unknown zone.
    /// Must be called holding the libical lock.
    static func component(named name: String) -> OpaquePointer? {
        guard let zone = Zones.builtin(named: name), let full = icaltimezone_get_component(zone) else { return nil }
        let standards = children(of: full, kind: ICAL_XSTANDARD_COMPONENT)
        let daylights = children(of: full, kind: ICAL_XDAYLIGHT_COMPONENT)
        let vtimezone = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT)!
        icalcomponent_add_property(vtimezone, icalproperty_new_tzid(name))
        if let standard = latest(standards.filter(isOngoing)), let daylight = latest(daylights.filter(isOngoing)) {
            for block in [standard, daylight] {
                let copy = icalcomponent_new_clone(block)!
                moveStartTo1970(copy)
                icalcomponent_add_component(vtimezone, copy)
            }
        } else if let current = latest(standards + daylights) {
            let block = icalcomponent_new(ICAL_XSTANDARD_COMPONENT)!
            let offset = icalcomponent_get_first_property(current, ICAL_TZOFFSETTO_PROPERTY).map { icalproperty_get_tzoffsetto($0) } ?? 0
            if let nameProperty = icalcomponent_get_first_property(current, ICAL_TZNAME_PROPERTY),
               let tzname = copyString(icalproperty_get_tzname(nameProperty)) {
                icalcomponent_add_property(block, icalproperty_new_tzname(tzname))
            }
            icalcomponent_add_property(block, icalproperty_new_tzoffsetfrom(offset))
            icalcomponent_add_property(block, icalproperty_new_tzoffsetto(offset))
            icalcomponent_add_property(block, icalproperty_new_dtstart(localTime(year: 1970, month: 1, day: 1)))
            icalcomponent_add_component(vtimezone, block)
        } else {
            icalcomponent_free(vtimezone)
            return nil
        }
        return vtimezone
    }

    /// A floating (zone-less) local date-time.
    static func localTime(year: Int, month: Int, day: Int, minuteOfDay: Int = 0) -> icaltimetype {
        var time = icaltime_null_time()
        time.year = Int32(year)
        time.month = Int32(month)
        time.day = Int32(day)
        time.hour = Int32(minuteOfDay / 60)
        time.minute = Int32(minuteOfDay % 60)
        time.is_date = 0
        return time
    }

    /// Whether the block's rule is open-ended: it has an RRULE and the RRULE has no UNTIL.
    private static func isOngoing(_ block: OpaquePointer) -> Bool {
        guard let rule = icalcomponent_get_first_property(block, ICAL_RRULE_PROPERTY) else { return false }
        return icaltime_is_null_time(icalproperty_get_rrule(rule).until) != 0 && icalproperty_get_rrule(rule).count == 0
    }

    /// The block whose last onset is latest: the one in force today.
    private static func latest(_ blocks: [OpaquePointer]) -> OpaquePointer? {
        blocks.max { icaltime_compare(lastOnset($0), lastOnset($1)) < 0 }
    }

    /// When the block last took effect: the latest of its DTSTART, its RRULE's UNTIL and its
    /// RDATEs. (An open-ended rule never ends; `isOngoing` handles those first.)
    private static func lastOnset(_ block: OpaquePointer) -> icaltimetype {
        var last = icalcomponent_get_dtstart(block)
        if let rule = icalcomponent_get_first_property(block, ICAL_RRULE_PROPERTY) {
            var until = icalproperty_get_rrule(rule).until
            until.zone = nil
            if icaltime_is_null_time(until) == 0, icaltime_compare(until, last) > 0 { last = until }
        }
        for rdate in properties(of: block, kind: ICAL_RDATE_PROPERTY) {
            let time = icalproperty_get_rdate(rdate).time
            if icaltime_is_null_time(time) == 0, icaltime_compare(time, last) > 0 { last = time }
        }
        return last
    }

    /// Sets DTSTART to the rule's first occurrence in 1970, at the block's time of day.
    private static func moveStartTo1970(_ block: OpaquePointer) {
        guard let startProperty = icalcomponent_get_first_property(block, ICAL_DTSTART_PROPERTY),
              let ruleProperty = icalcomponent_get_first_property(block, ICAL_RRULE_PROPERTY) else { return }
        let original = icalproperty_get_dtstart(startProperty)
        let from = localTime(year: 1970, month: 1, day: 1, minuteOfDay: Int(original.hour) * 60 + Int(original.minute))
        guard let iterator = icalrecur_iterator_new(icalproperty_get_rrule(ruleProperty), from) else { return }
        defer { icalrecur_iterator_free(iterator) }
        var first = icalrecur_iterator_next(iterator)
        guard icaltime_is_null_time(first) == 0 else { return }
        first.second = original.second
        icalproperty_set_dtstart(startProperty, first)
    }
}
