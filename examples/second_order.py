"""Newton's method: one step on any quadratic, and quadratic convergence on logistic regression."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import torch
from torch import Tensor

import trainer

# 1. Quadratics f(w) = ½ wᵀAw with growing condition number κ. Newton's step −A⁻¹∇f = −w lands
#    on the minimum. Gradient descent, at the step size 2/(λ_min + λ_max) with the best
#    worst-case rate, needs many steps.
print("quadratic, 10 dimensions: steps to bring the loss below a millionth of its start")
gd_curves = {}
for kappa in (10.0, 100.0, 1000.0):
    loss, start = trainer.quadratic(dim=10, kappa=kappa, seed=0)
    a = torch.autograd.functional.hessian(loss, start).double()  # for a quadratic: A itself
    w0 = start.double()

    def f(w: Tensor, a: Tensor = a) -> float:
        return 0.5 * (w @ a @ w).item()

    target = 1e-6 * f(w0)
    newton = w0 - torch.linalg.solve(a, a @ w0)   # w − H⁻¹∇f(w)
    eigenvalues = torch.linalg.eigvalsh(a)
    lr = 2 / (eigenvalues[0] + eigenvalues[-1]).item()
    w, curve = w0, [f(w0)]
    while curve[-1] >= target:
        w = w - lr * (a @ w)
        curve.append(f(w))
    gd_curves[kappa] = curve
    print(f"  κ = {kappa:>6.0f}: Newton 1 step (loss {f(newton):.1e}), "
          f"gradient descent {len(curve) - 1} steps")
    assert f(newton) < 1e-20 * f(w0), f"Newton missed the minimum at κ = {kappa}: {f(newton)}"

# 2. Logistic regression on two moons: not quadratic, so Newton needs several steps, but near
#    the minimum the error roughly squares with every step.
x, labels = trainer.two_moons(n=200, noise=0.2, seed=0).tensors
features = torch.cat([x, torch.ones(len(x), 1)], dim=1).double()
y, n = labels.double(), len(labels)


def gradient_and_hessian(w: Tensor) -> tuple[Tensor, Tensor]:
    p = torch.sigmoid(features @ w)
    return features.T @ (p - y) / n, (features.T * (p * (1 - p))) @ features / n


newton_path = [torch.zeros(3, dtype=torch.float64)]
for _ in range(12):
    grad, hess = gradient_and_hessian(newton_path[-1])
    newton_path.append(newton_path[-1] - torch.linalg.solve(hess, grad))
w_star = newton_path[-1]
newton_errors = [(w - w_star).norm().item() for w in newton_path[:9]]
print("logistic regression, Newton: |w_t − w*| =", ", ".join(f"{e:.1e}" for e in newton_errors))

# Gradient descent with the safe step 1/L, L = λ_max(XᵀX)/(4n) bounding the curvature.
lr = 1 / (torch.linalg.eigvalsh(features.T @ features / n)[-1].item() / 4)
w, gd_errors = newton_path[0], [newton_errors[0]]
while gd_errors[-1] > 1e-6 and len(gd_errors) < 5000:
    w = w - lr * gradient_and_hessian(w)[0]
    gd_errors.append((w - w_star).norm().item())
newton_steps = next(t for t, e in enumerate(newton_errors) if e <= 1e-6)
print(f"steps to |w − w*| ≤ 1e-6: Newton {newton_steps}, gradient descent {len(gd_errors) - 1}")

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
names = [f"κ = {kappa:.0f}" for kappa in gd_curves]
left.bar(names, [len(curve) - 1 for curve in gd_curves.values()],
         label="gradient descent, η = 2/(λ_min + λ_max)")
left.bar(names, [1] * len(gd_curves), label="Newton", width=0.5)
left.set(title="Quadratics: steps to a millionth of the loss", ylabel="steps", yscale="log")
right.semilogy(gd_errors[:100], label="gradient descent, η = 1/L")
right.semilogy(newton_errors, "o-", label="Newton")
right.set(title="Logistic regression on two moons", xlabel="step", ylabel="|w − w*|")
for ax in (left, right):
    ax.legend()
fig.suptitle("Second-order (Newton) vs. first-order (gradient descent)")
plt.show()

steps_needed = {kappa: len(curve) - 1 for kappa, curve in gd_curves.items()}
assert steps_needed[1000.0] > 1000, f"gradient descent was unexpectedly fast: {steps_needed}"
# Quadratic convergence: once the error is below 0.5, each error is below the previous squared.
for before, after in itertools.pairwise(newton_errors):
    if 1e-12 < before < 0.5:
        assert after < before**2, f"not quadratic: error {before:.2e} → {after:.2e}"
assert newton_steps <= 8 and len(gd_errors) - 1 > 100 * newton_steps, (
    f"Newton took {newton_steps} steps, gradient descent {len(gd_errors) - 1}")
