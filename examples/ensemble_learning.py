"""Averaging the predictions of independently seeded small MLPs beats the average member."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import Tensor

import trainer

# 150 training digits and small MLPs (64 → 16 → 10), so the members are weak and differ.
images, labels = trainer.digits(shuffle=True, seed=0).tensors
x_train, y_train = images[:150].flatten(1), labels[:150]
x_test, y_test = images[-600:].flatten(1), labels[-600:]
members, steps = 8, 100


def train_member(seed: int) -> Tensor:
    """Train one MLP from the initial weights its seed draws; its class probabilities on test."""
    torch.manual_seed(seed)
    model = trainer.mlp(64, (16,), 10)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
    for _ in range(steps):  # full batch: the seed is the only difference between members
        optimizer.zero_grad()
        F.cross_entropy(model(x_train), y_train).backward()
        optimizer.step()
    with torch.no_grad():
        return F.softmax(model(x_test), dim=1)


def test_loss(probabilities: Tensor) -> float:
    return F.nll_loss(probabilities.log(), y_test).item()


def test_error(probabilities: Tensor) -> float:
    return (probabilities.argmax(dim=1) != y_test).float().mean().item()


probs = torch.stack([train_member(seed) for seed in range(members)])
member_loss = [test_loss(p) for p in probs]
member_error = [test_error(p) for p in probs]
mean_loss, mean_error = sum(member_loss) / members, sum(member_error) / members
ensemble_loss, ensemble_error = test_loss(probs.mean(dim=0)), test_error(probs.mean(dim=0))
print(f"members: test loss {min(member_loss):.3f} to {max(member_loss):.3f} "
      f"(mean {mean_loss:.3f}), error {min(member_error):.3f} to {max(member_error):.3f} "
      f"(mean {mean_error:.3f})")
print(f"ensemble of {members}: test loss {ensemble_loss:.3f}, error {ensemble_error:.3f}")

# The ensemble of the first k members, for k = 1 … members.
sizes = range(1, members + 1)
loss_by_size = [test_loss(probs[:k].mean(dim=0)) for k in sizes]
error_by_size = [test_error(probs[:k].mean(dim=0)) for k in sizes]
fig, (ax_loss, ax_error) = plt.subplots(1, 2, figsize=(9, 3.8), layout="constrained")
for ax, curve, mean, what in ((ax_loss, loss_by_size, mean_loss, "test loss (cross-entropy)"),
                              (ax_error, error_by_size, mean_error, "test error")):
    ax.plot(sizes, curve, marker="o", label="ensemble of the first k members")
    ax.axhline(mean, color="gray", linestyle="--", label="average member")
    ax.set_xlabel("number of members k")
    ax.set_ylabel(what)
ax_loss.legend()
fig.suptitle("Averaging the probabilities of small MLPs on 150 digits")
plt.show()

assert ensemble_loss < 0.9 * mean_loss and ensemble_loss < min(member_loss), (
    f"the ensemble's test loss {ensemble_loss:.3f} should beat the average member's "
    f"{mean_loss:.3f} clearly and even the best member's {min(member_loss):.3f}")
assert ensemble_error < mean_error, (
    f"the ensemble should also err less often: {ensemble_error:.3f} vs. {mean_error:.3f}")
