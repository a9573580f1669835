"""Shell completion for `skillframe`: commands, their actions (sub-commands) and options.

Django's own completion (`DJANGO_AUTO_COMPLETE`) stops at a command's options; ours also walks
the actions of commands such as `people list` or `cycles close`, and offers the choices of an
option (`--format table|json|csv`). The shell script asks `skillframe completion --complete`
for the words, so completion always matches the installed version.
"""

from __future__ import annotations

from argparse import ArgumentParser, _SubParsersAction

from django.core.management import get_commands, load_command_class

BASH = r"""# skillframe shell completion (bash, and zsh through bashcompinit)
_skillframe_complete() {
    local IFS=$'\n'
    COMPREPLY=( $("${COMP_WORDS[0]}" completion --complete "$COMP_CWORD" \
        -- "${COMP_WORDS[@]:1}" 2>/dev/null) )
}
complete -o default -F _skillframe_complete skillframe
"""


def _parser(command: str) -> ArgumentParser | None:
    app = get_commands().get(command)
    if app is None:
        return None
    return load_command_class(app, command).create_parser("skillframe", command)


def _subactions(parser: ArgumentParser) -> dict[str, ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, _SubParsersAction):
            return dict(action.choices)
    return {}


def candidates(words: list[str], index: int) -> list[str]:
    """What may stand at `words[index]` (words after `skillframe`; index from 0)."""
    current = words[index] if index < len(words) else ""
    before = words[:index]
    if not before:
        return sorted(c for c in get_commands() if c.startswith(current))
    parser = _parser(before[0])
    if parser is None:
        return []
    for word in before[1:]:
        parser = _subactions(parser).get(word, parser)
    if before[1:]:
        previous = before[-1]
        for action in parser._actions:
            if previous in action.option_strings and action.choices is not None:
                return [str(c) for c in action.choices if str(c).startswith(current)]
    words_found = list(_subactions(parser))
    if current.startswith("-") or not words_found:
        words_found += [o for a in parser._actions for o in a.option_strings]
    return sorted(w for w in words_found if w.startswith(current))
