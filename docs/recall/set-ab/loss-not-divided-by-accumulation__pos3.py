import torch
from torch.utils.data import DataLoader


class Finetuner:
    def __init__(self, model, train_set, collate, cfg):
        self.model = model.cuda()
        self.cfg = cfg
        self.loader = DataLoader(train_set, batch_size=cfg["micro_bs"], shuffle=True, collate_fn=collate)
        self.n_accum = cfg["accum"]
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=cfg["lr"], weight_decay=0.0)
        self.updates = 0

    def compute_loss(self, batch):
        out = self.model(input_ids=batch["input_ids"].cuda(),
                         attention_mask=batch["attention_mask"].cuda(),
                         labels=batch["labels"].cuda())
        return out.loss

    def _apply_update(self):
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)
        self.updates += 1

    def train(self):
        self.model.train()
        self.opt.zero_grad(set_to_none=True)
        for epoch in range(self.cfg["epochs"]):
            micro = 0
            for batch in self.loader:
                loss = self.compute_loss(batch)
                loss.backward()
                micro += 1
                if micro == self.n_accum:
                    self._apply_update()
                    micro = 0
                    if self.updates % 20 == 0:
                        print(f"epoch {epoch} update {self.updates} loss {loss.item():.4f}")
