import torch
from torch.utils.data import DataLoader

from model import Seq2Seq
from data import ParallelCorpus, collate


def train(cfg):
    dev = torch.device(cfg.device)
    s2s = Seq2Seq(cfg.vocab_size, cfg.d_model).to(dev)
    opt = torch.optim.Adam(s2s.parameters(), lr=cfg.lr)
    loader = DataLoader(ParallelCorpus(cfg.train_path), batch_size=cfg.micro_bs,
                        shuffle=True, collate_fn=collate)
    accum = cfg.accum_steps

    s2s.train()
    opt.zero_grad(set_to_none=True)
    for epoch in range(cfg.epochs):
        for i, (src, tgt) in enumerate(loader, start=1):
            src, tgt = src.to(dev), tgt.to(dev)
            loss = s2s(src, tgt).loss / accum
            loss.backward()
            if i % accum == 0:
                torch.nn.utils.clip_grad_norm_(s2s.parameters(), cfg.clip)
                opt.step()
                opt.zero_grad(set_to_none=True)
        print(f"epoch {epoch} done, last loss {loss.item() * accum:.4f}")
