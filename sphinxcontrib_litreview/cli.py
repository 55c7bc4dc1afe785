"""The ``litreview`` command line: ``litreview new DIR`` writes a starter review.

Exit codes: 0 success, 1 refused or failed (nothing overwritten), 2 bad usage.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .scaffold import render

PROG = "litreview"
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def _title_from_dir(directory: Path) -> str:
    """'my-review' -> 'My review': a readable default project name."""
    words = directory.resolve().name.replace("-", " ").replace("_", " ").split()
    if not words:
        return "Literature review"
    title = " ".join(words)
    return title[0].upper() + title[1:]


def _title_argument(value: str) -> str:
    # The title lands in a Markdown heading: one line, no stray spaces.
    title = " ".join(value.split())
    if not title:
        raise argparse.ArgumentTypeError("must not be empty")
    return title


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Tools for literature reviews published with sphinxcontrib-litreview.",
        epilog=f"Run '{PROG} new --help' for the options of the 'new' command.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser(
        "new",
        help="write a ready-to-build review into a directory",
        description=(
            "Write a ready-to-build review into DIR: conf.py, an index, an all-topics "
            "page, one example topic, a glossary, an example catalog (episodes.yaml), "
            "requirements.txt, .readthedocs.yaml and .gitignore. DIR is created if "
            "needed; other files in it are left alone. "
            "Then build it with: sphinx-build -W DIR DIR/_build/html"
        ),
    )
    new.add_argument("directory", metavar="DIR", type=Path, help="where to write the review")
    new.add_argument(
        "--title",
        type=_title_argument,
        help="the review's project name (default: from the directory name, e.g. 'my-review' gives 'My review')",
    )
    new.add_argument(
        "--force",
        action="store_true",
        help="overwrite scaffold files that already exist in DIR (by default the command refuses and changes nothing)",
    )
    return parser


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _cmd_new(directory: Path, title: str | None, force: bool) -> int:
    if title is None:
        title = _title_from_dir(directory)
    files = render(title)

    if directory.exists() and not directory.is_dir():
        return _error(f"{directory} exists and is not a directory")
    existing = [name for name in files if (directory / name).exists()]
    # Check everything before writing anything, so a refusal leaves DIR untouched.
    if existing and not force:
        listed = "\n".join(f"  {directory / name}" for name in existing)
        return _error(
            f"refusing to overwrite {len(existing)} existing file(s):\n{listed}\n"
            "Use --force to overwrite them, or choose another directory."
        )

    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            # newline="\n": the same bytes on every platform, so re-running is idempotent in git.
            (directory / name).write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        return _error(f"could not write the review: {exc}")

    print(f"Wrote the literature review '{title}' to {directory}:")
    for name in files:
        mark = " (overwritten)" if name in existing else ""
        print(f"  {name}{mark}")
    print(
        "\nNext steps:\n"
        f"  cd {shlex.quote(str(directory))} && sphinx-build -W . _build/html\n"
        "Then replace the example records in episodes.yaml and the example topic "
        "with your own."
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        # argparse exits for --help/--version (0) and usage errors (2); return it instead
        # so callers and tests get a code, like every other outcome.
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE

    if args.command == "new":
        return _cmd_new(args.directory, args.title, args.force)

    parser.print_help(sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
