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

# What a surface is good for showing, in display order (user formulas get "custom").
CATEGORIES = (
    "classic",
    "convex",
    "saddle",
    "valley",
    "multimodal",
    "local-minima",
    "sharp-flat",
    "plateau",
    "cliff",
    "custom",
)


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
            "ko": "고윳값이 1과 κ이고 θ만큼 회전한 볼록한 그릇: 모든 매끄러운 최솟값의 모형입니다.",
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


# ---- surface families added for the catalogue (formulas exactly as in each entry's LaTeX) ----------


def _monkey_saddle(xy, p):
    x, y = xy[0], xy[1]
    return x**3 - 3 * x * y**2


def _bounded_saddle(xy, p):
    x, y = xy[0], xy[1]
    return 0.5 * x**2 + 0.25 * y**4 - 0.5 * y**2


def _booth(xy, p):
    x, y = xy[0], xy[1]
    return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2


def _matyas(xy, p):
    x, y = xy[0], xy[1]
    return 0.26 * (x**2 + y**2) - 0.48 * x * y


def _himmelblau(xy, p):
    x, y = xy[0], xy[1]
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def _three_hump_camel(xy, p):
    x, y = xy[0], xy[1]
    return 2 * x**2 - 1.05 * x**4 + x**6 / 6 + x * y + y**2


def _six_hump_camel(xy, p):
    x, y = xy[0], xy[1]
    return (4 - 2.1 * x**2 + x**4 / 3) * x**2 + x * y + (-4 + 4 * y**2) * y**2


def _goldstein_price(xy, p):
    x, y = xy[0], xy[1]
    a = 1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x**2 - 14 * y + 6 * x * y + 3 * y**2)
    b = 30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x**2 + 48 * y - 36 * x * y + 27 * y**2)
    return a * b


def _mccormick(xy, p):
    x, y = xy[0], xy[1]
    return jnp.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1


def _rastrigin(xy, p):
    x, y = xy[0], xy[1]
    return 20 + x**2 - 10 * jnp.cos(2 * jnp.pi * x) + y**2 - 10 * jnp.cos(2 * jnp.pi * y)


def _ackley(xy, p):
    x, y = xy[0], xy[1]
    r2 = 0.5 * (x**2 + y**2)
    # sqrt has an infinite derivative at 0, which autodiff turns into NaN at the minimum; taking the
    # root of a safe value gives the subgradient 0 there instead (the "double where" idiom).
    pos = r2 > 0
    r = jnp.where(pos, jnp.sqrt(jnp.where(pos, r2, 1.0)), 0.0)
    return (
        -20 * jnp.exp(-0.2 * r)
        - jnp.exp(0.5 * (jnp.cos(2 * jnp.pi * x) + jnp.cos(2 * jnp.pi * y)))
        + jnp.e
        + 20
    )


def _levi13(xy, p):
    x, y = xy[0], xy[1]
    return (
        jnp.sin(3 * jnp.pi * x) ** 2
        + (x - 1) ** 2 * (1 + jnp.sin(3 * jnp.pi * y) ** 2)
        + (y - 1) ** 2 * (1 + jnp.sin(2 * jnp.pi * y) ** 2)
    )


def _styblinski_tang(xy, p):
    x, y = xy[0], xy[1]
    return 0.5 * (x**4 - 16 * x**2 + 5 * x + y**4 - 16 * y**2 + 5 * y)


def _sharp_flat(xy, p):
    x, y = xy[0], xy[1]
    flat = jnp.exp(-((x - 1.5) ** 2 + y**2) / (2 * 0.8**2))
    sharp = jnp.exp(-((x + 1.5) ** 2 + y**2) / (2 * 0.2**2))
    return 0.05 * (x**2 + y**2) - flat - 1.1 * sharp


def _plateau(xy, p):
    x, y = xy[0], xy[1]
    return 1 - jnp.exp(-(x**2 + y**2) / 2)


def _long_valley(xy, p):
    x, y = xy[0], xy[1]
    return 0.1 * (jnp.sqrt(1 + x**2) - 1) + 5 * y**2


def _cliff(xy, p):
    x, y = xy[0], xy[1]
    return 0.1 * (x - 1) ** 2 + 0.5 * y**2 - 5 * jnp.tanh(40 * (x + 1))


def _double_well(xy, p):
    x, y = xy[0], xy[1]
    return (x**2 - 1) ** 2 + 0.3 * x + 0.5 * y**2


_RECOMPUTED = "digits recomputed here by Newton's method in 40-digit arithmetic (mpmath)"
_SFU = "Surjanovic & Bingham, Virtual Library of Simulation Experiments (sfu.ca/~ssurjano)"

_add(
    Landscape(
        name="monkey_saddle",
        title="Monkey saddle",
        fn_p=_monkey_saddle,
        bounds=((-1.5, 1.5), (-1.5, 1.5)),
        start=(1.2, 0.1),
        minima=(),
        min_value=None,
        latex=r"f = x^3 - 3xy^2",
        description={
            "en": "A degenerate saddle at the origin (zero Hessian) with three downhill valleys, room for "
            "two legs and a tail. Unbounded below.",
            "ko": "원점에 헤시안이 0인 퇴화 안장점이 있고 내리막 골짜기가 세 갈래입니다(두 다리와 꼬리 "
            "자리). 아래로 유계가 아닙니다.",
        },
        source="exact (no minimum; the origin is the only critical point)",
        category="saddle",
    )
)
_add(
    Landscape(
        name="bounded_saddle",
        title="Saddle with two minima",
        fn_p=_bounded_saddle,
        bounds=((-2.0, 2.0), (-2.0, 2.0)),
        start=(-1.8, 1e-3),
        minima=((0.0, -1.0), (0.0, 1.0)),
        min_value=-0.25,
        latex=r"f = \tfrac12 x^2 + \tfrac14 y^4 - \tfrac12 y^2",
        description={
            "en": "A saddle at the origin between two minima at (0, +-1): gradient descent started on the "
            "ridge line y = 0 waits near the saddle; noise or a tiny offset lets it escape.",
            "ko": "두 최솟값 (0, +-1) 사이 원점에 안장점이 있습니다. 능선 y = 0 위에서 출발한 경사하강법은 "
            "안장점 근처에서 머물고, 노이즈나 작은 어긋남이 있어야 빠져나갑니다.",
        },
        source="exact: grad f = (x, y^3 - y) vanishes at y in {0, +-1}",
        category="saddle",
    )
)
_add(
    Landscape(
        name="booth",
        title="Booth",
        fn_p=_booth,
        bounds=((-10.0, 10.0), (-10.0, 10.0)),
        start=(-8.0, 8.0),
        minima=((1.0, 3.0),),
        min_value=0.0,
        latex=r"f = (x + 2y - 7)^2 + (2x + y - 5)^2",
        description={
            "en": "A tilted convex quadratic (condition number 9): the minimum (1, 3) is easy, the "
            "elongated bowl shows zig-zagging.",
            "ko": "기울어진 볼록 이차함수(조건수 9): 최솟값 (1, 3)은 찾기 쉽고, 길쭉한 그릇 모양 때문에 "
            "지그재그 움직임이 보입니다.",
        },
        source=f"{_SFU}; exact (linear normal equations)",
        log_color=True,
        category="convex",
    )
)
_add(
    Landscape(
        name="matyas",
        title="Matyas",
        fn_p=_matyas,
        bounds=((-10.0, 10.0), (-10.0, 10.0)),
        start=(-8.0, -6.0),
        minima=((0.0, 0.0),),
        min_value=0.0,
        latex=r"f = 0.26\,(x^2 + y^2) - 0.48\,xy",
        description={
            "en": "A convex quadratic with a very flat floor along the diagonal (Hessian eigenvalues 0.04 "
            "and 1): progress along x = y is slow.",
            "ko": "대각선 방향 바닥이 매우 평평한 볼록 이차함수(헤시안 고윳값 0.04와 1): "
            "x = y 방향으로의 진행이 느립니다.",
        },
        source=f"{_SFU}; exact",
        log_color=True,
        category="convex",
    )
)
_add(
    Landscape(
        name="himmelblau",
        title="Himmelblau",
        fn_p=_himmelblau,
        bounds=((-5.0, 5.0), (-5.0, 5.0)),
        start=(-0.27, -0.9),  # beside the maximum: SGD and the adaptive rules end in different minima
        minima=(
            (3.0, 2.0),
            (-2.805118086952745, 3.131312518250573),
            (-3.779310253377747, -3.2831859912861696),
            (3.5844283403304917, -1.8481265269644036),
        ),
        min_value=0.0,
        latex=r"f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        description={
            "en": "Four global minima of equal depth around a central maximum: which one you reach depends "
            "on the start and the optimizer.",
            "ko": "가운데 극댓값을 둘러싼 같은 깊이의 전역 최솟값 네 개: 어디에 도착할지는 출발점과 "
            "옵티마이저에 달려 있습니다.",
        },
        source=f"Himmelblau (1972), Applied Nonlinear Programming; {_RECOMPUTED}",
        log_color=True,
        category="multimodal",
    )
)
_add(
    Landscape(
        name="three_hump_camel",
        title="Three-hump camel",
        fn_p=_three_hump_camel,
        bounds=((-2.5, 2.5), (-2.5, 2.5)),
        start=(2.2, -1.5),
        minima=((0.0, 0.0),),
        min_value=0.0,
        latex=r"f = 2x^2 - 1.05x^4 + \tfrac{x^6}{6} + xy + y^2",
        description={
            "en": "A global minimum at the origin flanked by two shallower local minima near "
            "(+-1.75, -+0.87).",
            "ko": "원점의 전역 최솟값 양옆에 더 얕은 지역 최솟값 두 개가 (+-1.75, -+0.87) 근처에 있습니다.",
        },
        source=f"{_SFU}; exact",
        log_color=True,
        category="multimodal",
    )
)
_add(
    Landscape(
        name="six_hump_camel",
        title="Six-hump camel",
        fn_p=_six_hump_camel,
        bounds=((-2.0, 2.0), (-1.0, 1.0)),
        start=(-1.5, -0.8),
        minima=((0.08984201310031806, -0.7126564030207396), (-0.08984201310031806, 0.7126564030207396)),
        min_value=-1.0316284534898774,
        latex=r"f = \left(4 - 2.1x^2 + \tfrac{x^4}{3}\right)x^2 + xy + (4y^2 - 4)\,y^2",
        description={
            "en": "Six local minima, two of them global and symmetric about the origin.",
            "ko": "지역 최솟값이 여섯 개이고, 그중 두 개가 원점에 대해 대칭인 전역 최솟값입니다.",
        },
        source=f"Dixon & Szego (1978); {_SFU} lists (+-0.0898, -+0.7126), f* = -1.0316; {_RECOMPUTED}",
        category="multimodal",
    )
)
_add(
    Landscape(
        name="goldstein_price",
        title="Goldstein-Price",
        fn_p=_goldstein_price,
        bounds=((-2.0, 2.0), (-2.0, 2.0)),
        start=(-1.0, 0.0),
        minima=((0.0, -1.0),),
        min_value=3.0,
        latex=(
            r"f = \left[1 + (x+y+1)^2(19 - 14x + 3x^2 - 14y + 6xy + 3y^2)\right]"
            r"\left[30 + (2x-3y)^2(18 - 32x + 12x^2 + 48y - 36xy + 27y^2)\right]"
        ),
        description={
            "en": "Values span six decades, with several local minima; the global minimum 3 is at (0, -1).",
            "ko": "값의 범위가 여섯 자릿수에 걸치고 지역 최솟값이 여럿 있습니다. 전역 최솟값 3은 (0, -1)에 "
            "있습니다.",
        },
        source=f"Goldstein & Price (1971); {_SFU}; exact",
        log_color=True,
        category="multimodal",
    )
)
_add(
    Landscape(
        name="mccormick",
        title="McCormick",
        fn_p=_mccormick,
        bounds=((-1.5, 4.0), (-3.0, 4.0)),
        start=(3.5, -2.5),
        minima=((-0.5471975511965977, -1.5471975511965979),),
        min_value=-1.9132229549810364,
        latex=r"f = \sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1",
        description={
            "en": "A valley along x - y = 1 with a sine ripple: the global minimum near (-0.55, -1.55) and "
            "a local one near (2.59, 1.59).",
            "ko": "사인 물결이 있는 x - y = 1 방향의 골짜기: 전역 최솟값은 (-0.55, -1.55) 근처, 지역 "
            "최솟값은 (2.59, 1.59) 근처에 있습니다.",
        },
        source=(
            f"McCormick (1976); {_SFU} lists (-0.54719, -1.54719), f* = -1.9133; exact: "
            "x = 1/2 - pi/3, y = x - 1, f* = -sqrt(3)/2 - pi/3"
        ),
        category="classic",
    )
)
_add(
    Landscape(
        name="rastrigin",
        title="Rastrigin",
        fn_p=_rastrigin,
        bounds=((-5.12, 5.12), (-5.12, 5.12)),
        start=(4.3, -3.6),
        minima=((0.0, 0.0),),
        min_value=0.0,
        latex=r"f = 20 + x^2 - 10\cos 2\pi x + y^2 - 10\cos 2\pi y",
        description={
            "en": "A bowl covered in a regular egg-crate of local minima: local methods stop in the first "
            "dimple.",
            "ko": "지역 최솟값이 달걀판처럼 규칙적으로 덮인 그릇: 지역적 방법은 첫 번째 오목한 곳에서 "
            "멈춥니다.",
        },
        source=f"Rastrigin (1974); {_SFU}; exact",
        category="multimodal",
    )
)
_add(
    Landscape(
        name="ackley",
        title="Ackley",
        fn_p=_ackley,
        bounds=((-5.0, 5.0), (-5.0, 5.0)),
        start=(3.7, 2.4),
        minima=((0.0, 0.0),),
        min_value=0.0,
        latex=(
            r"f = -20\exp\left(-0.2\sqrt{0.5\,(x^2 + y^2)}\right)"
            r" - \exp\left(0.5\,(\cos 2\pi x + \cos 2\pi y)\right) + e + 20"
        ),
        description={
            "en": "A nearly flat, bumpy outer region around a deep funnel; the minimum is a kink (not "
            "differentiable at the origin).",
            "ko": "울퉁불퉁하고 거의 평평한 바깥 영역 가운데 깊은 깔때기가 있습니다. 최솟값은 뾰족한 "
            "꼭짓점입니다(원점에서 미분 불가능).",
        },
        source=f"Ackley (1987); {_SFU}; exact. The gradient at the origin is taken as 0 (a subgradient)",
        smooth=False,
        category="multimodal",
    )
)
_add(
    Landscape(
        name="levi13",
        title="Levi N.13",
        fn_p=_levi13,
        bounds=((-4.0, 4.0), (-4.0, 4.0)),
        start=(-3.2, 3.4),
        minima=((1.0, 1.0),),
        min_value=0.0,
        latex=(
            r"f = \sin^2(3\pi x) + (x-1)^2\left(1 + \sin^2(3\pi y)\right)"
            r" + (y-1)^2\left(1 + \sin^2(2\pi y)\right)"
        ),
        description={
            "en": "Ripples of different frequencies in x and y on a bowl around (1, 1).",
            "ko": "(1, 1)을 중심으로 한 그릇 위에 x와 y 방향으로 주파수가 다른 물결이 있습니다.",
        },
        source=f"{_SFU}; exact: every term vanishes at (1, 1)",
        category="multimodal",
    )
)
_add(
    Landscape(
        name="styblinski_tang",
        title="Styblinski-Tang",
        fn_p=_styblinski_tang,
        bounds=((-5.0, 5.0), (-5.0, 5.0)),
        start=(4.5, 4.0),
        minima=((-2.903534027771177, -2.903534027771177),),
        min_value=-78.33233140754282,
        latex=r"f = \tfrac12\left(x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y\right)",
        description={
            "en": "Four basins, one in each quadrant, of unequal depth; the deepest is near (-2.9, -2.9).",
            "ko": "사분면마다 하나씩 깊이가 다른 분지 네 개가 있고, 가장 깊은 것은 (-2.9, -2.9) 근처입니다.",
        },
        source=(
            f"Styblinski & Tang (1990); {_SFU} lists x* = -2.903534 and f* = -39.16599 per dimension, "
            f"which is off in the 5th digit: {_RECOMPUTED} give -39.166165703771415 per dimension; "
            "x* is a root of 4x^3 - 32x + 5 = 0"
        ),
        category="multimodal",
    )
)
_add(
    Landscape(
        name="sharp_flat",
        title="Sharp vs flat minimum",
        fn_p=_sharp_flat,
        bounds=((-3.5, 3.5), (-2.5, 2.5)),
        start=(-1.15, 0.4),
        minima=((-1.4944092401393092, 0.0),),
        min_value=-0.9888146293861081,
        latex=(
            r"f = 0.05\,(x^2 + y^2) - e^{-\left((x-1.5)^2 + y^2\right)/(2\cdot 0.8^2)}"
            r" - 1.1\,e^{-\left((x+1.5)^2 + y^2\right)/(2\cdot 0.2^2)}"
        ),
        description={
            "en": "A narrow basin (curvature ~28) slightly deeper than a wide one (curvature ~1.6): gradient "
            "descent with lr above 2/28 ~ 0.07 cannot settle in the sharp one, the flat one allows lr ~ 1.2.",
            "ko": "좁은 분지(곡률 약 28)가 넓은 분지(곡률 약 1.6)보다 조금 더 깊습니다. "
            "학습률이 2/28 ~ 0.07을 넘는 경사하강법은 날카로운 쪽에 자리 잡지 못하지만, "
            "평평한 쪽은 학습률 1.2 정도까지 버팁니다.",
        },
        source=(
            "constructed for this app: a weak bowl plus two Gaussian wells (sharp: depth 1.1, width 0.2; "
            "flat: depth 1, width 0.8). Global minimum (sharp) f = -0.98881 vs flat local minimum "
            f"(1.40923, 0) f = -0.89429; {_RECOMPUTED}"
        ),
        category="sharp-flat",
    )
)
_add(
    Landscape(
        name="plateau",
        title="Plateau",
        fn_p=_plateau,
        bounds=((-6.0, 6.0), (-6.0, 6.0)),
        start=(3.5, 2.5),
        minima=((0.0, 0.0),),
        min_value=0.0,
        latex=r"f = 1 - e^{-(x^2 + y^2)/2}",
        description={
            "en": "A single well in a vast plateau where the gradient is tiny (4e-4 at the start): SGD "
            "barely moves; Adam rescales it to full steps unless eps is comparable to the gradient.",
            "ko": "기울기가 아주 작은(출발점에서 4e-4) 넓은 고원 속의 우물 하나: SGD는 거의 움직이지 "
            "않고, Adam은 ε이 기울기만큼 크지 않다면 이를 온전한 스텝 크기로 키웁니다.",
        },
        source="constructed for this app; exact",
        category="plateau",
    )
)
_add(
    Landscape(
        name="long_valley",
        title="Long narrow valley",
        fn_p=_long_valley,
        bounds=((-12.0, 4.0), (-2.0, 2.0)),
        start=(-10.0, 1.5),
        minima=((0.0, 0.0),),
        min_value=0.0,
        latex=r"f = 0.1\left(\sqrt{1 + x^2} - 1\right) + 5y^2",
        description={
            "en": "A steep-walled valley with a floor of nearly constant slope: Adagrad's steps shrink like "
            "1/sqrt(t) and stall, RMSprop's forget old gradients and keep going.",
            "ko": "벽은 가파르고 바닥의 기울기는 거의 일정한 골짜기: Adagrad의 스텝 크기는 1/√t처럼 줄어 "
            "멈춰 서고, 오래된 기울기를 잊는 RMSprop은 계속 나아갑니다.",
        },
        source="constructed for this app (pseudo-Huber floor); exact",
        category="valley",
    )
)
_add(
    Landscape(
        name="cliff",
        title="Cliff",
        fn_p=_cliff,
        bounds=((-4.0, 4.0), (-2.5, 2.5)),
        start=(-3.0, 1.5),
        minima=((1.0, 0.0),),
        min_value=-5.0,
        latex=r"f = 0.1\,(x - 1)^2 + 0.5\,y^2 - 5\tanh\left(40\,(x + 1)\right)",
        description={
            "en": "A gentle slope ending in a cliff 10 high and about 0.05 wide: the gradient there is "
            "hundreds of times the slope's, and a plain step lands far away (exploding gradient).",
            "ko": "완만한 비탈 끝에 높이 10, 폭 약 0.05의 절벽이 있습니다. "
            "그곳의 기울기는 비탈의 수백 배라서 보통의 한 스텝이 멀리 튕겨 나갑니다(기울기 폭주).",
        },
        source=(
            "constructed for this app after the cliffs of Pascanu, Mikolov & Bengio (2013); the minimiser "
            "is (1 + 1000 sech^2(80), 0) = (1, 0) and f* = -5 tanh(80) = -5 to double precision"
        ),
        category="cliff",
    )
)
_add(
    Landscape(
        name="double_well",
        title="Tilted double well",
        fn_p=_double_well,
        bounds=((-2.0, 2.0), (-1.5, 1.5)),
        start=(1.9, 1.2),
        minima=((-1.0355787140888537, 0.0),),
        min_value=-0.30542848374391596,
        latex=r"f = (x^2 - 1)^2 + 0.3x + 0.5y^2",
        description={
            "en": "A shallow local minimum near (0.96, 0) and a deeper global one near (-1.04, 0): gradient "
            "descent stops in the first, momentum can coast over the barrier.",
            "ko": "(0.96, 0) 근처의 얕은 지역 최솟값과 (-1.04, 0) 근처의 더 깊은 전역 최솟값: 경사하강법은 "
            "앞의 것에서 멈추고, 모멘텀은 관성으로 장벽을 넘을 수 있습니다.",
        },
        source=f"constructed for this app; minimisers are the roots of 4x^3 - 4x + 0.3 = 0, {_RECOMPUTED}",
        category="local-minima",
    )
)
