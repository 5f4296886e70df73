/* main.c - options and dispatch. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "core/stdfds.h"
#include "core/util.h"

enum {
	OPT_PLAIN = 0x100, OPT_EVENTS, OPT_LEVEL, OPT_MUTE, OPT_VOLUME,
	OPT_NO_COLOR, OPT_BELL, OPT_CSV, OPT_NEW, OPT_NAMES, OPT_SINCE, OPT_HTML,
	OPT_VOICE, OPT_NO_VOICE,
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
	{ "names", no_argument, NULL, OPT_NAMES },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "html", required_argument, NULL, OPT_HTML },
	{ "voice", no_argument, NULL, OPT_VOICE },
	{ "no-voice", no_argument, NULL, OPT_NO_VOICE },
	{ NULL, 0, NULL, 0 },
};

#define BIT(opt) (1u << ((opt) - OPT_PLAIN))
#define RUN_OPTS (BIT(OPT_PLAIN) | BIT(OPT_EVENTS) | BIT(OPT_LEVEL) | \
		  BIT(OPT_MUTE) | BIT(OPT_VOLUME) | BIT(OPT_NO_COLOR) | BIT(OPT_BELL) | \
		  BIT(OPT_VOICE) | BIT(OPT_NO_VOICE))

/* The home screen starts routines: the run options apply, but --plain. */
#define HOME_OPTS (RUN_OPTS & ~BIT(OPT_PLAIN))

/* Every option's line of help, once: the global help lists the home
 * screen's, each command's help its own. */
static const struct {
	int opt;
	const char *text;
} opt_help[] = {
	{ OPT_PLAIN, "  --plain         lines of text instead of the full screen (screen\n"
		     "                  readers, logs, scripts); the check-in is read\n"
		     "                  from stdin\n" },
	{ OPT_LEVEL, "  --level N       run at level N (1-10) this once\n" },
	{ OPT_EVENTS, "  --events FILE   write every session event to FILE as CSV:\n"
		      "                  t_ms,event,exercise,set,rep,side\n" },
	{ OPT_MUTE, "  --mute          no sound cues\n" },
	{ OPT_VOLUME, "  --volume N      cue volume, 0-100\n" },
	{ OPT_BELL, "  --bell          use the terminal bell for cues when there is no sound\n" },
	{ OPT_VOICE, "  --voice         speak the cues as well (the exercise and its dose,\n"
		     "                  sides, rests, halfway, 10 seconds left): the\n"
		     "                  default in the full-screen coach with espeak-ng;\n"
		     "                  off in --plain unless given\n" },
	{ OPT_NO_VOICE, "  --no-voice      tones only\n" },
	{ OPT_NO_COLOR, "  --no-color      no colours (also when NO_COLOR is set)\n" },
	{ OPT_CSV, "  --csv           the rows as stored (the file's columns), oldest\n"
		   "                  first\n" },
	{ OPT_NEW, "  --new           start a new routine from a commented template\n" },
	{ OPT_NAMES, "  --names         only the routines' names, one a line\n" },
	{ OPT_SINCE, "  --since DATE    the sessions from DATE (YYYY-MM-DD) on\n" },
	{ OPT_HTML, "  --html FILE     write one self-contained HTML page with charts to\n"
		    "                  FILE instead of Markdown on stdout\n" },
};

static const char usage_head[] =
"Usage: limber [OPTION...] [COMMAND [ARG...]]\n"
"A terminal coach for runners with a sore lower back: timed core and\n"
"stretching routines, a pain check-in afterwards, and a level that follows\n"
"how your back feels.  With no command, the home screen: pick a routine\n"
"and the coach runs it.\n"
"\n"
"Commands (limber COMMAND --help for one command's own help):\n"
"  run NAME|FILE           run a routine in the full-screen coach\n"
"  run --plain NAME|FILE   run it as lines of text (screen readers, logs,\n"
"                          scripts); the check-in is read from stdin\n"
"  list                    routines: name, title, exercises, time at the\n"
"                          current level, level, last done, source\n"
"  list --names            only the routines' names, one a line (for\n"
"                          scripts and shell completion)\n"
"  check [NAME|FILE...]    validate routines, figures and the recovery plan\n"
"                          (all of them when none named)\n"
"  show ROUTINE|EXERCISE   the figures and cues of a routine or exercise;\n"
"                          also show FILE.fig, a figure of your own\n"
"  edit NAME               customize a routine in $VISUAL or $EDITOR; it is\n"
"                          copied to your routines folder first and checked\n"
"                          when the editor closes; a draft left over is\n"
"                          resumed, started over or kept, on your word;\n"
"                          edit recovery: the recovery plan\n"
"  edit --new NAME         start a new routine from a commented template\n"
"  history [--csv]         past sessions, newest first (--csv: the rows as\n"
"                          stored, oldest first)\n"
"  stats                   sessions, completion, streaks, sessions per week\n"
"                          (newest first), pain trend\n"
"  today                   the recovery: its phase and day, what to do today\n"
"                          and why, the routine to run\n"
"  start [DATE]            begin a recovery on the day the pain began\n"
"                          (YYYY-MM-DD; default today)\n"
"  report [--since DATE] [--html FILE]\n"
"                          a record for your physiotherapist: sessions per\n"
"                          week, pain and the morning after, levels, red\n"
"                          flags, exercises that hurt, advice; Markdown on\n"
"                          stdout, or one HTML file with charts\n"
"  due                     one line: is a session due today? (exit 0 yes,\n"
"                          1 no; for shell prompts and reminders)\n"
"\n"
"Options:\n";

static const char usage_tail[] =
"  -h, --help      show this help and exit\n"
"  -V, --version   show the version and exit\n"
"\n"
"Keys while a routine runs: space pause/resume, n next exercise,\n"
"p previous exercise, h this exercise hurts, m mute (tones and voice),\n"
"q stop, ? help.\n"
"Every screen lists its keys at the bottom; ? shows them in full.\n"
"\n"
"Files: routines in $XDG_CONFIG_HOME/limber/routines/ (yours) and\n"
"%s/routines/ (shipped), figures likewise in figures/;\n"
"settings in $XDG_CONFIG_HOME/limber/limber.conf; history in\n"
"$XDG_DATA_HOME/limber/history.csv.\n"
"Testing hooks: LIMBER_DATADIR=DIR uses DIR/routines, DIR/sounds,\n"
"DIR/figures and DIR/plans; LIMBER_TIME_SCALE=K runs every clock K times\n"
"faster; LIMBER_NOW=2026-12-01T07:00:00+01:00 sets the date and time\n"
"limber sees.\n"
"\n"
"Exit status: 0 success, 1 an error (bad routine, unwritable file or\n"
"output), 2 bad usage; due: 0 due, 1 not due, 2 an error.  See limber(1).\n";

/* The GNU layout: version, copyright, licence, warranty. */
static const char version_text[] =
"limber %s\n"
"Copyright (C) 2026 the limber authors.\n"
"License GPL-3.0-or-later: GNU GPL version 3 or later\n"
"<https://www.gnu.org/licenses/gpl-3.0.html>.\n"
"This is free software: you are free to change and redistribute it.\n"
"There is NO WARRANTY, to the extent permitted by law.\n"
"The shipped routines and sounds are dedicated to the public domain (CC0-1.0).\n";

static void
print_opts(FILE *fp, unsigned bits)
{
	for (size_t i = 0; i < ARRAY_LEN(opt_help); i++)
		if (bits & BIT(opt_help[i].opt))
			fputs(opt_help[i].text, fp);
}

static void
usage(FILE *fp)
{
	fputs(usage_head, fp);
	print_opts(fp, HOME_OPTS);
	fprintf(fp, usage_tail, PKGDATADIR);
}

/* "--csv" for an option's value in long_opts. */
static const char *
opt_name(int val)
{
	static char buf[32];

	for (size_t i = 0; long_opts[i].name != NULL; i++)
		if (long_opts[i].val == val) {
			snprintf(buf, sizeof buf, "--%s", long_opts[i].name);
			return buf;
		}
	return "?";
}

static int ATTR_PRINTF(2, 3)
bad_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("limber: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'limber %s%s--help' for more information.\n",
		cmd != NULL ? cmd : "", cmd != NULL ? " " : "");
	return EXIT_USAGE;
}

/* Each command, the options that mean something to it, and its help. */
static const struct command {
	const char *name;
	int (*fn)(const struct cli_opts *, int, char **);
	unsigned opts;
	const char *synopsis;	/* its usage lines and what it does */
} commands[] = {
	{ "run", cli_run, RUN_OPTS,
	  "Usage: limber run [OPTION...] NAME|FILE\n"
	  "Run a routine (a name from `limber list`, or a CSV file) at its current\n"
	  "level in the full-screen coach, or as lines of text with --plain; the\n"
	  "check-in afterwards sets the next level.\n" },
	{ "list", cli_list, BIT(OPT_NAMES),
	  "Usage: limber list [--names]\n"
	  "The routines: name, title, exercises, time at the current level, level,\n"
	  "last done and source (shipped or yours).  --names: only their names, one\n"
	  "a line, for scripts and shell completion.\n" },
	{ "check", cli_check, 0,
	  "Usage: limber check [NAME|FILE...]\n"
	  "Validate routines, figures and the recovery plan (all of them when none\n"
	  "is named; recovery, or a file in a folder named plans, is a plan):\n"
	  "every problem with its file, line and column.  Exit status 1 when any\n"
	  "has errors.\n" },
	{ "edit", cli_edit, BIT(OPT_NEW),
	  "Usage: limber edit NAME\n"
	  "       limber edit --new NAME\n"
	  "Customize a routine in $VISUAL or $EDITOR: a shipped one is copied to\n"
	  "your routines folder first; it is checked when the editor closes.  A\n"
	  "draft left over is resumed, started over or kept, on your word.\n"
	  "limber edit recovery edits the recovery plan the same way.\n" },
	{ "history", cli_history, BIT(OPT_CSV),
	  "Usage: limber history [--csv]\n"
	  "Past sessions, newest first: date, routine, level, status, done, pain,\n"
	  "the morning after the session before, red flags, decision.\n" },
	{ "stats", cli_stats, 0,
	  "Usage: limber stats\n"
	  "Sessions, completion, streaks, sessions per week (newest first) and the\n"
	  "pain trend (a chart, oldest on the left).\n" },
	{ "today", cli_today, 0,
	  "Usage: limber today\n"
	  "Where the recovery stands: its phase and day, what to do today and why,\n"
	  "with the routine to run.  With no recovery begun, it asks once when the\n"
	  "pain began (Enter: today).\n" },
	{ "start", cli_start, 0,
	  "Usage: limber start [DATE]\n"
	  "Begin a recovery on the day the pain began (YYYY-MM-DD, not after today,\n"
	  "at most a year back; default today).  The history stays as it is.\n" },
	{ "report", cli_report, BIT(OPT_SINCE) | BIT(OPT_HTML),
	  "Usage: limber report [--since DATE] [--html FILE]\n"
	  "A record for your physiotherapist, as you answered it: sessions per week\n"
	  "and completion, the pain after each session with the morning after,\n"
	  "each routine's level over time, red flags, exercises marked as hurting\n"
	  "and the advice limber gave.  Markdown on stdout; --html writes one\n"
	  "self-contained, print-friendly page with charts (private, 0600).\n" },
	{ "due", cli_due, 0,
	  "Usage: limber due\n"
	  "One line: is a session due today, by the sessions_per_week setting,\n"
	  "spread out (no reminder after pain 8+ the day before or urgent signs)?\n"
	  "Exit status 0 when one is due, 1 when not, 2 on an error.\n" },
	{ "show", cli_show, 0,
	  "Usage: limber show ROUTINE|EXERCISE|FILE.fig\n"
	  "The figures and cues of a routine (every exercise, with its keyframes)\n"
	  "or of one exercise by name; FILE.fig shows a figure of your own.\n" },
};

static const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* `limber COMMAND --help`: its usage and its options. */
static void
command_usage(const struct command *c, FILE *fp)
{
	if (c->synopsis == NULL) {
		usage(fp);	/* a command without a help of its own */
		return;
	}
	fputs(c->synopsis, fp);
	fputs("\nOptions:\n", fp);
	print_opts(fp, c->opts);
	fputs("  -h, --help      show this help and exit\n"
	      "\nSee limber --help for the others, limber(1) for everything.\n", fp);
}

int
main(int argc, char **argv)
{
	struct cli_opts o = { .volume = -1, .voice = -1 };
	unsigned given = 0;	/* which options were given, as bits */
	int order[OPT_NO_VOICE - OPT_PLAIN + 1];	/* and in which order */
	size_t nopts = 0;
	const struct command *command;
	const char *cmd;
	int want_help = 0;
	const char *nc = getenv("NO_COLOR");
	int c;

	/* Before anything opens a file, so none becomes stdout or stderr. */
	if (stdfds_open() != 0)
		return EXIT_FAILURE;
	atexit(stdfds_close_stdout);
	setlocale(LC_ALL, "");
	{
		char *err;

		if (clock_wall_init(&err) != 0) {
			fprintf(stderr, "limber: %s\n", err);
			free(err);
			return EXIT_USAGE;
		}
	}
	o.no_color = nc != NULL && nc[0] != '\0';
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			want_help = 1;	/* whose help: the command's, if one is named */
			continue;
		case 'V':
			printf(version_text, PACKAGE_VERSION);
			return 0;
		}
		if (c >= OPT_PLAIN && c <= OPT_NO_VOICE) {
			if ((given & BIT(c)) == 0)
				order[nopts++] = c;
			given |= BIT(c);
		}
		switch (c) {
		case OPT_PLAIN: o.plain = 1; break;
		case OPT_EVENTS: o.events = optarg; break;
		case OPT_LEVEL:
			if (util_parse_long(optarg, 1, 10, &o.level) != UTIL_NUM_OK)
				return bad_usage(NULL, "--level must be a whole number from 1 to 10, got \"%s\"", optarg);
			break;
		case OPT_MUTE: o.mute = 1; break;
		case OPT_VOLUME:
			if (util_parse_long(optarg, 0, 100, &o.volume) != UTIL_NUM_OK)
				return bad_usage(NULL, "--volume must be a whole number from 0 to 100, got \"%s\"", optarg);
			break;
		case OPT_NO_COLOR: o.no_color = 1; break;
		case OPT_BELL: o.bell = 1; break;
		case OPT_VOICE: o.voice = 1; break;
		case OPT_NO_VOICE: o.voice = 0; break;
		case OPT_CSV: o.csv = 1; break;
		case OPT_NEW: o.new_routine = 1; break;
		case OPT_NAMES: o.names = 1; break;
		case OPT_SINCE: o.since = optarg; break;
		case OPT_HTML: o.html = optarg; break;
		case ':':
			return bad_usage(NULL, "option '%s' needs a value", argv[optind - 1]);
		default:
			return bad_usage(NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		if (want_help) {
			usage(stdout);
			return 0;
		}
		for (size_t i = 0; i < nopts; i++)
			if (!(HOME_OPTS & BIT(order[i])))
				return bad_usage(NULL, "%s needs a command", opt_name(order[i]));
		return cli_home(&o);
	}
	cmd = argv[optind++];
	argc -= optind;
	argv += optind;
	if (strcmp(cmd, "help") == 0) {
		/* `limber help COMMAND` as `limber COMMAND --help` */
		if (argc > 0 && (command = find_command(argv[0])) != NULL)
			command_usage(command, stdout);
		else
			usage(stdout);
		return 0;
	}
	command = find_command(cmd);
	if (command == NULL)
		return bad_usage(NULL, "unknown command '%s'", cmd);
	if (want_help) {
		command_usage(command, stdout);
		return 0;
	}
	for (size_t i = 0; i < nopts; i++)
		if (!(command->opts & BIT(order[i])))
			return bad_usage(cmd, "%s does not go with '%s'",
					 opt_name(order[i]), cmd);
	return command->fn(&o, argc, argv);
}
