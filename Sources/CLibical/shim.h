#ifndef ENLACE_CLIBICAL_SHIM_H
#define ENLACE_CLIBICAL_SHIM_H
#include <libical/ical.h>
#endif
