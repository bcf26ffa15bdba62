// Linux calls that Swift's Glibc module does not import (they need _GNU_SOURCE), declared here
// with glibc's own prototypes (glibc 2.28+).
#ifndef ENLACE_SYSTEM_CALLS_H
#define ENLACE_SYSTEM_CALLS_H

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
int syncfs(int fd);
int malloc_trim(unsigned long pad);

/// Swaps two paths in one step (renameat2 with RENAME_EXCHANGE); -1 and errno EINVAL where the
/// file system cannot.
static inline int enlace_exchange_paths(const char *a, const char *b) {
    return renameat2(-100 /* AT_FDCWD */, a, -100, b, 2 /* RENAME_EXCHANGE */);
}

/// Flushes the file system holding `fd` (one call instead of an fsync per file).
static inline int enlace_sync_file_system(int fd) {
    return syncfs(fd);
}

/// Returns the heap's free memory to the system (glibc keeps what a program frees for reuse, so a
/// stage that allocated and freed a gigabyte would otherwise hold it until the process ends).
static inline void enlace_release_free_memory(void) {
    malloc_trim(0);
}

#endif
