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
    /// Most instances of one event kept within the term; a rule that goes further is cut with a
    /// warning (a daily event over a two-year term has 731).
    static let maxInstancesPerEvent = 10_000
    /// Most steps of libical's iterator for one rule. A rule is walked from the term (or, with a
    /// COUNT, which libical can only count from DTSTART, from DTSTART): a daily rule since 1900 is
    /// 47,000 steps; only a rule that expands to many instances a day goes further, and is refused.
    /// Such rules cost about 13 µs a step on a busy machine, so the budget stays near a second,
    /// well inside the child's 5 s CPU limit.
    static let maxRuleSteps = 100_000
    /// Most occurrences one calendar may expand to within the term, all events together (a file of
    /// 10,000 events each repeating daily would otherwise make 7 million, and exhaust the child).
    static let maxOccurrences = 100_000

    /// Every occurrence of the file's events that may touch `term` (program local dates), with
    /// overrides, exclusions and cancellations applied. Recurrences are expanded from a few days
    /// before the term (an event's length plus a day), not from DTSTART, so a series that started
    /// decades ago still gives its occurrences in the term; occurrences outside the term may be
    /// included, and the callers keep those that matter.
    ///
    /// - Throws: `InputError` for a rule libical cannot expand or that repeats beyond
    ///   `maxRuleSteps`, and for a calendar of more than `maxOccurrences` occurrences.
    /// - Complexity: O(e · k) for e events of at most `maxInstancesPerEvent` instances each.
    func occurrences(in term: ClosedRange<LocalDate>) throws(InputError) -> [Occurrence] {
        let records = try eventRecords()
        var overrides: [String: [EventRecord]] = [:]
        for record in records where record.recurrenceID != nil {
            overrides[record.origin.uid, default: []].append(record)
        }
        var result: [Occurrence] = []
        for master in records where master.recurrenceID == nil {
            let own = overrides.removeValue(forKey: master.origin.uid) ?? []
            result += try expand(master, overrides: own, window: window(of: master, term: term))
            guard result.count <= Self.maxOccurrences else {
                throw InputError(file: file, problem: "its events repeat more than \(Self.maxOccurrences) times within the term (\(term.lowerBound) to \(term.upperBound)), more than a district calendar ever holds.",
                                 fix: "export only the events this file is for (this site's open houses, or the days without meetings), not a calendar of every event.")
            }
        }
        // Overrides whose series is not in the file (Google exports them this way): each one stands
        // alone.
        for orphan in overrides.values.joined() where !orphan.cancelled {
            result.append(occurrence(of: orphan, at: orphan.start, recurrenceID: orphan.recurrenceID))
        }
        return result
    }

    /// The dates on which an instance of `event` can start and still touch `term`: from its
    /// length (plus a day for zone differences) before the term to the term's end.
    private func window(of event: EventRecord, term: ClosedRange<LocalDate>) -> ClosedRange<LocalDate> {
        let days: Int
        switch event.length {
        case .days(let count): days = count + 1
        case .seconds(let seconds): days = seconds / 86_400 + 2
        }
        return term.lowerBound.adding(days: -days)...term.upperBound
    }

    private func expand(_ master: EventRecord, overrides: [EventRecord], window: ClosedRange<LocalDate>) throws(InputError) -> [Occurrence] {
        // STATUS:CANCELLED on the series removes every instance, overridden ones included.
        if master.cancelled { return [] }
        let rules = properties(of: master.component, kind: ICAL_RRULE_PROPERTY)
        let extra = properties(of: master.component, kind: ICAL_RDATE_PROPERTY)
        if rules.isEmpty && extra.isEmpty && overrides.isEmpty {
            return [occurrence(of: master, at: master.start, recurrenceID: nil)]
        }
        var instances = [master.start]
        for rule in rules { instances += try ruleInstances(rule, of: master, window: window) }
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

    /// The instances of one RRULE that start within `window`.
    private func ruleInstances(_ property: OpaquePointer, of event: EventRecord, window: ClosedRange<LocalDate>) throws(InputError) -> [icaltimetype] {
        let rule = icalproperty_get_rrule(property)
        let origin = event.origin
        let iterator = try makeIterator(rule, of: event, from: window.lowerBound)
        defer { icalrecur_iterator_free(iterator) }
        // libical 3.0.16 moves an instance that falls in a spring-forward gap to after it, and the
        // instances that follow keep the moved time (a weekly 02:30 series went on at 03:30). RFC
        // 5545 takes the time of day from DTSTART when the rule sets none, so it is put back.
        let unset = Int16(ICAL_RECURRENCE_ARRAY_MAX.rawValue)
        let keepsStartTime = event.start.is_date == 0 && rule.by_hour.0 == unset && rule.by_minute.0 == unset && rule.by_second.0 == unset
        var instances: [icaltimetype] = []
        var steps = 0
        while true {
            var next = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(next) != 0 { break }
            if keepsStartTime { (next.hour, next.minute, next.second) = (event.start.hour, event.start.minute, event.start.second) }
            let date = startDate(next)
            if date > window.upperBound { break }
            steps += 1
            guard steps <= Self.maxRuleSteps else {
                throw origin.error("RRULE", "repeats more than \(Self.maxRuleSteps) times between its start (\(startDate(event.start))) and the end of the term, which Enlace does not expand.",
                                   fix: "make the event repeat at most daily, and end the series (or create it again) so that it starts near this school year.")
            }
            if date < window.lowerBound { continue }
            guard instances.count < Self.maxInstancesPerEvent else {
                warn(origin.warning("RRULE", "repeats more than \(Self.maxInstancesPerEvent) times within the term; later occurrences are ignored."))
                break
            }
            instances.append(next)
        }
        return instances
    }

    /// libical's iterator for `rule`, resumed at `windowStart` when DTSTART is earlier and the rule
    /// has no COUNT (libical can only count from DTSTART; where it refuses the jump, a start past
    /// UNTIL, the walk starts at DTSTART).
    private func makeIterator(_ rule: icalrecurrencetype, of event: EventRecord, from windowStart: LocalDate) throws(InputError) -> OpaquePointer {
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
        if rule.count == 0, startDate(event.start) < windowStart {
            _ = icalrecur_iterator_set_start(iterator, jump(event.start, to: windowStart))
        }
        return iterator
    }

    /// `start` moved to 00:00 of `date`, keeping its kind (date or date-time) and zone: where a
    /// recurrence iterator resumes.
    private func jump(_ start: icaltimetype, to date: LocalDate) -> icaltimetype {
        var moved = start
        let (year, month, day) = date.components
        (moved.year, moved.month, moved.day) = (Int32(year), Int32(month), Int32(day))
        if moved.is_date == 0 { (moved.hour, moved.minute, moved.second) = (0, 0, 0) }
        return moved
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
