#!/usr/bin/env python3
"""A module's internal/ headers stay inside it: a header of src/M/ that another module includes must not
include (directly or through other headers of M) anything under src/M/internal/, and no other module
includes src/M/internal/ itself. Prints each leak as
"src/M/public.hpp -> src/M/internal/x.hpp (included by src/N/...)" and exits 1 if there is one."""
import functools, os, re, sys

INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


@functools.lru_cache(maxsize=None)  # each header is read once, however many walks reach it
def includes(root, path):
    text = open(os.path.join(root, "src", path), encoding="utf-8", errors="replace").read()
    return tuple(i for i in INC.findall(text) if os.path.isfile(os.path.join(root, "src", i)))


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    src = os.path.join(root, "src")
    files = []
    for dirpath, _, names in os.walk(src):
        files += [os.path.relpath(os.path.join(dirpath, n), src) for n in names if n.endswith((".hpp", ".cpp"))]
    used_from_outside = {}  # header -> first file of another module that includes it
    leaks = []
    for f in files:
        for inc in includes(root, f):
            if inc.split("/")[0] == f.split("/")[0]:
                continue
            if "/internal/" in inc:
                leaks.append(f"src/{f} includes src/{inc} of another module")
            else:
                used_from_outside.setdefault(inc, f)
    for header, user in sorted(used_from_outside.items()):
        module = header.split("/")[0]
        seen, todo = set(), [header]
        while todo:
            h = todo.pop()
            for inc in includes(root, h):
                if inc.split("/")[0] != module or inc in seen:
                    continue
                seen.add(inc)
                if "/internal/" in inc:
                    leaks.append(f"src/{header} -> src/{inc} (src/{header} is included by src/{user})")
                else:
                    todo.append(inc)
    for leak in leaks:
        print("internal header leaks: " + leak)
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
