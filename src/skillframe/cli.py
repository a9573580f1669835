"""The `skillframe` console script: Django's management commands under our own name.

`skillframe migrate`, `skillframe runserver`, `skillframe frameworks list` … are the same as
`python -m skillframe …`.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    from skillframe.conf import ConfigError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["skillframe", *(sys.argv[1:] if argv is None else argv)])
    except ConfigError as exc:
        # A bad SKILLFRAME_* value is a user error: one line, no traceback.
        print(f"skillframe: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except BrokenPipeError:
        # Output piped into `head` and the like: the reader left, which is not an error of ours.
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0) from None


if __name__ == "__main__":
    main()
