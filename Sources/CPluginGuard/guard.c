#include "CPluginGuard.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static __thread const char *current_message;
static struct sigaction previous_actions[NSIG];
static const int guarded_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};

static void on_crash(int number, siginfo_t *info, void *context) {
    const char *message = current_message;
    if (message != NULL) {
        // Only async-signal-safe calls from here on.
        size_t length = strlen(message);
        while (length > 0) {
            ssize_t written = write(STDERR_FILENO, message, length);
            if (written <= 0) break;
            message += written;
            length -= (size_t)written;
        }
        _exit(1);
    }
    struct sigaction *previous = &previous_actions[number];
    if ((previous->sa_flags & SA_SIGINFO) && previous->sa_sigaction != NULL) {
        previous->sa_sigaction(number, info, context);
        return;
    }
    if (!(previous->sa_flags & SA_SIGINFO) && previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(number);
        return;
    }
    signal(number, SIG_DFL);
    raise(number);
}

void enlace_plugin_guard_install(void) {
    static int installed = 0;
    if (installed) return;
    installed = 1;
    // A plugin that overflows the main thread's stack still gets its message.
    stack_t stack;
    stack.ss_size = 64 * 1024;
    stack.ss_sp = malloc(stack.ss_size);
    stack.ss_flags = 0;
    if (stack.ss_sp != NULL) sigaltstack(&stack, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_crash;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof guarded_signals / sizeof guarded_signals[0]; i++) {
        sigaction(guarded_signals[i], &action, &previous_actions[guarded_signals[i]]);
    }
}

const char *enlace_plugin_guard_enter(const char *message) {
    const char *previous = current_message;
    current_message = message;
    return previous;
}

void enlace_plugin_guard_leave(const char *previous) { current_message = previous; }
