import EnlaceCore
/// A tiny JSON writer that keeps keys in the order given, so outputs read the way the spec lists
/// them and are byte-identical from run to run (Foundation's encoder orders keys by hash or
/// alphabetically).
public enum JSONText {
    /// A JSON string literal.
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `{"key": value, …}` from pre-rendered values, in order, indented by `level`.
    public static func object(_ fields: [(String, String)], level: Int = 0) -> String {
        guard !fields.isEmpty else { return "{}" }
        let indent = String(repeating: "  ", count: level + 1)
        return "{\n" + fields.map { indent + string($0.0) + ": " + $0.1 }.joined(separator: ",\n")
            + "\n" + String(repeating: "  ", count: level) + "}"
    }

    /// `[value, …]` from pre-rendered values, one per line.
    public static func array(_ items: [String], level: Int = 0) -> String {
        guard !items.isEmpty else { return "[]" }
        let indent = String(repeating: "  ", count: level + 1)
        return "[\n" + items.map { indent + $0 }.joined(separator: ",\n") + "\n" + String(repeating: "  ", count: level) + "]"
    }

    /// `[value, …]` on one line (for short lists such as parent ids).
    public static func inlineArray(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    /// A fraction with at most six decimals and no exponent.
    public static func fraction(_ value: Double) -> String {
        let scaled = (value * 1_000_000).rounded()
        let whole = Int(scaled) / 1_000_000, part = abs(Int(scaled) % 1_000_000)
        guard part != 0 else { return "\(whole)" }
        var digits = String(part)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// A plugin parameter value as JSON.
    public static func value(_ value: ParameterValue) -> String {
        switch value {
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .double(let number): number.isFinite ? String(number) : "null"
        case .string(let text): string(text)
        case .list(let items): inlineArray(items.map(self.value))
        }
    }
}
