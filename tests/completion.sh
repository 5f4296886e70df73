#!/bin/sh
# The shell completions, driven as the shells drive them: bash through
# `complete -p` and the completion function with COMP_WORDS/COMP_CWORD
# (what compgen would offer at <Tab>), fish through `complete -C`, zsh
# parsed.  Routine names come from the built limber (`list --names`), so a
# routine of the user's completes too; the commands and options offered
# are checked against `limber --help`, so a new command or option that the
# completions miss fails here.
. "$TESTLIB_SH"
top=$(cd "$(dirname "$TESTLIB_SH")/.." && pwd)
comp=$top/completions
command -v bash >/dev/null 2>&1 || { echo "SKIP: no bash"; exit 77; }
PATH=$(cd "$(dirname "$LIMBER")" && pwd):$PATH
export PATH

mkdir -p "$XDG_CONFIG_HOME/limber/routines"
printf 'exercise\nPlank\n' > "$XDG_CONFIG_HOME/limber/routines/my-own.csv"
mkdir -p "$T/cwd/sub"
printf 'exercise\nPlank\n' > "$T/cwd/local.csv"
printf 'x\n' > "$T/cwd/notes.txt"
printf 'x\n' > "$T/cwd/mine.fig"

# bash_comp WORD... : what <Tab> offers after the words (the last one is
# the word being completed, maybe empty), sorted, on one line.
bash_comp() {
	(cd "$T/cwd" && bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_limber; printf "%s\n" "${COMPREPLY[@]}"' sh "$comp/limber.bash" "$@") |
		sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//'
}

out=$(bash -c '. "$1" && complete -p limber' sh "$comp/limber.bash")
expect_eq "complete -p limber" "$out" "complete -F _limber limber"

# Every command and option of --help is offered, and nothing else.
help=$("$LIMBER" --help)
cmds=$(printf '%s\n' "$help" | sed -n '/^Commands/,/^$/p' | sed -n 's/^  \([a-z]\{1,\}\).*/\1/p' |
	sort -u | tr '\n' ' ')
expect_eq "limber <Tab>: the commands of --help" "$(bash_comp limber '') " "$(printf '%s\n' $cmds help | sort -u | tr '\n' ' ')"
opts=$(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')
offered=$(for c in "" run list edit history report; do bash_comp limber $c --; echo; done | tr ' ' '\n' | sort -u | tr '\n' ' ')
expect_eq "every option of --help is offered somewhere" "$offered" "$opts"

# Each command's options, as its own --help lists them (and --version).
for c in $cmds; do
	want=$( { "$LIMBER" "$c" --help | grep -oE -- '--[a-z][a-z-]*'; echo --version; } | sort -u | tr '\n' ' ' | sed 's/ $//')
	expect_eq "limber $c --<Tab>: the options of limber $c --help" "$(bash_comp limber "$c" --)" "$want"
done
expect_eq "limber r<Tab>" "$(bash_comp limber r)" "report run"
expect_eq "limber run <Tab>: the routine names of list --names" "$(bash_comp limber run '')" \
	"$("$LIMBER" list --names | sort | tr '\n' ' ' | sed 's/ $//')"
expect_match "limber run <Tab>: the user's routine too" "$(bash_comp limber run '')" 'core gentle mcgill my-own stretch'
expect_eq "limber edit r<Tab>: the recovery plan" "$(bash_comp limber edit r)" "recovery"
expect_eq "limber run r<Tab>: no plan to run" "$(bash_comp limber run r)" ""
expect_eq "limber run m<Tab>" "$(bash_comp limber run m)" "mcgill my-own"
expect_eq "limber --mute run g<Tab>" "$(bash_comp limber --mute run g)" "gentle"
expect_eq "limber --level 3 run g<Tab>: an option's value is no command" \
	"$(bash_comp limber --level 3 run g)" "gentle"
expect_eq "limber run core <Tab>: run takes one routine" "$(bash_comp limber run core '')" ""
expect_eq "limber check core <Tab>: check takes many" "$(bash_comp limber check core s)" "stretch"
expect_eq "limber edit --new <Tab>: names" "$(bash_comp limber edit --new c)" "core"
expect_eq "limber run ./<Tab>: CSV files and folders" "$(bash_comp limber run ./)" "./local.csv ./sub"
expect_eq "limber show ./<Tab>: figures too" "$(bash_comp limber show ./)" "./local.csv ./mine.fig ./sub"
expect_eq "limber show c<Tab>: routine names" "$(bash_comp limber show c)" "core"
expect_eq "limber --level <Tab>" "$(bash_comp limber --level '')" "1 10 2 3 4 5 6 7 8 9"
expect_eq "limber list --<Tab>" "$(bash_comp limber list --)" "--help --names --version"
expect_eq "limber history --<Tab>" "$(bash_comp limber history --)" "--csv --help --version"
expect_eq "limber report --<Tab>" "$(bash_comp limber report --)" "--help --html --since --version"
expect_eq "limber stats <Tab>: nothing" "$(bash_comp limber stats '')" ""
expect_eq "limber help r<Tab>: commands" "$(bash_comp limber help r)" "report run"
out=$(bash_comp limber run --)
expect_match "limber run --<Tab> has --plain" "$out" '--plain'
expect_no_match "limber run --<Tab> has no --names" "$out" '--names'
expect_no_match "limber --<Tab> has no --plain (not for the home screen)" "$(bash_comp limber --)" '--plain'

if command -v fish >/dev/null 2>&1; then
	fish_comp() {
		(cd "$T/cwd" && fish --no-config -c "source '$comp/limber.fish'; complete -C '$1'") |
			cut -f1 | sort -u | tr '\n' ' ' | sed 's/ $//'
	}
	expect_eq "fish: limber r<Tab>" "$(fish_comp 'limber r')" "report run"
	expect_eq "fish: limber help d<Tab>" "$(fish_comp 'limber help d')" "due"
	expect_eq "fish: limber run m<Tab>" "$(fish_comp 'limber run m')" "mcgill my-own"
	expect_match "fish: limber run --<Tab>" "$(fish_comp 'limber run --')" '--plain'
	expect_eq "fish: limber list --<Tab>" "$(fish_comp 'limber list --n')" "--names"
	expect_eq "fish: limber run ./<Tab>: CSV files and folders" "$(fish_comp 'limber run ./')" "./local.csv ./sub/"
	expect_eq "fish: limber show ./<Tab>: figures too" "$(fish_comp 'limber show ./')" "./local.csv ./mine.fig ./sub/"
else
	echo "fish not installed: its completion is not driven"
fi
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$comp/_limber"; expect_eq "zsh: the completion parses" "$?" 0
fi
# zsh completes only in an interactive shell: drive one in tmux (a private
# socket), type a prefix and Tab, and wait for the line to be completed.
if command -v zsh >/dev/null 2>&1 && command -v tmux >/dev/null 2>&1; then
	zd=$(mktemp -d /tmp/lz.XXXXXX)
	mkdir "$zd/fn" && cp "$comp/_limber" "$zd/fn/"
	cat > "$zd/.zshrc" <<ZSHRC
fpath=($zd/fn \$fpath)
autoload -Uz compinit && compinit -u -d $zd/.zcompdump
PS1='%% '
ZSHRC
	zt() { tmux -S "$zd/s" -f /dev/null "$@"; }
	zt new-session -d -x 100 -y 20 "cd '$T/cwd' && ZDOTDIR='$zd' PATH='$PATH' zsh -i"
	# zsh_comp TYPED EXPECTED: the prompt line after TYPED and a Tab
	zsh_comp() {
		zt send-keys C-u "$1" Tab
		i=0
		while [ $i -lt 100 ]; do
			line=$(zt capture-pane -p | grep '^% ' | tail -n 1 | sed 's/ *$//')
			[ "$line" = "% $2" ] && break
			sleep 0.1; i=$((i + 1))
		done
		expect_eq "zsh: $1<Tab>" "$line" "% $2"
	}
	zsh_comp 'limber rep' 'limber report'
	zsh_comp 'limber run --pl' 'limber run --plain'
	zsh_comp 'limber run mc' 'limber run mcgill'
	zsh_comp 'limber edit my-' 'limber edit my-own'
	zsh_comp 'limber history --c' 'limber history --csv'
	zsh_comp 'limber help sh' 'limber help show'
	zt kill-server 2>/dev/null
	rm -rf "$zd"
else
	echo "zsh or tmux not installed: the zsh completion is not driven"
fi
finish
