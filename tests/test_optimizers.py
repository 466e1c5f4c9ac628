"""Every registered update rule against an independent implementation.

Oracles: torch.optim (CPU, float64) for the rules torch has, optax (float64) where optax has the same
rule, the change of variables p = w - lr mu v for NAG against torch's ``nesterov=True``, and a NumPy
implementation of Foret et al.'s Algorithm 1 for SAM. Paths agree to 1e-6 relative over 100 steps
on Rosenbrock and on a random ill-conditioned quadratic, at defaults and at other settings.
"""

from __future__ import annotations

import contextlib
import inspect

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest
import torch

import landscapes
import optimizers
from landscapes import Landscape
from optimizers import runner
from tests.helpers import assert_no_recompile

# ---------------------------------------------------------------- surfaces, in three languages

_RNG = np.random.default_rng(20260211)
_THETA = float(_RNG.uniform(0, np.pi))
_R = np.array([[np.cos(_THETA), -np.sin(_THETA)], [np.sin(_THETA), np.cos(_THETA)]])
A_QUAD = _R @ np.diag([8.0, 0.08]) @ _R.T  # condition number 100, random orientation
C_QUAD = _RNG.uniform(-1.0, 1.0, 2)  # the minimiser
(_A11, _A12), (_, _A22) = A_QUAD.tolist()
_C1, _C2 = C_QUAD.tolist()


def _ill_quadratic(xy, p):
    dx, dy = xy[0] - _C1, xy[1] - _C2
    return 0.5 * (_A11 * dx * dx + 2 * _A12 * dx * dy + _A22 * dy * dy)


ILL_QUAD = Landscape(
    name="ill_quadratic",
    title="Random ill-conditioned quadratic",
    fn_p=_ill_quadratic,
    bounds=((-3.0, 3.0), (-3.0, 3.0)),
    start=(-2.0, 2.5),
    minima=((_C1, _C2),),
    min_value=0.0,
)
ROSEN = landscapes.get("rosenbrock")


def _np_grad(surface: str, w: np.ndarray) -> np.ndarray:
    """Hand-written gradients for the NumPy oracle."""
    if surface == "rosenbrock":
        x, y = w
        return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
    return A_QUAD @ (w - C_QUAD)


def _torch_loss(surface: str, p: torch.Tensor) -> torch.Tensor:
    if surface == "rosenbrock":
        return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
    d = p - torch.tensor(C_QUAD, dtype=torch.float64)
    return 0.5 * d @ torch.tensor(A_QUAD, dtype=torch.float64) @ d


SURFACES = {"rosenbrock": ROSEN, "ill_quadratic": ILL_QUAD}

# ---------------------------------------------------------------- oracles

# project name -> torch name, for the hyperparameters that torch spells differently
TORCH_CLASS = {
    "sgd": torch.optim.SGD,
    "momentum": torch.optim.SGD,
    "nag": torch.optim.SGD,
    "adagrad": torch.optim.Adagrad,
    "adadelta": torch.optim.Adadelta,
    "rmsprop": torch.optim.RMSprop,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
    "nadam": torch.optim.NAdam,
}


def _torch_kwargs(name: str, hp: dict[str, float]) -> dict:
    kw = {k: v for k, v in hp.items() if k not in ("b1", "b2", "initial_accumulator")}
    if "b1" in hp:
        kw["betas"] = (hp["b1"], hp["b2"])
    if "initial_accumulator" in hp:
        kw["initial_accumulator_value"] = hp["initial_accumulator"]
    if name == "nag":
        kw["nesterov"] = True
    return kw


def torch_path(name: str, hp: dict[str, float], surface: str, start, steps: int) -> np.ndarray:
    """torch.optim's iterates (steps + 1, 2); for NAG mapped back by w = p + lr mu buf."""
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = TORCH_CLASS[name]([p], **_torch_kwargs(name, hp))
    out = [np.array(start, np.float64)]
    for _ in range(steps):
        opt.zero_grad()
        _torch_loss(surface, p).backward()
        opt.step()
        w = p.detach().numpy().copy()
        if name == "nag":  # torch's parameters are the look-ahead points; undo the change of variables
            w = w + hp["lr"] * hp["momentum"] * opt.state[p]["momentum_buffer"].numpy()
        out.append(w)
    return np.array(out)


def torch_nesterov_params(hp: dict[str, float], surface: str, start, steps: int) -> np.ndarray:
    """torch's own nesterov parameters p_0 .. p_{steps-1} (what NAG calls the look-ahead points)."""
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=hp["lr"], momentum=hp["momentum"], nesterov=True)
    out = []
    for _ in range(steps):
        out.append(p.detach().numpy().copy())
        opt.zero_grad()
        _torch_loss(surface, p).backward()
        opt.step()
    return np.array(out)


def _optax_transform(name: str, hp: dict[str, float]):
    if name == "adadelta":
        return optax.adadelta(learning_rate=hp["lr"], rho=hp["rho"], eps=hp["eps"])
    if name == "rmsprop":  # torch's placement: decay alpha, eps outside the square root
        return optax.rmsprop(hp["lr"], decay=hp["alpha"], eps=hp["eps"], eps_in_sqrt=False)
    if name == "adam":
        return optax.adam(hp["lr"], b1=hp["b1"], b2=hp["b2"], eps=hp["eps"])
    if name == "adamw":
        return optax.adamw(hp["lr"], b1=hp["b1"], b2=hp["b2"], eps=hp["eps"], weight_decay=hp["weight_decay"])
    return None


@jax.numpy_dtype_promotion("standard")  # optax 0.2.8 itself mixes Python floats with int counters
def optax_path(tx, surface: str, start, steps: int) -> np.ndarray:
    grad = jax.jit(jax.grad(SURFACES[surface].fn))
    w = jnp.asarray(start, jnp.float64)
    state = tx.init(w)
    out = [np.asarray(w)]
    for _ in range(steps):
        upd, state = tx.update(grad(w), state, w)
        w = optax.apply_updates(w, upd)
        out.append(np.asarray(w))
    return np.array(out)


def sam_numpy(hp: dict[str, float], surface: str, start, steps: int) -> np.ndarray:
    """Foret et al. (2021), Algorithm 1 with p = 2 and an SGD (heavy-ball) base optimizer."""
    w = np.array(start, np.float64)
    v = np.zeros(2)
    out = [w.copy()]
    for _ in range(steps):
        g = _np_grad(surface, w)
        eps_hat = hp["rho"] * g / np.sqrt(np.sum(g**2))  # eq. (2) with p = q = 2
        g_sam = _np_grad(surface, w + eps_hat)  # gradient of the SAM objective, approximation (3)
        v = hp["momentum"] * v + g_sam
        w = w - hp["lr"] * v
        out.append(w.copy())
    return np.array(out)


# ---------------------------------------------------------------- per-rule settings

# Settings that differ from the defaults in every hyperparameter, stable on both surfaces for 100 steps.
OTHER = {
    "sgd": {"lr": 5e-4},
    "momentum": {"lr": 2e-4, "momentum": 0.8},
    "nag": {"lr": 3e-4, "momentum": 0.95},
    "adagrad": {"lr": 0.1, "eps": 1e-6, "initial_accumulator": 0.5},
    "adadelta": {"lr": 0.5, "rho": 0.95, "eps": 1e-4},
    "rmsprop": {"lr": 3e-3, "alpha": 0.9, "eps": 1e-6},
    "adam": {"lr": 0.02, "b1": 0.8, "b2": 0.99, "eps": 1e-6},
    "adamw": {"lr": 0.02, "b1": 0.85, "b2": 0.995, "eps": 1e-7, "weight_decay": 0.1},
    "nadam": {"lr": 0.01, "b1": 0.8, "b2": 0.99, "eps": 1e-7, "momentum_decay": 0.01},
    "sam": {"lr": 5e-4, "rho": 0.1, "momentum": 0.9},
}

# Settings that converge: (on the kappa = 10 quadratic in 500 steps, on Rosenbrock in 5,000 steps).
CONVERGE = {
    "sgd": ({"lr": 0.15}, {"lr": 2e-3}),
    "momentum": ({"lr": 0.05, "momentum": 0.5}, {"lr": 5e-4, "momentum": 0.9}),
    "nag": ({"lr": 0.05, "momentum": 0.5}, {"lr": 5e-4, "momentum": 0.9}),
    "adagrad": ({"lr": 0.5}, {"lr": 1.0}),
    "adadelta": ({"lr": 1.0, "rho": 0.95, "eps": 1e-3}, {"lr": 0.1}),
    "rmsprop": ({"lr": 1e-2}, {"lr": 1e-3}),
    "adam": ({"lr": 0.05}, {"lr": 0.02}),
    "adamw": ({"lr": 0.05}, {"lr": 0.02, "weight_decay": 0.0}),
    "nadam": ({"lr": 0.05}, {"lr": 0.01}),
    "sam": ({"lr": 0.1, "rho": 1e-3}, {"lr": 1e-3, "rho": 2e-3, "momentum": 0.9}),
}

ORACLE_STEPS = 100


def test_every_rule_has_settings_here():
    assert set(OTHER) == set(CONVERGE) == set(optimizers.names())


def _assert_paths_close(ours: np.ndarray, ref: np.ndarray, what: str) -> None:
    assert np.all(np.isfinite(ref)), f"{what}: the oracle diverged; choose a smaller learning rate"
    np.testing.assert_allclose(ours, ref, rtol=1e-6, atol=1e-12, err_msg=what)


@pytest.mark.parametrize("name", optimizers.names())
def test_optimizer(name):
    opt = optimizers.get(name)
    assert set(OTHER[name]) == set(opt.defaults), "OTHER must set every hyperparameter"
    assert all(OTHER[name][k] != v for k, v in opt.defaults.items()), "OTHER must differ from the defaults"

    # 1. converges, state finite (float32, the app's precision)
    quad = landscapes.get("quadratic")
    for surface, hp, steps in ((quad, CONVERGE[name][0], 500), (ROSEN, CONVERGE[name][1], 5000)):
        res = optimizers.simulate(surface, [(name, hp)], steps=steps)
        assert res.diverged_at[0] == -1
        if surface is quad:
            assert res.final_loss[0] < 1e-4, (surface.name, res.final_loss[0])
        else:
            assert np.linalg.norm(res.final_w[0] - 1.0) < 0.1, (surface.name, res.final_w[0])
            assert res.final_loss[0] < 1e-2
        assert res.loss[0, -1] < 1e-3 * res.loss[0, 0]
        for field in ("grad", "moment1", "moment2", "step", "lookahead"):
            assert np.all(np.isfinite(getattr(res.aux, field)[0, :-1])), field

    # 2. equals the independent implementations, float64, 100 steps, defaults and other settings
    with jax.enable_x64(True):
        for surface, land in SURFACES.items():
            start = land.start
            for label, hp in (("defaults", {}), ("other", OTHER[name])):
                # after the first call, new hyperparameter values never recompile
                first = label == "defaults"
                with contextlib.nullcontext() if first else assert_no_recompile(runner.run_group, what=name):
                    res = optimizers.simulate(land, [(name, hp)], steps=ORACLE_STEPS, dtype=jnp.float64)
                assert res.path.dtype == np.float64 and res.diverged_at[0] == -1
                full = opt.validate(hp)
                ours = res.path[0]
                what = f"{name} {label} on {surface}"
                args = (full, surface, start, ORACLE_STEPS)
                if name == "sam":
                    _assert_paths_close(ours, sam_numpy(*args), what + " vs NumPy")
                    continue
                _assert_paths_close(ours, torch_path(name, *args), what + " vs torch")
                if name == "nag":
                    # the look-ahead points ARE torch's parameters, and p = w - lr mu v
                    p = torch_nesterov_params(*args)
                    _assert_paths_close(res.aux.lookahead[0, :-1], p, what + " look-ahead vs torch p")
                    v_prev = np.concatenate([np.zeros((1, 2)), res.aux.moment1[0, :-2]])
                    ahead = ours[:-1] - full["lr"] * full["momentum"] * v_prev
                    _assert_paths_close(ahead, p, what + " p = w - lr mu v")
                tx = _optax_transform(name, full)
                if tx is not None:
                    _assert_paths_close(ours, optax_path(tx, *args[1:]), what + " vs optax")


# ---------------------------------------------------------------- descriptions and defaults

_TORCH_NAME = {
    "b1": ("betas", 0),
    "b2": ("betas", 1),
    "initial_accumulator": ("initial_accumulator_value", None),
}
# torch's default momentum is 0 (plain SGD), so for the momentum rules only lr is torch's default.
_NOT_TORCH_DEFAULT = {"momentum": {"momentum"}, "nag": {"momentum"}}


def _torch_defaults(name: str) -> dict:
    """torch.optim's defaults, read from a constructed optimizer and its signature."""
    cls = TORCH_CLASS[name]
    group = cls([torch.zeros(2, requires_grad=True)]).param_groups[0]
    sig = inspect.signature(cls.__init__).parameters
    assert group["lr"] == sig["lr"].default
    return group


@pytest.mark.parametrize("name", optimizers.names())
def test_description_and_defaults(name):
    opt = optimizers.get(name)
    assert opt.name == name and opt.title
    assert opt.latex.strip() and "\\" in opt.latex
    for lang in ("en", "ko"):
        text = opt.explain[lang]
        assert 2 <= text.count(".") + text.count("다.") and len(text) > 80, (name, lang)
    assert any("\uac00" <= ch <= "\ud7a3" for ch in opt.explain["ko"])  # Hangul
    assert opt.grad_evals == (2 if name == "sam" else 1)
    assert set(opt.ranges) == set(opt.defaults) and "lr" in opt.defaults
    for key, value in opt.defaults.items():
        rng = opt.ranges[key]
        assert rng.low <= value <= rng.high, (name, key)
        assert rng.low < rng.high and (not rng.log or rng.low > 0)
    assert opt.validate({}) == opt.defaults
    if name not in TORCH_CLASS:
        return
    group = _torch_defaults(name)
    for key, value in opt.defaults.items():
        if key in _NOT_TORCH_DEFAULT.get(name, ()):
            continue
        tkey, idx = _TORCH_NAME.get(key, (key, None))
        expected = group[tkey] if idx is None else group[tkey][idx]
        assert value == expected, f"{name}.{key} = {value}, torch's default is {expected}"
    if name in ("adam", "adamw", "nadam", "rmsprop", "adagrad", "adadelta"):
        assert group.get("weight_decay", 0) == (1e-2 if name == "adamw" else 0)


def test_validation_messages():
    with pytest.raises(ValueError, match=r"Unknown optimizer 'adamm'; choose one of: sgd, momentum"):
        optimizers.get("adamm")
    with pytest.raises(ValueError, match=r"Unknown hyperparameter 'beta1' for adam; choose from: lr, b1"):
        optimizers.get("adam").validate({"beta1": 0.9})
    with pytest.raises(ValueError, match=r"rmsprop.alpha = 1.5 is outside its valid range \[0, 0.9999\]"):
        optimizers.get("rmsprop").validate({"alpha": 1.5})
    with pytest.raises(ValueError, match="must be a number"):
        optimizers.get("sgd").validate({"lr": "fast"})


# ---------------------------------------------------------------- the definitional differences


def test_documented_library_differences():
    """The facts behind the README's "Definitions" paragraph, measured on the libraries themselves."""
    sig = lambda f: {k: p.default for k, p in inspect.signature(f).parameters.items()}  # noqa: E731
    assert sig(optax.adagrad)["initial_accumulator_value"] == 0.1 and sig(optax.adagrad)["eps"] == 1e-7
    assert sig(optax.rmsprop)["decay"] == 0.9 and sig(optax.rmsprop)["eps_in_sqrt"] is True
    assert sig(optax.adamw)["weight_decay"] == 1e-4
    assert sig(optax.adadelta)["learning_rate"] is None
    with jax.enable_x64(True):
        # optax.adadelta() without a learning rate climbs: the loss goes UP.
        up = optax_path(optax.adadelta(), "ill_quadratic", ILL_QUAD.start, 20)
        f = lambda w: _ill_quadratic(w, None)  # noqa: E731
        assert f(up[-1]) > f(up[0])
        # optax.adagrad (eps inside the root, G0 = 0.1) is ours with G0 = 0.1 and eps -> 0 only when
        # optax's own eps is 0: the forms differ by where eps sits.
        ours = optimizers.simulate(
            ILL_QUAD,
            [("adagrad", {"lr": 0.1, "initial_accumulator": 0.1, "eps": 1e-12})],
            steps=50,
            dtype=jnp.float64,
        ).path[0]
        tx = optax.adagrad(0.1, initial_accumulator_value=0.1, eps=0.0)
        ref = optax_path(tx, "ill_quadratic", ILL_QUAD.start, 50)
        np.testing.assert_allclose(ours, ref, rtol=1e-6)
        # optax.nadam has no momentum schedule: it differs from torch's NAdam (ours).
        nadam = optimizers.simulate(ILL_QUAD, [("nadam", {"lr": 0.01})], steps=50, dtype=jnp.float64).path[0]
        ox = optax_path(optax.nadam(0.01), "ill_quadratic", ILL_QUAD.start, 50)
        assert np.max(np.abs(nadam - ox)) > 1e-4


def adam_eps_hat_numpy(lr, b1, b2, eps_hat, surface, start, steps):
    """Kingma & Ba (2015), Algorithm 1 with the "efficient" ordering of the end of Section 2:
    alpha_t = lr sqrt(1 - b2^t) / (1 - b1^t), w <- w - alpha_t m / (sqrt(v) + eps_hat)."""
    w = np.array(start, np.float64)
    m = v = np.zeros(2)
    out = [w.copy()]
    for t in range(1, steps + 1):
        g = _np_grad(surface, w)
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        w = w - lr * np.sqrt(1 - b2**t) / (1 - b1**t) * m / (np.sqrt(v) + eps_hat)
        out.append(w.copy())
    return np.array(out)


def test_adams_eps_hat_form_is_our_adam_with_a_decaying_eps():
    """The README's note on Adam's eps, on the project's own update rule: Kingma & Ba's eps-hat form
    is our (torch's) Adam with eps_t = eps_hat / sqrt(1 - b2^t) at step t, and with a constant
    eps = eps_hat it is a different path in the first steps."""
    lr, b1, b2, eps_hat, steps = 0.05, 0.9, 0.999, 1e-3, 30
    ref = adam_eps_hat_numpy(lr, b1, b2, eps_hat, "ill_quadratic", ILL_QUAD.start, steps)
    adam = optimizers.get("adam")
    with jax.enable_x64(True):
        f64 = lambda x: jnp.asarray(x, jnp.float64)  # noqa: E731
        grad = jax.jit(jax.grad(ILL_QUAD.fn))
        w = f64(ILL_QUAD.start)
        hp = {"lr": f64(lr), "b1": f64(b1), "b2": f64(b2), "eps": f64(eps_hat)}
        state = adam.init(w, hp)
        path = [np.asarray(w)]
        for t in range(1, steps + 1):
            w, state, _ = adam.update(grad, w, state, {**hp, "eps": f64(eps_hat / np.sqrt(1 - b2**t))})
            path.append(np.asarray(w))
        run = ("adam", {"lr": lr, "b1": b1, "b2": b2, "eps": eps_hat})
        constant = optimizers.simulate(ILL_QUAD, [run], steps=steps, dtype=jnp.float64).path[0]
    np.testing.assert_allclose(np.array(path), ref, rtol=1e-10, atol=1e-12)
    gap = np.abs(constant - ref).max(axis=1)
    assert gap[1] > 1e-5 and gap.max() > 1e-4, gap  # the same rule only with eps scaled per step
