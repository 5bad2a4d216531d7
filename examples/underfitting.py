"""Underfitting: a linear model errs on training and new data alike; more capacity fixes it."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch

import trainer

# Two spirals cannot be separated by a straight line; the same data and training for all sizes.
sizes: dict[str, tuple[int, ...]] = {"linear": (), "8 hidden": (8,), "64-64 hidden": (64, 64)}
results: dict[str, tuple[float, float]] = {}
fig, axes = plt.subplots(1, len(sizes), figsize=(10, 3.8), sharey=True, layout="constrained")
grid = torch.stack(torch.meshgrid(torch.linspace(-1.3, 1.3, 150), torch.linspace(-1.3, 1.3, 150),
                                  indexing="xy"), dim=-1).reshape(-1, 2)
for ax, (name, hidden) in zip(axes, sizes.items(), strict=True):
    cfg = trainer.TrainConfig(data="spirals", n_samples=500, noise=0.05, hidden=hidden,
                              optimizer="adam", lr=0.02, batch_size=50, epochs=60)
    model, (train_data, val_data, _) = trainer.build(cfg)  # 300 training, 100 validation
    trainer.train(model, train_data, val_data, cfg)
    device = trainer.pick_device(cfg)
    train_accuracy = trainer.evaluate(model, train_data, cfg, device)[1]
    val_accuracy = trainer.evaluate(model, val_data, cfg, device)[1]
    assert train_accuracy is not None and val_accuracy is not None
    results[name] = (1 - train_accuracy, 1 - val_accuracy)
    n_weights = sum(p.numel() for p in model.parameters())
    print(f"{name:>12} ({n_weights:>4} weights): training error {1 - train_accuracy:.3f}, "
          f"validation error {1 - val_accuracy:.3f}")

    with torch.no_grad():  # the predicted class over the whole plane
        regions = model(grid.to(device)).argmax(dim=1).float().cpu().reshape(150, 150)
    ax.contourf(grid[:, 0].reshape(150, 150), grid[:, 1].reshape(150, 150), regions,
                levels=[-0.5, 0.5, 1.5], cmap="coolwarm", alpha=0.3)
    x, y = train_data.tensors
    for label, marker in ((0, "o"), (1, "^")):
        ax.scatter(*x[y == label].T, s=8, marker=marker, label=f"class {label}")
    ax.set_title(f"{name}: train error {1 - train_accuracy:.2f}")
    ax.set_xlabel("x₁")
axes[0].set_ylabel("x₂")
axes[0].legend(loc="lower left")
fig.suptitle("Decision regions on two spirals: too little capacity underfits")
plt.show()

linear_train, linear_val = results["linear"]
large_train, large_val = results["64-64 hidden"]
assert linear_train > 0.25 and linear_val > 0.25, (
    f"the linear model should fail on training and validation data alike: training error "
    f"{linear_train:.3f}, validation error {linear_val:.3f}")
assert abs(linear_train - linear_val) < 0.1, (
    f"an underfitting model has no large gap: {linear_train:.3f} vs. {linear_val:.3f}")
assert large_train < 0.1 and large_val < 0.1, (
    f"the larger MLP should fix it: training error {large_train:.3f}, "
    f"validation error {large_val:.3f}")
