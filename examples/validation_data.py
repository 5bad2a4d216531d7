"""The best of many validation scores is optimistic; an untouched test set gives the honest one."""

from __future__ import annotations

import math
from collections.abc import Callable

import matplotlib.pyplot as plt
import torch
from torch import Tensor

import trainer

Predictor = Callable[[Tensor], Tensor]

torch.manual_seed(0)
x_train, y_train = trainer.two_moons(200, noise=0.4, seed=1).tensors
x_test, y_test = trainer.two_moons(20_000, noise=0.4, seed=2).tensors  # large: close to the truth


def configuration() -> tuple[int, float, float]:
    """A random configuration: number of features, kernel bandwidth, ridge strength."""
    features = int(torch.randint(5, 200, ()).item())
    bandwidth = 10 ** torch.empty(()).uniform_(-1, 1).item()
    ridge = 10 ** torch.empty(()).uniform_(-4, 1).item()
    return features, bandwidth, ridge


def fit(features: int, bandwidth: float, ridge: float) -> Predictor:
    """Random Fourier features (Rahimi & Recht 2007) and ridge regression on ±1 targets."""
    w = torch.randn(2, features) / bandwidth
    b = 2 * math.pi * torch.rand(features)

    def phi(x: Tensor) -> Tensor:
        return torch.cos(x @ w + b) * math.sqrt(2 / features)

    z, t = phi(x_train), 2.0 * y_train - 1
    beta = torch.linalg.solve(z.T @ z + ridge * torch.eye(features), z.T @ t)
    return lambda x: (phi(x) @ beta > 0).long()


def accuracy(predict: Predictor, x: Tensor, y: Tensor) -> float:
    return (predict(x) == y).float().mean().item()


configs = [configuration() for _ in range(50)]
models = [fit(*c) for c in configs]
test_acc = torch.tensor([accuracy(m, x_test, y_test) for m in models])

# Redraw only the validation set (50 points) many times; models and test set stay fixed.
studies, val_size = 200, 50
winner_val, winner_test, all_val = [], [], []
for study in range(studies):
    x_val, y_val = trainer.two_moons(val_size, noise=0.4, seed=1000 + study).tensors
    val_acc = torch.tensor([accuracy(m, x_val, y_val) for m in models])
    best = int(val_acc.argmax())
    winner_val.append(val_acc[best].item())
    winner_test.append(test_acc[best].item())
    all_val.append(val_acc)
    if study == 0:
        first_val, first_best = val_acc, best

mean_val_all = torch.stack(all_val).mean().item()
optimism = sum(winner_val) / studies - sum(winner_test) / studies
print(f"{len(configs)} configurations, validation sets of {val_size}, test set of {len(y_test)}")
print(f"first study: winner #{first_best} has validation accuracy {first_val[first_best]:.3f}, "
      f"test accuracy {test_acc[first_best]:.3f}")
mean_winner_val, mean_winner_test = sum(winner_val) / studies, sum(winner_test) / studies
print(f"over {studies} validation sets: winner's validation accuracy {mean_winner_val:.3f}, "
      f"its test accuracy {mean_winner_test:.3f} (optimism {optimism:+.3f})")
print(f"any fixed configuration: mean validation accuracy {mean_val_all:.3f}, "
      f"mean test accuracy {test_acc.mean().item():.3f}")
print(f"best test accuracy of all {len(configs)}: {test_acc.max().item():.3f}")

plt.figure(figsize=(6, 4))
plt.scatter(test_acc, first_val, s=15, label="configurations (first validation set)")
plt.scatter(test_acc[first_best], first_val[first_best], s=80, marker="*", color="C3",
            label="winner by validation accuracy")
low = min(test_acc.min().item(), first_val.min().item()) - 0.02
plt.plot([low, 1], [low, 1], "--", color="gray", label="validation = test")
plt.title("Winner's curse: the best validation score is too high")
plt.xlabel("test accuracy (20,000 fresh points)")
plt.ylabel("validation accuracy (50 points)")
plt.legend(loc="upper left")
plt.show()

assert abs(mean_val_all - test_acc.mean().item()) < 0.01, (
    "for a configuration fixed in advance the validation accuracy should be unbiased")
assert optimism > 0.02, f"the winner's validation score should be optimistic: {optimism:+.3f}"
assert mean_winner_val > test_acc.max().item(), (
    "the winner's validation score should even beat the best true (test) accuracy")
