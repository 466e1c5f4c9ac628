"""``python -m bench`` runs every section; ``python -m bench engine lr`` runs only those.

Each section runs in a fresh Python process, so no section measures another's leftovers (threads
of the app section's Streamlit runtime, compiled programs, memory) and each starts JAX with the
project's XLA flags.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import optimizers
from bench import machine, sections

optimizers.tune_cpu_loops()  # the app's XLA:CPU flags (they count only before JAX first computes)

ROOT = Path(__file__).resolve().parents[1]
# each section's process sets the same flags first, as the app does
SECTION = (
    "import optimizers, importlib, sys; optimizers.tune_cpu_loops(); "
    "importlib.import_module(f'bench.b_{sys.argv[1]}').run()"
)


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
        # one broken section must not hide the others' figures: its traceback prints, the rest run
        done = subprocess.run([sys.executable, "-c", SECTION, name], cwd=ROOT, check=False)
        if done.returncode:
            failed.append(name)
        print(f"-- {name}: {time.perf_counter() - t0:.1f} s", flush=True)
    if failed:
        print(f"\nFAILED sections: {', '.join(failed)}")
    return len(failed)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
