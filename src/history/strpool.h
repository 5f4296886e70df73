/* strpool.h - strings kept together until the pool is freed. */
#ifndef LIMBER_STRPOOL_H
#define LIMBER_STRPOOL_H

#include <stddef.h>

struct strpool;

struct strpool *strpool_new(void);
/* A copy of s[0, n) with a NUL after it, owned by the pool. */
char *strpool_copy(struct strpool *t, const char *s, size_t n);
/* The pool's one copy of s[0, n), made the first time it is asked for. */
char *strpool_intern(struct strpool *t, const char *s, size_t n);
/* Free t and every string in it (NULL: nothing). */
void strpool_free(struct strpool *t);

#endif
