import EnlaceAPI

/// Spec section 4: no session on a blackout day (`calendars/blackouts.ics`). A weekly session on a
/// blackout day moves to the first later free same weekday of the month, or is dropped; an
/// open-house group skips the day. The move itself is the session planner's; this rule names the
/// days.
let plugin = DeclaredPlugin(
    name: "blackouts", role: .hard,
    summary: "No session falls on a day of calendars/blackouts.ics.",
    prepare: { context in Rule(days: context.program.blackouts.sorted()) })

final class Rule: PreparedRule {
    let days: [LocalDate]
    let hooks: RuleHooks = .blockedDays

    init(days: [LocalDate]) { self.days = days }

    func blockedDays() -> [LocalDate] { days }
}

@_cdecl("enlace_plugin_Blackouts") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_Blackouts_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
