#!/usr/bin/python3
"""PyTorch CPU reference for the W1/W2 workloads of BENCHMARKS.md (same models, data order and loss).

Standalone:  /usr/bin/python3 bench/pytorch_step.py --workload fmnist-mlp --steps 200
Server mode (used by the interleaved benchmark): --serve reads lines "run K" on stdin, trains K more steps
and answers one JSON line {"step_ms": [...], "optimizer_ms": [...], "loss": [...]}; "quit" ends it.
"""
import argparse, gzip, json, os, sys, time

import numpy as np
import torch

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.s = seed & MASK

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


class Loader:
    """Per epoch: Fisher-Yates over 0..N-1 by SplitMix64 (state carried over), consecutive batches, partial dropped."""

    def __init__(self, images, labels, batch, seed=0):
        self.images, self.labels, self.batch = images, labels, batch
        self.rng, self.perm, self.pos = SplitMix64(seed), None, len(images)

    def next(self):
        n = len(self.images)
        if self.pos + self.batch > n:
            p = list(range(n))
            for i in range(n - 1, 0, -1):
                j = self.rng.next() % (i + 1)
                p[i], p[j] = p[j], p[i]
            self.perm, self.pos = np.array(p), 0
        idx = self.perm[self.pos: self.pos + self.batch]
        self.pos += self.batch
        return self.images[idx], self.labels[idx]


def build(workload):
    nn = torch.nn
    if workload == "fmnist-mlp":
        model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
        return model, 128, lambda out, x, y: nn.functional.cross_entropy(out, y)
    widths = [784, 1000, 500, 250, 30, 250, 500, 1000, 784]
    layers = []
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(nn.Tanh())
    bce = nn.functional.binary_cross_entropy_with_logits
    return nn.Sequential(*layers), 256, lambda out, x, y: bce(out, x, reduction="sum") / x.shape[0]


class Job:
    def __init__(self, workload, data_dir, lr, threads):
        torch.set_num_threads(threads)
        torch.manual_seed(0)
        images = torch.from_numpy(read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255.0)
        labels = torch.from_numpy(read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz")).astype(np.int64))
        self.model, batch, self.loss_fn = build(workload)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.loader = Loader(images, labels, batch)

    def run(self, k):
        step_ms, opt_ms, losses = [], [], []
        for _ in range(k):
            t0 = time.perf_counter()
            x, y = self.loader.next()
            self.opt.zero_grad()
            loss = self.loss_fn(self.model(x), x, y)
            loss.backward()
            t1 = time.perf_counter()
            self.opt.step()
            t2 = time.perf_counter()
            step_ms.append((t2 - t0) * 1e3)
            opt_ms.append((t2 - t1) * 1e3)
            losses.append(loss.item())
        return {"step_ms": step_ms, "optimizer_ms": opt_ms, "loss": losses}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workload", choices=["fmnist-mlp", "fmnist-autoencoder"], default="fmnist-mlp")
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--serve", action="store_true")
    a = ap.parse_args()
    job = Job(a.workload, a.data_dir, a.lr, a.threads)
    if not a.serve:
        r = job.run(a.steps)
        s = sorted(r["step_ms"][10:])
        print(json.dumps({"workload": a.workload, "torch": torch.__version__, "median_step_ms": s[len(s) // 2],
                          "p10_step_ms": s[len(s) // 10], "last_loss": r["loss"][-1]}))
        return
    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        print(json.dumps(job.run(int(cmd[1]))), flush=True)


if __name__ == "__main__":
    main()
