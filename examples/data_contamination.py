"""Test items that leaked into the training set inflate the test accuracy of a memorizing model."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch
from torch import Tensor, nn

torch.manual_seed(1)
dim, flip = 10, 0.2  # labels follow a linear rule, but 20% of them are flipped: best accuracy 0.8
w_rule = torch.randn(dim)


def sample(n: int) -> tuple[Tensor, Tensor]:
    x = torch.randn(n, dim)
    y = (x @ w_rule > 0).long()
    return x, torch.where(torch.rand(n) < flip, 1 - y, y)


x_train, y_train = sample(400)
x_test, y_test = sample(400)
exact = torch.arange(0, 100)  # test items copied verbatim into the training set
near = torch.arange(100, 200)  # test items whose slightly perturbed copies were trained on
clean = torch.arange(200, 400)  # test items the model has never seen in any form
x_near_copy = x_test[near] + 0.1 * torch.randn(len(near), dim)
x_leaky = torch.cat([x_train, x_test[exact], x_near_copy])
y_leaky = torch.cat([y_train, y_test[exact], y_test[near]])
x_extra, y_extra = sample(200)  # the control: as much extra training data, but fresh
x_fair, y_fair = torch.cat([x_train, x_extra]), torch.cat([y_train, y_extra])


def fit(x: Tensor, y: Tensor) -> nn.Module:
    """A wide MLP trained full-batch until it has memorized its training set, noise included."""
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(dim, 256), nn.ReLU(), nn.Linear(256, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(300):
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
    return model


@torch.no_grad()
def accuracy(model: nn.Module, x: Tensor, y: Tensor) -> float:
    return float((model(x).argmax(dim=1) == y).float().mean().item())


honest = fit(x_fair, y_fair)
leaky = fit(x_leaky, y_leaky)
results = {
    "leaked verbatim": accuracy(leaky, x_test[exact], y_test[exact]),
    "leaked, perturbed": accuracy(leaky, x_test[near], y_test[near]),
    "never seen": accuracy(leaky, x_test[clean], y_test[clean]),
}
reported = accuracy(leaky, x_test, y_test)
true_level = accuracy(honest, x_test, y_test)

print(f"training accuracy: {accuracy(leaky, x_leaky, y_leaky):.3f} "
      f"({len(x_leaky)} items, 200 of them from the test set)")
for name, value in results.items():
    print(f"test items {name:>17}: accuracy {value:.3f}")
print(f"whole test set, contaminated model: {reported:.3f} (what would be reported)")
print(f"whole test set, clean model:        {true_level:.3f} (same amount of data, all fresh; "
      f"best possible {1 - flip:.3f})")

plt.figure(figsize=(6, 4))
names = ["leaked\nverbatim", "leaked,\nperturbed", "never\nseen", "whole test set\n(reported)"]
plt.bar(names, [*results.values(), reported], color=["C3", "C1", "C0", "C7"])
plt.axhline(true_level, color="k", linestyle="--", label=f"clean model: {true_level:.3f}")
plt.axhline(1 - flip, color="gray", linestyle=":", label="best possible (20% label noise)")
plt.title("Accuracy of a model trained on leaked test items")
plt.xlabel("group of test items")
plt.ylabel("accuracy")
plt.ylim(0, 1.3)
plt.legend(loc="upper right")
plt.tight_layout()
plt.show()

assert results["leaked verbatim"] > 0.95, "a memorizing model should get leaked items right"
assert results["leaked verbatim"] > results["never seen"] + 0.2, (
    f"leaked items should score far above unseen ones: {results}")
assert results["leaked, perturbed"] > results["never seen"] + 0.1, (
    f"near-duplicates should also be inflated: {results}")
assert results["never seen"] < 1 - flip + 0.05, (
    f"no model can beat {1 - flip} on unseen items by much: {results['never seen']:.3f}")
assert reported > true_level + 0.1, (
    f"the contaminated test score {reported:.3f} should overstate the clean {true_level:.3f}")
