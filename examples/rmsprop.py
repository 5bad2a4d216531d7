"""RMSProp's effective step levels off while Adagrad's keeps shrinking, so RMSProp adapts faster."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import torch
from torch import Tensor

# Mini-batch linear regression with noisy labels, so the gradients never vanish. Halfway
# through, the true weights jump from (1, −1) to (−1, 1): the optimizer has to move again.
g = torch.Generator().manual_seed(0)
steps, batch, shift = 2000, 8, 1000
x = torch.randn(steps, batch, 2, generator=g)
w_true = torch.tensor([[1.0, -1.0], [-1.0, 1.0]])[(torch.arange(steps) >= shift).long()]
y = (x * w_true[:, None, :]).sum(dim=-1) + 0.5 * torch.randn(steps, batch, generator=g)

optimizers: dict[str, Callable[[list[Tensor]], torch.optim.Optimizer]] = {
    "Adagrad": lambda p: torch.optim.Adagrad(p, lr=0.1),
    "RMSProp": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.99),
}
effective, distance = {}, {}
for name, make in optimizers.items():
    w = torch.zeros(2, requires_grad=True)
    optimizer = make([w])
    lr = optimizer.param_groups[0]["lr"]
    eff, dist = [], []
    for t in range(steps):
        residual = x[t] @ w.detach() - y[t]
        w.grad = x[t].T @ residual / batch      # gradient of the batch loss ½·mean(residual²)
        optimizer.step()
        state = optimizer.state[w]
        accumulated = state["sum"] if name == "Adagrad" else state["square_avg"]
        eps = optimizer.param_groups[0]["eps"]
        eff.append((lr / (accumulated.sqrt() + eps)).mean())  # averaged over the two weights
        dist.append((w.detach() - w_true[t]).norm())
    effective[name], distance[name] = torch.stack(eff), torch.stack(dist)


def steps_until_close(d: torch.Tensor, start: int) -> int:
    """Steps from `start` until the weights are within 0.2 of the true ones (−1: never)."""
    close = (d[start:] < 0.2).nonzero()
    return int(close[0]) + 1 if len(close) else -1


recover = {name: steps_until_close(d, shift) for name, d in distance.items()}
for name in optimizers:
    e = effective[name]
    print(f"{name}: effective step lr/√s at t = 10, 100, 1000, 2000: "
          + ", ".join(f"{e[t - 1]:.4f}" for t in (10, 100, 1000, 2000)))
    print(f"{name}: within 0.2 of the weights after {steps_until_close(distance[name], 0)} "
          f"steps at the start, {recover[name]} steps after the jump")

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
for name in optimizers:
    left.loglog(range(1, steps + 1), effective[name], label=name)
    right.plot(distance[name], label=name)
left.set(title="Effective step size", xlabel="step", ylabel="lr / √(accumulated g²)")
right.axvline(shift, color="gray", linestyle="--", label="true weights jump")
right.set(title="Distance to the true weights", xlabel="step", ylabel="|w − w_true|")
left.legend()
right.legend()
fig.suptitle("Adagrad vs. RMSProp on noisy mini-batch gradients")
plt.show()

ada, rms = effective["Adagrad"], effective["RMSProp"]
ada_ratio, rms_ratio = (ada[-1] / ada[99]).item(), (rms[-1] / rms[99]).item()
print(f"effective step at t={steps} / at t=100: Adagrad {ada_ratio:.2f}, RMSProp {rms_ratio:.2f}")
assert ada_ratio < 0.3, f"Adagrad's effective step should keep shrinking, ratio {ada_ratio:.2f}"
assert 0.5 < rms_ratio < 2, f"RMSProp's effective step should level off, ratio {rms_ratio:.2f}"
start = {name: steps_until_close(d, 0) for name, d in distance.items()}
assert abs(start["Adagrad"] - start["RMSProp"]) < 20, f"unequal start, not a fair race: {start}"
assert 0 <= recover["RMSProp"] < recover["Adagrad"] or recover["Adagrad"] < 0, (
    f"RMSProp should follow the jump faster: {recover}")
