"""The ``litreview`` command line: ``litreview new DIR`` writes a starter review.

Exit codes: 0 success, 1 refused or failed (nothing overwritten), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Iterable, Sequence
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


def _one_line(value: str) -> str:
    # Titles and names land in a Markdown heading and on one line of conf.py.
    text = " ".join(value.split())
    if not text:
        raise argparse.ArgumentTypeError("must not be empty")
    return text


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
        type=_one_line,
        help="the review's project name (default: from the directory name, e.g. 'my-review' gives 'My review')",
    )
    new.add_argument(
        "--author",
        type=_one_line,
        help="who wrote the review, for the copyright line and the EPUB/PDF metadata "
        "(default: 'The authors of TITLE')",
    )
    new.add_argument(
        "--force",
        action="store_true",
        help="overwrite scaffold files that already exist in DIR (by default the command refuses and "
        "changes nothing); a symbolic link is replaced, never written through",
    )
    return parser


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _blocking(directory: Path, names: Iterable[str]) -> list[str]:
    """Targets that no option lets the command replace: directories and special files.

    A symbolic link is not among them: it is replaced by a regular file (never
    written through, so a link to a file outside DIR cannot be used to change it).
    """
    blocking = []
    for name in names:
        target = directory / name
        if target.is_symlink() or not os.path.lexists(target):
            continue
        if not target.is_file():
            kind = "a directory" if target.is_dir() else "not a regular file"
            blocking.append(f"  {target} is {kind}")
    return blocking


def _write_all(directory: Path, files: dict[str, str]) -> None:
    """Write every file or none: each goes to a temporary file first, and only when all
    are written are they renamed into place (a rename replaces a symbolic link itself,
    never the file it points to)."""
    staged: list[tuple[Path, Path]] = []
    try:
        for name, text in files.items():
            temporary = directory / f".{name}.{os.getpid()}.tmp"
            # "x": a new file (with the user's umask), never an existing file or link.
            # newline="\n": the same bytes on every platform, so re-running is idempotent in git.
            with temporary.open("x", encoding="utf-8", newline="\n") as stream:
                staged.append((temporary, directory / name))
                stream.write(text)
        for temporary, target in staged:
            os.replace(temporary, target)
    finally:
        for temporary, _target in staged:
            temporary.unlink(missing_ok=True)


def _cmd_new(directory: Path, title: str | None, author: str | None, force: bool) -> int:
    if title is None:
        title = _title_from_dir(directory)
    if author is None:
        author = f"The authors of {title}"
    files = render(title, author)

    if os.path.lexists(directory) and not directory.is_dir():
        return _error(f"{directory} exists and is not a directory")
    # Check everything before writing anything, so a refusal leaves DIR untouched.
    blocking = _blocking(directory, files)
    if blocking:
        listed = "\n".join(blocking)
        return _error(f"cannot write the review, even with --force:\n{listed}\nRemove or rename them first.")
    existing = [name for name in files if os.path.lexists(directory / name)]
    if existing and not force:
        listed = "\n".join(f"  {directory / name}" for name in existing)
        return _error(
            f"refusing to overwrite {len(existing)} existing file(s):\n{listed}\n"
            "Use --force to overwrite them, or choose another directory."
        )

    try:
        directory.mkdir(parents=True, exist_ok=True)
        _write_all(directory, files)
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
        "with your own.\n"
        "To add a topic, write a page such as my-topic.md that starts with a title and a\n"
        "topic-page directive (copy example-topic.md), then add its name, my-topic, to\n"
        "the toctree in index.md.\n"
        f"The author in conf.py is {author!r}; change it there (or use --author)."
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
        return _cmd_new(args.directory, args.title, args.author, args.force)

    parser.print_help(sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
