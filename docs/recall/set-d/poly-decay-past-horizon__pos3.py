import torch


def poly_lr(epoch, max_epochs, initial_lr, exponent=0.9):
    return initial_lr * (1 - epoch / max_epochs) ** exponent


class NetworkTrainer:
    def __init__(self, network, tr_gen, loss, max_num_epochs=1000, initial_lr=1e-2):
        self.network = network
        self.tr_gen = tr_gen
        self.loss = loss
        self.max_num_epochs = max_num_epochs
        self.initial_lr = initial_lr
        self.num_batches_per_epoch = 250
        self.epoch = 0
        self.optimizer = torch.optim.SGD(network.parameters(), initial_lr, weight_decay=3e-5,
                                         momentum=0.99, nesterov=True)

    def maybe_update_lr(self, epoch=None):
        ep = self.epoch + 1 if epoch is None else epoch
        self.optimizer.param_groups[0]["lr"] = poly_lr(ep, self.max_num_epochs, self.initial_lr, 0.9)

    def run_iteration(self):
        data, target = next(self.tr_gen)
        output = self.network(data)
        loss = self.loss(output, target)
        self.optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.network.parameters(), 12)
        self.optimizer.step()
        return loss.item()

    def run_training(self, extra_epochs=0):
        self.maybe_update_lr(self.epoch)
        while self.epoch < self.max_num_epochs + extra_epochs:
            self.network.train()
            losses = [self.run_iteration() for _ in range(self.num_batches_per_epoch)]
            print(f"epoch {self.epoch}: train loss {sum(losses) / len(losses):.4f}")
            self.maybe_update_lr()
            self.epoch += 1
