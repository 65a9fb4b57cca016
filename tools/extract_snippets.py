#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Writes every ```cpp block of docs/*.md and of the README beside docs/ to OUT_DIR/<page>_<n>.cpp,
one translation unit each.

A block that defines `int main(` is a program the build runs as a test; the others are compiled
only. Prints the generated file names, one a line. Blocks in other languages (```text, ```sh, …)
are prose and are left alone.

    tools/extract_snippets.py DOCS_DIR OUT_DIR
"""
import pathlib
import re
import sys

FENCE = re.compile(r"^```cpp\s*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def main(docs_dir, out_dir):
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = set()
    docs = pathlib.Path(docs_dir)
    for page in sorted(docs.glob("*.md")) + [docs.parent / "README.md"]:
        for n, match in enumerate(FENCE.finditer(page.read_text()), start=1):
            line = page.read_text().count("\n", 0, match.start()) + 2
            path = out_dir / f"{page.stem.replace('-', '_')}_{n}.cpp"
            text = f'#line {line} "{page.resolve()}"\n{match.group(1)}'
            if not path.exists() or path.read_text() != text:  # keep timestamps of unchanged files
                path.write_text(text)
            wanted.add(path)
            print(path.name)
    for stale in set(out_dir.glob("*.cpp")) - wanted:
        stale.unlink()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
