"""The Learning-rate lab's model: its controls (share-link schema), cached study calls, and the hand-off
of tuned rates to the Race page. Kept out of ``pages/lr_lab.py`` so the page stays thin and the tests
can rebuild the same calls.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import streamlit as st

import landscapes
import optimizers
import studies
from studies import search as _search
from studies._runs import MAX_SWEEP

from . import state, surface_controls, widgets
from .url import Param

PAGE = "lr_lab"  # url path and page id (the script name, so AppTest.switch_page finds it)
VIEWS = ("panels", "sweep", "phase", "schedules", "search")
# Two hyperparameters each: (optimizer, x axis (bounds), y axis (bounds)).
SEARCH_PAIRS: dict[str, tuple[str, tuple[str, tuple[float, float]], tuple[str, tuple[float, float]]]] = {
    "momentum_lr_mu": ("momentum", ("lr", (1e-4, 1e-1)), ("momentum", (0.0, 0.99))),
    "adam_lr_eps": ("adam", ("lr", (1e-4, 1.0)), ("eps", (1e-12, 1e-8))),
    "adam_lr_b1": ("adam", ("lr", (1e-4, 1.0)), ("b1", (0.0, 0.99))),
    "rmsprop_lr_alpha": ("rmsprop", ("lr", (1e-4, 1.0)), ("alpha", (0.5, 0.999))),
}
DEFAULTS: dict[str, Any] = {"surf": "quadratic", "quadratic.condition": 25.0}


def base_schema() -> list[Param]:
    """Controls that exist whatever the surface and view."""
    names = tuple(optimizers.names())
    return [
        Param("view", "choice", "panels", choices=VIEWS),
        Param("surf", "choice", DEFAULTS["surf"], choices=tuple(landscapes.names())),
        Param("steps", "int", 300, 20, 5000),
        Param("opt", "choice", "sgd", choices=names),
        widgets.float_param("mu", 0.9, 0.0, 0.99),
        Param("sw_opts", "multi", ("sgd", "momentum", "nag", "adam"), choices=names),
        widgets.float_param("sw_lo", 1e-5, 1e-6, 1.0, log=True),
        widgets.float_param("sw_hi", 1.0, 1e-5, 10.0, log=True),
        Param("sw_n", "int", 1024, 16, MAX_SWEEP),
        widgets.float_param("tol", 1e-3, 1e-8, 1.0, log=True),
        Param("ph_opt", "choice", "momentum", choices=tuple(studies.phase_optimizers())),
        Param("ph_n", "int", 128, 16, 256),
        widgets.float_param("ph_lo", 1e-4, 1e-6, 1.0, log=True),
        widgets.float_param("ph_hi", 1.0, 1e-5, 10.0, log=True),
        Param("ph_metric", "choice", "rate", choices=("rate", "loss")),
        widgets.float_param("sc_lr", 1e-2, 1e-6, 10.0, log=True),
        Param("sc_kinds", "multi", tuple(optimizers.SCHEDULES), choices=tuple(optimizers.SCHEDULES)),
        # mini-batch noise in the schedules view (where decay earns its keep); 128 = exact gradient
        Param("sc_batch", "int", optimizers.N_SAMPLES, 1, optimizers.N_SAMPLES),
        Param("sc_noise", "float", 0.0, 0.0, 10.0),
        Param("sc_seed", "int", 0, 0, 9999),
        Param("se_pair", "choice", "momentum_lr_mu", choices=tuple(SEARCH_PAIRS)),
        Param("se_budget", "int", 16, 4, 256),
        Param("se_seed", "int", 0, 0, 9999),
    ]


def surface_schema(surf: str) -> list[Param]:
    """The surface's parameters and start point."""
    s = landscapes.get(surf)
    return surface_controls.parameter_schema(surf, s, DEFAULTS) + surface_controls.start_schema(surf, s)


def all_params() -> list[Param]:
    """Every control the page can show (for checking presets)."""
    out = base_schema()
    for surf in landscapes.names():
        out += surface_schema(surf)
    return out


class Where(NamedTuple):
    """The surface part of every study's cache key."""

    surf: str
    params: tuple[tuple[str, float], ...]
    start: tuple[float, float]

    def landscape(self) -> landscapes.Landscape:
        s = landscapes.get(self.surf)
        return s.with_params(**dict(self.params)) if self.params else s


def default_where() -> Where:
    """The surface of the page's landing view."""
    sch = {p.name: p for p in base_schema()}
    surf = sch["surf"].default
    sp = {p.name: p.default for p in surface_schema(surf)}
    s = landscapes.get(surf)
    params = tuple((n, float(sp[f"{surf}.{n}"])) for n, _, _ in s.param_spec)
    return Where(surf, params, (float(sp[f"{surf}.x0"]), float(sp[f"{surf}.y0"])))


def warm_defaults() -> None:
    """Compile what the landing view runs (the three panels and the background grid)."""
    sch = {p.name: p for p in base_schema()}
    w = default_where()
    studies.three_panels(w.landscape(), sch["opt"].default, {}, start=w.start, steps=sch["steps"].default)
    landscapes.grid(w.landscape(), PANEL_GRID)


def has_momentum(name: str) -> bool:
    """Whether the page's momentum control applies to optimizer ``name`` (it declares a momentum)."""
    return optimizers.get(name).momentum_param is not None


def momentum_rules() -> str:
    """The titles of the rules the momentum control applies to, for its label."""
    return ", ".join(optimizers.get(n).title for n in optimizers.names() if has_momentum(n))


def other_hp(name: str, mu: float) -> dict[str, float]:
    """The non-lr hyperparameters the page sets: the momentum mu of rules that have one."""
    param = optimizers.get(name).momentum_param
    return {param: float(mu)} if param is not None else {}


# Cached study calls: hashable arguments only, NumPy results.


PANEL_GRID = 80  # points per axis of the panels' background contours (three panels: the browser
# computes their contour lines, ~0.5 s at 120 x 120 on the project's machine)


@st.cache_data(show_spinner=False, max_entries=16)
def grid(w: Where) -> landscapes.Grid:
    return landscapes.grid(w.landscape(), PANEL_GRID)


@st.cache_data(show_spinner=False, max_entries=16)
def panels(w: Where, opt: str, mu: float, steps: int) -> studies.Panels:
    return studies.three_panels(w.landscape(), opt, other_hp(opt, mu), start=w.start, steps=steps)


@st.cache_data(show_spinner=False, max_entries=16)
def sweep(
    w: Where, opts: tuple[str, ...], mu: float, lo: float, hi: float, n: int, steps: int, tol: float
) -> studies.Sweep:
    return studies.lr_sweep(
        w.landscape(),
        [(o, other_hp(o, mu)) for o in opts],
        lr_range=(lo, hi),
        n=n,
        start=w.start,
        steps=steps,
        tol=tol,
    )


@st.cache_data(show_spinner=False, max_entries=8)
def phase(w: Where, opt: str, n: int, lo: float, hi: float, steps: int) -> studies.PhaseMap:
    return studies.phase_map(  # the second axis spans the rule's own phase axis
        w.landscape(),
        opt,
        lr_range=(lo, hi),
        n_lr=n,
        n_second=n,
        start=w.start,
        steps=steps,
    )


class Noise(NamedTuple):
    """The schedules view's mini-batch noise (the same mini-batches for every schedule)."""

    batch: int = optimizers.N_SAMPLES  # B of the 128 samples; 128 = exact gradient
    noise: float = 0.0  # std of the per-sample gradient offsets
    seed: int = 0


EXACT = Noise()  # no noise: every step uses the exact gradient


@st.cache_data(show_spinner=False, max_entries=16)
def schedules(
    w: Where,
    opt: str,
    mu: float,
    lr: float,
    kinds: tuple[str, ...],
    steps: int,
    tol: float,
    noise: Noise = EXACT,
) -> studies.ScheduleComparison:
    return studies.compare_schedules(
        w.landscape(),
        opt,
        {"lr": lr, **other_hp(opt, mu)},
        kinds=kinds,
        start=w.start,
        steps=steps,
        tol=tol,
        batch_size=noise.batch,
        noise=noise.noise,
        seed=noise.seed,
    )


@st.cache_data(show_spinner=False, max_entries=16)
def search(w: Where, pair: str, budget: int, seed: int, steps: int) -> _search.SearchResult:
    opt, (xn, xb), (yn, yb) = SEARCH_PAIRS[pair]
    return studies.hp_search(
        w.landscape(),
        opt,
        {xn: xb, yn: yb},
        budget=budget,
        seed=seed,
        start=w.start,
        steps=steps,
        background=40,
    )


SAME_LOSS = 2.0  # two best losses within this factor count as a tie
MATTERS = 1.0  # an axis whose best loss spans less than this many decades hardly matters


def search_verdict(r: _search.SearchResult) -> str:
    """Which method found the lower loss here, as an i18n key of ``lr.search.verdict.*``: "random",
    "grid" or "tie"; with "_one" appended when exactly one axis matters (the case random search is
    for) and "_both" otherwise."""
    g, rnd = r.best("grid")[1], r.best("random")[1]
    if not (np.isfinite(g) and np.isfinite(rnd)):
        winner = "random" if np.isfinite(rnd) else "grid" if np.isfinite(g) else "tie"
    elif max(g, rnd) <= SAME_LOSS * max(min(g, rnd), 1e-300):
        winner = "tie"
    else:
        winner = "random" if rnd < g else "grid"
    one = int(np.sum(np.asarray(r.importance) >= MATTERS)) == 1
    return f"{winner}_{'one' if one else 'both'}"


def send_to_race(w: Where, sw: studies.Sweep, steps: int) -> dict[str, Any]:
    """Set the Race page's controls to race the swept optimizers at their best rates (a button callback).

    Args:
        w: the surface, its parameters and the start.
        sw: the sweep whose best rates are sent.
        steps: the number of steps the sweep ran.

    Returns:
        The values set, by the Race page's control names (its share-link schema).
    """
    tuned = sw.tuned()
    values: dict[str, Any] = {
        "surf": w.surf,
        "steps": int(steps),
        "n": len(tuned),
        "budget": False,
        "sched": "constant",
        f"{w.surf}.x0": w.start[0],
        f"{w.surf}.y0": w.start[1],
    }
    values.update({f"{w.surf}.{k}": v for k, v in w.params})
    slot = 0
    for name, hp in zip(sw.names, sw.hps, strict=True):
        if name not in tuned:
            continue
        values[f"o{slot}"] = name
        values[f"o{slot}.{name}.lr"] = tuned[name]
        for k, v in hp.items():
            values[f"o{slot}.{name}.{k}"] = v
        slot += 1
    race = state.PageState("race")
    for k, v in values.items():
        race.set(k, v)
    state.PageState(PAGE).set_flag("sent", tuple(sorted(tuned.items())))
    return values


class PhaseFit(NamedTuple):
    """What a phase map that is too big for the runner could be instead (page control values)."""

    steps: int  # the most steps below the ones asked for that fit at the asked grid size
    side: int  # the largest grid side below the one asked for that fits at the asked steps


def _phase_fits(side: int, steps: int) -> bool:
    try:
        studies.check_phase_size(side, side, steps)
    except optimizers.LimitError:
        return False
    return True


def phase_fit(side: int, steps: int) -> PhaseFit | None:
    """None if a ``side`` x ``side`` phase map of ``steps`` steps is within the runner's limits; else
    the nearest settings of the page's two size controls that are (for a message in their terms).

    The steps are searched downwards one by one: what fits is not monotone in the steps, because the
    map keeps every 10th, 5th, 2nd or every iterate, whichever divides the steps (``path_stride``).
    The page's smallest grid fits at any steps and its fewest steps at any grid (a test checks it).
    """
    if _phase_fits(side, steps):
        return None
    lows = {p.name: int(p.low) for p in base_schema() if p.name in ("steps", "ph_n")}
    return PhaseFit(
        steps=next(s for s in range(steps - 1, lows["steps"] - 1, -1) if _phase_fits(side, s)),
        side=next(n for n in range(side - 1, lows["ph_n"] - 1, -1) if _phase_fits(n, steps)),
    )


def best_cell(pm: studies.PhaseMap) -> tuple[int, int] | None:
    """(row, column) of the fastest measured contraction, None if no cell converged."""
    r = np.where(pm.converging, pm.shown, np.inf)
    if not np.isfinite(r).any():
        return None
    i, j = np.unravel_index(int(np.argmin(r)), r.shape)
    return int(i), int(j)
