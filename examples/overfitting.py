"""Overfitting: training loss heads for zero while validation loss passes its minimum and rises."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch

import trainer

# 60 noisy training points, 240 for validation, and a network with about 17,000 weights.
train_data, val_data = trainer.split(trainer.two_moons(300, noise=0.3, seed=0), [0.2, 0.8])
cfg = trainer.TrainConfig(optimizer="adam", lr=0.01, batch_size=60, epochs=200)  # full batch
torch.manual_seed(0)
model = trainer.mlp(2, (128, 128), 2)
history = trainer.train(model, train_data, val_data, cfg)

n_params = sum(p.numel() for p in model.parameters())
device = trainer.pick_device(cfg)
train_loss, train_accuracy = trainer.evaluate(model, train_data, cfg, device)
best = history.best_epoch  # 1-based epoch of the lowest validation loss
val_best, val_last = history.val_loss[best - 1], history.val_loss[-1]
gap = [v - t for t, v in zip(history.train_loss, history.val_loss, strict=True)]
print(f"{len(train_data)} training points, {n_params} parameters (weights and biases), "
      f"{cfg.epochs} epochs")
print(f"lowest validation loss {val_best:.3f} in epoch {best} "
      f"(accuracy {history.val_accuracy[best - 1]:.3f})")
print(f"after epoch {cfg.epochs}: training loss {train_loss:.4f} (accuracy {train_accuracy:.3f}), "
      f"validation loss {val_last:.3f} (accuracy {history.val_accuracy[-1]:.3f})")
print(f"gap between validation and training loss: {gap[best - 1]:.3f} in epoch {best}, "
      f"{gap[-1]:.3f} at the end")

epochs = range(1, cfg.epochs + 1)
plt.figure(figsize=(6, 4))
plt.semilogy(epochs, history.train_loss, label="training loss")
plt.semilogy(epochs, history.val_loss, label="validation loss")
plt.fill_between(epochs, history.train_loss, history.val_loss, color="gray", alpha=0.2,
                 label="generalization gap")
plt.axvline(best, color="gray", linestyle="--", label=f"lowest validation loss (epoch {best})")
plt.title("A wide MLP on 60 noisy two-moons points")
plt.xlabel("epoch")
plt.ylabel("cross-entropy (log scale)")
plt.legend()
plt.show()

assert train_loss < 0.05 and train_accuracy == 1.0, (
    f"the model should fit its training set almost perfectly: loss {train_loss:.4f}, "
    f"accuracy {train_accuracy:.3f}")
assert best < cfg.epochs // 2 and val_last > 2 * val_best, (
    f"validation loss should bottom out early and then rise: lowest {val_best:.3f} in epoch "
    f"{best}, {val_last:.3f} at the end")
assert gap[-1] > 0.3 and gap[-1] > 3 * gap[best - 1], (
    f"the gap should open up after the best epoch: {gap[best - 1]:.3f} then, {gap[-1]:.3f} now")
