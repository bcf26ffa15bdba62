#ifndef ENLACE_PLUGIN_GUARD_H
#define ENLACE_PLUGIN_GUARD_H

/// Reports a crash inside a plugin's code as the plugin's failure.
///
/// `enlace_plugin_guard_install` installs handlers for the signals a crash raises (SIGSEGV,
/// SIGBUS, SIGILL and SIGTRAP, which Swift's traps raise, SIGFPE, SIGABRT). While a thread runs a
/// plugin's code it holds a message (`enlace_plugin_guard_enter`); a crash on that thread writes
/// the message to stderr and exits with status 1 at once, so open database transactions are
/// never committed. A crash anywhere else goes to the handler that was there before (Swift's
/// backtracer, or the default).

/// Installs the handlers (once; later calls do nothing).
void enlace_plugin_guard_install(void);

/// Makes `message` this thread's crash message; returns the one it replaces (restore it with
/// `enlace_plugin_guard_leave`). The message must live as long as the process.
const char *enlace_plugin_guard_enter(const char *message);

/// Restores the crash message `enlace_plugin_guard_enter` returned.
void enlace_plugin_guard_leave(const char *previous);

#endif
