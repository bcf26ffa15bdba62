import CLibical
import EnlaceCore

/// How an instance of a recurring event is identified when EXDATE or RECURRENCE-ID points at it.
private enum InstanceKey: Hashable {
    /// A date-time, as seconds since 1970 UTC (so a UTC EXDATE matches a zoned DTSTART).
    case instant(Int)
    /// A date (DATE-valued EXDATE or all-day instance), as a day number of its wall date.
    case day(Int)
}

extension CalendarFile {
    /// Most instances generated for one event; a rule that goes further is cut with a warning.
    static let maxInstancesPerEvent = 10_000

    /// Every occurrence of the file's events that starts on or before `lastDate` (program local),
    /// with overrides, exclusions and cancellations applied.
    ///
    /// - Complexity: O(e · k) for e events of at most `maxInstancesPerEvent` instances each.
    func occurrences(through lastDate: LocalDate) throws(InputError) -> [Occurrence] {
        let records = try eventRecords()
        var overrides: [String: [EventRecord]] = [:]
        for record in records where record.recurrenceID != nil {
            overrides[record.origin.uid, default: []].append(record)
        }
        var result: [Occurrence] = []
        for master in records where master.recurrenceID == nil {
            let own = overrides.removeValue(forKey: master.origin.uid) ?? []
            result += try expand(master, overrides: own, through: lastDate)
        }
        // Overrides whose series is not in the file (Google exports them this way): each one stands
        // alone.
        for orphan in overrides.values.joined() where !orphan.cancelled {
            result.append(occurrence(of: orphan, at: orphan.start, recurrenceID: orphan.recurrenceID))
        }
        return result
    }

    private func expand(_ master: EventRecord, overrides: [EventRecord], through lastDate: LocalDate) throws(InputError) -> [Occurrence] {
        // STATUS:CANCELLED on the series removes every instance, overridden ones included.
        if master.cancelled { return [] }
        let rules = properties(of: master.component, kind: ICAL_RRULE_PROPERTY)
        let extra = properties(of: master.component, kind: ICAL_RDATE_PROPERTY)
        if rules.isEmpty && extra.isEmpty && overrides.isEmpty {
            return [occurrence(of: master, at: master.start, recurrenceID: nil)]
        }
        var instances = [master.start]
        for rule in rules { instances += try ruleInstances(rule, of: master, through: lastDate) }
        for property in extra { instances += try rdateInstances(property, of: master) }
        let excluded = try exclusions(of: master)
        var replacements: [InstanceKey: EventRecord] = [:]
        for override in overrides { if let id = override.recurrenceID { replacements[key(id)] = override } }

        var seen = Set<InstanceKey>()
        var result: [Occurrence] = []
        for instance in instances {
            let key = key(instance)
            guard seen.insert(key).inserted else { continue }
            if excluded.contains(key) || excluded.contains(.day(wallDay(instance))) { continue }
            if let override = replacements.removeValue(forKey: key) {
                if !override.cancelled { result.append(occurrence(of: override, at: override.start, recurrenceID: instance)) }
                continue
            }
            result.append(occurrence(of: master, at: instance, recurrenceID: instance))
        }
        // An override of an instance not generated here (beyond the term, or a rule libical reads
        // differently) still happens at its own time.
        for override in replacements.values where !override.cancelled {
            result.append(occurrence(of: override, at: override.start, recurrenceID: override.recurrenceID))
        }
        return result
    }

    /// The instances of one RRULE, from DTSTART until the first one after `lastDate`.
    private func ruleInstances(_ property: OpaquePointer, of event: EventRecord, through lastDate: LocalDate) throws(InputError) -> [icaltimetype] {
        let rule = icalproperty_get_rrule(property)
        let origin = event.origin
        switch rule.freq {
        case ICAL_NO_RECURRENCE:
            throw origin.error("RRULE", "has an RRULE without a valid FREQ.", fix: "correct the event's repeat rule in the calendar program.")
        case ICAL_SECONDLY_RECURRENCE, ICAL_MINUTELY_RECURRENCE, ICAL_HOURLY_RECURRENCE:
            // libical 3.0.16 can spin for minutes inside one iterator step on such rules, and no
            // district event repeats more often than daily.
            throw origin.error("RRULE", "repeats more often than daily, which a district calendar event never does.",
                               fix: "make the event repeat daily, weekly, monthly or yearly.")
        default: break
        }
        guard let iterator = icalrecur_iterator_new(rule, event.start) else {
            throw origin.error("RRULE", "has a repeat rule libical cannot expand.", fix: "correct the event's repeat rule in the calendar program.")
        }
        defer { icalrecur_iterator_free(iterator) }
        var instances: [icaltimetype] = []
        while true {
            let next = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(next) != 0 { break }
            if startDate(next) > lastDate { break }
            guard instances.count < Self.maxInstancesPerEvent else {
                warn(origin.warning("RRULE", "repeats more than \(Self.maxInstancesPerEvent) times before the end of the term; later occurrences are ignored."))
                break
            }
            instances.append(next)
        }
        return instances
    }

    /// RDATE values: dates, date-times or periods (their start).
    private func rdateInstances(_ property: OpaquePointer, of event: EventRecord) throws(InputError) -> [icaltimetype] {
        let value = icalproperty_get_rdate(property)
        let time = icaltime_is_null_time(value.time) == 0 ? value.time : value.period.start
        var instance = try attachZone(time, property: property, name: "RDATE", origin: event.origin)
        // An RDATE date-time on an all-day event (or the reverse) keeps the event's own kind.
        if event.start.is_date != 0, instance.is_date == 0 {
            instance.is_date = 1
            (instance.hour, instance.minute, instance.second, instance.zone) = (0, 0, 0, nil)
        }
        return [instance]
    }

    /// The keys of the instances EXDATE removes.
    private func exclusions(of event: EventRecord) throws(InputError) -> Set<InstanceKey> {
        var keys = Set<InstanceKey>()
        for property in properties(of: event.component, kind: ICAL_EXDATE_PROPERTY) {
            keys.insert(key(try attachZone(icalproperty_get_exdate(property), property: property, name: "EXDATE", origin: event.origin)))
        }
        return keys
    }

    private func key(_ time: icaltimetype) -> InstanceKey {
        time.is_date != 0 ? .day(wallDay(time)) : .instant(instant(time))
    }

    private func wallDay(_ time: icaltimetype) -> Int {
        LocalDate(wall: time.year, time.month, time.day)?.dayNumber ?? Int.min
    }

    /// The program-local date an instance starts on.
    private func startDate(_ time: icaltimetype) -> LocalDate {
        time.is_date != 0 ? LocalDate(dayNumber: wallDay(time)) : local(instant(time)).date
    }

    /// The occurrence of `event` starting at `start`, its length taken from `event`.
    private func occurrence(of event: EventRecord, at start: icaltimetype, recurrenceID: icaltimetype?) -> Occurrence {
        let uid = recurrenceID.map { "\(event.origin.uid)/\(recurrenceText($0))" } ?? event.origin.uid
        let span: Occurrence.Span
        switch event.length {
        case .days(let days) where start.is_date != 0:
            span = .allDay(first: LocalDate(dayNumber: wallDay(start)), days: days)
        case .days(let days):
            let begin = instant(start)
            span = .timed(start: local(begin), end: local(begin + days * 86_400))
        case .seconds(let seconds):
            let begin = instant(start)
            span = .timed(start: local(begin), end: local(begin + seconds))
        }
        return Occurrence(span: span, title: event.origin.title, sourceUID: uid, ordinal: event.origin.ordinal ?? -1)
    }
}
