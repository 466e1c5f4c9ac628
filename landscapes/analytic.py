"""Analytic 2-D test surfaces.

Each entry gives the formula, a default view, its known global minimisers with the reference they
come from, and a start point that makes a good demonstration. Minimiser digits that popular tables
round are recomputed here (see the tests: the gradient vanishes there and a dense grid finds
nothing lower).
"""

from __future__ import annotations

import jax.numpy as jnp

from .base import Landscape


def _quadratic(xy, p):
    kappa, theta = p[0], p[1]
    c, s = jnp.cos(theta), jnp.sin(theta)
    u = c * xy[0] + s * xy[1]
    v = -s * xy[0] + c * xy[1]
    return 0.5 * (u * u + kappa * v * v)


def _rosenbrock(xy, p):
    x, y = xy[0], xy[1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def _saddle(xy, p):
    return xy[0] ** 2 - xy[1] ** 2


def _beale(xy, p):
    x, y = xy[0], xy[1]
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


SURFACES: dict[str, Landscape] = {}


def _add(s: Landscape) -> None:
    SURFACES[s.name] = s


_add(
    Landscape(
        name="quadratic",
        title="Quadratic bowl",
        fn_p=_quadratic,
        params=(10.0, 0.0),
        param_spec=(("condition", 1.0, 1000.0), ("rotation", -3.1416, 3.1416)),
        bounds=((-3.0, 3.0), (-3.0, 3.0)),
        start=(-2.5, 1.5),
        minima=((0.0, 0.0),),
        min_value=0.0,
        latex=r"f = \tfrac12\left(u^2 + \kappa v^2\right),\ (u, v) = R_\theta (x, y)",
        description={
            "en": "A convex bowl with eigenvalues 1 and kappa, rotated by theta: the model of every "
            "smooth minimum.",
            "ko": "고윳값이 1과 kappa이고 theta만큼 회전한 볼록한 그릇: 모든 매끄러운 최솟값의 모형입니다.",
        },
        source="exact",
    )
)
_add(
    Landscape(
        name="rosenbrock",
        title="Rosenbrock",
        fn_p=_rosenbrock,
        bounds=((-2.0, 2.0), (-1.0, 3.0)),
        start=(-1.5, 2.0),
        minima=((1.0, 1.0),),
        min_value=0.0,
        latex=r"f = (1-x)^2 + 100\,(y - x^2)^2",
        description={
            "en": "A curved, narrow banana valley: easy to find, slow to follow to the minimum at (1, 1).",
            "ko": "휘어진 좁은 바나나 모양 골짜기: 찾기는 쉽지만 (1, 1)의 최솟값까지 따라가기는 느립니다.",
        },
        source="Rosenbrock (1960)",
        log_color=True,
    )
)
_add(
    Landscape(
        name="saddle",
        title="Saddle",
        fn_p=_saddle,
        bounds=((-2.0, 2.0), (-2.0, 2.0)),
        start=(-1.8, 1e-3),
        minima=(),
        min_value=None,
        latex=r"f = x^2 - y^2",
        description={
            "en": "A saddle point at the origin: downhill in y, uphill in x. Unbounded below.",
            "ko": "원점의 안장점: y 방향으로는 내리막, x 방향으로는 오르막. 아래로 유계가 아닙니다.",
        },
        source="exact",
    )
)
_add(
    Landscape(
        name="beale",
        title="Beale",
        fn_p=_beale,
        bounds=((-4.5, 4.5), (-4.5, 4.5)),
        start=(1.0, 1.5),
        minima=((3.0, 0.5),),
        min_value=0.0,
        latex=r"f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
        description={
            "en": "Flat plateaus and sharp ridges; the minimum (3, 0.5) sits in a narrow valley.",
            "ko": "평평한 고원과 날카로운 능선; 최솟값 (3, 0.5)는 좁은 골짜기 안에 있습니다.",
        },
        source="Beale (1958)",
        log_color=True,
    )
)
