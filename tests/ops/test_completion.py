"""`skillframe completion`: the script, and the words it offers, through a real bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.ops.completion import candidates

SKILLFRAME = Path(sys.executable).parent / "skillframe"


def test_commands_actions_options_and_choices() -> None:
    assert candidates(["cyc"], 0) == ["cycles"]
    assert candidates(["cycles", ""], 1) == ["close", "list", "open", "progress", "reopen", "show"]
    assert "--unit" in candidates(["people", "list", "--"], 2)
    assert candidates(["people", "list", "--format", ""], 3) == ["table", "json", "csv"]
    assert candidates(["remind", "mu"], 1) == ["mute", "mutes"]
    assert candidates(["nosuch", ""], 1) == []


def test_script_for_bash_and_zsh() -> None:
    out = StringIO()
    call_command("completion", "bash", stdout=out)
    assert "complete -o default -F _skillframe_complete skillframe" in out.getvalue()
    out = StringIO()
    call_command("completion", "zsh", stdout=out)
    assert out.getvalue().startswith("autoload -U +X bashcompinit && bashcompinit")
    with pytest.raises(CommandError, match="bash or zsh"):
        call_command("completion", "fish")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_through_the_installed_command(cli_env: dict[str, str]) -> None:
    script = subprocess.run(
        [str(SKILLFRAME), "completion", "bash"], env=cli_env, capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    probe = (
        script + "\nCOMP_WORDS=(skillframe plans ap); COMP_CWORD=2; _skillframe_complete; "
        'echo "${COMPREPLY[@]}"\n'
    )
    env = cli_env | {"PATH": f"{SKILLFRAME.parent}{os.pathsep}{cli_env.get('PATH', '')}"}
    found = subprocess.run(
        ["bash", "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert found.stdout.split() == ["approve"]
