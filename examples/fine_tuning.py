"""Pre-trained on digits 0-4, a CNN learns 5-9 from a few labels better than one from scratch."""

from __future__ import annotations

import copy
import dataclasses

import matplotlib.pyplot as plt
import torch
from torch import Tensor, nn
from torch.utils.data import TensorDataset

import trainer

# The figures on the page come from one CPU thread; with more, sums run in another order
# and the last digit of an accuracy can differ.
torch.set_num_threads(1)

# Digits of 8×8 pixels, each pasted at a random place on a 12×12 canvas: the same digit can
# sit anywhere, and a handful of examples per class cannot show a model what that means.
images, labels = trainer.digits(shuffle=True, seed=0).tensors
train_part, test_part = trainer.split(TensorDataset(images, labels), [0.7, 0.3])
placement = torch.Generator().manual_seed(0)


def shifted(x: Tensor) -> Tensor:
    canvas = torch.zeros(len(x), 1, 12, 12)
    offsets = torch.randint(0, 5, (len(x), 2), generator=placement).tolist()
    for i, (row, col) in enumerate(offsets):
        canvas[i, :, row: row + 8, col: col + 8] = x[i]
    return canvas


def task(data: TensorDataset, first: int) -> TensorDataset:
    """Digits first .. first + 4, shifted, labelled 0 to 4."""
    x, y = data.tensors
    keep = (y >= first) & (y < first + 5)
    return TensorDataset(shifted(x[keep]), y[keep] - first)


source, target_pool, target_test = task(train_part, 0), task(train_part, 5), task(test_part, 5)


def cnn() -> nn.Sequential:
    """Two conv layers, a global max-pool, and a linear head for five classes."""
    return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(),
                         nn.AdaptiveMaxPool2d(1), nn.Flatten(), nn.Linear(32, 5))


cfg = trainer.TrainConfig(optimizer="adam", lr=0.003, epochs=10, batch_size=32)
device = trainer.pick_device(cfg)
torch.manual_seed(0)
pretrained = cnn()
trainer.train(pretrained, source, None, cfg)  # pre-training: 0-4, all labels
source_accuracy = trainer.evaluate(pretrained, task(test_part, 0), cfg, device)[1] or 0.0


def few_shot(per_class: int, draw: int) -> TensorDataset:
    """`per_class` random examples of each of the digits 5-9."""
    x, y = target_pool.tensors
    pick = torch.Generator().manual_seed(draw)
    chosen = torch.cat([torch.nonzero(y == c).flatten()[
        torch.randperm(int((y == c).sum()), generator=pick)[:per_class]] for c in range(5)])
    return TensorDataset(x[chosen], y[chosen])


def accuracy_after_training(model: nn.Module, data: TensorDataset) -> float:
    """Full-batch Adam for 50 steps on the few examples, then accuracy on the 5-9 test set."""
    few_cfg = dataclasses.replace(cfg, epochs=50, batch_size=64)
    trainer.train(model, data, None, few_cfg)
    return trainer.evaluate(model, target_test, cfg, device)[1] or 0.0


shots, draws = (1, 3, 10), 3
results: dict[str, list[float]] = {"from scratch": [], "fine-tuned": []}
for per_class in shots:
    scores: dict[str, list[float]] = {name: [] for name in results}
    for draw in range(draws):
        data = few_shot(per_class, draw)
        torch.manual_seed(1 + draw)
        scores["from scratch"].append(accuracy_after_training(cnn(), data))
        torch.manual_seed(1 + draw)
        model = copy.deepcopy(pretrained)
        model[-1] = nn.Linear(32, 5)  # a fresh head for the new classes; the body is kept
        scores["fine-tuned"].append(accuracy_after_training(model, data))
    for name, values in scores.items():
        results[name].append(sum(values) / draws)
    print(f"{per_class:>2} per class: from scratch {results['from scratch'][-1]:.3f}, "
          f"fine-tuned {results['fine-tuned'][-1]:.3f} (mean of {draws} draws)")
print(f"pre-trained model on its own task (0-4): accuracy {source_accuracy:.3f}")

plt.figure(figsize=(6, 4))
for name, values in results.items():
    plt.plot(shots, values, marker="o", label=name)
plt.xscale("log")
plt.xticks(shots, [str(s) for s in shots])
plt.title("Digits 5-9 from few labels: fine-tuned vs. from scratch")
plt.xlabel("labelled examples per class")
plt.ylabel("test accuracy (mean of 3 draws)")
plt.legend()
plt.show()

gains = [f - s for f, s in zip(results["fine-tuned"], results["from scratch"], strict=True)]
assert source_accuracy > 0.9, f"pre-training failed: accuracy {source_accuracy:.3f} on 0-4"
assert min(gains[:2]) > 0.05, f"fine-tuning should win clearly with 1 and 3 labels: {gains}"
assert gains[2] < gains[0] - 0.05, f"the advantage should shrink as labels grow: {gains}"
