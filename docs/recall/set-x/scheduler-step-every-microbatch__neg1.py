import math

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, get_cosine_schedule_with_warmup


def finetune(cfg, dataset):
    lm = AutoModelForCausalLM.from_pretrained(cfg.base_model, torch_dtype=torch.bfloat16).cuda()
    dl = DataLoader(dataset, batch_size=cfg.per_device_bs, shuffle=True, collate_fn=dataset.collate)
    accum = cfg.accumulation_steps
    steps_per_epoch = math.ceil(len(dl) / accum)
    max_updates = cfg.num_epochs * steps_per_epoch
    opt = torch.optim.AdamW(lm.parameters(), lr=cfg.lr, weight_decay=0.0)
    sched = get_cosine_schedule_with_warmup(opt, cfg.warmup_updates, max_updates)

    lm.train()
    for epoch in range(cfg.num_epochs):
        opt.zero_grad()
        for idx, batch in enumerate(dl):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = lm(**batch).loss / accum
            loss.backward()
            last = (idx + 1) == len(dl)
            if (idx + 1) % accum == 0 or last:
                torch.nn.utils.clip_grad_norm_(lm.parameters(), cfg.max_grad_norm)
                opt.step()
                sched.step()
                opt.zero_grad()
        lm.save_pretrained(f"{cfg.output_dir}/epoch-{epoch}")
