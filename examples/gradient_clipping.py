"""Gradient clipping: by norm caps the whole gradient (and the SGD step), by value each element."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch.nn.utils import clip_grad_norm_, clip_grad_value_, parameters_to_vector

import trainer

device = "cuda" if torch.cuda.is_available() else "cpu"
inputs, targets = trainer.regression(256, in_features=4, noise=0.1, seed=0).tensors
targets = targets.clone()
targets[:6] += 40.0  # a few corrupted labels: batches that draw one get a gradient spike
x, y = inputs.to(device), targets.to(device)
lr, max_norm, max_value, steps, batch_size = 0.02, 10.0, 0.5, 40, 32


def gradient(params: list[nn.Parameter]) -> Tensor:
    """All parameter gradients as one flat vector."""
    return torch.cat([p.grad.flatten() for p in params if p.grad is not None])


def run(clip: Callable[[list[nn.Parameter]], object]) -> dict[str, list[float]]:
    """Minibatch SGD; per step the raw and the clipped gradient and the size of the update."""
    trainer.seed_everything(0)  # both runs start from the same weights and draw the same batches
    model = trainer.mlp(4, [32], 1).to(device)
    params = list(model.parameters())
    optimizer = torch.optim.SGD(params, lr=lr)
    record: dict[str, list[float]] = {"raw_norm": [], "raw_max": [], "norm": [], "max": [],
                                      "update": []}
    for _ in range(steps):
        batch = torch.randperm(len(x))[:batch_size].to(device)
        optimizer.zero_grad()
        F.mse_loss(model(x[batch]), y[batch]).backward()
        raw = gradient(params)
        clip(params)
        clipped = gradient(params)
        before = parameters_to_vector(params).detach().clone()
        optimizer.step()
        update = parameters_to_vector(params).detach() - before
        for key, value in (("raw_norm", raw.norm()), ("raw_max", raw.abs().max()),
                           ("norm", clipped.norm()), ("max", clipped.abs().max()),
                           ("update", update.norm())):
            record[key].append(value.item())
    return record


by_norm = run(lambda params: clip_grad_norm_(params, max_norm))
by_value = run(lambda params: clip_grad_value_(params, max_value))
clipped_steps = sum(raw > max_norm for raw in by_norm["raw_norm"])

print(f"clip by norm, max_norm = {max_norm}: raw gradient norm up to "
      f"{max(by_norm['raw_norm']):.2f}, clipped in {clipped_steps} of {steps} steps")
print(f"  gradient norm after clipping at most {max(by_norm['norm']):.4f}")
print(f"  update norm at most {max(by_norm['update']):.4f} (lr · max_norm = {lr * max_norm:.4f})")
print(f"clip by value, max_value = {max_value}: largest raw element "
      f"{max(by_value['raw_max']):.2f}, after clipping at most {max(by_value['max']):.4f}")

plt.figure(figsize=(6, 4))
plt.plot(by_norm["raw_norm"], marker=".", label="before clipping")
plt.plot(by_norm["norm"], marker=".", label="after clip_grad_norm_")
plt.axhline(max_norm, color="gray", linestyle="--", label=f"max_norm = {max_norm}")
plt.title("Clipping by norm: minibatch SGD with a few corrupted targets")
plt.xlabel("step")
plt.ylabel("gradient norm")
plt.legend()
plt.show()

tolerance = 1e-5  # float rounding in the rescaling and in the parameter update
assert clipped_steps > 0, "no gradient was above max_norm, so nothing was clipped"
assert max(by_norm["norm"]) <= max_norm * (1 + tolerance), (
    f"a clipped gradient has norm {max(by_norm['norm']):.6f} > max_norm {max_norm}")
assert max(by_norm["update"]) <= lr * max_norm * (1 + tolerance), (
    f"an SGD update has norm {max(by_norm['update']):.6f} > lr · max_norm {lr * max_norm}")
assert max(by_value["raw_max"]) > max_value >= max(by_value["max"]), (
    f"value clipping: raw max {max(by_value['raw_max']):.6f}, "
    f"clipped max {max(by_value['max']):.6f}, bound {max_value}")
