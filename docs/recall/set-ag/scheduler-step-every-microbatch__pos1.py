import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, get_cosine_schedule_with_warmup

from data import PackedTextDataset


def train(cfg):
    lm = AutoModelForCausalLM.from_pretrained(cfg.base_model).cuda()
    ds = PackedTextDataset(cfg.train_file, seq_len=cfg.seq_len)
    dl = DataLoader(ds, batch_size=cfg.micro_batch_size, shuffle=True, num_workers=4)
    accum = cfg.global_batch_size // cfg.micro_batch_size
    opt_steps = cfg.epochs * len(dl) // accum
    opt = torch.optim.AdamW(lm.parameters(), lr=cfg.lr, betas=(0.9, 0.95), weight_decay=0.1)
    sched = get_cosine_schedule_with_warmup(opt, num_warmup_steps=cfg.warmup_steps,
                                            num_training_steps=opt_steps)

    lm.train()
    for epoch in range(cfg.epochs):
        opt.zero_grad(set_to_none=True)
        for i, batch in enumerate(dl):
            input_ids = batch["input_ids"].cuda()
            loss = lm(input_ids=input_ids, labels=input_ids).loss
            (loss / accum).backward()
            if (i + 1) % accum == 0:
                torch.nn.utils.clip_grad_norm_(lm.parameters(), 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
            sched.step()
            if i % (accum * 10) == 0:
                print(f"epoch {epoch} micro {i} loss {loss.item():.3f} "
                      f"lr {sched.get_last_lr()[0]:.2e}")
    lm.save_pretrained(cfg.out_dir)
