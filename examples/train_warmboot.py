"""A small image-classification training script with a hand-written warm-up + cosine
scheduler, written the way it often is in the wild. It runs, the loss goes down a
little, and the learning-rate curve is wrong in five different ways.

Try:  reviewer check examples/train_warmboot.py
"""

import math
import time

import torch
from torch import nn
from torch.optim.lr_scheduler import StepLR


class WarmbootScheduler:
    """Linear warm-up per batch, then cosine segments between restart epochs."""

    def __init__(self, optimizer, lr=0.1, epochs=0, floor=0.05, restarts=[], warmup_epochs=0, batches=0):
        self.optimizer = optimizer
        self.lr = lr
        self.floor = floor
        restarts.sort()
        self.edges = [warmup_epochs] + [r for r in restarts if warmup_epochs < r < epochs] + [epochs]
        self.warmup_batches = batches * warmup_epochs
        self.epoch_count = -1
        self.batch_count = -1
        self.span = 0

    def step(self):
        self.epoch_count = 1
        epoch = self.epoch_count + self.edges[0]
        for i in range(len(self.edges) - 1):
            if epoch <= self.edges[i + 1]:
                self.span = self.edges[i + 1] - self.edges[i]
                t = epoch - self.edges[i]
                break
        self.lr = self.lr * (self.floor + (1 - self.floor) * 0.5 * (1 + math.cos(math.pi * t / self.span)))
        for group in self.optimizer.param_groups:
            group["lr"] = self.lr

    def step_batch(self):
        self.batch_count = 1
        factor = self.batch_count / self.warmup_batches
        self.lr = self.lr * factor
        for group in self.optimizer.param_groups:
            group["lr"] = self.lr


def benchmark(model, images):
    for _ in range(3):
        model(images)  # warm-up passes
    start = time.time()
    model(images)
    return time.time() - start


def train(epochs=10, steps_per_epoch=50):
    model = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = StepLR(optimizer, step_size=3, gamma=0.5, verbose=True)
    for epoch in range(epochs):
        for step in range(steps_per_epoch):
            images, labels = torch.randn(32, 1, 28, 28), torch.randint(0, 10, (32,))
            loss = nn.functional.cross_entropy(model(images), labels)
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"epoch {epoch}: lr {scheduler.get_lr()[0]:.4f} loss {loss.item():.3f}")
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, "checkpoint.pt")
    print("inference time", benchmark(model, torch.randn(8, 1, 28, 28)))


if __name__ == "__main__":
    train()
