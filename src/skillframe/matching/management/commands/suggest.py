"""`skillframe suggest [--framework SLUG] [--limit N] [--items] [--format json|table]`.

Text from --text, --file (txt, docx, pdf) or standard input. JSON: {"suggestions": [...]}, the
shape of POST /api/suggest, best first: one entry per AXELOS skill / NOS standard, or per
statement / criterion / knowledge item with --items.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from skillframe.matching import service
from skillframe.matching.uploads import text_from_upload


class Command(BaseCommand):
    help = "Suggest framework skills and standards for a CV line, job advert or evidence note."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--text", help="the text (default: standard input)")
        parser.add_argument("--file", type=Path, help="read the text from a .txt, .docx or .pdf")
        parser.add_argument("--framework", metavar="SLUG", help="only this framework")
        parser.add_argument("--limit", type=int, default=5, metavar="N")
        parser.add_argument(
            "--items", action="store_true", help="statements, criteria and knowledge items"
        )
        parser.add_argument("--format", choices=("json", "table"), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        text = _text(options)
        try:
            body = service.suggest(
                text, framework=options["framework"], limit=options["limit"], items=options["items"]
            )
        except ValidationError as error:
            raise CommandError(_message(error)) from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(body, indent=2, ensure_ascii=False))
            return
        for rank, s in enumerate(body["suggestions"], start=1):
            level = f" (level {s['level']})" if s.get("level") else ""
            self.stdout.write(
                f"{rank:>2}. {s['score']:.2f}  {s['framework']} {s['code']}  {s['title']}{level}"
            )
            for span in s["spans"]:
                self.stdout.write(f"      “{span['text']}” [{span['start']}:{span['end']}]")
                self.stdout.write(f"        ~ {span['matched']}")
            for item in s.get("criteria", []):
                self.stdout.write(f"      criterion {item['code']}: {item['text']}")
        if not body["suggestions"]:
            self.stdout.write("No suggestions: no framework text matches the words of this text.")


def _text(options: dict[str, Any]) -> str:
    if options["text"] is not None and options["file"] is not None:
        raise CommandError("give --text or --file, not both")
    if options["file"] is not None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"--file: no file {path}")
        try:
            return text_from_upload(path.name, path.read_bytes())
        except ValidationError as error:
            raise CommandError(_message(error)) from error
    if options["text"] is not None:
        return str(options["text"])
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CommandError("standard input is not UTF-8 text (binary input?)") from error


def _message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"--{f}: {' '.join(m)}" for f, m in error.message_dict.items())
    return " ".join(error.messages)
