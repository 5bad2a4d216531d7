"""Adagrad gives each weight its own step size, so a badly scaled feature does not stall it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import matplotlib.pyplot as plt
import torch
from torch import Tensor
from torch.optim import Optimizer

# Linear regression with two features on very different scales (say metres and centimetres
# mixed up): standard deviations 1 and 0.01. The loss curvature differs by a factor 10⁴.
g = torch.Generator().manual_seed(0)
n = 200
x = torch.randn(n, 2, generator=g, dtype=torch.float64) * torch.tensor([1.0, 0.01])
y = x @ torch.tensor([2.0, -3.0], dtype=torch.float64) + 0.01 * torch.randn(
    n, generator=g, dtype=torch.float64)
w_star = torch.linalg.lstsq(x, y[:, None]).solution[:, 0]  # the best weights for this data
lambda_max = torch.linalg.eigvalsh(x.T @ x / n).max().item()
steps = 500


def run(make_optimizer: Callable[[list[Tensor]], Optimizer]) -> tuple[Tensor, Optimizer]:
    """Full-batch training from w = 0; returns |w − w*| per weight after every step."""
    w = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    optimizer = make_optimizer([w])
    errors = []
    for _ in range(steps):
        w.grad = x.T @ (x @ w.detach() - y) / n  # ∇ of ½·mean((xw − y)²), written out
        optimizer.step()
        errors.append((w.detach() - w_star).abs())
    return torch.stack(errors), optimizer


# Plain gradient descent must keep η < 2/λ_max, set by the large feature; give it its best
# step size from a grid that goes right up to that limit.
sgd_runs = {c / lambda_max: run(partial(torch.optim.SGD, lr=c / lambda_max))[0]
            for c in (0.5, 1.0, 1.5, 1.9)}
sgd_lr = min(sgd_runs, key=lambda lr: sgd_runs[lr][-1].sum().item())
sgd = sgd_runs[sgd_lr]
ada_lr = 0.5
ada, optimizer = run(lambda p: torch.optim.Adagrad(p, lr=ada_lr))
state_sum = next(iter(optimizer.state.values()))["sum"]  # Σ g² per weight
effective = ada_lr / (state_sum.sqrt() + 1e-10)

print(f"w* = {w_star.tolist()}, λ_max = {lambda_max:.3f}, stability limit 2/λ_max = "
      f"{2 / lambda_max:.3f}")
for name, err, lr in (("SGD", sgd, sgd_lr), ("Adagrad", ada, ada_lr)):
    print(f"{name:>8} (lr {lr:.3f}): |w - w*| after {steps} steps = "
          f"{err[-1, 0]:.1e} (large feature), {err[-1, 1]:.1e} (small feature)")
print(f"Adagrad's effective step sizes lr/√Σg²: {effective[0]:.3g} and {effective[1]:.3g}, "
      f"ratio {effective[1] / effective[0]:.0f}")

plt.figure(figsize=(6, 4))
for name, err in (("SGD", sgd), ("Adagrad", ada)):
    for i, feature in enumerate(("large", "small")):
        plt.semilogy(err[:, i], label=f"{name}, weight of the {feature} feature",
                     linestyle="-" if name == "Adagrad" else "--")
plt.title("Features on scales 1 and 0.01: distance to the best weights")
plt.xlabel("step")
plt.ylabel("|w_i − w*_i|")
plt.legend()
plt.show()

start_error = w_star.abs()
assert sgd[-1, 1] > 0.8 * start_error[1], (
    f"SGD was expected to crawl on the small feature's weight, error {sgd[-1, 1]:.3f}")
assert ada[-1].max() < 1e-3 * start_error.min(), (
    f"Adagrad should fit both weights, errors {ada[-1].tolist()}")
assert effective[1] > 30 * effective[0], "Adagrad should give the small feature a larger step"
