#ifndef ENLACE_CQRENCODE_SHIM_H
#define ENLACE_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
