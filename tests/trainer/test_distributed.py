"""The same `train` under torchrun: two CPU processes with DDP equal one process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

import trainer

EXAMPLES = Path(trainer.__file__).resolve().parents[1]

# Plain SGD, no dropout, no batch norm: the only difference left is the order of additions.
RUN = """
import sys
sys.path.insert(0, {examples!r})
import torch
import trainer

cfg = trainer.TrainConfig(epochs=2, batch_size=16, optimizer="sgd", lr=0.2, device="cpu")
train, val = trainer.split(trainer.two_moons(192, seed=0), [2 / 3, 1 / 3], seed=0)
torch.manual_seed(0)
model = trainer.mlp(2, [16], 2)
history = trainer.train(model, train, val, cfg)
if __name__ == "__main__":  # under torchrun; the test also exec()s this file in-process
    if torch.distributed.get_rank() == 0:
        torch.save(model.state_dict(), sys.argv[1])
    # Leave together, so no rank talks to a store that is gone; then skip the
    # interpreter's shutdown, where a thread left in gloo now and then aborts the worker
    # ("terminate called without an active exception": 1 run in 60 with it, 0 in 120
    # without). The weights are saved by then.
    torch.distributed.barrier()
    torch.distributed.destroy_process_group()
    import os
    os._exit(0)
"""


@pytest.mark.slow
def test_two_processes_match_one_with_the_same_global_batch(tmp_path: Path) -> None:
    script = tmp_path / "run.py"
    script.write_text(RUN.format(examples=str(EXAMPLES)), encoding="utf-8")
    # Gloo otherwise looks for the interface of the host name, which a sandbox may not route.
    env = {**os.environ, "OMP_NUM_THREADS": "1", "GLOO_SOCKET_IFNAME": "lo"}
    # Port 0: the rendezvous binds a free port itself, so parallel runs cannot collide.
    done = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2",
                           "--rdzv-backend=c10d", "--rdzv-endpoint=127.0.0.1:0",
                           str(script), str(tmp_path / "ddp.pt")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    distributed = torch.load(tmp_path / "ddp.pt", weights_only=True)

    namespace: dict[str, object] = {"__name__": "single_process"}
    exec(compile(script.read_text(encoding="utf-8"), str(script), "exec"), namespace)
    single = namespace["model"]
    assert isinstance(single, torch.nn.Module)
    for name, weight in single.state_dict().items():
        # Averaging two half-batch gradients adds in another order than one full batch.
        assert torch.allclose(distributed[name], weight, rtol=0, atol=1e-6), name
