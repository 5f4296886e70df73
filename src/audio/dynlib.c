/* dynlib.c - taking functions from a library loaded at run time. */
#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include "audio/dynlib.h"
#include "core/util.h"

int
dynlib_resolve(void *lib, const char *soname, const char *name, void *slot,
	       size_t size, char **why)
{
	void *sym = dlsym(lib, name);

	if (sym == NULL || size != sizeof sym) {
		*why = xasprintf("%s has no %s", soname, name);
		return -1;
	}
	memcpy(slot, &sym, size);
	return 0;
}

void *
dynlib_open(const char *soname, char **why)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (lib == NULL) {
		const char *e = dlerror();	/* names the file */

		*why = e ? xstrdup(e) : xasprintf("cannot load %s", soname);
	}
	return lib;
}
