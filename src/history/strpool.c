/* strpool.c - where a history's strings live: in blocks of 64 KiB rather
 * than four allocations a row, and a routine name, hurt list or reason
 * that repeats (a long history has a handful of each) is stored once. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "history/strpool.h"

#define TEXT_BLOCK (64 * 1024)

struct text_block {
	struct text_block *next;
	size_t used, cap;
	char s[];
};

struct strpool {
	struct text_block *blocks;
	char **slot;		/* interned strings, open addressing; NULL: free */
	size_t nslot, nused;
};

struct strpool *
strpool_new(void)
{
	return xcalloc(1, sizeof(struct strpool));
}

/* A copy of s[0, n) with a NUL after it. */
char *
strpool_copy(struct strpool *t, const char *s, size_t n)
{
	struct text_block *b = t->blocks;
	char *c;

	if (b == NULL || b->cap - b->used < n + 1) {
		/* A big string gets a block of its own, and the partly used
		 * block stays the one that is filled. */
		size_t cap = n + 1 > TEXT_BLOCK / 4 ? n + 1 : TEXT_BLOCK;
		struct text_block *nb = xmalloc(sizeof *nb + cap);

		nb->used = 0;
		nb->cap = cap;
		if (b != NULL && cap != TEXT_BLOCK) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			t->blocks = nb;
		}
		b = nb;
	}
	c = b->s + b->used;
	memcpy(c, s, n);
	c[n] = '\0';
	b->used += n + 1;
	return c;
}

static size_t
text_find(char **slot, size_t nslot, const char *s, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (nslot - 1);

	while (slot[i] != NULL &&
	       (strncmp(slot[i], s, n) != 0 || slot[i][n] != '\0'))
		i = (i + 1) & (nslot - 1);
	return i;
}

/* The stored copy of s[0, n), made once. */
char *
strpool_intern(struct strpool *t, const char *s, size_t n)
{
	size_t i;

	if (2 * (t->nused + 1) > t->nslot) {
		size_t nslot = t->nslot ? 2 * t->nslot : 64;
		char **slot = xcalloc(nslot, sizeof *slot);

		for (size_t k = 0; k < t->nslot; k++) {
			const char *o = t->slot[k];

			if (o != NULL) {
				size_t on = strlen(o);

				slot[text_find(slot, nslot, o, on,
					       util_hash(o, on))] = t->slot[k];
			}
		}
		free(t->slot);
		t->slot = slot;
		t->nslot = nslot;
	}
	i = text_find(t->slot, t->nslot, s, n, util_hash(s, n));
	if (t->slot[i] == NULL) {
		t->slot[i] = strpool_copy(t, s, n);
		t->nused++;
	}
	return t->slot[i];
}

void
strpool_free(struct strpool *t)
{
	if (t == NULL)
		return;
	while (t->blocks != NULL) {
		struct text_block *next = t->blocks->next;

		free(t->blocks);
		t->blocks = next;
	}
	free(t->slot);
	free(t);
}
