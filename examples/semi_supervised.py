"""Self-training with confident pseudo-labels beats the same model fitted to six labels alone."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import Tensor

import trainer

# Two moons: 500 test points, and a pool of 500 of which only 3 per class keep their label.
seed = 5
x, y = trainer.two_moons(1000, noise=0.1, seed=seed).tensors
order = torch.randperm(1000, generator=torch.Generator().manual_seed(seed))
test, pool = order[:500], order[500:]
labelled = torch.cat([pool[y[pool] == c][:3] for c in (0, 1)])
unlabelled = pool[~torch.isin(pool, labelled)]  # their labels are used only to grade pseudo-labels

# An RBF network: fixed Gaussian bumps on a grid, then a trained linear softmax layer without bias.
# Far from every training point all features vanish and p → (½, ½): confidence is high only near
# data, which self-training needs. (An MLP is confident far from the data and confirms itself.)
gx, gy = torch.meshgrid(torch.arange(-1.5, 2.51, 0.25), torch.arange(-1.0, 1.51, 0.25),
                        indexing="ij")
centres = torch.stack([gx.flatten(), gy.flatten()], dim=1)  # 17 × 11 = 187 bumps
width, l2 = 0.25, 1e-3


def features(points: Tensor) -> Tensor:
    return torch.exp(-torch.cdist(points, centres) ** 2 / (2 * width**2))


def fit(points: Tensor, labels: Tensor) -> Callable[[Tensor], Tensor]:
    """Cross-entropy plus an L2 penalty, minimized by L-BFGS from zero; returns the logit map."""
    phi = features(points)
    w = torch.zeros(len(centres), 2, requires_grad=True)
    optimizer = torch.optim.LBFGS([w], max_iter=30, line_search_fn="strong_wolfe")

    def closure() -> Tensor:
        optimizer.zero_grad()
        loss = F.cross_entropy(phi @ w, labels) + l2 * w.pow(2).sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    return lambda p: (features(p) @ w).detach()


def accuracy(model: Callable[[Tensor], Tensor]) -> float:
    return (model(x[test]).argmax(dim=1) == y[test]).float().mean().item()


threshold, rounds = 0.9, 8
baseline_model = fit(x[labelled], y[labelled])  # the labelled points alone
model, baseline = baseline_model, accuracy(baseline_model)
history = [baseline]
print(f"{len(labelled)} labelled, {len(unlabelled)} unlabelled, {len(test)} test points")
print(f"round 0: labelled points only, test accuracy {baseline:.3f}")
for round_ in range(1, rounds + 1):
    # Pseudo-label every unlabelled point the current model is sure of, then refit from scratch
    # on labels + pseudo-labels. Each round re-labels all points, so early mistakes can be undone.
    confidence, pseudo = F.softmax(model(x[unlabelled]), dim=1).max(dim=1)
    keep = confidence > threshold
    pseudo_correct = (pseudo[keep] == y[unlabelled][keep]).float().mean().item()
    model = fit(torch.cat([x[labelled], x[unlabelled][keep]]),
                torch.cat([y[labelled], pseudo[keep]]))
    history.append(accuracy(model))
    print(f"round {round_}: {int(keep.sum())} pseudo-labels (confidence > {threshold}), "
          f"{pseudo_correct:.3f} of them correct, test accuracy {history[-1]:.3f}")

# Decision regions before and after, with the labelled points on top.
grid_x, grid_y = torch.meshgrid(torch.linspace(-1.6, 2.6, 200), torch.linspace(-1.1, 1.6, 150),
                                indexing="xy")
grid = torch.stack([grid_x.flatten(), grid_y.flatten()], dim=1)
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True, layout="constrained")
for ax, m, name, acc in ((axes[0], baseline_model, "labelled points only", baseline),
                         (axes[1], model, f"after {rounds} rounds of self-training",
                          history[-1])):
    p1 = F.softmax(m(grid), dim=1)[:, 1].reshape(grid_x.shape)
    ax.contourf(grid_x, grid_y, p1, levels=[0, 0.5, 1], colors=["tab:blue", "tab:orange"],
                alpha=0.15)
    ax.scatter(*x[unlabelled].T, s=4, c="gray", label="unlabelled")
    for c, color in ((0, "tab:blue"), (1, "tab:orange")):
        ax.scatter(*x[labelled][y[labelled] == c].T, s=90, c=color, edgecolors="black",
                   label=f"labelled, class {c}")
    ax.set_title(f"{name}: test accuracy {acc:.3f}")
    ax.set_xlabel("x₁")
    ax.legend(loc="lower left", fontsize=8)
axes[0].set_ylabel("x₂")
fig.suptitle("Self-training on two moons with 6 labels and 494 unlabelled points")
plt.show()

assert history[-1] >= baseline + 0.04, (
    f"self-training reached {history[-1]:.3f}, not clearly above the labelled-only {baseline:.3f}")
assert history[-1] >= 0.93, f"self-training ended at only {history[-1]:.3f} test accuracy"
