"""The order parser compiled to C by mypyc: the same code, about 30% fewer instructions a message.

`make compiled` (which `make run`, `make test` and `make bench` call) compiles `bot/parse` into
`build/mypyc`, and writes there a stamp of the sources it compiled. When `bot` is imported, the compiled
parser is used only if that stamp matches the sources as they are now: an edited parser, a missing C
compiler or a failed build leave the plain Python one in use, never a stale one. LAPAK_PURE_PYTHON=1
asks for the plain one whatever is built.

`make compiled` runs `main()`, which builds when needed and says what it did; with `--check` it only says
whether a fresh build is in use.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "bot" / "parse"
BUILD = ROOT / "build" / "mypyc"
STAMP = BUILD / "stamp"


def _files() -> list[Path]:
    return sorted(p for p in SOURCES.rglob("*") if p.suffix in (".py", ".json"))


def source_stamp() -> str:
    """What the compiled build must have been made from: every parser source and lexicon, as they are."""
    digest = hashlib.sha256(sys.version.encode())
    for path in _files():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fresh() -> bool:
    try:
        return STAMP.read_text() == source_stamp()
    except OSError:
        return False


def use_if_fresh(bot_path: list[str]) -> bool:
    """Put the compiled parser ahead of the sources on `bot`'s package path, if it was built from them."""
    if os.environ.get("LAPAK_PURE_PYTHON") or not fresh():
        return False
    sys.path.append(str(BUILD))  # mypyc's shared runtime module lives at the build's top
    bot_path.insert(0, str(BUILD / "bot"))
    return True


def parser_build() -> str:
    """Which parser this process runs, for the benchmarks' headings."""
    import bot.parse

    return "parser compiled by mypyc" if str(BUILD) in str(bot.parse.__file__) else "parser in plain Python"


def build() -> None:
    """Compile `bot/parse` into BUILD; the stamp is written last, so a failed build is never used."""
    from mypyc.build import mypycify
    from setuptools import setup

    stamp = source_stamp()
    shutil.rmtree(BUILD, ignore_errors=True)
    work = ROOT / "build" / "mypyc-work"
    shutil.rmtree(work, ignore_errors=True)
    modules = [str(p.relative_to(ROOT)) for p in _files() if p.suffix == ".py"]
    here = Path.cwd()
    os.chdir(ROOT)  # mypyc names modules by their paths from the project's root
    try:
        extensions = mypycify(modules, opt_level="3", target_dir=str(work / "c"))
        setup(name="lapak-parser-compiled", ext_modules=extensions,
              script_args=["-q", "build_ext", "--build-lib", str(BUILD), "--build-temp", str(work / "tmp")])
    finally:
        os.chdir(here)
    for data in SOURCES.rglob("*.json"):  # the lexicons, read from beside the compiled modules
        target = BUILD / data.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(data, target)
    STAMP.write_text(stamp)
    shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    if "--check" in sys.argv[1:]:
        print("compiled parser: " + ("in use" if fresh() else "not built from these sources (plain Python)"))
        return 0
    if fresh():
        print(f"compiled parser: up to date in {BUILD.relative_to(ROOT)}")
        return 0
    print("compiled parser: compiling bot/parse with mypyc (about a minute, again only after it changes)")
    try:
        build()
    except (Exception, SystemExit) as exc:  # setuptools exits with SystemExit when the compiler fails
        print(f"compiled parser: not built ({exc!r}); the plain Python parser is used", file=sys.stderr)
        return 0
    print(f"compiled parser: built in {BUILD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
