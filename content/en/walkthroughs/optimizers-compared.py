# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Optimizers compared
#
# An optimizer decides how the gradient of the
# [loss function](#Loss-Function) turns into a change of the weights. Plain
# [gradient descent](#Gradient-Descent) (SGD) simply steps against the gradient,
# scaled by the [learning rate](#Learning-Rate). The other six optimizers the
# reference trainer knows add one of two ideas: [momentum](#Momentum) remembers past
# gradients (momentum, Nesterov), while adaptive methods give every weight its own step
# size (Adagrad, RMSProp, Adam, AdamW).
#
# This page first shows on a toy function *why* these ideas help, then races all seven on
# the same small neural network.

# %%
from __future__ import annotations

from dataclasses import replace
from typing import Any

import matplotlib.pyplot as plt
import torch

import trainer

loss, w0 = trainer.quadratic(dim=10, kappa=100.0, seed=0)
eigenvalues = torch.linalg.eigvalsh(torch.func.hessian(loss)(w0))
lam_min, lam_max = eigenvalues.min().item(), eigenvalues.max().item()
f0 = loss(w0).item()
print(f"curvatures from {lam_min:.0f} to {lam_max:.0f}: condition number {lam_max / lam_min:.0f}")
print(f"loss at the start {f0:.1f}, at the minimum 0")

# %% [markdown]
# ## A long, narrow valley
#
# `trainer.quadratic` builds $f(w) = \tfrac12 w^\top A w$ in ten dimensions. The
# eigenvalues of $A$ are the curvatures along the valley's axes: 100 along the steepest
# axis, 1 along the flattest. Their ratio, the *condition number* $\kappa = 100$, is what
# makes the problem hard.
#
# SGD with rate $\eta$ shrinks the distance to the minimum along an axis with curvature
# $\lambda$ by the factor $|1 - \eta\lambda|$ in every step. Along the steep axis that
# factor exceeds 1 as soon as $\eta > 2/\lambda_{\max} = 0.02$: the iterates bounce from
# wall to wall, further each time. So the steep axis caps the rate, and along the flat axis
# even the largest stable rate only shrinks the distance by $1 - 0.02 \cdot 1 = 0.98$ per
# step. Let's check with `trainer.minimize`, which runs an optimizer from the config on a
# function and returns the loss before every step. We call the run done once the loss has
# fallen to a millionth of its start.

# %%
steps = 300
target = 1e-6 * f0


def steps_to(losses: list[float], goal: float) -> int | None:
    """Steps taken until the loss first fell below goal; None if it never did."""
    return next((step for step, value in enumerate(losses) if value < goal), None)


def best_rate(runs: dict[float, list[float]]) -> float:
    """The learning rate whose run reached the target in the fewest steps."""
    reached = {lr: steps_to(losses, target) for lr, losses in runs.items()}
    return min((n, lr) for lr, n in reached.items() if n is not None)[1]


limit = 2 / lam_max
sgd_runs = {}
print(f"    η / (2/λ_max)       η  loss after {steps} steps  steps to target")
for factor in (0.25, 0.5, 0.75, 0.95, 1.05):
    cfg = trainer.TrainConfig(optimizer="sgd", lr=factor * limit)
    losses = sgd_runs[cfg.lr] = trainer.minimize(loss, w0, cfg, steps)
    reached = steps_to(losses, target)
    print(f"{factor:17.2f}  {cfg.lr:6.4f}  {losses[-1]:20.2e}  "
          f"{'never' if reached is None else reached:>15}")
sgd_lr = best_rate(sgd_runs)

# %% [markdown]
# Just above the limit, SGD diverges; just below it, it converges, but slowly. The best
# stable rate is SGD's entry in the race below.
#
# Every other optimizer gets the best rate from a grid of six, measured by how fast it
# reaches the target. The grids differ by family. SGD-like methods take steps proportional
# to the gradient, so their rate lives on the scale $1/\lambda$. Adaptive methods divide
# the gradient by a running estimate of its size, so their rate is roughly a distance in
# weight space per step, here on the order of the distance to the minimum. AdamW sits this
# one out: its weight decay pulls the weights towards zero, which on this function happens
# to be the minimum, an unfair shortcut.

# %%
grids: dict[trainer.OptimizerName, list[float]] = {
    "momentum": [0.0025 * 2**k for k in range(6)],
    "nesterov": [0.0025 * 2**k for k in range(6)],
    "adagrad": [0.125 * 2**k for k in range(6)],
    "rmsprop": [0.125 * 2**k for k in range(6)],
    "adam": [0.125 * 2**k for k in range(6)],
}
best: dict[trainer.OptimizerName, tuple[float, list[float]]] = {"sgd": (sgd_lr, sgd_runs[sgd_lr])}
for name, rates in grids.items():
    runs = {lr: trainer.minimize(loss, w0, trainer.TrainConfig(optimizer=name, lr=lr), steps)
            for lr in rates}
    lr = best_rate(runs)
    best[name] = (lr, runs[lr])

quadratic_steps = {name: steps_to(losses, target) for name, (_, losses) in best.items()}
print(f"optimizer     best η  steps to target  loss after {steps} steps")
plt.figure(figsize=(6, 4))
for name, (lr, losses) in best.items():
    print(f"{name:>9}  {lr:9.4f}  {quadratic_steps[name]:15d}  {losses[-1]:20.2e}")
    plt.semilogy(losses, label=f"{name} (η = {lr:g})")
plt.axhline(target, color="gray", linestyle=":", label="target")
plt.title("Ill-conditioned quadratic, κ = 100")
plt.xlabel("step")
plt.ylabel("loss")
plt.legend(fontsize="small")
plt.show()

# %% [markdown]
# Momentum needs a little over half of SGD's steps, Nesterov barely more than a third.
# Across the valley the gradient flips sign from step to step, so those components cancel
# in the running sum of gradients, while the small but steady push along the valley floor
# adds up. Momentum thus gets both: calm steps across the valley and long strides along
# it. Nesterov takes the gradient at the point the velocity is about to carry it to, and
# so brakes before it overshoots rather than after.
#
# The adaptive methods win for a different reason: they divide each coordinate's step by
# the typical size of its gradients, so weak gradients no longer mean small steps. The
# valley's axes are rotated against the coordinates, so this rescaling removes only part
# of the imbalance, yet it still saves between a third and a half of SGD's steps.
# RMSProp shows a typical weakness: it reaches the target quickly, then flies off and
# comes back, again and again. Its average of squared gradients has a short memory; as the
# gradients shrink near the minimum the average shrinks with them, and the normalized
# step stays about as large as the rate. Adam's average is updated far more slowly and
# still remembers the large early gradients, so its steps keep shrinking.
#
# ## The race on a real network
#
# A network is not a quadratic, but its loss surface has steep and flat directions too.
# The task: the two spirals, the harder of the trainer's two-dimensional data sets, with
# an MLP of two hidden layers of 64 units. To show the optimizers rather than the noise of
# mini-batches, every step uses the whole training part (batch size 512 is more than its
# 307 points), so one epoch is exactly one step. Each optimizer gets 300 steps and one
# learning rate, chosen from experience:
#
# - **SGD, 0.5.** With the exact full-batch gradient, plain SGD copes with large rates; at
#   1 and above the loss stopped falling steadily in a trial run, so we stay at half that.
# - **Momentum and Nesterov, 0.1.** With $\beta = 0.9$ the velocity sums up to
#   $1/(1-\beta) = 10$ gradients, so 0.1 means an effective step of 1. That is twice SGD's;
#   momentum tolerates more because back-and-forth components cancel in the velocity,
#   though only up to a point, as the plot will show.
# - **Adagrad, 0.05.** It divides by the root of *all* squared gradients so far, so the
#   effective rate of every weight only ever shrinks; it needs a higher start than RMSProp
#   or Adam.
# - **RMSProp, 0.003.** PyTorch's RMSProp starts its average of squared gradients at zero
#   and does not correct for that, so its first steps are up to ten times the rate. Hence
#   a rate below Adam's.
# - **Adam, 0.01.** Bias correction keeps every weight's step at or below the rate from the
#   first step on. The default 0.001 is meant for large networks; a small one is fine with
#   ten times that.
# - **AdamW, 0.01 with weight decay 0.01.** Adam with decoupled weight decay (PyTorch's
#   default strength). With `weight_decay=0` it would be exactly Adam.

# %%
base = trainer.TrainConfig(data="spirals", hidden=(64, 64), batch_size=512, epochs=300)
settings: dict[trainer.OptimizerName, dict[str, Any]] = {
    "sgd": {"lr": 0.5},
    "momentum": {"lr": 0.1},
    "nesterov": {"lr": 0.1},
    "adagrad": {"lr": 0.05},
    "rmsprop": {"lr": 0.003},
    "adam": {"lr": 0.01},
    "adamw": {"lr": 0.01, "weight_decay": 0.01},
}
network_target = 0.4
histories = {name: trainer.run(replace(base, optimizer=name, **changes))[1]
             for name, changes in settings.items()}

print(f"optimizer     lr  steps to {network_target}  final train loss  val loss  val acc")
for name, history in histories.items():
    reached = steps_to(history.train_loss, network_target)
    print(f"{name:>9}  {settings[name]['lr']:5g}  {'never' if reached is None else reached:>11}"
          f"  {history.train_loss[-1]:16.3f}  {history.val_loss[-1]:8.3f}"
          f"  {history.val_accuracy[-1]:7.3f}")

# %%
plt.figure(figsize=(6, 4))
for name, history in histories.items():
    plt.semilogy(history.train_loss, label=name, linestyle="--" if name == "adamw" else "-")
plt.axhline(network_target, color="gray", linestyle=":", label="target")
plt.title("Two spirals, full batch: training loss")
plt.xlabel("step")
plt.ylabel("cross-entropy")
plt.legend(fontsize="small")
plt.show()

# %% [markdown]
# The picture matches the quadratic. Plain SGD hangs on a plateau for the whole run:
# the gradients there are weak, and SGD turns weak gradients into small steps. Momentum
# and Nesterov gather speed along the plateau and leave it, but they pay for their large
# effective rate with spikes, in which the loss shoots up for a step or two before it
# recovers. The adaptive methods get away fastest because they scale up exactly the weak
# components. Adam, which combines both ideas, is the quickest of all. (The bump at
# Adagrad's start has a simple cause: its very first step moves every weight by the full
# rate at once.) AdamW lies almost on top of Adam: at this strength and this length of
# training, weight decay hardly matters. It earns its place as a regularizer in long runs
# of large models.
#
# Two caveats. A ranking like this depends on the learning rates, and with other rates,
# more steps or mini-batches the order within the groups can change. And the validation
# column reminds you that the fastest descent on the training data does not automatically
# give the best model.
#
# The last cell checks the claims this page makes, with enough room that another machine,
# or a GPU for the network, does not trip it: on the quadratic, momentum, Nesterov and
# Adam need at most three quarters of the steps of SGD at its best stable rate, and on the
# network every other optimizer ends with a lower training loss than plain SGD.

# %%
sgd_steps = quadratic_steps["sgd"]
assert sgd_steps is not None
for name in ("momentum", "nesterov", "adam"):
    reached = quadratic_steps[name]
    assert reached is not None and reached <= 0.75 * sgd_steps, (name, quadratic_steps)
for name, history in histories.items():
    if name != "sgd":
        assert history.train_loss[-1] < histories["sgd"].train_loss[-1], name
