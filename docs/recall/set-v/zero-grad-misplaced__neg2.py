import torch
import torch.nn.functional as F


class AccumTrainer:
    def __init__(self, model, loader, lr, accum_steps=4, device="cuda"):
        self.model = model.to(device)
        self.loader = loader
        self.device = device
        self.accum_steps = accum_steps
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=lr)

    def run_epoch(self):
        self.model.train()
        self.opt.zero_grad(set_to_none=True)
        n_batches = len(self.loader)
        for i, (input_ids, labels) in enumerate(self.loader):
            input_ids, labels = input_ids.to(self.device), labels.to(self.device)
            logits = self.model(input_ids)
            loss = F.cross_entropy(logits.flatten(0, 1), labels.flatten(), ignore_index=-100)
            (loss / self.accum_steps).backward()
            if (i + 1) % self.accum_steps == 0 or (i + 1) == n_batches:
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
                self.opt.step()
                self.opt.zero_grad(set_to_none=True)
