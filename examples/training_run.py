"""A run repeats bit for bit with the same config and seed; other seeds give a spread."""

from __future__ import annotations

import statistics
from dataclasses import replace

import matplotlib.pyplot as plt
import torch

import trainer

torch.set_num_threads(1)  # tiny tensors: threads only add overhead
# Noisy two moons, so that runs can differ; on the CPU, where the trainer is deterministic.
cfg = trainer.TrainConfig(data="moons", n_samples=512, noise=0.3, hidden=(32, 32),
                          optimizer="momentum", lr=0.02, epochs=15, device="cpu")

# The same run twice: trainer.run builds data and model from cfg and trains.
model_a, history_a = trainer.run(cfg)
model_b, history_b = trainer.run(cfg)
same_history = history_a == history_b  # every float of every epoch
same_weights = all(torch.equal(a, b) for a, b in zip(model_a.state_dict().values(),
                                                     model_b.state_dict().values(), strict=True))
print(f"seed {cfg.seed} twice: identical history {same_history}, identical weights {same_weights}")

# The same data with other seeds: only the initial weights and the batch order change.
train_data, val_data, _ = trainer.build(cfg)[1]
histories = {cfg.seed: history_a}
for seed in (1, 2, 3, 4):
    seed_cfg = replace(cfg, seed=seed)
    model = trainer.build(seed_cfg)[0]  # weights drawn with this seed (data unused)
    histories[seed] = trainer.train(model, train_data, val_data, seed_cfg)

final_loss = [h.val_loss[-1] for h in histories.values()]
final_accuracy = [h.val_accuracy[-1] for h in histories.values()]
for seed, h in histories.items():
    print(f"seed {seed}: validation loss {h.val_loss[-1]:.4f}, accuracy {h.val_accuracy[-1]:.3f}")
print(f"over {len(histories)} seeds: loss {statistics.mean(final_loss):.4f} ± "
      f"{statistics.stdev(final_loss):.4f}, accuracy {statistics.mean(final_accuracy):.3f} ± "
      f"{statistics.stdev(final_accuracy):.3f} (mean ± standard deviation); "
      f"one validation point is {1 / len(val_data):.3f}")

epochs = range(1, cfg.epochs + 1)
plt.figure(figsize=(6, 4))
for seed, h in histories.items():
    plt.plot(epochs, h.val_loss, label=f"seed {seed}")
plt.plot(epochs, history_b.val_loss, "x", color="black", label=f"seed {cfg.seed}, repeated")
plt.title("Five training runs that differ only in the seed")
plt.xlabel("epoch")
plt.ylabel("validation loss (cross-entropy)")
plt.legend()
plt.tight_layout()
plt.show()

assert same_history and same_weights, "the same config and seed gave a different run"
assert max(final_loss) - min(final_loss) > 0.005, (
    f"the seeds hardly differ: final validation losses {final_loss}")
