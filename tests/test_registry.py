"""The optimizer registry as the one source of per-rule facts: every rule declares them, the declared
stability limits and rates are what the rules do, and a rule registered from one file gets its
controls, stability line and phase map on the pages with no other edit."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, NamedTuple

import jax
import jax.flatten_util
import jax.numpy as jnp
import numpy as np
import pytest

import landscapes
import optimizers
import studies
from optimizers import HyperParam, Optimizer, PhaseAxis, quadratic, registry
from optimizers.base import aux
from ui import lr_model as lm
from ui.testing import app_test, errors, figures

ROOT = Path(__file__).resolve().parents[1]
BOWL = landscapes.get("quadratic").with_params(condition=10.0, rotation=0.4)  # eigenvalues 1 and 10


# ---- a rule defined in this file only: heavy ball in the lecture's form ---------------------------


class LectureHBState(NamedTuple):
    v: Any  # (d,) velocity in the lecture's sign: the step itself


def _lecture_init(w, hp):
    return LectureHBState(v=jnp.zeros_like(w))


def _lecture_update(grad_fn, w, state, hp):
    g = grad_fn(w)
    v = hp["beta"] * state.v - hp["lr"] * g  # v <- beta v - lr g
    w_new = w + v  # w <- w + v
    return w_new, LectureHBState(v), aux(g, w, w_new, moment1=v)


# With a constant rate this is torch's heavy ball under v = -lr v_torch: the same iterates, so the
# same limit 2 + 2 beta; its momentum is called beta, so nothing can find it by the name "momentum".
LECTURE_HB = Optimizer(
    name="hb_lecture",
    title="Heavy ball (lecture form)",
    init=_lecture_init,
    update=_lecture_update,
    defaults={"lr": 1e-3, "beta": 0.9},
    ranges={"lr": HyperParam(1e-6, 10.0, log=True), "beta": HyperParam(0.0, 0.999)},
    latex=r"v_{t+1} = \beta v_t - \eta g_t,\qquad w_{t+1} = w_t + v_{t+1}",
    explain={"en": "Heavy ball as the lecture writes it.", "ko": "강의에서 쓰는 형태의 헤비볼."},
    family="momentum",
    momentum_param="beta",
    quadratic=quadratic.HEAVY_BALL,
    phase_axis=PhaseAxis("beta", 0.0, 0.99),
)


@pytest.fixture
def lecture_hb():
    optimizers.register(LECTURE_HB)
    yield LECTURE_HB
    optimizers.unregister(LECTURE_HB.name)


# ---- every registered rule declares its facts ---------------------------------------------------


@pytest.mark.parametrize("name", optimizers.names())
def test_every_rule_declares_its_facts(name):
    opt = optimizers.get(name)
    registry.check(opt)  # a known family; momentum and phase axis name hyperparameters in range
    assert opt.family in optimizers.FAMILIES
    if opt.quadratic is None:
        assert opt.stability(opt.defaults) is None and opt.linear_rate(opt.defaults, 1.0) is None
    else:
        assert opt.quadratic in quadratic.KINDS
        c = opt.stability(opt.defaults)
        assert isinstance(c, float) and 0 < c <= 4  # 2 + 2 mu at most, mu < 1
        # at lr * lambda = c the closed-form rate is exactly 1: the limit and the rate agree
        assert opt.linear_rate(opt.defaults | {"lr": c}, 1.0) == pytest.approx(1.0, rel=1e-9)
    if opt.phase_axis is not None:
        assert name in studies.phase_optimizers()


def test_the_registry_knows_what_the_lecture_says():
    """The facts the pages used to hard-code by name, now read from the rules' own files."""
    kinds = {n: q.kind for n in optimizers.names() if (q := optimizers.get(n).quadratic) is not None}
    assert kinds == {"sgd": "gd", "momentum": "heavy_ball", "nag": "nag"}
    assert [optimizers.get(n).stability({"momentum": 0.5}) for n in ("sgd", "momentum", "nag")] == [2, 3, 1.5]
    assert {n: optimizers.get(n).phase_axis.name for n in studies.phase_optimizers()} == {
        "momentum": "momentum",
        "nag": "momentum",
        "rmsprop": "alpha",
        "adam": "b1",
        "adamw": "b1",
        "nadam": "b1",
    }
    assert [n for n in optimizers.names() if optimizers.get(n).momentum_param] == ["momentum", "nag", "sam"]


def _runs_at_the_limit(opt: Optimizer, mu: float) -> optimizers.SimResult:
    """Runs on BOWL at 0.97 and 1.03 times the declared largest stable rate c / lambda_max."""
    hp = {opt.momentum_param: mu} if opt.momentum_param else {}
    c = opt.stability(hp)
    lrs = np.array([0.97, 1.03]) * c / 10.0
    return optimizers.run_batch(BOWL, opt.name, hp={**hp, "lr": lrs}, steps=3000, record="final")


@pytest.mark.parametrize("name", studies.linear_rules())
@pytest.mark.parametrize("mu", [0.0, 0.5, 0.9])
def test_declared_stability_limit_separates_convergence_from_divergence(name, mu):
    res = _runs_at_the_limit(optimizers.get(name), mu)
    assert res.diverged_at[0] == -1 and res.final_loss[0] < 1e-10, res.final_loss[0]
    assert res.diverged_at[1] >= 0


def _one_step_radius(opt: Optimizer, hp: dict, lam: float) -> float:
    """Spectral radius of one update of the rule itself on f(w) = lam w^2 / 2 (it is linear there)."""
    hp = {k: jnp.asarray(v, jnp.float64) for k, v in hp.items()}
    w0 = jnp.ones((1,), jnp.float64)
    flat0, unravel = jax.flatten_util.ravel_pytree((w0, opt.init(w0, hp)))

    def step(flat):
        w, state = unravel(flat)
        w, state, _ = opt.update(lambda u: lam * u, w, state, hp)
        return jax.flatten_util.ravel_pytree((w, state))[0]

    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(jax.jacfwd(step)(flat0))))))


@pytest.mark.parametrize("name", studies.linear_rules())
def test_declared_linear_rate_is_the_rules_own(name):
    opt = optimizers.get(name)
    with jax.enable_x64(True):
        for mu in (0.0, 0.3, 0.9):
            for h in (0.05, 0.7, 1.3, 2.5):
                hp = {"lr": h / 4.0, **({opt.momentum_param: mu} if opt.momentum_param else {})}
                want = _one_step_radius(opt, opt.validate(hp), 4.0)
                assert float(opt.linear_rate(hp, 4.0)) == pytest.approx(want, rel=1e-6, abs=1e-9), (mu, h)


def test_register_refuses_clashes_and_bad_facts(lecture_hb):
    with pytest.raises(ValueError, match="already registered"):
        optimizers.register(lecture_hb)
    with pytest.raises(ValueError, match="already registered"):  # the name stays tied to the rule
        optimizers.register(lecture_hb._replace(name="sgd"))
    with pytest.raises(ValueError, match="unknown family 'heavy'"):
        optimizers.register(lecture_hb._replace(name="hb2", family="heavy"))
    with pytest.raises(ValueError, match="momentum_param 'mu' is not one of its hyperparameters"):
        optimizers.register(lecture_hb._replace(name="hb3", momentum_param="mu"))
    with pytest.raises(ValueError, match="needs its momentum_param"):
        optimizers.register(lecture_hb._replace(name="hb4", momentum_param=None))
    with pytest.raises(ValueError, match=r"hb5.beta = 1.5 \(entry 1\) is outside its valid range"):
        optimizers.register(lecture_hb._replace(name="hb5", phase_axis=PhaseAxis("beta", 0.0, 1.5)))
    assert "hb2" not in optimizers.names() and optimizers.names()[-1] == "hb_lecture"
    optimizers.unregister("hb_lecture")
    with pytest.raises(ValueError, match="already registered"):  # once used, a name keeps its rule
        optimizers.register(lecture_hb._replace(latex="other"))
    optimizers.register(lecture_hb)  # the same rule again is fine (the fixture removes it)


def test_registered_rule_gets_limit_rate_and_phase_map(lecture_hb):
    assert studies.stability_threshold("hb_lecture", {"lr": 0.1, "beta": 0.9}) == pytest.approx(38.0)
    res = _runs_at_the_limit(lecture_hb, 0.9)  # the declared limit holds for the rule itself
    assert res.diverged_at[0] == -1 and res.final_loss[0] < 1e-10 and res.diverged_at[1] >= 0
    assert "hb_lecture" in studies.linear_rules() and "hb_lecture" in studies.phase_optimizers()
    pm = studies.phase_map(BOWL, "hb_lecture", lr_range=(1e-3, 0.5), n_lr=24, n_second=8, steps=200)
    assert pm.axis == "beta" and pm.second[-1] == pytest.approx(0.99)  # the rule's own axis and span
    np.testing.assert_allclose(pm.edge, (2 + 2 * pm.second) / 10.0, rtol=1e-5)
    np.testing.assert_allclose(pm.optimum, quadratic.HEAVY_BALL.optimum(1.0, 10.0), rtol=1e-5)
    torch_form = studies.phase_map(BOWL, "momentum", lr_range=(1e-3, 0.5), n_lr=24, n_second=8, steps=200)
    np.testing.assert_allclose(pm.theory_rate, torch_form.theory_rate)
    np.testing.assert_array_equal(pm.converging, torch_form.converging)  # same iterates, same map
    p = studies.three_panels(BOWL, "hb_lecture", {"beta": 0.5}, steps=30)
    assert p.source == "curvature" and p.limit_factor == pytest.approx(3.0)


def _texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_registered_rule_on_the_race_page_and_the_lr_lab(lecture_hb):
    at = app_test({"n": "1", "o0": "hb_lecture", "steps": "200"}, "pages/race.py").run()
    assert not errors(at)
    assert at.slider(key="race:o0.hb_lecture.beta").value == pytest.approx(0.9)  # its mu slider
    at.slider(key="race:o0.hb_lecture.beta").set_value(0.5).run()
    assert not errors(at) and at.query_params["o0.hb_lecture.beta"] == "0.5"
    assert "Velocity builds up along the floor" in _texts(at)  # the momentum family's note

    small = {"steps": "60", "ph_n": "16"}
    at = app_test({**small, "opt": "hb_lecture"}, "pages/lr_lab.py").run()
    assert not errors(at)
    assert at.slider(key="lr_lab:mu").label.endswith("Heavy ball (lecture form)")
    assert "< c = 3.8, so" in _texts(at)  # 2 + 2 beta at the slider's 0.9
    at.slider(key="lr_lab:mu").set_value(0.5).run()
    assert "< c = 3, so" in _texts(at) and "no single curvature limit" not in _texts(at)
    stability = figures(at)[1]
    assert "stability limit c / lr" in [d.get("name") for d in stability["data"]]  # the limit line

    at = app_test(
        {**small, "view": "phase", "ph_opt": "hb_lecture", "quadratic.condition": "100"}, "pages/lr_lab.py"
    ).run()
    assert not errors(at) and at.selectbox(key="lr_lab:ph_opt").value == "hb_lecture"
    assert "heavy ball converges iff 0 < lr·λ < 2 + 2μ" in _texts(at) and "μ = 0.6694" in _texts(at)
    names = [d.get("name") for d in figures(at)[0]["data"]]
    assert "theory: lr·λ_max = c(μ)" in names and "theory: optimal (lr, μ)" in names
    assert lm.other_hp("hb_lecture", 0.3) == {"beta": 0.3}


def test_landscapes_never_import_optimizers_or_studies():
    """What a surface is does not know how it is minimised (lazy imports inside functions count)."""
    for path in sorted((ROOT / "landscapes").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                mods = [node.module or ""] if node.level == 0 else []
            else:
                continue
            assert not [m for m in mods if m.split(".")[0] in ("optimizers", "studies")], (path.name, mods)
