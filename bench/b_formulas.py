"""Benchmark of user formulas (issue #18): compile time at the compile-cost limit, the cost of a new
number (none: numbers are traced), and memory over many distinct formula structures.

1. Worst cases at ``MAX_COST``: formulas built to cost as much as the limit allows, from the
   operations that compile slowest (many +, x^63, x^1.5, sinh, min, trigonometric functions, deep
   nesting), each compiled as the Race page does it: its default race (4 optimizers x 1,000 steps,
   full records) plus the 200 x 200 and 60 x 60 grids, in one warm process.
2. The same formula with other numbers: no compile, the race runs warm.
3. Memory: ``FORMULAS`` distinct structures (a 2-optimizer race of 200 steps and a 100 x 100 grid
   each) in a fresh process; its resident set size as it goes. Once ``MAX_FAMILIES`` families
   hold programs, older families' programs are freed, so the process should stop growing.

Run: ``.venv/bin/python -m bench formulas`` (set ``BENCH_FORMULAS=N`` for another count). Prints;
asserts nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMULAS = int(os.environ.get("BENCH_FORMULAS", "1000"))
TARGET_S = 2.0  # issue #18.5: any accepted formula's Race page compile ~2 s
TARGET_RSS_MB = 1024  # issue #18.3: < 1 GB after 1,000 structures, no growth once the cache is full


def worst_cases() -> dict[str, str]:
    """Formulas that cost as much as MAX_COST allows, one per kind of slow operation."""
    from landscapes.expression import MAX_COST, MAX_LENGTH, compile_cost

    def fits(text: str) -> bool:
        return len(text) <= MAX_LENGTH and compile_cost(text) <= MAX_COST

    def grow(term) -> str:  # term(1) + term(2) + ... while it fits
        parts: list[str] = []
        while fits(" + ".join([*parts, term(len(parts) + 1)])):
            parts.append(term(len(parts) + 1))
        return " + ".join(parts)

    def nest(wrap) -> str:  # wrap(wrap(...wrap("x"))) while it fits
        text, i = "x", 1
        while fits(wrap(text, i)):
            text, i = wrap(text, i), i + 1
        return text

    return {
        "products x*1 + x*2 + ...": grow(lambda i: f"x*y*{i}"),
        "quotients": grow(lambda i: f"x/{i}"),
        "powers (x*0.i)^63": grow(lambda i: f"(x*0.{i})^63"),
        "powers (x+i)^1.5": grow(lambda i: f"(x+{i})^1.5"),
        "sinh": grow(lambda i: f"sinh(x*{i})"),
        "min": grow(lambda i: f"min(x*{i}, y)"),
        "trigonometric": grow(lambda i: ["sin", "cos", "tan", "arctan"][i % 4] + f"(x*{i})"),
        "tanh, abs": grow(lambda i: ["abs", "tanh"][i % 2] + f"(x*{i})"),
        "nested functions": nest(lambda s, i: ["sin", "exp", "cos", "tanh", "arctan"][i % 5] + f"({s})"),
        "nested sinh": nest(lambda s, i: f"sinh({s}*0.5)"),
        "nested min": nest(lambda s, i: f"min({s}, y+{i})"),
    }


def compile_race(text: str) -> tuple[float, float]:
    """(wall, CPU) seconds to compile and run the Race page's default race and grids for ``text``."""
    import landscapes
    from ui import race_model as rm

    s = landscapes.from_expression(text)
    cfg = rm.default_config()._replace(surf=rm.CUSTOM, expr=text, params=(), start=s.start)
    t0, c0 = time.perf_counter(), time.process_time()
    rm.simulate_config(cfg)
    landscapes.grid(s, rm.GRID)
    landscapes.grid(s, rm.GRID_3D)
    return time.perf_counter() - t0, time.process_time() - c0


def compile_times() -> None:
    from bench import verdict
    from landscapes.expression import MAX_COST, compile_cost

    compile_race("x**2 + 5*y**2")  # the process's first compile also pays for JAX's own start
    print(
        f"  (1) compile of the Race page's default race + grids at the compile-cost limit ({MAX_COST}),"
        " warm process; wall (CPU)",
        flush=True,
    )
    wall, cpu = compile_race("x*2 + y")
    print(f"      {'trivial x*2 + y':28s} cost {compile_cost('x*2 + y'):3d}: {wall:.2f} s ({cpu:.2f} s)")
    worst = 0.0
    for name, text in worst_cases().items():
        wall, cpu = compile_race(text)
        worst = max(worst, cpu)
        print(
            f"      {name:28s} cost {compile_cost(text):3d}: {wall:.2f} s ({cpu:.2f} s)  {len(text)} chars",
            flush=True,
        )
    ok = verdict(worst, TARGET_S * 1.1, higher_is_better=False)
    print(f"      slowest {worst:.2f} CPU-s (target ~{TARGET_S:.0f} s) {ok}")


def new_number() -> None:
    import landscapes
    from bench import median_time
    from ui import race_model as rm

    cfg = rm.default_config()._replace(surf=rm.CUSTOM, params=())
    compile_race("x**2 + 5*y**2")
    k = iter(range(10**6))
    texts = lambda: f"x**2 + {next(k) + 6}*y**2"  # noqa: E731
    wall, cpu = median_time(lambda: rm.simulate_config(cfg._replace(expr=texts())), repeats=5)
    alive = len(landscapes.expression._FAMILIES)
    print(
        f"  (2) same formula, a new number each time (x**2 + k*y**2): {wall * 1e3:.1f} ms "
        f"({cpu * 1e3:.1f} ms) per race: no compile (one family, {alive} alive)"
    )


_CHILD = textwrap.dedent(
    """
    import json, sys, time
    import optimizers, landscapes
    from landscapes import compiled

    def rss_mb():
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024

    FUNS = ("sin", "cos", "tanh", "arctan", "exp", "sqrt", "abs", "sinh", "cosh", "log")
    def text(i):  # 10 x 10 x 10 x 2 = 2,000 distinct structures (integer exponents are structure)
        f, n, m, op = FUNS[i % 10], 2 + (i // 10) % 10, 2 + (i // 100) % 10, "+-"[(i // 1000) % 2]
        return f"{f}(x*0.5) + 0.3*y^{n} {op} 0.1*x^{m}"

    n = int(sys.argv[1])
    print(json.dumps({"done": 0, "rss": rss_mb()}), flush=True)
    t0 = time.perf_counter()
    for i in range(n):
        s = landscapes.from_expression(text(i))
        optimizers.simulate(s, [("adam", {"lr": 0.05}), ("sgd", {"lr": 0.01})], steps=200, record="path")
        landscapes.grid(s, 100)
        if (i + 1) % max(1, n // 20) == 0 or i + 1 == n:
            print(json.dumps({"done": i + 1, "rss": rss_mb(), "families": len(compiled.REGISTRY.held()),
                              "programs": sum(f.compiled_count for f in compiled.REGISTRY.held()),
                              "s": time.perf_counter() - t0}), flush=True)
    """
)


def memory(n: int = FORMULAS) -> None:
    from bench import verdict
    from landscapes.compiled import MAX_FAMILIES

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env["GRADIENT_ATLAS_NO_DISK_CACHE"] = "1"
    print(
        f"  (3) {n:,} distinct formula structures in a fresh process (a 2-optimizer race of 200 steps and a"
        f" 100 x 100 grid each; programs kept for {MAX_FAMILIES} families): resident memory",
        flush=True,
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(n)], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    rows = []
    for line in proc.stdout:
        row = json.loads(line)
        rows.append(row)
        extra = ""
        if row["done"]:
            extra = f", {row['families']} families / {row['programs']} programs, {row['s']:.0f} s"
        print(f"      after {row['done']:5,d}: {row['rss']:7.0f} MB{extra}", flush=True)
    proc.wait()
    full = [r["rss"] for r in rows if r["done"] >= 2 * MAX_FAMILIES]
    if full:
        growth = full[-1] - full[0]
        print(
            f"      peak {max(r['rss'] for r in rows):.0f} MB (target < {TARGET_RSS_MB} MB) "
            f"{verdict(max(r['rss'] for r in rows), TARGET_RSS_MB, False)}; growth once the cache is full: "
            f"{growth:+.0f} MB over {rows[-1]['done'] - 2 * MAX_FAMILIES:,} structures"
        )


def run() -> None:
    """Print the formula figures."""
    compile_times()
    new_number()
    memory()


if __name__ == "__main__":
    run()
