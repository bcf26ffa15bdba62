import EnlaceCore
import TOMLKit

/// Typed access to one table of `enlace.toml`, turning every mistake into an `InputError` that
/// names the key and (found by scanning the text, since TOMLKit keeps no positions) its line.
struct Keys {
    let table: TOMLTable
    let text: String
    let file: String
    /// The dotted table name (`weights`, `plugins.quiet_fridays`), nil for the top level.
    let section: String?

    func refuseUnknownKeys(allowed: [String]) throws(InputError) {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let suggestion = allowed.min { editDistance($0, key) < editDistance($1, key) }
            let near = suggestion.flatMap { editDistance($0, key) <= 3 ? " Did you mean \"\($0)\"?" : nil } ?? ""
            throw error(key, "is not a setting Enlace knows.\(near)",
                        fix: "remove it or use one of: \(allowed.joined(separator: ", ")).")
        }
    }

    func error(_ key: String, _ problem: String, fix: String) -> InputError {
        InputError(file: file, line: line(of: key), field: qualified(key), problem: problem, fix: fix)
    }

    func requiredString(_ key: String, example: String) throws(InputError) -> String {
        guard let value = try string(key) else {
            throw InputError(file: file, field: qualified(key), problem: "is missing; it has no default.",
                             fix: "add a line such as \(example).")
        }
        return value
    }

    func string(_ key: String) throws(InputError) -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else { throw wrongType(key, "a string in double quotes") }
        return string
    }

    func integer(_ key: String, range: ClosedRange<Int>) throws(InputError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else { throw wrongType(key, "a whole number") }
        guard range.contains(number) else {
            throw error(key, "is \(number); it must be between \(range.lowerBound) and \(range.upperBound).",
                        fix: "choose a value in that range.")
        }
        return number
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(InputError) -> T? where T.RawValue == String {
        guard let raw = try string(key) else { return nil }
        guard let value = T(rawValue: raw) else {
            let options = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw error(key, "is \"\(raw)\", which is not one of \(options).", fix: "write one of \(options).")
        }
        return value
    }

    func requiredDate(_ key: String) throws(InputError) -> LocalDate {
        guard let value = table[key] else {
            throw InputError(file: file, field: qualified(key), problem: "is missing; it has no default.",
                             fix: "add a date such as \(key) = 2026-08-17.")
        }
        if let date = value.date, let local = LocalDate(year: date.year, month: date.month, day: date.day) {
            return local
        }
        if let text = value.string, let local = LocalDate(iso: text) { return local }
        throw wrongType(key, "a date such as 2026-08-17")
    }

    func table(_ key: String) throws(InputError) -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let table = value.table else { throw wrongType(key, "a table, written [\(qualified(key))]") }
        return table
    }

    func parameter(_ key: String) throws(InputError) -> ParameterValue {
        guard let value = table[key] else { throw wrongType(key, "a value") }
        guard let parameter = Keys.convert(value) else {
            throw wrongType(key, "a boolean, number, string or list of those")
        }
        return parameter
    }

    private static func convert(_ value: TOMLValueConvertible) -> ParameterValue? {
        switch value.type {
        case .bool: value.bool.map(ParameterValue.bool)
        case .int: value.int.map(ParameterValue.integer)
        case .double: value.double.map(ParameterValue.double)
        case .string: value.string.map(ParameterValue.string)
        case .array:
            value.array.flatMap { array in
                let items = array.map { convert($0) }
                return items.contains { $0 == nil } ? nil : .list(items.compactMap { $0 })
            }
        default: nil
        }
    }

    private func wrongType(_ key: String, _ expected: String) -> InputError {
        error(key, "must be \(expected).", fix: "write \(qualified(key)) as \(expected).")
    }

    private func qualified(_ key: String) -> String {
        section.map { "[\($0)] \(key)" } ?? key
    }

    /// The 1-based line where `key` is assigned inside this table, found by scanning the text.
    func line(of key: String) -> Int? { Keys.line(of: key, section: section, in: text) }

    /// The 1-based line where `key` is assigned in table `section` of `text` (nil: the top
    /// level), or where its own table `[section.key]` starts.
    static func line(of key: String, section: String?, in text: String) -> Int? {
        var current: String?
        let ownTable = section.map { "\($0).\(key)" } ?? key
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingSpaces()
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: "[] ")
                if current == ownTable { return index + 1 }
                continue
            }
            guard current == section, let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingSpaces().trimmingCharacters(in: "\"'")
            if name == key { return index + 1 }
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

/// Levenshtein distance, for "did you mean" suggestions on short keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}

extension Keys {
    /// A list of whole numbers, e.g. `rank_weights = [5, 4, 3, 2, 1]`.
    func integers(_ key: String, count: ClosedRange<Int>, each: ClosedRange<Int>, example: String) throws(InputError) -> [Int]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw error(key, "must be a list of whole numbers.", fix: "write it as \(example).") }
        var numbers: [Int] = []
        for item in array {
            guard let number = item.int else { throw error(key, "must be a list of whole numbers.", fix: "write it as \(example).") }
            guard each.contains(number) else {
                throw error(key, "holds \(number); every number must be between \(each.lowerBound) and \(each.upperBound).", fix: "write it as \(example).")
            }
            numbers.append(number)
        }
        guard count.contains(numbers.count) else {
            throw error(key, numbers.isEmpty ? "is empty; it needs at least \(count.lowerBound) number." : "has \(numbers.count) numbers; the limit is \(count.upperBound).",
                        fix: "write it as \(example).")
        }
        return numbers
    }
}
