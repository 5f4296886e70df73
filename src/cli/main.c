/* main.c - options and dispatch. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/stdfds.h"
#include "core/util.h"

static const char usage_text[] =
"Usage: limber [OPTION...] [COMMAND [ARG...]]\n"
"A terminal coach for runners with a sore lower back: timed core and\n"
"stretching routines, a pain check-in afterwards, and a level that follows\n"
"how your back feels.  With no command, the home screen: pick a routine\n"
"and the coach runs it.\n"
"\n"
"Commands:\n"
"  run NAME|FILE           run a routine in the full-screen coach\n"
"  run --plain NAME|FILE   run it as lines of text (screen readers, logs,\n"
"                          scripts); the check-in is read from stdin\n"
"  list                    routines: name, title, exercises, time at the\n"
"                          current level, level, last done, source\n"
"  check [NAME|FILE...]    validate routines and figures (all of them when\n"
"                          none named)\n"
"  show ROUTINE|EXERCISE   the figures and cues of a routine or exercise;\n"
"                          also show FILE.fig, a figure of your own\n"
"  edit NAME               customize a routine in $VISUAL or $EDITOR; it is\n"
"                          copied to your routines folder first and checked\n"
"                          when the editor closes; a draft left over is\n"
"                          resumed, started over or kept, on your word\n"
"  edit --new NAME         start a new routine from a commented template\n"
"  history [--csv]         past sessions, newest first (--csv: the rows as\n"
"                          stored, oldest first)\n"
"  stats                   sessions, completion, streaks, sessions per week,\n"
"                          pain trend\n"
"\n"
"Options:\n"
"  --level N       run at level N (1-10) this once\n"
"  --events FILE   write every session event to FILE as CSV:\n"
"                  t_ms,event,exercise,set,rep,side\n"
"  --mute          no sound cues\n"
"  --volume N      cue volume, 0-100\n"
"  --bell          use the terminal bell for cues when there is no sound\n"
"  --no-color      no colours (also when NO_COLOR is set)\n"
"  -h, --help      show this help and exit\n"
"  -V, --version   show the version and exit\n"
"\n"
"Keys while a routine runs: space pause/resume, n next exercise,\n"
"p previous exercise, h this exercise hurts, m mute, q stop, ? help.\n"
"\n"
"Files: routines in $XDG_CONFIG_HOME/limber/routines/ (yours) and\n"
"%s/routines/ (shipped), figures likewise in figures/;\n"
"settings in $XDG_CONFIG_HOME/limber/limber.conf; history in\n"
"$XDG_DATA_HOME/limber/history.csv.\n"
"Testing hooks: LIMBER_DATADIR=DIR uses DIR/routines, DIR/sounds and\n"
"DIR/figures; LIMBER_TIME_SCALE=K runs every clock K times faster.\n"
"\n"
"Exit status: 0 success, 1 an error (bad routine, unwritable file or\n"
"output), 2 bad usage.  See limber(1).\n";

static void
usage(FILE *fp)
{
	fprintf(fp, usage_text, PKGDATADIR);
}

static int ATTR_PRINTF(1, 2)
bad_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("limber: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'limber --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

enum {
	OPT_PLAIN = 0x100, OPT_EVENTS, OPT_LEVEL, OPT_MUTE, OPT_VOLUME,
	OPT_NO_COLOR, OPT_BELL, OPT_CSV, OPT_NEW,
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "plain", no_argument, NULL, OPT_PLAIN },
	{ "events", required_argument, NULL, OPT_EVENTS },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "mute", no_argument, NULL, OPT_MUTE },
	{ "volume", required_argument, NULL, OPT_VOLUME },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "bell", no_argument, NULL, OPT_BELL },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "new", no_argument, NULL, OPT_NEW },
	{ NULL, 0, NULL, 0 },
};

#define BIT(opt) (1u << ((opt) - OPT_PLAIN))
#define RUN_OPTS (BIT(OPT_PLAIN) | BIT(OPT_EVENTS) | BIT(OPT_LEVEL) | \
		  BIT(OPT_MUTE) | BIT(OPT_VOLUME) | BIT(OPT_NO_COLOR) | BIT(OPT_BELL))

/* The home screen starts routines: the run options apply, but --plain. */
#define HOME_OPTS (RUN_OPTS & ~BIT(OPT_PLAIN))

/* Each command and the options that mean something to it. */
static const struct command {
	const char *name;
	int (*fn)(const struct cli_opts *, int, char **);
	unsigned opts;
} commands[] = {
	{ "run", cli_run, RUN_OPTS },
	{ "list", cli_list, 0 },
	{ "check", cli_check, 0 },
	{ "edit", cli_edit, BIT(OPT_NEW) },
	{ "history", cli_history, BIT(OPT_CSV) },
	{ "stats", cli_stats, 0 },
	{ "show", cli_show, 0 },
};

int
main(int argc, char **argv)
{
	struct cli_opts o = { .volume = -1 };
	unsigned given = 0;	/* which options were given, as bits */
	const char *cmd;
	const char *nc = getenv("NO_COLOR");
	int c;

	/* Before anything opens a file, so none becomes stdout or stderr. */
	if (stdfds_open() != 0)
		return EXIT_FAILURE;
	atexit(stdfds_close_stdout);
	setlocale(LC_ALL, "");
	o.no_color = nc != NULL && nc[0] != '\0';
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("limber %s\n", PACKAGE_VERSION);
			return 0;
		}
		if (c >= OPT_PLAIN && c <= OPT_NEW)
			given |= 1u << (c - OPT_PLAIN);
		switch (c) {
		case OPT_PLAIN: o.plain = 1; break;
		case OPT_EVENTS: o.events = optarg; break;
		case OPT_LEVEL:
			if (util_parse_long(optarg, 1, 10, &o.level) != UTIL_NUM_OK)
				return bad_usage("--level must be a whole number from 1 to 10, got \"%s\"", optarg);
			break;
		case OPT_MUTE: o.mute = 1; break;
		case OPT_VOLUME:
			if (util_parse_long(optarg, 0, 100, &o.volume) != UTIL_NUM_OK)
				return bad_usage("--volume must be a whole number from 0 to 100, got \"%s\"", optarg);
			break;
		case OPT_NO_COLOR: o.no_color = 1; break;
		case OPT_BELL: o.bell = 1; break;
		case OPT_CSV: o.csv = 1; break;
		case OPT_NEW: o.new_routine = 1; break;
		case ':':
			return bad_usage("option '%s' needs a value", argv[optind - 1]);
		default:
			return bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		if (given & ~HOME_OPTS)
			return bad_usage("%s", "an option given needs a command (see --help)");
		return cli_home(&o);
	}
	cmd = argv[optind++];
	argc -= optind;
	argv += optind;
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		if (strcmp(cmd, commands[i].name) != 0)
			continue;
		if (given & ~commands[i].opts)
			return bad_usage("an option given does not go with '%s' (see --help)", cmd);
		return commands[i].fn(&o, argc, argv);
	}
	if (strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	return bad_usage("unknown command '%s'", cmd);
}
