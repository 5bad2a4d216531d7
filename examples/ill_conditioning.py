"""Gradient descent needs a number of steps proportional to the condition number κ."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import torch

import trainer

# f(w) = ½ wᵀAw in 10 dimensions, eigenvalues of A spread from 1 to κ. Gradient descent runs
# at η = 2/(λ_min + λ_max), the step size with the best worst-case rate (κ − 1)/(κ + 1).
kappas = [3.0, 10.0, 30.0, 100.0, 300.0, 1000.0]
needed = []
for kappa in kappas:
    loss, start = trainer.quadratic(dim=10, kappa=kappa, seed=0)
    a = torch.autograd.functional.hessian(loss, start).double()  # for a quadratic the Hessian is A
    eigenvalues = torch.linalg.eigvalsh(a)
    lr = 2 / (eigenvalues[0] + eigenvalues[-1]).item()
    w = start.double()
    target = 1e-6 * 0.5 * (w @ a @ w).item()
    step = 0
    while 0.5 * (w @ a @ w).item() >= target:
        w = w - lr * (a @ w)
        step += 1
    needed.append(step)
    # The error shrinks at least by (κ − 1)/(κ + 1) per step, the loss by its square.
    bound = math.ceil(math.log(1e6) / (2 * math.log((kappa + 1) / (kappa - 1))))
    print(f"κ = {kappa:>6.0f}: {step:>6} steps to a millionth of the start loss "
          f"(bound {bound:5}), steps/κ = {step / kappa:.2f}")

log_k, log_s = torch.tensor(kappas).log(), torch.tensor(needed, dtype=torch.float64).log()
slope = (((log_k - log_k.mean()) * (log_s - log_s.mean())).sum()
         / ((log_k - log_k.mean()) ** 2).sum()).item()
print(f"slope of log(steps) against log(κ): {slope:.3f}")

# A picture of why: in two dimensions with κ = 20 the iterates zigzag across the valley.
a2 = torch.diag(torch.tensor([1.0, 20.0], dtype=torch.float64))
w, iterates = torch.tensor([10.0, 1.0], dtype=torch.float64), []
for _ in range(30):
    iterates.append(w)
    w = w - (2 / 21) * (a2 @ w)
path = torch.stack(iterates)

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
grid_x, grid_y = torch.meshgrid(torch.linspace(-11, 11, 200), torch.linspace(-3, 3, 200),
                                indexing="xy")
left.contour(grid_x, grid_y, 0.5 * (grid_x**2 + 20 * grid_y**2), levels=15, cmap="gray",
             linewidths=0.6)
left.plot(path[:, 0], path[:, 1], "o-", markersize=3, label="gradient descent, η = 2/21")
left.set(title="f = ½(x² + 20y²), κ = 20", xlabel="x (flat direction)",
         ylabel="y (steep direction)")
left.legend()
right.loglog(kappas, needed, "o-", label="measured")
right.loglog(kappas, [needed[3] * k / kappas[3] for k in kappas], "--", color="gray",
             label="proportional to κ")
right.set(title="Steps to a millionth of the loss", xlabel="condition number κ",
          ylabel="gradient-descent steps")
right.legend()
plt.show()

assert 0.9 < slope < 1.1, f"steps should grow like κ¹, fitted exponent {slope:.2f}"
ratios = [s / k for s, k in zip(needed, kappas, strict=True) if k >= 30]
assert max(ratios) < 1.5 * min(ratios), f"steps/κ should be about constant, got {ratios}"
