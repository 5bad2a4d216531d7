"""Training on task B alone erases task A; rehearsing a few stored A examples keeps most of it."""

from __future__ import annotations

import copy
from collections.abc import Callable

import matplotlib.pyplot as plt
import torch
from torch.utils.data import TensorDataset

import trainer

# Task A: digits 0-4. Task B: digits 5-9. One network with ten outputs learns A, then B.
images, labels = trainer.digits(shuffle=True, seed=0).tensors
train_part, test_part = trainer.split(TensorDataset(images.flatten(1), labels), [0.7, 0.3])


def task(data: TensorDataset, digits: range) -> TensorDataset:
    x, y = data.tensors
    keep = (y >= digits.start) & (y < digits.stop)
    return TensorDataset(x[keep], y[keep])


a_train, b_train = task(train_part, range(5)), task(train_part, range(5, 10))
a_test, b_test = task(test_part, range(5)), task(test_part, range(5, 10))

# Rehearsal: keep 10% of A's training examples in a memory and mix them into every epoch
# of B, repeated 4 times, so that more than a quarter of what B shows the model is old.
memory = torch.randperm(len(a_train), generator=torch.Generator().manual_seed(0))
memory = memory[: len(a_train) // 10]
x_old, y_old = (t[memory] for t in a_train.tensors)
b_with_rehearsal = TensorDataset(torch.cat([b_train.tensors[0], x_old.repeat(4, 1)]),
                                 torch.cat([b_train.tensors[1], y_old.repeat(4)]))

cfg = trainer.TrainConfig(optimizer="adam", lr=0.003, epochs=5, batch_size=32)
device = trainer.pick_device(cfg)


def tracked(model: torch.nn.Module,
            curves: dict[str, list[float]]) -> Callable[[int, trainer.History], None]:
    """An on_epoch callback that appends the test accuracy on A and on B."""
    def record(epoch: int, history: trainer.History) -> None:
        for name, data in (("A", a_test), ("B", b_test)):
            curves[name].append(trainer.evaluate(model, data, cfg, device)[1] or 0.0)
    return record


torch.manual_seed(0)
model = trainer.mlp(64, [64], 10)
first: dict[str, list[float]] = {"A": [], "B": []}
trainer.train(model, a_train, None, cfg, on_epoch=tracked(model, first))

runs = {}
for name, data in (("B only", b_train), ("B + rehearsal", b_with_rehearsal)):
    curves = {key: list(values) for key, values in first.items()}  # both start after task A
    continued = copy.deepcopy(model)
    trainer.train(continued, data, None, cfg, on_epoch=tracked(continued, curves))
    runs[name] = curves

print(f"{len(a_train)} training digits for A, {len(b_train)} for B, memory of {len(memory)}")
print(f"after task A:     accuracy on A {first['A'][-1]:.3f}, on B {first['B'][-1]:.3f}")
for name, curves in runs.items():
    print(f"{name + ':':<17} accuracy on A {curves['A'][-1]:.3f}, on B {curves['B'][-1]:.3f}; "
          f"on A epoch by epoch: {' '.join(f'{a:.2f}' for a in curves['A'][cfg.epochs:])}")

epochs = list(range(1, 2 * cfg.epochs + 1))
first_phase, second_phase = epochs[: cfg.epochs], epochs[cfg.epochs - 1:]
plt.figure(figsize=(6, 4))
plt.plot(first_phase, first["A"], color="black", marker="o", label="training on A: task A")
plt.plot(first_phase, first["B"], color="black", marker="x", linestyle="--",
         label="training on A: task B")
for (name, curves), color in zip(runs.items(), ("tab:red", "tab:blue"), strict=True):
    plt.plot(second_phase, curves["A"][cfg.epochs - 1:], color=color, marker="o",
             label=f"{name}: task A (0-4)")
    plt.plot(second_phase, curves["B"][cfg.epochs - 1:], color=color, marker="x",
             linestyle="--", label=f"{name}: task B (5-9)")
plt.axvline(cfg.epochs + 0.5, color="gray", linestyle=":", label="switch from A to B")
plt.title("Catastrophic forgetting and rehearsal on digits")
plt.xlabel("epoch")
plt.ylabel("test accuracy")
plt.legend(fontsize="small")
plt.show()

after_a = first["A"][-1]
forgot, kept = runs["B only"]["A"][-1], runs["B + rehearsal"]["A"][-1]
assert after_a > 0.9, f"task A was not learned in the first place: accuracy {after_a:.3f}"
assert forgot < 0.1, f"training on B alone should erase A, but A is still at {forgot:.3f}"
assert kept > 0.75 * after_a, (
    f"rehearsal should keep most of A: {kept:.3f} of the {after_a:.3f} it had after A")
assert min(runs[name]["B"][-1] for name in runs) > 0.85, "task B was not learned"
