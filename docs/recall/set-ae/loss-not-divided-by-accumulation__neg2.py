import torch


class LMTrainer:
    def __init__(self, model, optimizer, loader, args):
        self.model = model
        self.optimizer = optimizer
        self.loader = loader
        self.n_accum = args.grad_accum
        self.max_norm = args.max_grad_norm

    def train_epoch(self, epoch):
        self.model.train()
        step = 0
        batches = iter(self.loader)
        while True:
            micro = []
            for _ in range(self.n_accum):
                try:
                    micro.append(next(batches))
                except StopIteration:
                    break
            if not micro:
                break
            for batch in micro:
                out = self.model(**{k: v.cuda() for k, v in batch.items()})
                (out.loss / len(micro)).backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.max_norm)
            self.optimizer.step()
            self.optimizer.zero_grad(set_to_none=True)
            step += 1
            if step % 20 == 0:
                print(f"epoch {epoch} step {step} loss {out.loss.item():.4f}")
