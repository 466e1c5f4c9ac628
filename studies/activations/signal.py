"""Signal propagation through a deep random network at initialization, measured and predicted.

The network: ``depth`` layers of ``width`` units, inputs ``x ~ N(0, I)`` of dimension ``width``
(so every layer is square and Xavier's 2/(n_in + n_out) equals LeCun's 1/n_in), weights
``W_l = std * G_l`` with ``G_l`` unit-variance draws (normal or uniform, :mod:`landscapes.activations`)
and biases ``b_l = sigma_b * N(0, 1)``. Every activation and initializer uses the SAME draws ``G_l``
(only their scale differs), so the pictures compare like with like.

Forward: ``z_l = h_{l-1} W_l + b_l``, ``h_l = phi(z_l)``. Backward: a random unit-variance signal
``g`` is sent into the last layer and back-propagated, ``delta_L = g * phi'(z_L)``,
``delta_l = phi'(z_l) * (delta_{l+1} W_{l+1}^T)``: the gradient ``dL/dz_l`` of ``L = sum g * h_L``.
Its size is tracked in log space (each layer's delta is rescaled to unit RMS and the scale is
accumulated), so a gradient of 1e-60 is measured instead of underflowing float32.

Per layer: the mean square of z (the mean-field ``q_l``), the standard deviations of z and h, the
mean of h, the fraction of values where phi' is flat (below 5% of its largest slope: saturated, or
ReLU's inactive side), the fraction of units flat on every input ("stuck"), the fraction of units
with ``z <= 0`` on every input (dead, for the ReLU family), a histogram of h (equal bins), the RMS
of the back-propagated gradient and a histogram of its size (log10 |dL/dz| in equal bins, so a
gradient that vanishes or explodes moves across the picture, plus a column of exact zeros: ReLU's
inactive side). Statistics and histograms are computed in the same jitted pass as the network, layer
by layer: only (pairs x layers x bins) numbers leave it. The depth is traced (a ``fori_loop`` with a
traced trip count): a new depth, gain, bias scale, activation or initializer reuses one compiled
program per width and number of inputs.

The every-pair grid (:func:`propagate_all`) needs only each pair's first and last layer: it skips the
histograms, multiplies bfloat16 operands with float32 sums (XLA:CPU runs those products ~2.6x faster
on this project's Xeon, which has AVX-512 BF16 and AMX; everything else stays float32) and splits the
pairs over the CPU devices (one per core, :mod:`optimizers.xla_cpu`). Rounding the operands to 8
significant bits perturbs each layer by ~0.2% at random, a network of the same distribution: the
grid's ratios agree with the float32 pass of the same draws within a few percent over 50 layers
(tests/test_activations.py), far inside the factor-of-100 verdicts it shows. The selected pair's
own view is float32.
"""

from __future__ import annotations

import functools
import math
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from landscapes import activations as acts
from optimizers import devices

from . import meanfield

MAX_DEPTH = 50
MAX_WIDTH = 512
MIN_WIDTH = 16
INPUT_CHOICES = (256, 512, 1024)
N_BINS = 40  # equal bins of the activation values
G_BINS = 40  # equal bins of log10 |dL/dz| (the gradient histogram has one more column: exact zeros)
G_BELOW, G_ABOVE = 3.0, 1.5  # the gradient bins reach this many decades below / above the theory's RMS
MAX_GAIN = 2.0
MAX_SIGMA_B = 1.0
MAX_SEED = 99
VANISH = 1e-2  # a standard deviation (or gradient RMS) below 1% of the first layer's has vanished
EXPLODE = 1e2  # above 100 times it has exploded


class SignalConfig(NamedTuple):
    """One network at initialization (hashable: a cache key)."""

    activation: str = "tanh"
    init: str = "xavier"
    dist: str = "normal"
    gain: float = 1.0
    sigma_b: float = 0.0
    depth: int = 50
    width: int = 512
    n_inputs: int = 1024
    seed: int = 0


class Propagation(NamedTuple):
    """Per-layer statistics of one or more activation x initializer pairs. Axes: pair, layer."""

    activations: tuple[str, ...]  # (P,)
    inits: tuple[str, ...]  # (P,)
    q: np.ndarray  # (P, L) measured mean square of the pre-activations z
    z_std: np.ndarray  # (P, L)
    h_std: np.ndarray  # (P, L) standard deviation of the activations phi(z)
    h_mean: np.ndarray  # (P, L)
    flat: np.ndarray  # (P, L) fraction of values with |phi'(z)| below 5% of its largest
    stuck: np.ndarray  # (P, L) fraction of units flat on every input
    dead: np.ndarray  # (P, L) fraction of units with z <= 0 on every input
    grad_log10: np.ndarray  # (P, L) log10 of the RMS of dL/dz_l (-inf: exactly zero)
    hist: np.ndarray  # (P, L, N_BINS) fraction of activation values in each bin
    hist_range: np.ndarray  # (P, 2) the histogram's [low, high] (end bins hold what lies beyond)
    grad_hist: np.ndarray  # (P, L, 1 + G_BINS) fraction of dL/dz values: exactly 0, then log10 |.| bins
    grad_range: np.ndarray  # (P, 2) [low, high] of the log10 |dL/dz| bins (end bins hold what lies beyond)
    theory_q: np.ndarray  # (P, L) mean-field q_l
    theory_grad_log10: np.ndarray  # (P, L) mean-field log10 RMS of dL/dz_l
    sigma_w2: np.ndarray  # (P,) n_in * Var(W)
    config: SignalConfig

    @property
    def layers(self) -> np.ndarray:
        """(L,) layer numbers 1..L."""
        return np.arange(1, self.q.shape[1] + 1)

    @property
    def grad_rms(self) -> np.ndarray:
        """(P, L) RMS of dL/dz_l (float64; 0 where it is exactly zero)."""
        return 10.0**self.grad_log10


def validate(cfg: SignalConfig) -> None:
    """Raise ValueError naming the first bad value of ``cfg`` and its valid range or choices."""
    acts.check_activation(cfg.activation)
    if cfg.init not in acts.INITS:
        raise ValueError(f"Unknown init {cfg.init!r}; choose one of: {', '.join(acts.INITS)}")
    if cfg.dist not in acts.DISTS:
        raise ValueError(f"Unknown distribution {cfg.dist!r}; choose one of: {', '.join(acts.DISTS)}")
    if not 0.1 <= cfg.gain <= MAX_GAIN:
        raise ValueError(f"gain = {cfg.gain} is outside [0.1, {MAX_GAIN}]")
    if not 0.0 <= cfg.sigma_b <= MAX_SIGMA_B:
        raise ValueError(f"sigma_b = {cfg.sigma_b} is outside [0, {MAX_SIGMA_B}]")
    if not 2 <= cfg.depth <= MAX_DEPTH:
        raise ValueError(f"depth = {cfg.depth} is outside [2, {MAX_DEPTH}]")
    if not MIN_WIDTH <= cfg.width <= MAX_WIDTH:
        raise ValueError(f"width = {cfg.width} is outside [{MIN_WIDTH}, {MAX_WIDTH}]")
    if cfg.n_inputs not in INPUT_CHOICES:
        raise ValueError(f"n_inputs = {cfg.n_inputs}; choose one of: {', '.join(map(str, INPUT_CHOICES))}")
    if not 0 <= cfg.seed <= MAX_SEED:
        raise ValueError(f"seed = {cfg.seed} is outside [0, {MAX_SEED}]")


def sigma_w2(init: str, width: int, gain: float) -> float:
    """n_in * Var(W) of a square layer: 1 for LeCun and Xavier, 2 for He, times gain^2."""
    return width * acts.variance(init, width, width, gain)


@functools.partial(jax.jit, static_argnames=("dist", "width", "n_inputs"))
def _draw(seed, dist: str, width: int, n_inputs: int):
    key = jax.random.PRNGKey(seed)
    layer_keys = jax.vmap(lambda i: jax.random.fold_in(key, i))(jnp.arange(MAX_DEPTH))
    w = jax.vmap(lambda k: acts.base_draw(k, dist, (width, width)))(layer_keys)
    b = jax.random.normal(jax.random.fold_in(key, 1002), (MAX_DEPTH, width), jnp.float32)
    x = jax.random.normal(jax.random.fold_in(key, 1000), (n_inputs, width), jnp.float32)
    g = jax.random.normal(jax.random.fold_in(key, 1001), (n_inputs, width), jnp.float32)
    return w, b, x, g


@functools.lru_cache(maxsize=3)
def base_draws(seed: int, dist: str, width: int, n_inputs: int):
    """The unit-variance weight draws (MAX_DEPTH, width, width), bias draws (MAX_DEPTH, width),
    inputs (n_inputs, width) and the random signal sent back from the top (n_inputs, width).

    Layer l's weights come from ``fold_in(PRNGKey(seed), l)``, so ``std * w[l]`` is exactly what
    ``jax.nn.initializers.variance_scaling`` draws with that key. Kept (a few sets at most, 52 MB
    each at width 512): drawing 13 million numbers costs more than the network does.
    """
    return _draw(np.uint32(seed), dist, width, n_inputs)


THRESHOLDS = np.asarray([acts.flat_threshold(n) for n in acts.ACTIVATIONS], np.float32)


def bin_edges(lo: float, hi: float, n: int) -> np.ndarray:
    """The ``n + 1`` edges of ``n`` equal bins over [lo, hi] in float32: the very numbers the jitted
    pass compares values with (so NumPy, given them, bins alike)."""
    return np.linspace(lo, hi, n + 1).astype(np.float32)


def _bin_index(values, edges, exact: bool = True):
    """The bin of each value (flattened) among the equal bins of ``edges``, the end bins taking what
    lies beyond. Estimated arithmetically, then (``exact``) checked against the edges themselves, so
    that a value next to an edge lands where NumPy puts it."""
    n = edges.shape[0] - 1
    v = values.ravel()
    k = jnp.clip(jnp.floor((v - edges[0]) * (n / (edges[n] - edges[0]))), 0, n - 1).astype(jnp.int32)
    if not exact:
        return k
    k = jnp.where((v < edges[k]) & (k > 0), k - 1, k)
    return jnp.where((v >= edges[k + 1]) & (k < n - 1), k + 1, k)


def histogram_counts(values, edges):
    """Counts of ``values`` in the equal bins of ``edges`` (JAX-traceable): bin k holds
    ``edges[k] <= v < edges[k + 1]``, the last one also ``edges[-1]``; values below the first edge
    count in the first bin, above the last in the last. Equals
    ``numpy.histogram(numpy.clip(values, edges[0], edges[-1]), edges)``."""
    return jnp.bincount(_bin_index(values, edges), length=edges.shape[0] - 1)


def gradient_counts(delta, log_scale, edges):
    """Counts of the gradient ``delta * 10**log_scale`` (JAX-traceable): column 0 holds the exact
    zeros, columns 1.. the equal bins of log10 |value| over ``edges`` (end bins hold what lies
    beyond). ``delta`` is kept near unit RMS and ``log_scale`` carries its size, so a gradient far
    below float32's range is still binned. The logarithm is itself rounded, so the bin is the
    arithmetic estimate alone (checking it against the edges added ~5% to the pass and could
    not make it exact)."""
    zero = (delta == 0).ravel()
    logs = jnp.log10(jnp.where(zero, 1.0, jnp.abs(delta.ravel()))) + log_scale
    k = _bin_index(logs, edges, exact=False)
    return jnp.bincount(jnp.where(zero, 0, k + 1), length=edges.shape[0])


def _moments(a):
    """Mean and standard deviation of every value of ``a`` (rows x units), in one read: per-unit sums,
    then the units combined (Chan's formula: the spread of the unit means is added exactly, not
    cancelled against the overall mean square)."""
    n = a.shape[0]
    col_mean = jnp.sum(a, axis=0) / n
    col_var = jnp.maximum(jnp.sum(a * a, axis=0) / n - col_mean * col_mean, 0.0)
    mean = jnp.mean(col_mean)
    return mean, jnp.sqrt(jnp.mean(col_var) + jnp.mean((col_mean - mean) ** 2))


def _layer_row(z, h, s, thr):
    """One layer's statistics: mean square of z, std of z and h, mean of h, fraction of flat values,
    fraction of units flat on every input, fraction of units with z <= 0 on every input."""
    flat = jnp.abs(s) < thr
    z_mean, z_std = _moments(z)
    h_mean, h_std = _moments(h)
    return jnp.stack(
        [
            z_std * z_std + z_mean * z_mean,
            z_std,
            h_std,
            h_mean,
            jnp.mean(flat.astype(jnp.float32)),
            jnp.mean(jnp.all(flat, axis=0).astype(jnp.float32)),
            jnp.mean((jnp.max(z, axis=0) <= 0).astype(jnp.float32)),
        ]
    )


PRODUCTS = ("float32", "bfloat16")  # the operands of the layers' matrix products (sums are float32)
GRID_PRODUCTS = "bfloat16"  # the every-pair grid's (propagate_all)


def _products(products: str):
    """(forward, backward) products ``h @ W`` and ``u @ W.T`` with ``products`` operands, float32 sums."""
    if products == "float32":
        return (lambda h, wl: h @ wl), (lambda u, wl: u @ wl.T)
    low = jnp.bfloat16

    def forward(h, wl):
        return jnp.dot(h.astype(low), wl, preferred_element_type=jnp.float32)

    def backward(u, wl):  # contract with W's second axis: no transposed copy of W per layer
        return jax.lax.dot_general(
            u.astype(low), wl, (((1,), (1,)), ((), ())), preferred_element_type=jnp.float32
        )

    return forward, backward


@functools.partial(jax.jit, static_argnames=("histograms", "products"))
def _propagate(base, act_index, w_std, sigma_b, depth, edges, g_edges, histograms=True, products="float32"):
    """Statistics of each pair (act_index[p], w_std[p]), one pair after another (``lax.map``), with
    its activation-histogram edges ``edges[p]`` and gradient-histogram edges ``g_edges[p]`` (no
    histograms, (layers, 0) arrays, unless ``histograms``); ``products``: the matrix products'
    operand type (:data:`PRODUCTS`)."""
    w, b, x, g = base
    n_layers = w.shape[0]
    n_values = x.shape[0] * x.shape[1]
    fwd_product, bwd_product = _products(products)
    if products != "float32":
        w = w.astype(jnp.bfloat16)  # once per call, not per layer and pair

    def one(args):
        act, std, edges_p, g_edges_p = args
        thr = jnp.asarray(THRESHOLDS)[act]

        def forward(i, carry):
            h, slopes, stats, hist = carry
            z = std * fwd_product(h, w[i]) + sigma_b * b[i][None, :]
            h_new, s = acts.by_index(act, z)
            return (
                h_new,
                slopes.at[i].set(s),
                stats.at[i].set(_layer_row(z, h_new, s, thr)),
                hist.at[i].set(histogram_counts(h_new, edges_p)) if histograms else hist,
            )

        init = (
            x,
            jnp.zeros((n_layers,) + x.shape, jnp.float32),
            jnp.zeros((n_layers, 7), jnp.float32),
            jnp.zeros((n_layers, edges_p.shape[0] - 1 if histograms else 0), jnp.int32),
        )
        _, slopes, stats, hist = jax.lax.fori_loop(0, depth, forward, init)

        def measured(u, scale):
            # a layer's gradient is u * 10**scale: u stays near unit RMS (the layer above's RMS is
            # divided out inside the product, a scalar factor: no pass over the values), its size is
            # accumulated in ``scale``, so a gradient far below float32's range is still measured;
            # an exactly zero gradient gives -inf
            rms = jnp.sqrt(jnp.mean(u * u))
            ok = rms > 0
            safe = jnp.where(ok, rms, 1.0)
            return safe, jnp.where(ok, scale + jnp.log10(safe), -jnp.inf)

        top = g * slopes[depth - 1]
        top_rms, top_log = measured(top, jnp.float32(0.0))
        logs = jnp.full((n_layers,), -jnp.inf, jnp.float32).at[depth - 1].set(top_log)
        g_hist = jnp.zeros((n_layers, g_edges_p.shape[0] if histograms else 0), jnp.int32)
        if histograms:
            g_hist = g_hist.at[depth - 1].set(gradient_counts(top, jnp.float32(0.0), g_edges_p))

        def backward(k, carry):
            u, rms, scale, logs, g_hist = carry  # the layer above: its u, RMS of u, log10 RMS
            i = depth - 2 - k
            u = slopes[i] * ((std / rms) * bwd_product(u, w[i + 1]))  # this layer's gradient / 10**scale
            rms, log_rms = measured(u, scale)
            return (
                u,
                rms,
                log_rms,
                logs.at[i].set(log_rms),
                g_hist.at[i].set(gradient_counts(u, scale, g_edges_p)) if histograms else g_hist,
            )

        carry = (top, top_rms, top_log, logs, g_hist)
        _, _, _, logs, g_hist = jax.lax.fori_loop(0, depth - 1, backward, carry)
        return stats, logs, hist.astype(jnp.float32) / n_values, g_hist.astype(jnp.float32) / n_values

    return jax.lax.map(one, (act_index, w_std, edges, g_edges))


def _hist_range(name: str, q1: float) -> tuple[float, float]:
    """Where the activation histograms look: a bounded activation's range; otherwise [-s, 3 s] with
    s the mean-field RMS of the first layer's activations."""
    if name in acts.BOUNDS:
        return acts.BOUNDS[name]
    s = math.sqrt(max(float(meanfield.second_moment(name, q1)), 1e-12))
    return -s, 3.0 * s


def _grad_range(theory_log10: np.ndarray) -> tuple[float, float]:
    """Where the gradient histograms look (log10 |dL/dz|): whole decades from G_BELOW below the
    smallest to G_ABOVE above the largest mean-field RMS over the layers."""
    finite = theory_log10[np.isfinite(theory_log10)]
    if finite.size == 0:
        return -10.0, 1.0
    return float(math.floor(finite.min() - G_BELOW)), float(math.ceil(finite.max() + G_ABOVE))


def propagate(
    cfg: SignalConfig,
    pairs: tuple[tuple[str, str], ...] | None = None,
    *,
    histograms: bool = True,
    products: str = "float32",
) -> Propagation:
    """Measure (and predict) the per-layer statistics of ``pairs`` of (activation, init).

    Args:
        cfg: the network; its activation and init are the pair measured when ``pairs`` is None.
        pairs: (activation, init) pairs, all with ``cfg``'s distribution, gain, bias scale, depth,
            width, inputs and draws.
        histograms: also the activation and gradient histograms (else ``hist`` and ``grad_hist``
            are (pairs, layers, 0) arrays).
        products: the operand type of the layers' matrix products, "float32" or "bfloat16" (with
            float32 sums).

    Returns:
        :class:`Propagation` (arrays cut to ``cfg.depth`` layers).

    Raises:
        ValueError: a bad config, pair or products (the message names it).
    """
    return _finish(_launch(cfg, pairs, histograms=histograms, products=products))


class _Launched(NamedTuple):
    """A :func:`_propagate` call dispatched (its device arrays may still be computing) and what the
    host computed beside it."""

    cfg: SignalConfig
    pairs: tuple[tuple[str, str], ...]
    ranges: np.ndarray
    g_ranges: np.ndarray
    theory_q: np.ndarray
    theory_grad_log10: np.ndarray
    sigma_w2: np.ndarray
    out: tuple  # (stats, logs, hist, g_hist) device arrays


@functools.lru_cache(maxsize=3)
def _mean_square_inputs(seed: int, dist: str, width: int, n_inputs: int) -> float:
    """E[x^2] of :func:`base_draws`' inputs, once per network: asked of the first device at every
    call, it waited there behind the call before, and the grid's calls ran one after another."""
    x = base_draws(seed, dist, width, n_inputs)[2]
    return float(jnp.mean(x * x))


@functools.lru_cache(maxsize=2)
def _draws_on(seed: int, dist: str, width: int, n_inputs: int, device) -> tuple:
    """:func:`base_draws` copied to ``device`` (kept: a copy per device and network, two at most)."""
    return jax.device_put(base_draws(seed, dist, width, n_inputs), device)


def _launch(cfg, pairs, *, histograms=True, products="float32", device=None) -> _Launched:
    """Validate, predict, and dispatch the measurement of ``pairs`` on ``device`` (None: JAX's
    default), without waiting for it."""
    validate(cfg)
    if products not in PRODUCTS:
        raise ValueError(f"products = {products!r}; choose one of: {', '.join(PRODUCTS)}")
    pairs = tuple(pairs) if pairs is not None else ((cfg.activation, cfg.init),)
    for a, i in pairs:
        validate(cfg._replace(activation=a, init=i))
    base = base_draws(cfg.seed, cfg.dist, cfg.width, cfg.n_inputs)
    mean_x2 = _mean_square_inputs(cfg.seed, cfg.dist, cfg.width, cfg.n_inputs)
    if device is not None and device not in base[0].devices():
        base = _draws_on(cfg.seed, cfg.dist, cfg.width, cfg.n_inputs, device)
    s2 = np.array([sigma_w2(i, cfg.width, cfg.gain) for _, i in pairs])
    q1 = s2 * mean_x2 + cfg.sigma_b**2
    tq = np.stack(
        [
            meanfield.variance_curve(a, q, s, cfg.sigma_b**2, cfg.depth)
            for (a, _), q, s in zip(pairs, q1, s2, strict=True)
        ]
    )
    with np.errstate(divide="ignore"):
        tg = np.stack(
            [
                0.5 * np.log10(meanfield.gradient_curve(a, q, s))
                for (a, _), q, s in zip(pairs, tq, s2, strict=True)
            ]
        )
    ranges = np.array([_hist_range(a, q) for (a, _), q in zip(pairs, q1, strict=True)], np.float32)
    g_ranges = np.array([_grad_range(t) for t in tg], np.float32)
    out = _propagate(
        base,
        np.asarray([acts.ACTIVATIONS.index(a) for a, _ in pairs], np.int32),
        np.asarray(np.sqrt(s2 / cfg.width), np.float32),
        np.float32(cfg.sigma_b),
        np.int32(cfg.depth),
        np.stack([bin_edges(lo, hi, N_BINS) for lo, hi in ranges]),
        np.stack([bin_edges(lo, hi, G_BINS) for lo, hi in g_ranges]),
        histograms=histograms,
        products=products,
    )
    return _Launched(cfg, pairs, ranges, g_ranges, tq, tg, s2, out)


def _finish(run: _Launched) -> Propagation:
    """Wait for a launched measurement and assemble its :class:`Propagation`."""
    cfg, pairs = run.cfg, run.pairs
    stats, logs, hist, g_hist = (np.asarray(a)[:, : cfg.depth] for a in run.out)
    return Propagation(
        activations=tuple(a for a, _ in pairs),
        inits=tuple(i for _, i in pairs),
        q=stats[..., 0].astype(np.float64),
        z_std=stats[..., 1],
        h_std=stats[..., 2],
        h_mean=stats[..., 3],
        flat=stats[..., 4],
        stuck=stats[..., 5],
        dead=stats[..., 6],
        grad_log10=logs.astype(np.float64),
        hist=hist,
        hist_range=run.ranges,
        grad_hist=g_hist,
        grad_range=run.g_ranges,
        theory_q=run.theory_q,
        theory_grad_log10=run.theory_grad_log10,
        sigma_w2=run.sigma_w2,
        config=cfg,
    )


def propagate_one(cfg: SignalConfig, progress=None) -> Propagation:
    """:func:`propagate` of ``cfg``'s own pair, with a job's ``progress`` keyword (called once)."""
    if progress is not None:
        progress(0.0, ("signal", 0, 0, 0))
    return propagate(cfg)


def all_pairs() -> tuple[tuple[str, str], ...]:
    """Every activation x initializer pair, activation-major."""
    return tuple((a, i) for a in acts.ACTIVATIONS for i in acts.INITS)


def _concat(parts: list[Propagation]) -> Propagation:
    """Pairs of several :class:`Propagation` of one network, in order, as one."""
    arrays = {
        f: np.concatenate([getattr(p, f) for p in parts])
        for f in Propagation._fields
        if isinstance(getattr(parts[0], f), np.ndarray)
    }
    return parts[0]._replace(
        activations=sum((p.activations for p in parts), ()), inits=sum((p.inits for p in parts), ()), **arrays
    )


def propagate_all(cfg: SignalConfig, progress=None) -> Propagation:
    """Every activation x initializer pair of ``cfg``'s network: the grid's figures (no histograms,
    bfloat16 operands with float32 sums; see the module docstring), one activation's pairs per call
    (one compiled program: every call has as many pairs), the calls split over the CPU devices
    (:func:`optimizers.devices.resolve`, the many-run studies' choice) and dispatched at once,
    reporting progress as each is collected.

    Xavier's variance 2/(n_in + n_out) equals LeCun's 1/n_in in these square layers, so each LeCun
    measurement is shown under both names (the same draws would give the same numbers).

    Args:
        cfg: the network (its own activation and init are ignored).
        progress: called as ``progress(done_fraction, ("signal", k, 0, n))`` before activation k of n
            (a job's report).

    Returns:
        :class:`Propagation` over :func:`all_pairs` (``hist`` and ``grad_hist`` empty).
    """
    wanted = all_pairs()
    distinct = tuple(p for p in wanted if p[1] != "xavier")
    on = devices.resolve()
    launched = [
        _launch(
            cfg,
            tuple(p for p in distinct if p[0] == a),
            histograms=False,
            products=GRID_PRODUCTS,
            device=on[k % len(on)],
        )
        for k, a in enumerate(acts.ACTIVATIONS)
    ]
    parts = []
    for k, run in enumerate(launched):
        if progress is not None:
            progress(k / len(acts.ACTIVATIONS), ("signal", k + 1, 0, len(acts.ACTIVATIONS)))
        parts.append(_finish(run))
    got = _concat(parts)
    order = [distinct.index((a, "lecun" if i == "xavier" else i)) for a, i in wanted]
    arrays = {
        f: getattr(got, f)[order] for f in Propagation._fields if isinstance(getattr(got, f), np.ndarray)
    }
    return got._replace(activations=tuple(a for a, _ in wanted), inits=tuple(i for _, i in wanted), **arrays)


def estimate_seconds(cfg: SignalConfig, pairs: int, products: str = "float32") -> float:
    """Seconds :func:`propagate` (``products="float32"``) or the grid (:func:`propagate_all`,
    ``"bfloat16"``) takes for ``pairs`` computed pairs on the project's 2-core machine, shared with
    other work: one forward and one backward matrix product per layer and a compile. Float32 alone
    runs ~3.7 ms per 1,024 x 512 x 512 product (about 145 GFLOP/s; with the per-layer statistics and
    a busy machine about 60 GFLOP/s overall); the grid reached ~430 GFLOP/s overall on the idle
    machine (2026-12-03), about 200 with the machine shared."""
    flops = 4.0 * cfg.n_inputs * cfg.width * cfg.width * cfg.depth * pairs
    return 3.0 + flops / (6e10 if products == "float32" else 2e11)


class Verdict(NamedTuple):
    """What happens to the signal and the gradient over the depth."""

    signal: str  # "vanishes" | "explodes" | "kept"
    gradient: str  # "vanishes" | "explodes" | "kept"
    signal_ratio: float  # std of z at the last layer / at the first
    gradient_ratio: float  # RMS of dL/dz at the first layer / at the last


def _kind(ratio: float) -> str:
    if not ratio > VANISH:  # NaN (a zero gradient) counts as vanished
        return "vanishes"
    return "explodes" if ratio > EXPLODE else "kept"


def verdict(p: Propagation, index: int = 0) -> Verdict:
    """Whether pair ``index`` keeps its signal (forward) and its gradient (backward) over the depth:
    a ratio below 1/100 vanished, above 100 exploded."""
    sig = float(p.z_std[index, -1] / p.z_std[index, 0]) if p.z_std[index, 0] > 0 else float("nan")
    grad = float(10.0 ** (p.grad_log10[index, 0] - p.grad_log10[index, -1]))
    return Verdict(_kind(sig), _kind(grad), sig, grad)
