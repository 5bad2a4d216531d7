"""FedAvg over five clients with skewed label mixes comes close to training on the pooled data."""

from __future__ import annotations

import copy
import dataclasses

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch.utils.data import TensorDataset

import trainer

images, labels = trainer.digits(shuffle=True, seed=0).tensors
train_part, test_part = trainer.split(TensorDataset(images.flatten(1), labels), [0.7, 0.3])
x, y = train_part.tensors

# Non-identical clients: each digit's examples are shared out in proportions drawn from a
# Dirichlet distribution with α = 0.5, so every client sees a few digits much more often.
n_clients, alpha = 5, 0.5
rng = np.random.default_rng(0)
owner = torch.empty(len(y), dtype=torch.long)
for digit in range(10):
    where = (y == digit).nonzero().flatten()
    shares = rng.dirichlet(np.full(n_clients, alpha))
    bounds = (np.cumsum(shares) * len(where)).round().astype(int)
    for client, part in enumerate(np.split(where.numpy(), bounds[:-1])):
        owner[part] = client
clients = [TensorDataset(x[owner == k], y[owner == k]) for k in range(n_clients)]
sizes = torch.tensor([len(data) for data in clients], dtype=torch.float)

rounds, local_epochs = 15, 2
cfg = trainer.TrainConfig(optimizer="sgd", lr=0.3, epochs=local_epochs, batch_size=32)
device = trainer.pick_device(cfg)
torch.manual_seed(0)
global_model = trainer.mlp(64, [64], 10).to(device)
central_model = copy.deepcopy(global_model)  # the same starting weights


def accuracy(model: torch.nn.Module) -> float:
    return trainer.evaluate(model, test_part, cfg, device)[1] or 0.0


fedavg_accuracy, client_accuracy = [], []
for r in range(1, rounds + 1):
    states = []
    for k, data in enumerate(clients):  # in reality in parallel, on the clients' devices
        local = copy.deepcopy(global_model)  # the server sends the current global weights
        trainer.train(local, data, None, dataclasses.replace(cfg, seed=r * n_clients + k))
        states.append(local.state_dict())  # ... and gets weights back, never data
        if r == rounds:
            client_accuracy.append(accuracy(local))
    weights = sizes / sizes.sum()  # each client counts in proportion to its data
    global_model.load_state_dict({name: sum(w * s[name] for w, s in zip(weights, states,
                                                                        strict=True))
                                  for name in states[0]})
    fedavg_accuracy.append(accuracy(global_model))

# The baseline: the same model trained on all the data in one place, for as many epochs.
trainer.train(central_model, train_part, None,
              dataclasses.replace(cfg, epochs=rounds * local_epochs))
central = accuracy(central_model)

for k, data in enumerate(clients):
    counts = torch.bincount(data.tensors[1], minlength=10)
    top = counts.topk(2).indices.tolist()
    print(f"client {k}: {len(data)} examples, {counts[top].sum() / len(data):.0%} of them "
          f"{top[0]}s and {top[1]}s, missing digits: {int((counts == 0).sum())}")
print("FedAvg test accuracy per round:", " ".join(f"{a:.3f}" for a in fedavg_accuracy))
print("client models after their last local training:",
      " ".join(f"{a:.3f}" for a in client_accuracy))
print(f"FedAvg after {rounds} rounds: {fedavg_accuracy[-1]:.3f}, centralized: {central:.3f}")

plt.figure(figsize=(6, 4))
plt.plot(range(1, rounds + 1), fedavg_accuracy, marker="o", label="FedAvg, global model")
plt.axhline(central, color="gray", linestyle="--",
            label=f"centralized, {rounds * local_epochs} epochs")
plt.title(f"FedAvg on digits: {n_clients} clients, Dirichlet α = {alpha}")
plt.xlabel("communication round")
plt.ylabel("test accuracy")
plt.ylim(top=1.0)
plt.legend()
plt.show()

assert central > 0.9, f"the centralized baseline itself is weak: {central:.3f}"
assert fedavg_accuracy[-1] > central - 0.05, (
    f"FedAvg ({fedavg_accuracy[-1]:.3f}) should be within 5 points of centralized ({central:.3f})")
assert fedavg_accuracy[-1] > max(client_accuracy), "averaging should beat every client model"
