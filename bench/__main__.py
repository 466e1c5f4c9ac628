"""``python -m bench`` runs every section; ``python -m bench engine lr`` runs only those."""

from __future__ import annotations

import importlib
import sys
import time
import traceback

import optimizers  # noqa: F401  (first: it sets XLA:CPU flags, which count only before JAX starts)
from bench import machine, sections


def main(argv: list[str]) -> int:
    """Run the named sections (all if none); returns the number of sections that failed."""
    available = sections()
    wanted = argv or available
    unknown = [w for w in wanted if w not in available]
    if unknown:
        print(f"Unknown section(s) {', '.join(unknown)}; choose from: {', '.join(available)}")
        return 2
    print(machine(), flush=True)
    failed = []
    for name in wanted:
        print(f"\n== {name} ==", flush=True)
        t0 = time.perf_counter()
        try:
            importlib.import_module(f"bench.b_{name}").run()
        except Exception:  # one broken section must not hide the others' figures
            traceback.print_exc(file=sys.stdout)
            failed.append(name)
        print(f"-- {name}: {time.perf_counter() - t0:.1f} s", flush=True)
    if failed:
        print(f"\nFAILED sections: {', '.join(failed)}")
    return len(failed)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
