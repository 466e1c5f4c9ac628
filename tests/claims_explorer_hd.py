"""The Landscape explorer's high-dimension presets' claims (merged into CLAIMS by
tests/test_preset_claims.py). Each check reads what the page shows for the preset: the stored result of
its job (presets/precomputed/)."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

import presets
from studies import store
from ui import explorer_hd_model as hdm


@functools.cache
def shown(preset_id: str):
    """What the page shows for a high-dimension preset: its job's stored result."""
    spec = hdm.job(hdm.values_with(dict(presets.get(preset_id).values)))
    out = store.lookup(spec.func, spec.args)
    assert out is not None, f"{preset_id} is shown from its stored result"
    return out


def pct(x: float, digits: int = 0) -> float:
    return round(100 * float(x), digits)


def _saddles() -> list[tuple[str, Callable[[], bool]]]:
    r = lambda: shown("explorer_hd_saddles")  # noqa: E731
    m = lambda: r().mlp  # noqa: E731
    return [
        (
            "53% are minima in 1 dimension",
            lambda: r().random.dims[0] == 1 and pct(r().random.minima_share[0]) == 53,
        ),
        (
            "as the theory's one half says",
            lambda: r().one_dim == 0.5 and abs(r().random.minima_share[0] - 0.5) <= 2 * r().random.stderr[0],
        ),
        (
            "only 0.5% in 6 dimensions (2 of 374)",
            lambda: (
                r().random.dims[-1] == 6
                and pct(r().random.minima_share[-1], 1) == 0.5
                and r().random.counts[-1] == 374
                and int(np.sum(r().random.index[-1] == 0)) == 2
            ),
        ),
        (
            "positive definite more rarely still",
            lambda: np.all(r().goe_exact[1:] < r().random.minima_share[1:]),
        ),
        (
            "14.6% at n = 2, 0.0005% at n = 6",
            lambda: pct(r().goe_exact[1], 1) == 14.6 and pct(r().goe_exact[5], 4) == 0.0005,
        ),
        (
            "the lowest (loss 0.056) is a minimum",
            lambda: round(float(m().loss.min()), 3) == 0.056 and m().index[np.argmin(m().loss)] == 0,
        ),
        (
            "the highest (loss 0.50) has the most ways down",
            lambda: (
                round(float(m().loss.max()), 2) == 0.50 and m().index[np.argmax(m().loss)] == m().index.max()
            ),
        ),
    ]


def _quartic() -> list[tuple[str, Callable[[], bool]]]:
    r = lambda: shown("explorer_hd_quartic")  # noqa: E731
    return [
        ("most of its critical points are minima", lambda: r().random.minima_share[0] > 0.5),
        (
            "84% in theory, 81% measured",
            lambda: (
                pct(r().one_dim) == 84
                and pct(r().random.minima_share[0]) == 81
                and abs(r().random.minima_share[0] - r().one_dim) <= 2 * r().random.stderr[0]
            ),
        ),
        (
            "the share still falls, to 3% at n = 8",
            lambda: (
                r().random.dims[-1] == 8
                and pct(r().random.minima_share[-1]) == 3
                and r().random.minima_share[-1] < r().random.minima_share[0] / 10
            ),
        ),
    ]


def claims() -> dict[str, list[tuple[str, Callable[[], bool]]]]:
    return {"explorer_hd_saddles": _saddles(), "explorer_hd_quartic": _quartic()}
