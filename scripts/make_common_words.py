"""Regenerate knowledge/matching/common_words.txt: the most common English words.

The matcher treats a word that no entry uses and that is not common English (a form number, a
product name, a trade term) as a salient unknown: a message built around one is probably about
something the knowledge base does not cover. Which words are common comes from ``wordfreq``
(a dev dependency only: the matcher reads the committed file).

    .venv/bin/python scripts/make_common_words.py [--count N] [--out PATH]
"""

import argparse
import re
from importlib.metadata import version
from pathlib import Path

from wordfreq import top_n_list

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "knowledge" / "matching" / "common_words.txt"
DEFAULT_COUNT = 50_000
_PLAIN_WORD = re.compile(r"[a-z]+")  # what the analyzer's words are once apostrophes are dropped

HEADER = """\
# The {count:,} most common English words (ASCII letters only, apostrophes dropped), most common first.
# Source: wordfreq {version} (https://github.com/rspeer/wordfreq), top_n_list("en", ...).
# wordfreq's data is licensed CC-BY-SA 4.0; this list derives from it under the same license.
# Regenerate with scripts/make_common_words.py; do not edit by hand.
"""


def common_words(count: int) -> list[str]:
    words: list[str] = []
    seen: set[str] = set()
    for word in top_n_list("en", count * 2):
        plain = word.replace("'", "").replace("\u2019", "")
        if _PLAIN_WORD.fullmatch(plain) and plain not in seen:
            seen.add(plain)
            words.append(plain)
            if len(words) == count:
                break
    return words


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="how many words to keep")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    words = common_words(args.count)
    args.out.write_text(HEADER.format(count=len(words), version=version("wordfreq")) + "\n".join(words) + "\n",
                        encoding="utf-8")
    print(f"{len(words):,} words -> {args.out}")


if __name__ == "__main__":
    main()
