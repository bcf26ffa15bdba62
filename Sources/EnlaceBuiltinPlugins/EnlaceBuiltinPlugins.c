// Package.swift passes the folders of Plugins/ as ENLACE_PLUGIN_FOLDERS, a list of
// ENLACE_PLUGIN(Name) items; each plugin module defines enlace_plugin_Name and
// enlace_plugin_Name_abi with @_cdecl. Expanding the list twice declares them and fills the table,
// so a new folder needs no edit here or in the host.
#include "EnlaceBuiltinPlugins.h"

#ifndef ENLACE_PLUGIN_FOLDERS
#define ENLACE_PLUGIN_FOLDERS
#endif

#define ENLACE_PLUGIN(name) extern void *enlace_plugin_##name(void); extern const char *enlace_plugin_##name##_abi(void);
ENLACE_PLUGIN_FOLDERS
#undef ENLACE_PLUGIN

#define ENLACE_PLUGIN(name) { #name, enlace_plugin_##name, enlace_plugin_##name##_abi },
static const EnlaceBuiltinPlugin plugins[] = { ENLACE_PLUGIN_FOLDERS { 0, 0, 0 } };
#undef ENLACE_PLUGIN

int enlace_builtin_plugin_count(void) { return (int)(sizeof(plugins) / sizeof(plugins[0])) - 1; }

EnlaceBuiltinPlugin enlace_builtin_plugin(int index) { return plugins[index]; }
