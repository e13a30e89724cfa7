import torch
from torch.utils.data import DataLoader

from dataset import ProteinContacts, pad_collate


def build_loaders(cfg):
    train_ds = ProteinContacts(cfg.data_dir, split="train", crop=cfg.crop)
    val_ds = ProteinContacts(cfg.data_dir, split="valid", crop=None)
    train_dl = DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=False,
                          collate_fn=pad_collate, num_workers=cfg.workers, drop_last=True)
    val_dl = DataLoader(val_ds, batch_size=1, shuffle=False,
                        collate_fn=pad_collate, num_workers=cfg.workers)
    return train_dl, val_dl


def train(cfg, net):
    train_dl, val_dl = build_loaders(cfg)
    opt = torch.optim.Adam(net.parameters(), lr=cfg.lr)
    bce = torch.nn.BCEWithLogitsLoss(reduction="none")
    net.cuda()
    for epoch in range(cfg.epochs):
        net.train()
        for seq, contacts, mask in train_dl:
            seq, contacts, mask = seq.cuda(), contacts.cuda(), mask.cuda()
            logits = net(seq)
            loss = (bce(logits, contacts) * mask).sum() / mask.sum().clamp(min=1)
            opt.zero_grad()
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            val = [
                ((net(s.cuda()) > 0).float() == c.cuda()).float().mean().item()
                for s, c, _ in val_dl
            ]
        net.train()
        print(f"epoch {epoch}: val contact acc {sum(val) / len(val):.4f}")
