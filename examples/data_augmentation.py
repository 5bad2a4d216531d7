"""Training on randomly shifted digits makes an MLP far more accurate on shifted test digits."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import Tensor
from torch.utils.data import Dataset, TensorDataset

import trainer

OFFSETS = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]  # shifts by at most one pixel


def shift(image: Tensor, dy: int, dx: int) -> Tensor:
    """Move a 1×8×8 image by (dy, dx) pixels; what moves out is lost, what moves in is blank."""
    return F.pad(image, (1, 1, 1, 1))[:, 1 - dy:9 - dy, 1 - dx:9 - dx]


class RandomlyShifted(Dataset[tuple[Tensor, ...]]):
    """The same images, each shifted by a fresh random offset every time it is drawn."""

    def __init__(self, images: Tensor, labels: Tensor) -> None:
        self.images, self.labels = images, labels

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, i: int) -> tuple[Tensor, Tensor]:
        dy, dx = OFFSETS[int(torch.randint(len(OFFSETS), ()))]
        return shift(self.images[i], dy, dx).flatten(), self.labels[i]


images, labels = trainer.digits(shuffle=True, seed=0).tensors
train_x, train_y = images[:300], labels[:300]  # a small training set: 300 of the 1,797
test_x, test_y = images[-500:], labels[-500:]
# The shifted test set: every test digit moved by one of the 8 non-zero offsets, fixed by a seed.
moves = [offset for offset in OFFSETS if offset != (0, 0)]
picks = torch.randint(len(moves), (len(test_x),), generator=torch.Generator().manual_seed(1))
shifted_x = torch.stack([shift(x, *moves[k]) for x, k in zip(test_x, picks.tolist(), strict=True)])
test_sets = {"original": TensorDataset(test_x.flatten(1), test_y),
             "shifted": TensorDataset(shifted_x.flatten(1), test_y)}

cfg = trainer.TrainConfig(hidden=(128,), optimizer="adam", lr=0.01, batch_size=32, epochs=40)
device = trainer.pick_device(cfg)
plain_data: Dataset[tuple[Tensor, ...]] = TensorDataset(train_x.flatten(1), train_y)
training_sets = {"no augmentation": plain_data,
                 "random shifts": RandomlyShifted(train_x, train_y)}
accuracy: dict[str, dict[str, float]] = {}
for name, train_data in training_sets.items():
    torch.manual_seed(0)  # the same initial weights for both
    model = trainer.mlp(64, cfg.hidden, 10)
    trainer.train(model, train_data, None, cfg)
    accuracy[name] = {}
    for test_name, test_data in test_sets.items():
        _, acc = trainer.evaluate(model, test_data, cfg, device)
        assert acc is not None
        accuracy[name][test_name] = acc
    print(f"{name:>15}: test accuracy {accuracy[name]['original']:.3f} on the original digits, "
          f"{accuracy[name]['shifted']:.3f} on shifted ones")

plt.figure(figsize=(6, 4))
for i, (name, scores) in enumerate(accuracy.items()):
    positions = [j + 0.4 * i - 0.2 for j in range(len(scores))]
    bars = plt.bar(positions, list(scores.values()), width=0.4, label=f"trained with {name}")
    plt.bar_label(bars, fmt="%.3f")
plt.xticks(range(len(test_sets)), [f"{t} test digits" for t in test_sets])
plt.ylim(0, 1.25)
plt.yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
plt.title("MLP on 300 digits (8×8): shifts by one pixel")
plt.ylabel("test accuracy")
plt.legend(loc="upper center", ncols=2, fontsize="small")
plt.show()

plain, augmented = accuracy["no augmentation"], accuracy["random shifts"]
assert augmented["shifted"] > plain["shifted"] + 0.3, (
    f"augmentation should help a lot on shifted digits: {augmented['shifted']:.3f} with, "
    f"{plain['shifted']:.3f} without")
assert augmented["shifted"] > 0.8 and plain["original"] > 0.9, (
    f"both models should be good on what they were trained for: {augmented['shifted']:.3f} "
    f"(augmented, shifted), {plain['original']:.3f} (plain, original)")
