/// A parameter a plugin declares: `[plugins.NAME]` may set it; any other key is refused.
public struct ParameterSpec: Sendable, Hashable {
    /// The types a parameter can have in `enlace.toml`.
    public enum Kind: String, Sendable, Hashable, Codable {
        case bool, integer, double, string
        case stringList = "string list"
        case integerList = "integer list"
    }

    public let name: String
    public let kind: Kind
    /// The value when `enlace.toml` does not set it; must be of `kind`.
    public let defaultValue: ParameterValue
    /// One sentence for `enlace plugins` and error messages.
    public let help: String

    public init(_ name: String, _ kind: Kind, default defaultValue: ParameterValue, help: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
    }

    /// Whether `value` has this parameter's type (an integer is accepted where a double is asked).
    public func accepts(_ value: ParameterValue) -> Bool {
        switch (kind, value) {
        case (.bool, .bool), (.integer, .integer), (.double, .double), (.double, .integer), (.string, .string): true
        case (.stringList, .list(let items)): items.allSatisfy { if case .string = $0 { true } else { false } }
        case (.integerList, .list(let items)): items.allSatisfy { if case .integer = $0 { true } else { false } }
        default: false
        }
    }
}

/// A plugin's parameter values for one run: every declared parameter, from `enlace.toml` or its
/// default. Reading an undeclared name is a programming error in the plugin.
public struct PluginParameters: Sendable, Hashable {
    public let values: [String: ParameterValue]

    public init(_ values: [String: ParameterValue]) { self.values = values }

    public subscript(name: String) -> ParameterValue {
        guard let value = values[name] else { preconditionFailure("parameter \"\(name)\" was not declared") }
        return value
    }

    public func bool(_ name: String) -> Bool {
        if case .bool(let value) = self[name] { return value }
        preconditionFailure("parameter \"\(name)\" is not a bool")
    }

    public func integer(_ name: String) -> Int {
        if case .integer(let value) = self[name] { return value }
        preconditionFailure("parameter \"\(name)\" is not an integer")
    }

    public func double(_ name: String) -> Double {
        switch self[name] {
        case .double(let value): return value
        case .integer(let value): return Double(value)
        default: preconditionFailure("parameter \"\(name)\" is not a number")
        }
    }

    public func string(_ name: String) -> String {
        if case .string(let value) = self[name] { return value }
        preconditionFailure("parameter \"\(name)\" is not a string")
    }

    public func strings(_ name: String) -> [String] {
        if case .list(let items) = self[name] {
            return items.compactMap { if case .string(let value) = $0 { value } else { nil } }
        }
        preconditionFailure("parameter \"\(name)\" is not a list")
    }

    public func integers(_ name: String) -> [Int] {
        if case .list(let items) = self[name] {
            return items.compactMap { if case .integer(let value) = $0 { value } else { nil } }
        }
        preconditionFailure("parameter \"\(name)\" is not a list")
    }
}
