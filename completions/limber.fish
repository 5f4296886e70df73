# fish completion for limber: commands, each command's options, and
# routine names (from `limber list --names`, so your own routines too).

set -l commands run list check show edit history stats today start report due help
complete -c limber -f
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a run -d 'Run a routine in the full-screen coach'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a list -d 'The routines, their time, level and last session'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a check -d 'Validate routines and figures'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a show -d 'The figures and cues of a routine or exercise'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a edit -d 'Customize a routine in your editor'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a history -d 'Past sessions, newest first'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a stats -d 'Sessions, completion, streaks, pain trend'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a today -d 'The recovery: its phase and day, what to do today'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a start -d 'Begin a recovery on the day the pain began'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a report -d 'A record for your physiotherapist'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a due -d 'Say whether a session is due today'
complete -c limber -n "not __fish_seen_subcommand_from $commands" -a help -d 'Show the help'

complete -c limber -n '__fish_seen_subcommand_from help' -a 'run list check show edit history stats today start report due' -d 'Command'
complete -c limber -s h -l help -d 'Show the help and exit'
complete -c limber -s V -l version -d 'Show the version and exit'
# The session options: for run, and for the home screen (no command).
set -l session "not __fish_seen_subcommand_from list check show edit history stats today start report due help"
complete -c limber -n $session -l level -x -a '1 2 3 4 5 6 7 8 9 10' -d 'Run at this level once'
complete -c limber -n $session -l events -r -F -d 'Write every session event to FILE'
complete -c limber -n $session -l mute -d 'No sound cues'
complete -c limber -n $session -l volume -x -d 'Cue volume, 0-100'
complete -c limber -n $session -l bell -d 'Terminal bell for cues when there is no sound'
complete -c limber -n $session -l no-color -d 'No colours'
complete -c limber -n $session -l voice -d 'Speak the cues as well'
complete -c limber -n $session -l no-voice -d 'No spoken cues'
complete -c limber -n '__fish_seen_subcommand_from run' -l plain -d 'Lines of text, check-in from stdin'
complete -c limber -n '__fish_seen_subcommand_from edit' -l new -d 'Start from a commented template'
complete -c limber -n '__fish_seen_subcommand_from list' -l names -d 'Only the names, one a line'
complete -c limber -n '__fish_seen_subcommand_from history' -l csv -d 'The rows as stored, oldest first'
complete -c limber -n '__fish_seen_subcommand_from report' -l since -x -d 'Sessions from this day on (YYYY-MM-DD)'
complete -c limber -n '__fish_seen_subcommand_from report' -l html -r -F -d 'Write one self-contained HTML file'

complete -c limber -n '__fish_seen_subcommand_from run edit check show' -a '(limber list --names 2>/dev/null)' -d 'Routine'
complete -c limber -n '__fish_seen_subcommand_from edit check' -a recovery -d 'The recovery plan'
# Files: folders and the one kind asked for (__fish_complete_suffix only
# puts that kind first).
function __limber_files --description 'folders and files ending in $argv[1]'
    for f in (__fish_complete_suffix $argv[1])
        if string match -q -- "*$argv[1]" $f; or string match -q -- '*/' $f
            echo $f
        end
    end
end
complete -c limber -n '__fish_seen_subcommand_from run edit check show' -a '(__limber_files .csv)'
complete -c limber -n '__fish_seen_subcommand_from check show' -a '(__limber_files .fig)'
