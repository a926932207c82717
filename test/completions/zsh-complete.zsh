#!/usr/bin/env zsh
# Prints what zsh completes for a command line, one match per line: a real interactive
# zsh (-f: no rc files) runs in a pseudo-terminal, a Tab press runs the completion
# system, and a compadd wrapper appends every match added to a file.
#
# usage: zsh zsh-complete.zsh (source FILE | fpath DIR) OUTPUT-FILE 'magnum cluster-'
# The shell's stderr (errors of the completion functions) goes to OUTPUT-FILE.err.
zmodload zsh/zpty || exit 3
local how=$1 where=$2 out=$3 buffer=$4
: >| $out
: >| $out.err

local load
if [[ $how == source ]]; then
  load="autoload -U compinit; compinit -u -D; source ${(q)where}"
else
  load="fpath=(${(q)where} \$fpath); autoload -U compinit; compinit -u -D"
fi

zpty magnum_test "zsh -f -i 2>>${(q)out}.err"
zpty -w magnum_test "PS1=''; $load"
zpty -w magnum_test "compadd() { if (( \${@[(I)-[OAD]]} )); then builtin compadd \"\$@\"; return; fi; local -a __m; builtin compadd -O __m \"\$@\"; (( \$#__m )) && print -rl -- \$__m >> ${(q)out}; builtin compadd \"\$@\"; }"
zpty -w magnum_test "__magnum_test_done() { print -r -- __END__ >> ${(q)out}; exit; }; comppostfuncs=(__magnum_test_done)"
zpty -w magnum_test "zstyle ':completion:*' list-prompt ''; zstyle ':completion:*' menu no; bindkey '^I' complete-word"
zpty -w -n magnum_test "$buffer"$'\t'

integer tries=0
while ! grep -q '^__END__$' $out 2>/dev/null; do
  (( ++tries > 100 )) && { zpty -d magnum_test; print -u2 'zsh-complete: no completion within 10 s'; exit 4; }
  sleep 0.1
done
zpty -d magnum_test
grep -v '^__END__$' $out
exit 0
