# bash completion for limber                                 -*- shell-script -*-
#
# Completes limber's commands, each command's options, and routine names:
# the names come from `limber list --names` (one a line, no table to
# parse), so your own routines complete too.  Works with or without the
# bash-completion package.

_limber_commands='run list check show edit history stats today start report due help'
# Options every command takes, then each command's own (as limber --help).
_limber_global='--help --version'
_limber_run_opts='--plain --level --events --mute --volume --bell --no-color --voice --no-voice'

_limber_opts_for()
{
	case $1 in
	'') echo "$_limber_global ${_limber_run_opts/--plain /}" ;;
	run) echo "$_limber_run_opts" ;;
	list) echo '--names' ;;
	edit) echo '--new' ;;
	history) echo '--csv' ;;
	report) echo '--since --html' ;;
	esac
}

_limber_routines()
{
	local names
	names=$(limber list --names 2>/dev/null) || return
	compgen -W "$names" -- "$1"
}

_limber()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	local cmd= nargs=0 i w
	COMPREPLY=()
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}

	# The command is the first word that is neither an option nor the
	# value of one.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--level|--volume|--events|--since|--html) ((i++)) ;;
		-*) ;;
		*) if [ -z "$cmd" ]; then cmd=$w; else ((nargs++)); fi ;;
		esac
	done

	case $prev in
	--level) COMPREPLY=($(compgen -W '1 2 3 4 5 6 7 8 9 10' -- "$cur")); return ;;
	--volume) COMPREPLY=($(compgen -W '0 25 50 75 100' -- "$cur")); return ;;
	--events|--html) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
	--since) COMPREPLY=($(compgen -W "$(date +%Y-%m-%d)" -- "$cur")); return ;;
	esac
	# limber start DATE: today's date as a start
	if [ "$cmd" = start ] && [ "$nargs" -eq 0 ] && [[ $cur != -* ]]; then
		COMPREPLY=($(compgen -W "$(date +%Y-%m-%d)" -- "$cur"))
		return
	fi

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$_limber_global $(_limber_opts_for "$cmd")" -- "$cur"))
		return
	fi
	case $cmd in
	'') COMPREPLY=($(compgen -W "$_limber_commands" -- "$cur")) ;;
	help) [ "$nargs" -eq 0 ] && COMPREPLY=($(compgen -W "${_limber_commands% help}" -- "$cur")) ;;
	run|edit|check|show)
		# run, edit and show take one routine, check any number.
		[ "$cmd" != check ] && [ "$nargs" -gt 0 ] && return
		# A routine is a name or a path (anything with a / or ending .csv);
		# check and show also take a figure, FILE.fig.
		if [[ $cur == */* || $cur == .* || $cur == \~* ]]; then
			COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
			[[ $cmd == check || $cmd == show ]] &&
				COMPREPLY+=($(compgen -f -X '!*.fig' -- "$cur"))
			compopt -o filenames 2>/dev/null
		else
			COMPREPLY=($(_limber_routines "$cur"))
			# check and edit take the recovery plan too
			[[ $cmd == check || $cmd == edit ]] &&
				COMPREPLY+=($(compgen -W recovery -- "$cur"))
		fi
		;;
	esac
}
complete -F _limber limber
