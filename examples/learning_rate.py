"""Learning rate: too small crawls, about right converges, above 2/λ_max it diverges."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import torch

import trainer

# f(w) = ½ wᵀAw in 10 dimensions, eigenvalues of A from 1 to 20; the minimum is f(0) = 0.
loss, start = trainer.quadratic(dim=10, kappa=20.0, seed=0)
lambda_max = torch.linalg.eigvalsh(torch.func.hessian(loss)(start)).max().item()

# Gradient descent multiplies the error along an eigenvector with eigenvalue λ by (1 − ηλ)
# each step, so it shrinks for every λ only while η < 2/λ_max.
rates = {"too small": 0.1 / lambda_max, "about right": 1.0 / lambda_max,
         "too large": 2.2 / lambda_max}
steps = 100
curves = {name: trainer.minimize(loss, start, trainer.TrainConfig(optimizer="sgd", lr=lr), steps)
          for name, lr in rates.items()}
initial = curves["about right"][0]
final = {name: curve[-1] for name, curve in curves.items()}

print(f"λ_max = {lambda_max:.2f}, stability limit 2/λ_max = {2 / lambda_max:.4f}")
print(f"loss at the start: {initial:.4f}")
for name, lr in rates.items():
    print(f"{name:>11}: η = {lr:.4f}, loss after {steps} steps = {final[name]:.3e}")

plt.figure(figsize=(6, 4))
for name, curve in curves.items():
    # Cut the diverging curve once it is a thousand times the start, so the others stay readable.
    shown = list(itertools.takewhile(lambda value: value < 1e3 * initial, curve))
    plt.semilogy(shown, label=f"{name}: η = {rates[name]:.3f}")
plt.title("Learning rate on f(w) = ½ wᵀAw, λ_max = 20")
plt.xlabel("step")
plt.ylabel("loss f(w)")
plt.legend()
plt.show()

assert final["about right"] < 1e-6 * initial, f"η = 1/λ_max only reached {final['about right']:.3e}"
assert final["about right"] < final["too small"] < initial, (
    f"expected right < small < start, got {final['about right']:.3e}, "
    f"{final['too small']:.3e}, {initial:.3e}")
assert final["too large"] > 1e3 * initial, (
    f"η > 2/λ_max should diverge, but the loss went from {initial:.3e} to {final['too large']:.3e}")
