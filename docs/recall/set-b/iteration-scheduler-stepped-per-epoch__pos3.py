import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from dataset import TextClassificationDataset, collate
from model import TransformerClassifier

hp = {
    "n_epochs": 10,
    "batch_size": 32,
    "lr": 3e-4,
    "weight_decay": 0.01,
    "min_lr": 1e-6,
}


def run_epoch(net, dl, opt, device):
    net.train()
    losses = []
    for batch in dl:
        ids = batch["input_ids"].to(device)
        mask = batch["attention_mask"].to(device)
        labels = batch["labels"].to(device)
        logits = net(ids, attention_mask=mask)
        loss = torch.nn.functional.cross_entropy(logits, labels)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)


def main():
    device = torch.device("cuda")
    ds = TextClassificationDataset("data/train.jsonl")
    dl = DataLoader(ds, batch_size=hp["batch_size"], shuffle=True, collate_fn=collate)
    net = TransformerClassifier(vocab_size=ds.vocab_size, n_classes=ds.n_classes).to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp["weight_decay"])

    num_update_steps = hp["n_epochs"] * math.ceil(len(ds) / hp["batch_size"])
    cosine = CosineAnnealingLR(opt, T_max=num_update_steps, eta_min=hp["min_lr"])

    for ep in range(hp["n_epochs"]):
        avg = run_epoch(net, dl, opt, device)
        cosine.step()
        print(f"epoch {ep}: loss={avg:.4f} lr={cosine.get_last_lr()[0]:.2e}")
    torch.save(net.state_dict(), "classifier.pt")


if __name__ == "__main__":
    main()
