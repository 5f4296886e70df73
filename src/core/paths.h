/* paths.h - where limber's files live (XDG base directories).
 *
 *   shipped:   $LIMBER_DATADIR or PKGDATADIR: routines/, sounds/, figures/, plans/
 *   the user's: $XDG_CONFIG_HOME/limber/{routines/,sounds/,figures/,plans/,limber.conf}
 *   data:      $XDG_DATA_HOME/limber/history.csv, memory.csv
 *
 * A relative or empty XDG variable is ignored (the spec says so) in favour
 * of ~/.config and ~/.local/share. */
#ifndef LIMBER_PATHS_H
#define LIMBER_PATHS_H

/* All return new strings. */
char *paths_home(void);
char *paths_config_dir(void);	/* $XDG_CONFIG_HOME/limber */
char *paths_data_dir(void);	/* $XDG_DATA_HOME/limber */
char *paths_cache_dir(void);	/* $XDG_CACHE_HOME/limber */
char *paths_shipped_dir(void);	/* $LIMBER_DATADIR or PKGDATADIR */
char *paths_user_routines(void);
char *paths_shipped_routines(void);
char *paths_user_sounds(void);
char *paths_shipped_sounds(void);
char *paths_user_figures(void);		/* $XDG_CONFIG_HOME/limber/figures */
char *paths_shipped_figures(void);
char *paths_settings_file(void);
char *paths_history_file(void);
char *paths_history_cache_file(void);	/* the history's summary */
char *paths_user_plans(void);		/* $XDG_CONFIG_HOME/limber/plans */
char *paths_shipped_plans(void);	/* $LIMBER_DATADIR or PKGDATADIR: plans */
char *paths_memory_file(void);		/* beside history.csv */
/* dir + "/" + name */
char *paths_join(const char *dir, const char *name);

#endif
