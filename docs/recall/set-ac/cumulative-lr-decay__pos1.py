import torch


class StepDecay:
    """Divide the learning rate by 10 every `period` epochs."""

    def __init__(self, optimizer, base_lr, period=30, gamma=0.1):
        self.optimizer = optimizer
        self.base_lr = base_lr
        self.period = period
        self.gamma = gamma
        self.epoch = 0

    def step(self):
        self.epoch += 1
        self.base_lr = self.base_lr * (self.gamma ** (self.epoch // self.period))
        for group in self.optimizer.param_groups:
            group["lr"] = self.base_lr
        return self.base_lr

    def state_dict(self):
        return {"epoch": self.epoch, "base_lr": self.base_lr}

    def load_state_dict(self, state):
        self.epoch = state["epoch"]
        self.base_lr = state["base_lr"]


def main(model, train_loader, epochs=90, lr=0.1):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    decay = StepDecay(optimizer, base_lr=lr)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        for images, target in train_loader:
            output = model(images)
            loss = criterion(output, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        current = decay.step()
        print(f"Epoch {epoch}: lr={current:.6f}")
