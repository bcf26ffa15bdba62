// The constraint plugins compiled into enlace: one per folder of Plugins/ (see Package.swift).
#ifndef ENLACE_BUILTIN_PLUGINS_H
#define ENLACE_BUILTIN_PLUGINS_H

/// One plugin module linked into the host: its folder name and its two C entry points.
typedef struct {
    const char *folder;
    /// Returns a retained PluginBox (EnlaceAPI).
    void *(*entry)(void);
    /// Returns the API/compiler string the plugin was built with.
    const char *(*abi)(void);
} EnlaceBuiltinPlugin;

/// Number of plugin folders compiled in.
int enlace_builtin_plugin_count(void);

/// The plugin at `index` (0 ≤ index < count), in folder-name order.
EnlaceBuiltinPlugin enlace_builtin_plugin(int index);

#endif
