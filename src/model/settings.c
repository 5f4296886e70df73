/* settings.c - limber.conf through libinih.
 *
 * Debian builds libinih without INI_HANDLER_LINENO, so the handler is not
 * told which line it is looking at.  We feed inih through our own reader,
 * one whole line per call, and count: while the handler runs, the line
 * being handled is the last one the reader handed over.  The reader also
 * sees every line, so it can tell which ones inih silently dropped. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "core/fileio.h"
#include "model/settings.h"

enum key_type { KEY_INT, KEY_BOOL, KEY_VOICE, KEY_NAME };

struct key {
	const char *section;
	const char *name;
	enum key_type type;
	int lo, hi;
	size_t off;	/* offsetof(struct settings, field) */
};

#define INT_KEY(sec, field, lo, hi) \
	{ sec, #field, KEY_INT, lo, hi, offsetof(struct settings, field) }
#define BOOL_KEY(sec, field) \
	{ sec, #field, KEY_BOOL, 0, 1, offsetof(struct settings, field) }
#define TYPED_KEY(sec, field, type) \
	{ sec, #field, type, 0, 0, offsetof(struct settings, field) }

static const struct key keys[] = {
	INT_KEY("session", get_ready, 0, 60),
	INT_KEY("session", morning_after_hours, 1, 48),
	INT_KEY("session", sessions_per_week, 1, 7),
	INT_KEY("sound", volume, 0, 100),
	BOOL_KEY("sound", mute),
	BOOL_KEY("sound", bell),
	TYPED_KEY("sound", voice, KEY_VOICE),
	TYPED_KEY("sound", voice_name, KEY_NAME),
	INT_KEY("sound", voice_rate, 80, 450),
	INT_KEY("coach", pain_green_max, 0, 8),
	INT_KEY("coach", pain_hold_max, 1, 9),
	INT_KEY("coach", pain_drop2_min, 2, 10),
	INT_KEY("coach", green_sessions_to_progress, 1, 10),
	INT_KEY("coach", professional_pain_min, 1, 10),
	INT_KEY("coach", professional_days, 1, 90),
};

#define NKEYS ARRAY_LEN(keys)

static const char *const sections[] = { "session", "sound", "coach" };

void
settings_defaults(struct settings *s)
{
	s->get_ready = 5;
	s->morning_after_hours = 8;
	/* ACSM: stretching on at least 2-3 days a week; the ASTEROID trial's
	 * run-walk programme, three sessions a week. */
	s->sessions_per_week = 3;
	s->volume = 80;
	s->mute = false;
	s->bell = false;
	s->voice = SETTINGS_VOICE_AUTO;
	strcpy(s->voice_name, "en");
	/* espeak-ng's normal rate is 175; a little slower is clearer over
	 * the breath of an exercise. */
	s->voice_rate = 170;
	/* Traffic light as clinics use it (doc/coaching.md): green 0-3, amber 4-5
	 * (Silbernagel 2007: up to 5/10 is acceptable if it settles by the
	 * next morning), red 6-10; 8 and more is a clear overload. */
	s->pain_green_max = 3;
	s->pain_hold_max = 5;
	s->pain_drop2_min = 8;
	/* Graded activity: increase on a plan, in small steps (Lindström
	 * 1992; NHS: add a little every few days if comfortable). */
	s->green_sessions_to_progress = 2;
	/* NHS / seed articles: pain persisting after two to three weeks of
	 * self-care should be seen by a doctor or physiotherapist. */
	s->professional_pain_min = 4;
	s->professional_days = 14;
}

bool
settings_voice_wanted(const struct settings *s, int option, bool full_screen)
{
	if (option >= 0)
		return option != 0;
	switch (s->voice) {
	case SETTINGS_VOICE_YES: return true;
	case SETTINGS_VOICE_NO: return false;
	case SETTINGS_VOICE_AUTO: break;
	}
	return full_screen;
}

/* One parse: the reader's and the handler's shared state. */
struct conf {
	FILE *fp;
	const char *name;
	struct settings *s;
	struct diag_list *d;
	char *buf;		/* the line read, LINE_KEPT + 1 bytes */
	long total;		/* bytes read */
	bool too_big;		/* reading stopped at FILE_MAX */
	long line;		/* lines handed to inih so far */
	bool check;		/* the current line must reach the handler */
	bool handled;		/* ... and it did */
	char *text;		/* the current line, for messages */
	long key_line[NKEYS];	/* where each key was last set, 0: never */
	int read_errno;		/* non-zero after a read error */
};

static int *
int_field(struct settings *s, const struct key *k)
{
	return (int *)(void *)((char *)s + k->off);
}

static bool *
bool_field(struct settings *s, const struct key *k)
{
	return (bool *)(void *)((char *)s + k->off);
}

static void
warn(struct conf *c, long line, const char *fmt, ...) ATTR_PRINTF(3, 4);

static void
warn(struct conf *c, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(c->d, DIAG_WARNING, c->name, line, 0, fmt, ap);
	va_end(ap);
}

/* The line just finished was neither blank, a comment, a section header
 * nor a pair inih understood: say so instead of losing it silently. */
static void
finish_line(struct conf *c)
{
	if (c->line > 0 && c->check && !c->handled)
		warn(c, c->line, "not a `key = value` line: `%s`; ignored",
		     c->text);
	c->check = false;
	c->handled = false;
}

/* Bytes of a line kept: far more than inih takes (a longer line is
 * reported as too long either way), and the rest of a runaway line is
 * skipped rather than held in memory. */
#define LINE_KEPT 4096
/* A settings file is a few hundred bytes; this bounds the time spent on
 * one that never ends (a link to /dev/zero). */
#define FILE_MAX (1024L * 1024)

/* One line into c->buf like getline, cut at LINE_KEPT bytes.  Returns the
 * bytes kept, or -1 at the end of the file (or on a read error). */
static ssize_t
read_line(struct conf *c)
{
	size_t n = 0;
	int ch = EOF;

	if (c->buf == NULL)
		c->buf = xmalloc(LINE_KEPT + 1);
	while ((ch = getc(c->fp)) != EOF) {
		if (++c->total > FILE_MAX) {
			c->too_big = true;
			return -1;
		}
		if (n < LINE_KEPT)
			c->buf[n++] = (char)ch;
		if (ch == '\n')
			break;
	}
	if (n == 0 && ch == EOF)
		return -1;
	c->buf[n] = '\0';
	return (ssize_t)n;
}

static char *
conf_reader(char *str, int num, void *stream)
{
	struct conf *c = stream;
	ssize_t n;
	char *p;
	size_t len;

	finish_line(c);
	errno = 0;
	n = read_line(c);
	if (n < 0) {
		if (ferror(c->fp))
			c->read_errno = errno ? errno : EIO;
		return NULL;
	}
	c->line++;
	/* Every line of a UTF-16 or UTF-32 file would be a warning full of
	 * NUL bytes: one that names the encoding instead. */
	if (c->line == 1 && util_bom_message(c->buf, (size_t)n) != NULL) {
		warn(c, 1, "%s; using the defaults",
		     util_bom_message(c->buf, (size_t)n));
		return NULL;
	}
	p = c->buf;
	/* inih skips a byte-order mark itself, but only at the very start;
	 * strip it here so the checks below see the first real character. */
	if (c->line == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	/* Leading blanks would make inih read the line as the continuation
	 * of the previous value; indentation is harmless here instead. */
	while (*p == ' ' || *p == '\t')
		p++;
	len = strlen(p);
	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	p[len] = '\0';
	free(c->text);
	c->text = xstrdup(p);

	if (len + 2 > (size_t)num) {
		/* inih would cut it and read the rest as another line. */
		warn(c, c->line, "line too long (more than %d characters); ignored",
		     num - 2);
		strcpy(str, "\n");
		return str;
	}
	if (p[0] == '[' && strchr(p, ']') == NULL)
		warn(c, c->line, "a section header must look like `[name]`, found `%s`; "
		     "the keys after it stay in the previous section", p);
	c->check = p[0] != '\0' && p[0] != '#' && p[0] != ';' && p[0] != '[';
	memcpy(str, p, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
}

static const struct key *
find_key(const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (util_strcaseeq(keys[i].name, name))
			return &keys[i];
	return NULL;
}

static bool
known_section(const char *section)
{
	for (size_t i = 0; i < ARRAY_LEN(sections); i++)
		if (util_strcaseeq(sections[i], section))
			return true;
	return false;
}

static char *
keys_of(const char *section)
{
	struct strbuf b = { 0 };

	for (size_t i = 0; i < NKEYS; i++) {
		if (!util_strcaseeq(keys[i].section, section))
			continue;
		if (b.len)
			strbuf_adds(&b, ", ");
		strbuf_adds(&b, keys[i].name);
	}
	return strbuf_take(&b);
}

static int
parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (util_strcaseeq(v, yes[i])) {
			*out = true;
			return 0;
		}
		if (util_strcaseeq(v, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static int
conf_handler(void *user, const char *section, const char *name,
	     const char *value)
{
	struct conf *c = user;
	const struct key *k;
	size_t ki;

	c->handled = true;
	k = find_key(name);
	if (section[0] == '\0') {
		if (k)
			warn(c, c->line, "`%s` must be under [%s]; ignored",
			     name, k->section);
		else
			warn(c, c->line, "unknown key `%s` outside any section; "
			     "ignored (sections: [session], [sound], [coach])",
			     name);
		return 1;
	}
	if (!known_section(section)) {
		warn(c, c->line, "unknown section [%s]; `%s` ignored "
		     "(sections: [session], [sound], [coach])", section, name);
		return 1;
	}
	if (k == NULL) {
		char *known = keys_of(section);

		warn(c, c->line, "unknown key `%s` in [%s]; ignored (keys: %s)",
		     name, section, known);
		free(known);
		return 1;
	}
	if (!util_strcaseeq(k->section, section)) {
		warn(c, c->line, "`%s` belongs in [%s], not [%s]; ignored",
		     k->name, k->section, section);
		return 1;
	}
	ki = (size_t)(k - keys);
	if (c->key_line[ki])
		warn(c, c->line, "`%s` is set again (first on line %ld); "
		     "the last one counts", k->name, c->key_line[ki]);

	if (k->type == KEY_VOICE) {
		enum settings_voice *f = (enum settings_voice *)(void *)
					 ((char *)c->s + k->off);
		static const char *const names[] = { "auto", "yes", "no" };
		size_t i;

		for (i = 0; i < ARRAY_LEN(names); i++)
			if (util_strcaseeq(value, names[i]))
				break;
		if (i == ARRAY_LEN(names)) {
			warn(c, c->line, "voice: expected auto, yes or no, found "
			     "`%s`; keeping %s", value, names[*f]);
			return 1;
		}
		*f = (enum settings_voice)i;
	} else if (k->type == KEY_NAME) {
		char *f = (char *)c->s + k->off;
		size_t n = strlen(value);

		if (n == 0 || n > SETTINGS_VOICE_NAME_MAX ||
		    strspn(value, "abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-+_") != n) {
			warn(c, c->line, "%s: expected a voice name of 1 to %d "
			     "letters, digits, -, + or _ (`espeak-ng --voices` "
			     "lists them), found `%s`; keeping %s", k->name,
			     SETTINGS_VOICE_NAME_MAX, value, f);
			return 1;
		}
		memcpy(f, value, n + 1);
	} else if (k->type == KEY_BOOL) {
		bool b;

		if (parse_bool(value, &b) < 0) {
			warn(c, c->line, "%s: expected yes or no (or true/false, "
			     "on/off, 1/0), found `%s`; keeping %s", k->name,
			     value, *bool_field(c->s, k) ? "yes" : "no");
			return 1;
		}
		*bool_field(c->s, k) = b;
	} else {
		long v;

		if (util_parse_long(value, k->lo, k->hi, &v) != UTIL_NUM_OK) {
			warn(c, c->line, "%s: expected a whole number from %d to "
			     "%d, found `%s`; keeping %d", k->name, k->lo, k->hi,
			     value, *int_field(c->s, k));
			return 1;
		}
		*int_field(c->s, k) = (int)v;
	}
	c->key_line[ki] = c->line;
	return 1;
}

static long
line_of(const struct conf *c, const char *name)
{
	return c->key_line[find_key(name) - keys];
}

/* The traffic light only makes sense with its bands in order. */
static void
check_relations(struct conf *c)
{
	struct settings *s = c->s;
	struct settings def;
	long line;

	if (s->pain_green_max < s->pain_hold_max &&
	    s->pain_hold_max < s->pain_drop2_min)
		return;
	/* Point at the last of the three that the file set. */
	line = line_of(c, "pain_green_max");
	if (line_of(c, "pain_hold_max") > line)
		line = line_of(c, "pain_hold_max");
	if (line_of(c, "pain_drop2_min") > line)
		line = line_of(c, "pain_drop2_min");
	settings_defaults(&def);
	warn(c, line, "pain thresholds must keep pain_green_max < pain_hold_max "
	     "< pain_drop2_min, found %d, %d, %d; using %d, %d, %d",
	     s->pain_green_max, s->pain_hold_max, s->pain_drop2_min,
	     def.pain_green_max, def.pain_hold_max, def.pain_drop2_min);
	s->pain_green_max = def.pain_green_max;
	s->pain_hold_max = def.pain_hold_max;
	s->pain_drop2_min = def.pain_drop2_min;
}

int
settings_load_file(struct settings *s, FILE *fp, const char *name,
		   struct diag_list *d)
{
	struct conf c;
	int rc;

	settings_defaults(s);
	memset(&c, 0, sizeof c);
	c.fp = fp;
	c.name = name;
	c.s = s;
	c.d = d;
	rc = ini_parse_stream(conf_reader, &c, conf_handler, &c);
	finish_line(&c);
	if (c.too_big)
		diag_add(d, DIAG_WARNING, name, 0, 0, "larger than %ld bytes: "
			 "only its beginning was read", FILE_MAX);
	free(c.buf);
	free(c.text);
	if (c.read_errno) {
		diag_add(d, DIAG_WARNING, name, 0, 0,
			 "cannot read: %s; using the defaults",
			 strerror(c.read_errno));
		settings_defaults(s);
		return -1;
	}
	if (rc == -2) {
		/* inih's own allocation failed: like xmalloc, not reportable. */
		fprintf(stderr, "limber: out of memory reading %s\n", name);
		abort();
	}
	check_relations(&c);
	return 0;
}

int
settings_load(struct settings *s, const char *path, struct diag_list *d)
{
	FILE *fp;
	struct stat st;
	const char *why;
	int fd, rc;

	settings_defaults(s);
	/* only a regular file: a FIFO would hang every command */
	fd = fileio_open_file(path, O_RDONLY, 0, &st, &why);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		diag_add(d, DIAG_WARNING, path, 0, 0,
			 "cannot %s: %s; using the defaults",
			 errno == EISDIR ? "read" : "open", why);
		return -1;
	}
	fp = fdopen(fd, "r");
	if (fp == NULL) {
		diag_add(d, DIAG_WARNING, path, 0, 0,
			 "cannot open: %s; using the defaults", strerror(errno));
		close(fd);
		return -1;
	}
	rc = settings_load_file(s, fp, path, d);
	fclose(fp);
	return rc;
}
