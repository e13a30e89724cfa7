import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, model, optimizer, loader, accum_steps=4, clip=1.0, device="cuda"):
        self.model = model.to(device)
        self.optimizer = optimizer
        self.loader = loader
        self.accum_steps = accum_steps
        self.clip = clip
        self.device = device
        self.global_step = 0

    def _optimizer_step(self):
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.clip)
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.global_step += 1

    def train_epoch(self):
        self.model.train()
        self.optimizer.zero_grad(set_to_none=True)
        for i, (input_ids, labels) in enumerate(self.loader):
            input_ids, labels = input_ids.to(self.device), labels.to(self.device)
            logits = self.model(input_ids)
            loss = F.cross_entropy(logits.flatten(0, 1), labels.flatten(), ignore_index=-100)
            (loss / self.accum_steps).backward()
            if (i + 1) % self.accum_steps == 0:
                self._optimizer_step()
        if len(self.loader) % self.accum_steps:
            self._optimizer_step()
        return self.global_step
