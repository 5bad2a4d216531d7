"""The gap between empirical risk and true risk of the ERM solution shrinks as n grows (≈ k/n)."""

from __future__ import annotations

from itertools import pairwise

import matplotlib.pyplot as plt
import torch
from torch import Tensor

torch.manual_seed(0)
k = 5  # parameters: 4 weights and a bias
w_true = torch.tensor([0.3, -0.2, 0.2, 0.1], dtype=torch.float64)  # a weak signal: noisy labels
b_true = 0.1


def sample(n: int) -> tuple[Tensor, Tensor]:
    """Inputs with a constant 1 for the bias, labels drawn from a logistic model."""
    x = torch.randn(n, 4, dtype=torch.float64)
    p = torch.sigmoid(x @ w_true + b_true)
    return torch.cat([x, torch.ones(n, 1, dtype=torch.float64)], dim=1), torch.bernoulli(p)


def risk(theta: Tensor, x: Tensor, y: Tensor) -> float:
    """Mean log-loss (binary cross-entropy) of the logistic model theta on (x, y)."""
    logits = x @ theta
    return torch.nn.functional.binary_cross_entropy_with_logits(logits, y).item()


def erm(x: Tensor, y: Tensor) -> Tensor:
    """The empirical risk minimizer, by Newton's method (the log-loss is convex)."""
    theta = torch.zeros(x.shape[1], dtype=torch.float64)
    for _ in range(10):
        p = torch.sigmoid(x @ theta)
        gradient = x.T @ (p - y) / len(y)
        hessian = (x.T * (p * (1 - p))) @ x / len(y)
        theta = theta - torch.linalg.solve(hessian, gradient)
    return theta


# A large fresh sample stands in for the true risk R(θ) = E[ℓ]; it is never used for fitting.
x_fresh, y_fresh = sample(100_000)
sizes = [25, 50, 100, 200, 400, 800, 1600]
repeats = 40  # training sets per size: the gap of a single draw is noisy
gaps, train_risks, true_risks = [], [], []
for n in sizes:
    emp, true = [], []
    for _ in range(repeats):
        x, y = sample(n)
        theta = erm(x, y)
        emp.append(risk(theta, x, y))
        true.append(risk(theta, x_fresh, y_fresh))
    train_risks.append(sum(emp) / repeats)
    true_risks.append(sum(true) / repeats)
    gaps.append(true_risks[-1] - train_risks[-1])

print(f"logistic regression with k = {k} parameters, {repeats} training sets per size")
print("     n   empirical risk   true risk     gap   n·gap")
for n, emp_risk, true_risk, gap in zip(sizes, train_risks, true_risks, gaps, strict=True):
    print(f"{n:6d}   {emp_risk:14.4f}   {true_risk:9.4f}  {gap:6.4f}  {n * gap:6.2f}")

plt.figure(figsize=(6, 4))
plt.loglog(sizes, gaps, "o-", label="true risk − empirical risk (mean)")
plt.loglog(sizes, [k / n for n in sizes], "--", color="gray", label="k / n")
plt.title("Generalization gap of the empirical risk minimizer")
plt.xlabel("training set size n")
plt.ylabel("gap in log-loss")
plt.legend()
plt.show()

assert all(g > 0 for g in gaps), f"the empirical risk should underestimate the true risk: {gaps}"
assert all(a > b for a, b in pairwise(gaps)), f"the gap should shrink as n grows: {gaps}"
assert gaps[-1] < gaps[0] / 20, f"64 times the data should cut the gap far more: {gaps}"
assert all(0.5 * k < n * g < 2 * k for n, g in zip(sizes[2:], gaps[2:], strict=True)), (
    f"for n ≥ 100 the gap should be about k/n = {k}/n: n·gap = "
    f"{[round(n * g, 2) for n, g in zip(sizes, gaps, strict=True)]}")
