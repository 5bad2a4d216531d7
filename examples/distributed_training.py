"""Two DDP processes end with the weights of one process that uses the same global batch."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import torch

import trainer

# Plain SGD, no dropout, no batch norm: the only difference left is the order of additions.
# cfg.batch_size is the global batch: under torchrun each process takes half of it.
cfg = trainer.TrainConfig(epochs=3, batch_size=16, optimizer="sgd", lr=0.2, device="cpu")
train_data, val_data = trainer.split(trainer.two_moons(192, seed=0), [2 / 3, 1 / 3], seed=0)


def trained(batch_size: int) -> torch.nn.Module:
    """The same model from the same seed, trained with `batch_size` as the global batch."""
    torch.manual_seed(0)
    model = trainer.mlp(2, [16], 2)
    trainer.train(model, train_data, val_data, dataclasses.replace(cfg, batch_size=batch_size))
    return model


if "LOCAL_RANK" in os.environ:  # a worker that torchrun started: train, rank 0 saves
    model = trained(16)  # train() joins the process group and wraps the model in DDP
    if torch.distributed.get_rank() == 0:
        torch.save(model.state_dict(), sys.argv[1])
    torch.distributed.barrier()  # leave together, so no rank talks to a store that is gone
    torch.distributed.destroy_process_group()
    # Skip the interpreter's shutdown: there, now and then (1 run in 60 here), a thread
    # left in gloo aborts the worker ("terminate called without an active exception").
    # The weights are saved; only the output needs flushing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)

with tempfile.TemporaryDirectory() as folder:
    weights_file = Path(folder, "ddp.pt")
    # Port 0: the rendezvous binds a free port itself. Gloo talks over the loopback device.
    env = {**os.environ, "OMP_NUM_THREADS": "1", "GLOO_SOCKET_IFNAME": "lo"}
    done = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2",
                           "--rdzv-backend=c10d", "--rdzv-endpoint=127.0.0.1:0",
                           __file__, str(weights_file)],
                          env=env, capture_output=True, text=True, timeout=120)
    # A worker's own error comes first; torchrun's summary of the failure follows it.
    assert done.returncode == 0, f"torchrun failed:\n{done.stderr[:3000]}"
    distributed = torch.load(weights_file, weights_only=True)

single = trained(16).state_dict()  # one process, the same global batch of 16
small = trained(8).state_dict()  # one process, the batch one DDP process sees

diff_same = max((distributed[k] - v).abs().max().item() for k, v in single.items())
diff_small = max((distributed[k] - v).abs().max().item() for k, v in small.items())
print(f"max |w_ddp - w_single|, global batch 16 in both: {diff_same:.2e}")
print(f"max |w_ddp - w_single|, single process with batch 8: {diff_small:.2e}")

for name, weight in single.items():
    # Averaging two half-batch gradients adds in another order than one full batch does.
    assert torch.allclose(distributed[name], weight, rtol=0, atol=1e-5), (
        f"{name}: DDP and one process differ by {(distributed[name] - weight).abs().max():.2e}")
assert diff_small > 1e-2, (
    f"batch 8 on one process should end elsewhere than DDP with 2 × 8, differs by {diff_small}")
