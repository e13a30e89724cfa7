import torch


class StepDecay:
    """Divide the learning rate by 10 every `period` epochs."""

    def __init__(self, optimizer, period=30, gamma=0.1):
        self.optimizer = optimizer
        self.initial_lrs = [group["lr"] for group in optimizer.param_groups]
        self.period = period
        self.gamma = gamma
        self.epoch = 0

    def step(self):
        self.epoch += 1
        scale = self.gamma ** (self.epoch // self.period)
        for group, lr0 in zip(self.optimizer.param_groups, self.initial_lrs):
            group["lr"] = lr0 * scale
        return [group["lr"] for group in self.optimizer.param_groups]

    def state_dict(self):
        return {"epoch": self.epoch, "initial_lrs": list(self.initial_lrs)}

    def load_state_dict(self, state):
        self.epoch = state["epoch"]
        self.initial_lrs = list(state["initial_lrs"])


def main(net, train_loader, epochs=90, lr=0.1):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = StepDecay(opt)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for images, target in train_loader:
            loss = criterion(net(images), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lrs = lr_sched.step()
        print(f"Epoch {epoch}: lr={lrs[0]:.6f}")
