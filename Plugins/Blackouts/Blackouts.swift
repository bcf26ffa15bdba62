import EnlaceAPI

/// Spec section 4: no session on a blackout day (`calendars/blackouts.ics`). A weekly session on a
/// blackout day moves to the first later free same weekday of the month, or is dropped; an
/// open-house group skips the day. The move itself is the session planner's; this rule names the
/// days.
public final class Blackouts: ConstraintPlugin {
    public let name = "blackouts"
    public let summary = "No session falls on a day of calendars/blackouts.ics."
    public let role = PluginRole.hard

    public init() {}

    public func prepare(_ context: PluginContext) throws -> any PreparedRule { Rule(days: context.program.blackouts.sorted()) }

    final class Rule: PreparedRule {
        let days: [LocalDate]
        let hooks: RuleHooks = .blockedDays

        init(days: [LocalDate]) { self.days = days }

        func blockedDays() -> [LocalDate] { days }
    }
}

@_cdecl("enlace_plugin_Blackouts")
public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(Blackouts()) }

@_cdecl("enlace_plugin_Blackouts_abi")
public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
