"""A small MLP with every regularizer of the lecture as a traced strength, and its training loop.

The network is :mod:`landscapes.mlp`'s (its layers, initialisation and losses), plus, per hidden
layer, a batch-norm scale and shift. Each regularizer is one number in a strength vector (see
:data:`REGULARIZERS`); zero switches it off. Because the strengths are traced, one compiled program
trains any mix of regularizers: :func:`train_runs` vmaps over configurations (rows of strengths)
and seeds at once, so moving a slider never recompiles and a side-by-side comparison is one call.

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
    spec: mlp.MLPSpec, params, state: RegState, x, *, bn_on=None, train: bool = False, dropout=None, key=None
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
        key: PRNG key of the dropout masks (train mode).

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
            keep = jax.random.uniform(jax.random.fold_in(key, i), h.shape) >= dropout
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


def gamma_samples(key, a, shape):
    """Gamma(a, 1) samples of ``shape`` for a traced shape parameter ``a`` > 0, loop-free.

    Marsaglia & Tsang (2000) with a fixed number of proposals per sample (the first accepted one is
    kept), and Gamma(a) = Gamma(a + 1) U^(1/a) for a < 1. ``jax.random.gamma`` draws with a
    per-element rejection loop, which took ~13 CPU-s for the 2 million draws of one study here.
    """
    k_norm, k_acc, k_boost = jax.random.split(key, 3)
    a1 = jnp.where(a < 1, a + 1, a)
    d = a1 - 1.0 / 3.0
    c = 1.0 / jnp.sqrt(9.0 * d)
    x = jax.random.normal(k_norm, (GAMMA_PROPOSALS,) + shape, jnp.float32)
    u = jax.random.uniform(k_acc, (GAMMA_PROPOSALS,) + shape, jnp.float32, minval=1e-12)
    v = (1.0 + c * x) ** 3
    ok = (v > 0) & (jnp.log(u) < 0.5 * x * x + d - d * v + d * jnp.log(jnp.where(v > 0, v, 1.0)))
    first = jnp.argmax(ok, axis=0)
    g = d * jnp.take_along_axis(v, first[None], axis=0)[0]
    g = jnp.where(jnp.any(ok, axis=0), g, d)
    boost = jax.random.uniform(k_boost, shape, jnp.float32, minval=1e-12) ** (1.0 / a)
    return jnp.where(a < 1, g * boost, g)


def mixup_weights(key, alpha, shape):
    """Mixup proportions lam ~ Beta(alpha, alpha) of ``shape`` (as G1 / (G1 + G2) of two Gamma(alpha)
    draws); all 1 (no mixing) when alpha = 0."""
    a = jnp.maximum(alpha, 1e-3)  # Beta(0, 0) is undefined
    k1, k2 = jax.random.split(key)
    g1, g2 = gamma_samples(k1, a, shape), gamma_samples(k2, a, shape)
    return jnp.where(alpha > 0, g1 / jnp.maximum(g1 + g2, 1e-30), 1.0)


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
    regs = jnp.asarray(regs).reshape(-1, len(REGULARIZERS))
    on = jnp.any(regs != 0, axis=0)
    return tuple(name for name, o in zip(REGULARIZERS, on.tolist(), strict=True) if o)


def step_loss(
    spec: mlp.MLPSpec,
    flat,
    state: RegState,
    reg,
    xb,
    yb,
    key,
    lam=None,
    active: tuple[str, ...] = REGULARIZERS,
):
    """The training loss of one mini-batch with the regularizers of ``reg`` (a strength vector)
    applied, and batch norm's new running averages.

    Args:
        spec, flat, state: the network, its flat weights and running averages.
        reg: (K,) strengths.
        xb, yb: the mini-batch.
        key: noise and masks come from it.
        lam: (n,) mixup proportions (:func:`mixup_weights`, drawn outside: Beta sampling loops).
        active: the regularizers in the program (static); the others cost nothing.

    Returns:
        (mean loss, new running averages).
    """
    r = dict(zip(REGULARIZERS, reg, strict=True))
    k_in, k_mix, k_drop = jax.random.split(key, 3)
    t = soft_targets(spec, yb, r["label_smoothing"] if "label_smoothing" in active else 0.0)
    if "input_noise" in active:
        xb = xb + r["input_noise"] * jax.random.normal(k_in, xb.shape, xb.dtype)
    if "mixup" in active:
        n = xb.shape[0]
        xb, t = mix(xb, t, jax.random.randint(k_mix, (n,), 0, n), lam)
    out, new_state = forward(
        spec,
        unravel(spec, flat),
        state,
        xb,
        train=True,
        bn_on=r["batch_norm"] if "batch_norm" in active else None,
        dropout=r["dropout"] if "dropout" in active else None,
        key=k_drop,
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
    same in every configuration.

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

    def one(reg, seed):
        w0, _ = ravel_pytree(init_params(spec, jax.random.PRNGKey(seed)))
        # the training noise comes from XLA's own generator: threefry's unrolled rounds made the
        # program compile 2x slower and run 3x slower here
        key = jax.random.key(seed, impl=PRNG)
        hp_t = {k: jnp.asarray(v, w0.dtype) for k, v in hp.items()}
        r = dict(zip(REGULARIZERS, reg, strict=True))
        data_key, mix_key = jax.random.fold_in(key, 1), jax.random.fold_in(key, 2)
        bn_on = r["batch_norm"] if "batch_norm" in active else None

        def step(carry, inp):
            t, lam = inp
            w, st, s_opt = carry
            k_idx, k_loss, k_wn = jax.random.split(jax.random.fold_in(data_key, t), 3)
            if b < n:
                idx = jax.random.randint(k_idx, (b,), 0, n)
                xb, yb = x_tr[idx], y_tr[idx]
            else:
                xb, yb = x_tr, y_tr
            noise = 0.0
            if "weight_noise" in active:
                noise = r["weight_noise"] * jax.random.normal(k_wn, w.shape, w.dtype)
            loss_at = lambda v: step_loss(spec, v + noise, st, reg, xb, yb, k_loss, lam, active)
            # batch norm's running averages follow the batch at the current weights (a forward pass
            # that XLA shares with the gradient's at w)
            new_st = loss_at(w)[1] if bn_on is not None else st

            l2 = r["l2"] if "l2" in active else None
            l1 = r["l1"] if "l1" in active else None
            decay = r["weight_decay"] if "weight_decay" in active else None
            w_new, s_new = regularized_update(
                opt,
                lambda v: jax.grad(lambda u: loss_at(u)[0])(v),
                w,
                s_opt,
                hp_t,
                l2=l2,
                l1=l1,
                weight_decay=decay,
            )
            live = t < n_steps
            keep = lambda a, c: jnp.where(live, a, c)
            return (keep(w_new, w), jax.tree.map(keep, new_st, st), jax.tree.map(keep, s_new, s_opt)), None

        def chunk(carry, ts_chunk):
            lam = None
            if "mixup" in active:
                # one Beta draw per chunk: its sampling runs once for all of the chunk's steps
                lam = mixup_weights(jax.random.fold_in(mix_key, ts_chunk[0]), r["mixup"], (every, b))
            carry, _ = jax.lax.scan(step, carry, (ts_chunk, lam))
            return carry, _eval_all(spec, carry[0], carry[1], bn_on, evals)

        st0 = init_state(spec)
        (w, st, _), recs = jax.lax.scan(chunk, (w0, st0, opt.init(w0, hp_t)), ts)
        first = _eval_all(spec, w0, st0, bn_on, evals)
        return w, st, jnp.concatenate([first[None], recs])

    c, s = regs.shape[0], seeds.shape[0]
    out = jax.vmap(one)(jnp.repeat(regs, s, axis=0), jnp.tile(seeds, c))
    return jax.tree.map(lambda a: a.reshape((c, s) + a.shape[1:]), out)
