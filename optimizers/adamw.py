"""AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay, torch.optim's form."""

from .adam import ADAM_RANGES, adam_direction, moment_rows
from .adam import init as adam_init
from .base import HyperParam, Optimizer, PhaseAxis, StepValues, aux, tex_num, tex_steps, tex_vec


def init(w, hp):
    return adam_init(w, hp)


def update(grad_fn, w, state, hp):
    g = grad_fn(w)
    new, d = adam_direction(g, state, hp)
    w_decayed = w * (1 - hp["lr"] * hp["weight_decay"])  # w <- (1 - lr wd) w
    w_new = w_decayed - hp["lr"] * d  # w <- w - lr m_hat / (sqrt(v_hat) + eps)
    return w_new, new, aux(g, w, w_new, moment1=new.m, moment2=new.v)


def step_latex(s: StepValues) -> str:
    """The step written out with its numbers (see :func:`optimizers.base.tex_steps`); squares, roots
    and quotients of vectors are per coordinate."""
    k, lam = s.k, s.hp["weight_decay"]
    m_hat = s.m / (1 - s.hp["b1"] ** (k + 1))
    v_hat = s.v / (1 - s.hp["b2"] ** (k + 1))
    return tex_steps(
        *moment_rows(s),
        (
            f"w_{{{k + 1}}}",
            rf"(1 - \eta\lambda)\, w_{{{k}}} - \eta\,\frac{{\hat m_{{{k + 1}}}}}"
            rf"{{\sqrt{{\hat v_{{{k + 1}}}}} + \epsilon}}",
            rf"{tex_num(1 - s.lr * lam)}\,{tex_vec(s.w)} - {tex_num(s.lr)}\,\frac{{{tex_vec(m_hat)}}}"
            rf"{{\sqrt{{{tex_vec(v_hat)}}} + {tex_num(s.hp['eps'])}}}",
            tex_vec(s.w_next),
        ),
    )


ADAMW = Optimizer(
    name="adamw",
    title="AdamW",
    init=init,
    update=update,
    defaults={"lr": 1e-3, "b1": 0.9, "b2": 0.999, "eps": 1e-8, "weight_decay": 1e-2},
    ranges={**ADAM_RANGES, "weight_decay": HyperParam(0.0, 1.0)},
    latex=(
        r"\begin{aligned} w_{t+1} &= (1 - \eta\lambda)\, w_t \\"
        r" &\quad - \eta\,\frac{\hat m_{t+1}}{\sqrt{\hat v_{t+1}} + \epsilon} \\"
        r" &(\hat m, \hat v \text{ as in Adam}) \end{aligned}"
    ),
    explain={
        "en": "Adam plus weight decay applied directly to the weights, not through the gradient. "
        "With Adam, L2 regularisation added to the loss gets divided by sqrt(v) and weakened on "
        "steep coordinates; decoupling keeps the pull towards zero the same for every coordinate.",
        "ko": "Adam에 가중치 감쇠를 기울기를 거치지 않고 가중치에 직접 적용합니다. Adam에서 손실에 더한 "
        "L2 정규화는 sqrt(v)로 나뉘어 가파른 좌표에서 약해지지만, 분리하면 모든 좌표가 같은 비율로 "
        "0 쪽으로 당겨집니다.",
    },
    family="adam",
    momentum_param=None,
    quadratic=None,
    phase_axis=PhaseAxis("b1", 0.0, 0.999),
    note={
        "en": "Same rule in torch and optax; default weight decay 1e-2 (torch) vs 1e-4 (optax).",
        "ko": "torch와 optax의 규칙은 같고, 기본 가중치 감쇠만 1e-2(torch)와 1e-4(optax)로 다릅니다.",
    },
    step_latex=step_latex,
)
