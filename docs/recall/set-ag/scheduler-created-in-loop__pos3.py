import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

from minigpt.model import VisionLanguageModel
from minigpt.data import CaptionDataset


def train(run_cfg):
    vlm = VisionLanguageModel.from_config(run_cfg.model).cuda()
    ds = CaptionDataset(run_cfg.ann_path, run_cfg.image_root)
    dl = DataLoader(ds, batch_size=run_cfg.batch_size, shuffle=True,
                    num_workers=run_cfg.workers)
    params = [p for p in vlm.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=run_cfg.init_lr, weight_decay=0.05)

    def warm_fn(s):
        return min(1.0, (s + 1) / run_cfg.warmup_steps)

    step, max_steps = 0, run_cfg.max_steps
    while step < max_steps:
        ramp = LambdaLR(opt, lr_lambda=warm_fn)
        vlm.train()
        for samples in dl:
            samples = {k: v.cuda(non_blocking=True) for k, v in samples.items()}
            loss = vlm(samples)["loss"]
            opt.zero_grad()
            loss.backward()
            opt.step()
            ramp.step()
            step += 1
            if step % 50 == 0:
                print(f"step {step} loss {loss.item():.4f} lr {ramp.get_last_lr()[0]:.2e}")
            if step >= max_steps:
                break
    return vlm
