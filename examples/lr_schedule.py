"""Learning-rate schedules: the rate each of 100 optimizer steps uses, for six schedules."""

from __future__ import annotations

import math
from dataclasses import replace

import matplotlib.pyplot as plt
import torch

import trainer

total = 100
base = trainer.TrainConfig(lr=0.1, step_size=25, gamma=0.5, min_lr=0.01, warmup_steps=10,
                           pct_start=0.3)
# `gamma` is the factor per drop for "step" but per optimizer step for "exponential".
configs: dict[trainer.ScheduleName, trainer.TrainConfig] = {
    "constant": base, "step": base, "exponential": replace(base, gamma=0.97),
    "cosine": base, "warmup_cosine": base, "onecycle": base}


def rates(name: trainer.ScheduleName, cfg: trainer.TrainConfig) -> list[float]:
    """The rate of each of `total` steps, then the one set after the last step."""
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=cfg.lr)
    schedule = trainer.make_schedule(name, optimizer, cfg, total)
    curve = []
    for _ in range(total):
        curve.append(optimizer.param_groups[0]["lr"])
        optimizer.step()  # a real loop steps the optimizer first, then the schedule
        schedule.step()
    return [*curve, optimizer.param_groups[0]["lr"]]


curves = {name: rates(name, cfg) for name, cfg in configs.items()}
for name, curve in curves.items():
    peak = max(range(total), key=curve.__getitem__)
    print(f"{name:>13}: first step {curve[0]:.3g}, peak {curve[peak]:.3g} at step {peak}, "
          f"last step {curve[total - 1]:.3g}")

figure, axes = plt.subplots(2, 3, figsize=(9, 5), sharex=True, sharey=True)
for axis, (name, curve) in zip(axes.flat, curves.items(), strict=True):
    axis.plot(curve[:total])  # the rates the steps used
    axis.set_title(name)
for axis in axes[1]:
    axis.set_xlabel("optimizer step")
for axis in axes[:, 0]:
    axis.set_ylabel("learning rate")
figure.suptitle(f"Schedules from make_schedule, lr = {base.lr}, {total} steps")
figure.tight_layout()
plt.show()


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


lr, warmup = base.lr, base.warmup_steps
assert all(rate == lr for rate in curves["constant"]), "constant schedule changed the rate"
assert all(close(rate, lr * 0.5 ** (i // 25)) for i, rate in enumerate(curves["step"])), (
    "step schedule does not halve the rate every 25 steps")
ratios = [b / a for a, b in zip(curves["exponential"], curves["exponential"][1:], strict=False)]
assert all(close(r, 0.97) for r in ratios), f"exponential ratios range {min(ratios)}–{max(ratios)}"
cosine = curves["cosine"]
assert close(cosine[0], lr) and close(cosine[total // 2], (lr + base.min_lr) / 2), (
    f"cosine starts at {cosine[0]} and passes {cosine[total // 2]} halfway")
assert close(cosine[total], base.min_lr), f"cosine ends at {cosine[total]}, not min_lr"
warm = curves["warmup_cosine"]
assert all(close(warm[i], lr * (i + 1) / warmup) for i in range(warmup)), (
    f"warm-up is not linear up to lr: {warm[:warmup]}")
assert close(max(warm), lr) and close(warm[total], base.min_lr), (
    f"warmup_cosine peaks at {max(warm)} and ends at {warm[total]}")
one = curves["onecycle"]
peak = one.index(max(one))
assert close(max(one), lr) and abs(peak - base.pct_start * total) <= 1, (
    f"one-cycle peaks at {max(one)} at step {peak}, expected lr at step ≈ "
    f"{base.pct_start * total:.0f}")
assert close(one[0], lr / 25) and one[total - 1] < lr / 1000, (
    f"one-cycle runs from {one[0]} to {one[total - 1]}")
