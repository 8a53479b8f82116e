"""Every ``console`` example in the documentation runs, and prints what the page shows.

The convention (also on the *Command line* page, "How the examples are tested"):

- Inside a ```` ```console ```` block of ``docs/**/*.md`` or ``README.md``, a line starting
  with ``$ `` is a command (a line ending in `` \\`` continues on the next). The lines after it,
  up to the next ``$ `` line or the end of the block, are its expected output: stdout and
  stderr interleaved, as a terminal shows them.
- Only ``meritsys ...`` and ``python -m meritsys ...`` commands are allowed, optionally after
  ``NAME=value`` environment assignments. Any other command, and any shell operator (a pipe, a
  redirection, ``;``, ``&&``), fails the test: nothing untested hides in a console block.
  Install steps and other tools' commands belong in ```` ```bash ```` blocks, which are not run.
- An exit status other than 0 is shown as the last output line, ``[exit 1]`` or ``[exit 2]``;
  a command without one must exit 0.
- The comparison is exact but for trailing whitespace (and trailing blank lines). Where a
  value cannot be fixed (a version, a content hash that changes with the rubric data), a line
  that is exactly ``...`` matches any number of lines and ``...`` inside a line matches any
  text. Use it sparingly.
- Commands run in-process through ``meritsys.cli.main`` with one stream for stdout and stderr,
  in a fresh temporary folder holding links to the repository's ``examples``, ``docs`` and
  ``meritsys`` folders: relative input paths read the shipped files and anything a command
  writes lands in the temporary folder. Nothing may reach the real stdout or stderr.
- ``<!-- file: PATH -->`` on the line before a fenced block says the block shows the file
  ``PATH`` whole. Under ``examples/`` the shipped file must equal the block; any other ``PATH``
  is written, from the block, into the temporary folder of every console block of that page.
- ``<!-- console: plugins PATH ... -->`` on the line before a console block installs the plugin
  packages at ``PATH`` (folders under ``examples/plugins``) for that block only.
"""

from __future__ import annotations

import difflib
import io
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from meritsys.cli import main
from meritsys.scoring import reload_plugins

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted(ROOT.glob("docs/**/*.md")), ROOT / "README.md"]
LINKED = ("examples", "docs", "meritsys")
"""What the temporary folder of a console block links to, so that relative paths resolve."""

_FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
_MARK = re.compile(r"^\s*<!--\s*(file|console):\s*(.*?)\s*-->\s*$")
_EXIT = re.compile(r"^\[exit (\d+)\]$")
_ENV = re.compile(r"^[A-Z_][A-Z0-9_]*=")
_OPERATOR = set("();<>|&")


@dataclass(frozen=True)
class Block:
    """A fenced block of a page: where it starts, its language, its lines, the marker before it."""

    page: Path
    line: int
    lang: str
    lines: tuple[str, ...]
    mark: tuple[str, str] | None

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT).as_posix()}:{self.line}"


@dataclass
class Command:
    """One ``$`` command of a console block, its expected output and exit status."""

    text: str
    output: list[str] = field(default_factory=list)
    status: int = 0


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of a page, each with the ``<!-- ... -->`` marker on the line before it."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, lang, start = m.group(1), m.group(2), i
        i += 1
        body = []
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        before = next((lines[j] for j in range(start - 1, -1, -1) if lines[j].strip()), "")
        mark = _MARK.match(before)
        found.append(
            Block(page, start + 1, lang, tuple(body), (mark.group(1), mark.group(2)) if mark else None)
        )
        i += 1
    return found


ALL_BLOCKS = [b for page in PAGES for b in blocks(page)]
CONSOLE = [b for b in ALL_BLOCKS if b.lang == "console"]
SHOWN_FILES = [b for b in ALL_BLOCKS if b.mark is not None and b.mark[0] == "file"]


def commands(block: Block) -> list[Command]:
    """The commands of a console block with their expected output (trailing whitespace dropped)."""
    cmds: list[Command] = []
    continued = False
    for raw in block.lines:
        line = raw.rstrip()
        command = continued or line.startswith("$ ")
        if continued:
            cmds[-1].text = cmds[-1].text[:-1].rstrip() + " " + line.strip()
        elif command:
            cmds.append(Command(line[2:].strip()))
        elif cmds:
            cmds[-1].output.append(line)
        elif line:
            pytest.fail(f"{block.where}: output before the first `$ ` command: {line!r}", pytrace=False)
        continued = command and line.endswith("\\")
    for cmd in cmds:
        while cmd.output and not cmd.output[-1]:
            cmd.output.pop()
        if cmd.output and (m := _EXIT.match(cmd.output[-1])):
            cmd.status = int(m.group(1))
            cmd.output.pop()
            while cmd.output and not cmd.output[-1]:
                cmd.output.pop()
    return cmds


def argv_of(block: Block, text: str) -> tuple[dict[str, str], list[str]]:
    """The environment assignments and the arguments of a ``meritsys`` command; anything else fails."""
    # operators are looked for with quotes kept (a quoted ";" is an argument, not an operator)
    lexer = shlex.shlex(text, posix=False, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        raw = list(lexer)
        tokens = shlex.split(text)
    except ValueError as exc:
        pytest.fail(f"{block.where}: cannot split `{text}`: {exc}", pytrace=False)
    if any(t and set(t) <= _OPERATOR for t in raw):
        pytest.fail(
            f"{block.where}: `{text}` uses a shell operator; a console block runs one meritsys command per `$` line",
            pytrace=False,
        )
    env = {}
    while tokens and _ENV.match(tokens[0]):
        name, _, value = tokens.pop(0).partition("=")
        env[name] = value
    if tokens[:1] == ["meritsys"]:
        return env, tokens[1:]
    if tokens[:3] in (["python", "-m", "meritsys"], ["python3", "-m", "meritsys"]):
        return env, tokens[3:]
    pytest.fail(
        f"{block.where}: `{text}` is not a meritsys command; console blocks run only `meritsys ...` "
        "and `python -m meritsys ...` (put other commands in a ```bash block)",
        pytrace=False,
    )


def _line_matches(pattern: str, line: str) -> bool:
    if "..." not in pattern:
        return pattern == line
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("...")), line) is not None


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether *actual* fits *expected*: exact lines, ``...`` alone for any lines, ``...`` inside for any text."""
    reachable = {0}  # how many lines of *actual* the patterns so far can have consumed
    for pattern in expected:
        if pattern == "...":
            reachable = set(range(min(reachable), len(actual) + 1)) if reachable else set()
        else:
            reachable = {j + 1 for j in reachable if j < len(actual) and _line_matches(pattern, actual[j])}
    return len(actual) in reachable


def _lines(text: str) -> list[str]:
    out = [line.rstrip() for line in text.splitlines()]
    while out and not out[-1]:
        out.pop()
    return out


@pytest.fixture(scope="session")
def plugin_site(tmp_path_factory):
    """Install example plugin packages (once each) into private folders, not into the environment."""
    sites: dict[str, Path] = {}

    def install(rel: str) -> Path:
        if rel not in sites:
            source = ROOT / rel
            if not (source / "pyproject.toml").is_file() or not source.resolve().is_relative_to(
                ROOT / "examples"
            ):
                pytest.fail(f"plugin {rel!r}: not a package folder under examples/")
            target = tmp_path_factory.mktemp("plugin")
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--no-deps",
                    "--no-build-isolation",
                    "--no-index",
                    "--target",
                    str(target),
                    str(source),
                ],
                check=True,
                capture_output=True,
            )
            sites[rel] = target
        return sites[rel]

    return install


def _prepare(block: Block, cwd: Path) -> None:
    """Link the repository folders into *cwd* and write the files the page shows whole."""
    for name in LINKED:
        (cwd / name).symlink_to(ROOT / name, target_is_directory=True)
    for shown in SHOWN_FILES:
        rel = shown.mark[1] if shown.mark else ""
        if shown.page == block.page and not rel.startswith("examples/"):
            path = cwd / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(shown.lines) + "\n", encoding="utf-8")


class TestConsoleExamples:
    @pytest.mark.parametrize("block", CONSOLE, ids=[b.where for b in CONSOLE])
    def test_prints_what_the_page_shows(self, block, tmp_path, monkeypatch, capsys, plugin_site):
        """Each command of the block prints exactly the output shown and exits with the status shown."""
        cmds = commands(block)
        assert cmds, f"{block.where}: a console block without a `$` command"
        _prepare(block, tmp_path)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("COLUMNS", "80")  # argparse wraps its usage lines to the terminal width
        plugins: list[str] = []
        if block.mark is not None and block.mark[0] == "console":
            kind, _, rest = block.mark[1].partition(" ")
            assert kind == "plugins", f"{block.where}: unknown console marker {block.mark[1]!r}"
            plugins = rest.split()
        for rel in plugins:
            monkeypatch.syspath_prepend(str(plugin_site(rel)))
        try:
            for cmd in cmds:
                env, argv = argv_of(block, cmd.text)
                if plugins:
                    reload_plugins()  # as in a fresh process: plugins load, and warn, once per command
                buf = io.StringIO()
                with monkeypatch.context() as m:
                    for name, value in env.items():
                        m.setenv(name, value)
                    status = main(argv, out=buf, err=buf)
                leaked = capsys.readouterr()
                stray = leaked.out + leaked.err
                assert not stray, (
                    f"{block.where}: `{cmd.text}` wrote to sys.stdout/sys.stderr, not the streams given:\n{stray}"
                )
                actual = _lines(buf.getvalue())
                if not matches(cmd.output, actual) or status != cmd.status:
                    shown = [*actual, f"[exit {status}]"] if status else actual
                    wanted = [*cmd.output, f"[exit {cmd.status}]"] if cmd.status else cmd.output
                    diff = "\n".join(difflib.unified_diff(wanted, shown, "documented", "actual", lineterm=""))
                    pytest.fail(
                        f"{block.where}: `$ {cmd.text}` does not print what the page shows:\n{diff}",
                        pytrace=False,
                    )
        finally:
            if plugins:
                monkeypatch.undo()
                for name in [n for n in sys.modules if n.startswith("meritsys_")]:
                    del sys.modules[name]
                reload_plugins()


class TestShownFiles:
    @pytest.mark.parametrize("block", SHOWN_FILES, ids=[b.where for b in SHOWN_FILES])
    def test_shows_the_shipped_file(self, block):
        """A block marked as showing a shipped file shows it whole and unchanged."""
        assert block.mark is not None
        rel = block.mark[1]
        assert rel, f"{block.where}: a file marker without a path"
        assert not Path(rel).is_absolute(), f"{block.where}: {rel!r} must be relative"
        assert ".." not in Path(rel).parts, f"{block.where}: {rel!r} must stay inside the folder"
        if rel.startswith("examples/"):
            shipped = (ROOT / rel).read_text(encoding="utf-8").splitlines()
            assert [line.rstrip() for line in block.lines] == [line.rstrip() for line in shipped], (
                f"{block.where}: the page no longer shows {rel} as shipped"
            )


class TestConvention:
    """The parser and matcher behind the examples, on small cases."""

    def _block(self, *lines: str) -> Block:
        return Block(ROOT / "README.md", 1, "console", lines, None)

    def test_commands_split_at_dollar_lines(self):
        """Each `$` line starts a command; the lines after it are its output, `[exit N]` its status."""
        cmds = commands(
            self._block("$ meritsys a", "x  ", "", "$ meritsys b \\", "  --c d", "y", "[exit 2]", "")
        )
        assert [(c.text, c.output, c.status) for c in cmds] == [
            ("meritsys a", ["x"], 0),
            ("meritsys b --c d", ["y"], 2),
        ]

    @pytest.mark.parametrize(
        ("text", "argv"),
        [
            ("meritsys plan f --target 'Sangat Baik'", ({}, ["plan", "f", "--target", "Sangat Baik"])),
            ("python -m meritsys demo", ({}, ["demo"])),
            (
                "MERITSYS_RUBRIK_PATH=x meritsys rubrik list",
                ({"MERITSYS_RUBRIK_PATH": "x"}, ["rubrik", "list"]),
            ),
        ],
        ids=["quoted", "python-m", "env"],
    )
    def test_meritsys_commands_are_accepted(self, text, argv):
        """`meritsys` and `python -m meritsys`, after environment assignments, give the arguments."""
        assert argv_of(self._block(), text) == argv

    @pytest.mark.parametrize(
        "text",
        [
            "echo $?",
            "pip install meritsys",
            "meritsys score f --format json | head -n 2",
            "meritsys a 2>/dev/null",
        ],
        ids=["echo", "pip", "pipe", "redirect"],
    )
    def test_other_commands_fail(self, text):
        """Any other program, and any shell operator, fails the example."""
        with pytest.raises(pytest.fail.Exception):
            argv_of(self._block(), text)

    @pytest.mark.parametrize(
        ("expected", "actual", "fits"),
        [
            (["a", "b"], ["a", "b"], True),
            (["a", "b"], ["a", "c"], False),
            (["a", "...", "d"], ["a", "b", "c", "d"], True),
            (["a", "...", "d"], ["a", "d"], True),
            (["a", "..."], ["b"], False),
            (["sha256: ..."], ["sha256: c615"], True),
            (["sha256: ..."], ["sha: c615"], False),
            (["a"], ["a", "b"], False),
        ],
        ids=["same", "differs", "lines", "no-lines", "prefix", "in-line", "in-line-differs", "extra-line"],
    )
    def test_wildcards(self, expected, actual, fits):
        """`...` alone matches any number of lines, `...` inside a line any text; all else is exact."""
        assert matches(expected, actual) is fits
