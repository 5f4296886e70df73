/* dynlib.h - taking functions from a library loaded at run time.
 *
 * The sound and voice libraries are dlopen()ed when a session first needs
 * them (cue_sdl.c, voice_espeak.c), so commands that never play a sound
 * do not load them.  Linked into the program, not into liblimber.a. */
#ifndef LIMBER_DYNLIB_H
#define LIMBER_DYNLIB_H

#include <stddef.h>

/* Points *slot (a function pointer of size bytes) at lib's symbol name;
 * 0, or -1 with *why (new string naming soname and the symbol).  POSIX
 * guarantees that an object pointer can hold a function's address;
 * copying the bytes says so without a cast. */
int dynlib_resolve(void *lib, const char *soname, const char *name,
		   void *slot, size_t size, char **why);

/* dlopen(soname); NULL with *why (new string, dlerror's words). */
void *dynlib_open(const char *soname, char **why);

#endif
