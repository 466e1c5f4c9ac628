"""A small MLP with every regularizer of the lecture as a traced strength, and its training loop.

The network is :mod:`landscapes.mlp`'s (its layers, initialisation and losses), plus, per hidden
layer, a batch-norm scale and shift. Each regularizer is one number in a strength vector (see
:data:`REGULARIZERS`); zero switches it off. The regularizers a program contains are static
(``active``): under vmap every run pays for every regularizer in its program, so
:func:`studies.regularization.train` gives each set of switched-on regularizers its own program.
The strengths are traced: :func:`train_runs` vmaps over configurations (rows of strengths) and
seeds at once, so moving a slider never recompiles.

What each strength does during TRAINING (evaluation always uses the clean network: no dropout, no
noise, batch norm with its running averages, the plain data loss):

* ``l2``: adds l2/2 ||w||^2 to the loss (coupled: its gradient l2 w goes through the optimizer, so
  Adam divides it by sqrt(v)).
* ``weight_decay``: decoupled decay (Loshchilov & Hutter 2019): after the optimizer's step,
  ``w <- w - lr * weight_decay * w_old``. With Adam this is exactly AdamW; with SGD it equals ``l2``.
* ``l1``: adds l1 ||w||_1 to the loss (subgradient sign(w)).
* ``dropout``: each hidden unit is zeroed with probability p and the survivors scaled by 1/(1-p)
  (inverted dropout), a fresh mask per step.
* ``input_noise``: Gaussian noise of this standard deviation added to each mini-batch's inputs.
* ``weight_noise``: the gradient is taken at w + sigma * N(0, 1) and applied to w.
* ``label_smoothing``: targets (1 - eps) one-hot + eps / K (binary: y (1 - eps) + eps / 2).
* ``mixup``: each example is mixed with a random partner, lam ~ Beta(alpha, alpha):
  x = lam x_i + (1 - lam) x_j and the target likewise (Zhang et al. 2018).
* ``batch_norm`` (0 or 1): each hidden pre-activation is normalised with the mini-batch's mean and
  (biased) variance, then scaled and shifted by learned gamma, beta; running averages (momentum
  0.1, unbiased variance, as torch) are kept for evaluation.

The penalties and the decay apply to every trained parameter (weights, biases, batch-norm scales
and shifts), as ``torch.optim`` does when given ``model.parameters()``.
"""

from __future__ import annotations

from functools import partial
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree

import optimizers
from landscapes import mlp

REGULARIZERS = (
    "l2",
    "weight_decay",
    "l1",
    "dropout",
    "input_noise",
    "weight_noise",
    "label_smoothing",
    "mixup",
    "batch_norm",
)
# What a program pays for each regularizer it contains, whatever its strength: the cheap ones are a
# few operations on the weights, gradient or targets (measured: no difference in a step's time);
# the costly ones draw random numbers every step or normalise every layer (1.3x to 7x a plain step).
CHEAP = ("l2", "weight_decay", "l1", "label_smoothing")
COSTLY = ("dropout", "input_noise", "weight_noise", "mixup", "batch_norm")
# Valid strengths, the same for every entry point (a link, a preset, the library).
RANGES = {
    "l2": (0.0, 10.0),
    "weight_decay": (0.0, 10.0),
    "l1": (0.0, 1.0),
    "dropout": (0.0, 0.9),
    "input_noise": (0.0, 2.0),
    "weight_noise": (0.0, 1.0),
    "label_smoothing": (0.0, 0.5),
    "mixup": (0.0, 10.0),
    "batch_norm": (0.0, 1.0),
}
ACTIVATIONS = {"relu": jax.nn.relu, "tanh": jnp.tanh}
BN_EPS = 1e-5  # torch's BatchNorm1d defaults
BN_MOMENTUM = 0.1
PRNG = "unsafe_rbg"
CHUNK_NOISE_FLOATS = 1 << 21  # weight noise of a whole chunk (steps x seeds x weights) up to 8 MB
EVAL_COLUMNS = ("loss", "acc")  # per evaluation set; then one column: the weights' norm


def strengths(**kw: float) -> tuple[float, ...]:
    """A strength vector in :data:`REGULARIZERS` order (unnamed ones 0).

    Raises:
        ValueError: an unknown name or a value outside its range (:data:`RANGES`).
    """
    for name, v in kw.items():
        if name not in RANGES:
            raise ValueError(f"Unknown regularizer {name!r}; choose one of: {', '.join(REGULARIZERS)}")
        lo, hi = RANGES[name]
        if not lo <= float(v) <= hi:
            raise ValueError(f"{name} = {v!r} is outside [{lo:g}, {hi:g}]")
    if kw.get("batch_norm", 0.0) not in (0.0, 1.0):
        raise ValueError(f"batch_norm = {kw['batch_norm']!r} must be 0 (off) or 1 (on)")
    return tuple(float(kw.get(n, 0.0)) for n in REGULARIZERS)


class RegState(NamedTuple):
    """Batch norm's running averages, one (width,) pair per hidden layer (not trained)."""

    mean: tuple
    var: tuple


def check_spec(spec: mlp.MLPSpec) -> None:
    """Raise ValueError if ``spec``'s activation is not one this module implements."""
    if spec.activation not in ACTIVATIONS:
        raise ValueError(
            f"activation {spec.activation!r} is not supported here; choose one of: {', '.join(ACTIVATIONS)}"
        )


def init_params(spec: mlp.MLPSpec, key) -> dict[str, Any]:
    """``landscapes.mlp``'s initial layers plus batch norm's gamma = 1, beta = 0 per hidden layer."""
    layers = mlp.init_params(spec, key)
    bn = [
        {"gamma": jnp.ones((n,), jnp.float32), "beta": jnp.zeros((n,), jnp.float32)} for n in spec.sizes[1:-1]
    ]
    return {"layers": layers, "bn": bn}


def init_state(spec: mlp.MLPSpec) -> RegState:
    """Running averages before training: mean 0, variance 1 (torch's start)."""
    hidden = spec.sizes[1:-1]
    return RegState(
        tuple(jnp.zeros((n,), jnp.float32) for n in hidden),
        tuple(jnp.ones((n,), jnp.float32) for n in hidden),
    )


def unravel(spec: mlp.MLPSpec, flat):
    """The parameter tree of ``spec`` holding the flat vector ``flat``."""
    return ravel_pytree(init_params(spec, jax.random.PRNGKey(0)))[1](flat)


def n_params(spec: mlp.MLPSpec) -> int:
    """Trained parameters: the MLP's plus 2 per hidden unit (batch norm's gamma and beta)."""
    return spec.n_params + 2 * sum(spec.sizes[1:-1])


def batch_norm_train(z, gamma, beta):
    """Train-mode batch norm of pre-activations ``z`` (n, units): (z - mean) / sqrt(var + eps) *
    gamma + beta with the batch's mean and biased variance. Returns (output, mean, biased var)."""
    mean = jnp.mean(z, axis=0)
    var = jnp.mean((z - mean[None]) ** 2, axis=0)
    return (z - mean[None]) / jnp.sqrt(var[None] + BN_EPS) * gamma[None] + beta[None], mean, var


def forward(
    spec: mlp.MLPSpec,
    params,
    state: RegState,
    x,
    *,
    bn_on=None,
    train: bool = False,
    dropout=None,
    uniforms=None,
):
    """Network outputs for inputs ``x``.

    Args:
        spec: the structure (static).
        params: tree from :func:`init_params`.
        state: batch norm's running averages.
        x: (n, d_in) inputs.
        bn_on: traced 0/1: use batch norm; None: no batch norm in the program at all.
        train: train mode (static): batch statistics and dropout; else running averages, no dropout.
        dropout: traced drop probability (train mode only); None: no dropout in the program.
        uniforms: with dropout, one (n, width) array of U(0, 1) draws per hidden layer: unit j of
            example i is kept where its draw is >= the drop probability.

    Returns:
        (outputs (n, d_out), new running averages: updated in train mode, unchanged otherwise).
    """
    act = ACTIVATIONS[spec.activation]
    layers, bn = params["layers"], params["bn"]
    h = x
    means, vars_ = [], []
    for i, layer in enumerate(layers):
        z = h @ layer["w"] + layer["b"][None, :]
        if i == len(layers) - 1:
            return z, RegState(tuple(means), tuple(vars_)) if train and bn_on is not None else state
        if bn_on is not None:
            z = jnp.where(bn_on > 0, _bn_layer(z, bn[i], state, i, train, means, vars_), z)
        h = act(z)
        if train and dropout is not None:
            keep = uniforms[i] >= dropout
            h = jnp.where(keep, h / (1.0 - dropout), 0.0)  # inverted: E[h] unchanged
    raise AssertionError("unreachable: the loop returns at the output layer")


def _bn_layer(z, p, state: RegState, i: int, train: bool, means: list, vars_: list):
    """Batch norm of layer ``i``'s pre-activations: batch statistics in train mode (appending the
    updated running averages to ``means`` and ``vars_``), the running averages otherwise."""
    g, b = p["gamma"], p["beta"]
    if not train:
        return (z - state.mean[i][None]) / jnp.sqrt(state.var[i][None] + BN_EPS) * g[None] + b[None]
    out, mean, var = batch_norm_train(z, g, b)
    n, m = z.shape[0], BN_MOMENTUM
    means.append((1 - m) * state.mean[i] + m * mean)
    vars_.append((1 - m) * state.var[i] + m * var * (n / max(n - 1, 1)))  # unbiased, as torch keeps it
    return out


def soft_targets(spec: mlp.MLPSpec, y, smoothing):
    """Targets as probabilities with label smoothing ``smoothing``: (n,) P(class 1) for binary
    problems, (n, K) for K classes; regression targets unchanged."""
    if spec.n_classes == 0:
        return y
    if spec.n_classes == 2:
        return y.astype(jnp.float32) * (1.0 - smoothing) + 0.5 * smoothing
    onehot = jax.nn.one_hot(y, spec.n_classes, dtype=jnp.float32)
    return onehot * (1.0 - smoothing) + smoothing / spec.n_classes


def soft_loss(spec: mlp.MLPSpec, out, t):
    """Per-example loss against soft targets ``t`` (from :func:`soft_targets` or mixed ones).

    Binary: softplus(z) - t z (cross-entropy of a sigmoid against probability t); K classes:
    -sum_k t_k log softmax_k; regression: 0.5 (out - t)^2. With hard targets each equals
    :func:`landscapes.mlp.per_example_loss`.
    """
    if spec.n_classes == 0:
        return 0.5 * (out[:, 0] - t) ** 2
    if spec.n_classes == 2:
        z = out[:, 0]
        return jax.nn.softplus(z) - t * z
    return -jnp.sum(t * jax.nn.log_softmax(out, axis=-1), axis=-1)


def mix(x, t, partner, lam):
    """Mixup of inputs (n, d) and soft targets (n,) or (n, K) with the rows ``partner`` (n,)
    in proportions ``lam`` (n,): the convex combinations lam a + (1 - lam) b."""
    lt = lam.reshape((-1,) + (1,) * (t.ndim - 1))
    return lam[:, None] * x + (1 - lam[:, None]) * x[partner], lt * t + (1 - lt) * t[partner]


def penalty(flat, l2, l1):
    """l2/2 ||w||^2 + l1 ||w||_1 of a flat parameter vector."""
    return 0.5 * l2 * jnp.vdot(flat, flat) + l1 * jnp.sum(jnp.abs(flat))


def evaluate(spec: mlp.MLPSpec, flat, state: RegState, bn_on, x, y):
    """Clean (evaluation-mode) mean loss and accuracy (NaN for regression) on (x, y); ``bn_on``
    as in :func:`forward`."""
    out, _ = forward(spec, unravel(spec, flat), state, x, bn_on=bn_on)
    loss = jnp.mean(mlp.per_example_loss(spec, out, y))
    if spec.n_classes == 0:
        return loss, jnp.asarray(jnp.nan, jnp.float32)
    return loss, jnp.mean((mlp.predict(spec, out) == y).astype(jnp.float32))


class EvalObjective(NamedTuple):
    """``EvalObjective(spec)(w, state, bn_on, x, y)``: the clean training loss as a function of
    the flat weights (hashable: a static argument of the sharpness measurement)."""

    spec: mlp.MLPSpec

    def __call__(self, w, state, bn_on, x, y):
        return evaluate(self.spec, w, state, bn_on, x, y)[0]


def _eval_all(spec, w, state, bn_on, evals):
    cols = []
    for x, y in evals:
        cols.extend(evaluate(spec, w, state, bn_on, x, y))
    cols.append(jnp.linalg.norm(w))
    return jnp.stack(cols)


GAMMA_PROPOSALS = 6  # Marsaglia-Tsang accepts >= 95% of proposals for shape >= 1: all 6 fail < 2e-8


def gamma_draws(key, shape):
    """The standard random numbers :func:`gamma_from` turns into Gamma samples of ``shape``:
    (normals (P,) + shape, uniforms (P,) + shape, uniforms shape) with P = GAMMA_PROPOSALS."""
    k_norm, k_acc, k_boost = jax.random.split(key, 3)
    full = (GAMMA_PROPOSALS,) + tuple(shape)
    return (
        jax.random.normal(k_norm, full, jnp.float32),
        jax.random.uniform(k_acc, full, jnp.float32, minval=1e-12),
        jax.random.uniform(k_boost, tuple(shape), jnp.float32, minval=1e-12),
    )


def gamma_from(draws, a):
    """Gamma(a, 1) samples for a traced shape parameter ``a`` > 0, loop-free.

    Marsaglia & Tsang (2000) with a fixed number of proposals per sample (the first accepted one is
    kept), and Gamma(a) = Gamma(a + 1) U^(1/a) for a < 1. ``jax.random.gamma`` draws with a
    per-element rejection loop, which took ~13 CPU-s for the 2 million draws of one study here.

    Args:
        draws: from :func:`gamma_draws`.
        a: the shape parameter (a scalar).
    """
    x, u, u_boost = draws
    a1 = jnp.where(a < 1, a + 1, a)
    d = a1 - 1.0 / 3.0
    c = 1.0 / jnp.sqrt(9.0 * d)
    v = (1.0 + c * x) ** 3
    ok = (v > 0) & (jnp.log(u) < 0.5 * x * x + d - d * v + d * jnp.log(jnp.where(v > 0, v, 1.0)))
    first = jnp.argmax(ok, axis=0)
    g = d * jnp.take_along_axis(v, first[None], axis=0)[0]
    g = jnp.where(jnp.any(ok, axis=0), g, d)
    return jnp.where(a < 1, g * u_boost ** (1.0 / a), g)


def mixup_from(d1, d2, alpha):
    """Beta(alpha, alpha) as G1 / (G1 + G2) of two Gamma(alpha) samples (:func:`gamma_from`); all 1
    (no mixing) when alpha = 0."""
    a = jnp.maximum(alpha, 1e-3)  # Beta(0, 0) is undefined
    g1, g2 = gamma_from(d1, a), gamma_from(d2, a)
    return jnp.where(alpha > 0, g1 / jnp.maximum(g1 + g2, 1e-30), 1.0)


def mixup_weights(key, alpha, shape):
    """Mixup proportions lam ~ Beta(alpha, alpha) of ``shape``; all 1 (no mixing) when alpha = 0."""
    k1, k2 = jax.random.split(key)
    return mixup_from(gamma_draws(k1, shape), gamma_draws(k2, shape), alpha)


def regularized_update(opt, grad_fn, w, state, hp, *, l2=None, l1=None, weight_decay=None):
    """One step of a registered optimizer with the norm penalties and the decoupled decay.

    L2 and L1 are coupled: their gradient l2 w + l1 sign(w) is added to the data gradient and goes
    through the optimizer. The decoupled decay is applied outside it, from the weights before the
    step: w_new = update(w) - lr * weight_decay * w (torch.optim.AdamW's order: with Adam this is
    AdamW exactly, with SGD it is the same as L2 = weight_decay). None leaves a term out.

    Args:
        opt: an ``optimizers.Optimizer``.
        grad_fn: the data gradient at any point.
        w, state, hp: weights, the optimizer's state and hyperparameters (``hp["lr"]`` the rate).
        l2, l1, weight_decay: strengths (traced) or None.

    Returns:
        (new weights, new optimizer state).
    """
    g_fn = grad_fn
    if l2 is not None or l1 is not None:
        g_fn = lambda v: (
            grad_fn(v) + jax.grad(penalty)(v, 0.0 if l2 is None else l2, 0.0 if l1 is None else l1)
        )
    w_new, s_new, _ = opt.update(g_fn, w, state, hp)
    if weight_decay is not None:
        w_new = w_new - hp["lr"] * weight_decay * w
    return w_new, s_new


def active_of(regs) -> tuple[str, ...]:
    """The regularizers some row of ``regs`` (C, K) switches on, in :data:`REGULARIZERS` order: the
    static structure of a training program (the others are left out of it entirely)."""
    regs = np.asarray(regs).reshape(-1, len(REGULARIZERS))
    on = np.any(regs != 0, axis=0)
    return tuple(name for name, o in zip(REGULARIZERS, on.tolist(), strict=True) if o)


class Draws(NamedTuple):
    """The random numbers of one training step of one run (None where the program has no use)."""

    idx: Any  # (B,) rows of the training set in the mini-batch
    input_noise: Any = None  # (B, d_in) N(0, 1)
    weight_noise: Any = None  # (d,) N(0, 1)
    dropout: Any = None  # tuple of (B, width) U(0, 1), one per hidden layer
    partner: Any = None  # (B,) mixup partners (positions in the batch)
    lam: Any = None  # (B,) mixup proportions


def draw(spec: mlp.MLPSpec, key, runs: int, batch: int, n: int, active: tuple[str, ...]) -> Draws:
    """One step's random numbers for ``runs`` runs at once (leading axis), from one key.

    Drawing for all runs in one call of XLA's generator is what keeps the step fast: a generator
    call per run (vmapped keys) ran run after run and made weight noise alone cost ~4x the training.
    """
    k_idx, k_in, k_wn, k_drop, k_mix = jax.random.split(key, 5)
    d = n_params(spec)
    return Draws(
        idx=jax.random.randint(k_idx, (runs, batch), 0, n),
        input_noise=jax.random.normal(k_in, (runs, batch, spec.sizes[0]))
        if "input_noise" in active
        else None,
        weight_noise=jax.random.normal(k_wn, (runs, d)) if "weight_noise" in active else None,
        dropout=tuple(
            jax.random.uniform(jax.random.fold_in(k_drop, i), (runs, batch, w))
            for i, w in enumerate(spec.sizes[1:-1])
        )
        if "dropout" in active
        else None,
        partner=jax.random.randint(k_mix, (runs, batch), 0, batch) if "mixup" in active else None,
    )


def step_loss(
    spec: mlp.MLPSpec,
    flat,
    state: RegState,
    reg,
    xb,
    yb,
    draws: Draws,
    active: tuple[str, ...] = REGULARIZERS,
):
    """The training loss of one mini-batch with the regularizers of ``reg`` (a strength vector)
    applied, and batch norm's new running averages.

    Args:
        spec, flat, state: the network, its flat weights and running averages.
        reg: (K,) strengths.
        xb, yb: the mini-batch.
        draws: this run's random numbers of the step (:class:`Draws`).
        active: the regularizers in the program (static); the others cost nothing.

    Returns:
        (mean loss, new running averages).
    """
    r = dict(zip(REGULARIZERS, reg, strict=True))
    t = soft_targets(spec, yb, r["label_smoothing"] if "label_smoothing" in active else 0.0)
    if "input_noise" in active:
        xb = xb + r["input_noise"] * draws.input_noise
    if "mixup" in active:
        xb, t = mix(xb, t, draws.partner, draws.lam)
    out, new_state = forward(
        spec,
        unravel(spec, flat),
        state,
        xb,
        train=True,
        bn_on=r["batch_norm"] if "batch_norm" in active else None,
        dropout=r["dropout"] if "dropout" in active else None,
        uniforms=draws.dropout,
    )
    return jnp.mean(soft_loss(spec, out, t)), new_state


@partial(jax.jit, static_argnames=("spec", "opt_name", "batch", "n_steps", "every", "active"))
def train_runs(
    spec: mlp.MLPSpec,
    opt_name: str,
    batch: int,
    n_steps: int,
    every: int,
    train,
    evals,
    hp,
    regs,
    seeds,
    active: tuple[str, ...] = REGULARIZERS,
):
    """Train one network per (configuration, seed), all in one compiled call.

    Every seed starts from the same weights in every configuration (paired comparisons); mini-batches
    are B indices drawn uniformly with replacement each step (the full set when ``batch`` >= n), the
    same in every configuration, and so are a seed's noise, masks and mixup draws. Each step's random
    numbers are drawn for all S seeds in one call, so a seed's numbers depend on S (the starting
    weights do not): 3 seeds and 4 seeds share their initial networks, not their mini-batches.

    Args:
        spec: the network (static; activation one of :data:`ACTIVATIONS`).
        opt_name: a registered optimizer (static); its hyperparameters in ``hp`` (traced).
        batch: mini-batch size (static).
        n_steps: updates (static).
        every: steps between records (static).
        train: (x (n, d), y (n,)) training set.
        evals: tuple of (x, y) sets evaluated at each record (e.g. train, validation, test).
        hp: optimizer hyperparameters, name -> scalar.
        regs: (C, len(REGULARIZERS)) strengths, one row per configuration (traced).
        seeds: (S,) uint32.
        active: the regularizers the program contains (static; :func:`active_of` of ``regs``, or
            more): toggling one is a new program, moving a strength is not.

    Returns:
        (w (C, S, d) final flat weights, state (running averages, leading (C, S)), records
        (C, S, n_rec + 1, 2 * len(evals) + 1): loss and accuracy on each eval set, then the
        weights' norm, at steps 0, every, ..., n_steps).
    """
    opt = optimizers.get(opt_name)
    x_tr, y_tr = train
    n = x_tr.shape[0]
    n_rec = -(-n_steps // every)
    ts = jnp.arange(n_rec * every, dtype=jnp.int32).reshape(n_rec, every)
    b = min(batch, n)
    c, s = regs.shape[0], seeds.shape[0]
    runs = c * s
    seed_of = jnp.tile(jnp.arange(s), c)  # run r = (configuration r // S, seed r % S)
    reg_r = jnp.repeat(regs, s, axis=0)
    w0 = jax.vmap(lambda seed: ravel_pytree(init_params(spec, jax.random.PRNGKey(seed)))[0])(seeds)[seed_of]
    hp_t = {k: jnp.asarray(v, w0.dtype) for k, v in hp.items()}
    # the training noise comes from XLA's own generator, one key per step for every run: seed s's
    # numbers are shared by every configuration (paired comparisons); threefry's unrolled rounds
    # made the program compile 2x slower and run 3x slower here
    key = jax.random.key(jnp.sum(seeds.astype(jnp.uint32) * jnp.uint32(2654435761)), impl=PRNG)
    key, mix_key = jax.random.split(key)
    wn_key = jax.random.fold_in(
        mix_key, 0xFFFFFFFF
    )  # mixup folds in the chunks' first steps, all far below it
    bn_on = reg_r[:, REGULARIZERS.index("batch_norm")] if "batch_norm" in active else None

    def one_step(w, st, s_opt, reg, draws):
        r = dict(zip(REGULARIZERS, reg, strict=True))
        xb, yb = (x_tr[draws.idx], y_tr[draws.idx]) if b < n else (x_tr, y_tr)
        noise = r["weight_noise"] * draws.weight_noise if "weight_noise" in active else 0.0
        loss_at = lambda v: step_loss(spec, v + noise, st, reg, xb, yb, draws, active)
        # batch norm's running averages follow the batch at the current weights (a forward pass that
        # XLA shares with the gradient's at w)
        new_st = loss_at(w)[1] if "batch_norm" in active else st
        w_new, s_new = regularized_update(
            opt,
            lambda v: jax.grad(lambda u: loss_at(u)[0])(v),
            w,
            s_opt,
            hp_t,
            l2=r["l2"] if "l2" in active else None,
            l1=r["l1"] if "l1" in active else None,
            weight_decay=r["weight_decay"] if "weight_decay" in active else None,
        )
        return w_new, new_st, s_new

    # weight noise: drawn a chunk at a time unless that array is large (then step by step)
    chunk_noise = "weight_noise" in active and every * s * w0.shape[-1] <= CHUNK_NOISE_FLOATS
    step_draws = tuple(a for a in active if a != "weight_noise" or not chunk_noise)

    def step(carry, inp):
        t, lam, wn = inp
        w, st, s_opt = carry
        d = draw(spec, jax.random.fold_in(key, t), s, b, n, step_draws)
        if wn is not None:
            d = d._replace(weight_noise=wn)
        d = jax.tree.map(lambda a: a[seed_of], d)._replace(lam=lam)
        w_new, st_new, s_new = jax.vmap(one_step)(w, st, s_opt, reg_r, d)
        live = t < n_steps
        keep = lambda a, old: jnp.where(live, a, old)
        return (keep(w_new, w), jax.tree.map(keep, st_new, st), jax.tree.map(keep, s_new, s_opt)), None

    def evals_of(w, st):
        if bn_on is None:
            return jax.vmap(lambda wi, sti: _eval_all(spec, wi, sti, None, evals))(w, st)
        return jax.vmap(lambda wi, sti, bi: _eval_all(spec, wi, sti, bi, evals))(w, st, bn_on)

    def chunk(carry, ts_chunk):
        lam = None
        if "mixup" in active:
            # one Beta draw per chunk (Gamma sampling is the costly part), per seed, shared by configurations
            k = jax.random.fold_in(mix_key, ts_chunk[0])
            alpha = reg_r[:, REGULARIZERS.index("mixup")]
            k1, k2 = jax.random.split(k)
            pick = lambda t: (t[0][:, seed_of], t[1][:, seed_of], t[2][seed_of])  # seed draws -> runs
            d1, d2 = pick(gamma_draws(k1, (s, every, b))), pick(gamma_draws(k2, (s, every, b)))
            lam = jax.vmap(mixup_from, in_axes=((1, 1, 0), (1, 1, 0), 0))(d1, d2, alpha)
            lam = jnp.swapaxes(lam, 0, 1)  # (every, runs, B): scanned over steps
        wn = None
        if chunk_noise:
            # a chunk's weight noise in one call of the generator: one call per step cost 3x more
            wn = jax.random.normal(jax.random.fold_in(wn_key, ts_chunk[0]), (every, s, w0.shape[-1]))
        carry, _ = jax.lax.scan(step, carry, (ts_chunk, lam, wn))
        return carry, evals_of(carry[0], carry[1])

    st0 = jax.tree.map(lambda a: jnp.broadcast_to(a, (runs,) + a.shape), init_state(spec))
    s_opt0 = jax.vmap(lambda w: opt.init(w, hp_t))(w0)
    (w, st, _), recs = jax.lax.scan(chunk, (w0, st0, s_opt0), ts)
    out = (w, st, jnp.concatenate([evals_of(w0, st0)[None], recs]).swapaxes(0, 1))
    return jax.tree.map(lambda a: a.reshape((c, s) + a.shape[1:]), out)
