import torch
from torch.optim.lr_scheduler import StepLR


class Runner:
    def __init__(self, model, loaders, opts):
        self.model = model
        self.loaders = loaders
        self.opts = opts
        self.optimizer = torch.optim.Adadelta(model.parameters(), lr=opts.lr)
        self.scheduler = StepLR(self.optimizer, step_size=opts.step, gamma=opts.gamma)
        self.loss_fn = torch.nn.NLLLoss()

    def _train(self, epoch):
        self.model.train()
        for batch_idx, (data, target) in enumerate(self.loaders["train"]):
            data, target = data.cuda(), target.cuda()
            self.optimizer.zero_grad()
            loss = self.loss_fn(self.model(data), target)
            loss.backward()
            self.optimizer.step()
            if batch_idx % 100 == 0:
                print(f"epoch {epoch} batch {batch_idx} loss {loss.item():.5f}")

    @torch.no_grad()
    def _test(self):
        self.model.eval()
        correct = 0
        for data, target in self.loaders["test"]:
            correct += self.model(data.cuda()).argmax(1).eq(target.cuda()).sum().item()
        return correct / len(self.loaders["test"].dataset)

    def run(self):
        for epoch in range(1, self.opts.epochs + 1):
            self._train(epoch)
            print(f"test acc {self._test():.4f}")
            self.scheduler.step()
