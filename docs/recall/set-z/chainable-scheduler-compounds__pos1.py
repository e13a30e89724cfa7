from torch.optim.lr_scheduler import MultiStepLR


class WarmUpMultiStepLR(MultiStepLR):
    def __init__(self, optimizer, milestones, gamma=0.1, factor=0.3333, num_iters=500, last_epoch=-1):
        self.factor = factor
        self.num_iters = num_iters
        super().__init__(optimizer, milestones, gamma, last_epoch)

    def get_lr(self):
        if self.last_epoch < self.num_iters:
            alpha = self.last_epoch / self.num_iters
            factor = (1 - self.factor) * alpha + self.factor
        else:
            factor = 1
        return [lr * factor for lr in super().get_lr()]


def train(model, dataloader, optimizer, num_steps, step_lr_sizes, device="cuda"):
    scheduler = WarmUpMultiStepLR(optimizer, milestones=step_lr_sizes, gamma=0.1, factor=0.3333, num_iters=500)
    step = 0
    model.train()
    while step < num_steps:
        for image_batch, bboxes_batch, labels_batch in dataloader:
            image_batch = image_batch.to(device)
            losses = model(image_batch, bboxes_batch, labels_batch)
            loss = sum(losses)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            step += 1
            if step % 20 == 0:
                print(f"[step {step}] loss {loss.item():.4f} lr {scheduler.get_last_lr()[0]:.6f}")
            if step >= num_steps:
                break
