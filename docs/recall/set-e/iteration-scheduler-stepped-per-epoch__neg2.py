import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

from lm.data import TokenStream
from lm.model import GPT, GPTConfig

max_iters = 60000
batch_size = 32
block_size = 1024
learning_rate = 6e-4
min_lr = 6e-5
eval_interval = 2000

stream = TokenStream("data/openwebtext/train.bin", block_size, batch_size)
net = GPT(GPTConfig(block_size=block_size)).cuda()
opt = torch.optim.AdamW(net.parameters(), lr=learning_rate,
                        betas=(0.9, 0.95), weight_decay=0.1)
lr_sched = CosineAnnealingLR(opt, T_max=max_iters, eta_min=min_lr)

it = 0
net.train()
while it < max_iters:
    x, y = stream.next_batch()
    x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
    _, loss = net(x, y)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
    opt.step()
    lr_sched.step()
    it += 1
    if it % eval_interval == 0:
        torch.save({"model": net.state_dict(), "opt": opt.state_dict(),
                    "sched": lr_sched.state_dict(), "iter": it}, "ckpt.pt")
        print(f"iter {it}: loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
