import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, model, loader, optimizer, device):
        self.model = model
        self.loader = loader
        self.optimizer = optimizer
        self.device = device

    def train_epoch(self):
        self.model.train()
        loss_sum = torch.zeros((), device=self.device)
        n_tokens = 0
        for input_ids, labels in self.loader:
            input_ids, labels = input_ids.to(self.device), labels.to(self.device)
            logits = self.model(input_ids)
            loss = F.cross_entropy(logits.flatten(0, 1), labels.flatten(), ignore_index=-100)
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
            valid = (labels != -100).sum()
            loss_sum += loss.detach() * valid
            n_tokens += int(valid)
        return (loss_sum / max(n_tokens, 1)).item()
