import json
import os

import torch


class MetricLogger:
    def __init__(self, log_dir, keys=("loss", "lr")):
        self.log_dir = log_dir
        self.keys = keys
        os.makedirs(log_dir, exist_ok=True)

    def log(self, step, values, history={}):
        for key in self.keys:
            if key in values:
                v = values[key]
                history.setdefault(key, []).append(float(v.item() if torch.is_tensor(v) else v))
        history.setdefault("step", []).append(step)
        with open(os.path.join(self.log_dir, "metrics.json"), "w") as fh:
            json.dump(history, fh)
        return history


def train(net, loader, opt, log_dir, epochs=10):
    logger = MetricLogger(log_dir)
    step = 0
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(net(x), y)
            loss.backward()
            opt.step()
            step += 1
            if step % 20 == 0:
                logger.log(step, {"loss": loss.detach(), "lr": opt.param_groups[0]["lr"]})
    return net
