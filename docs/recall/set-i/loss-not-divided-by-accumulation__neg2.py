import torch


class Pretrainer:
    def __init__(self, net, batches, opt, accum=4, clip=1.0):
        self.net = net
        self.batches = batches
        self.opt = opt
        self.accum = accum
        self.clip = clip
        self.scaler = torch.cuda.amp.GradScaler()

    def optimizer_step(self):
        total = 0.0
        for _ in range(self.accum):
            tokens, labels = next(self.batches)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = self.net(tokens.cuda(), labels=labels.cuda()).loss
            self.scaler.scale(loss / self.accum).backward()
            total += loss.item()
        self.scaler.unscale_(self.opt)
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.clip)
        self.scaler.step(self.opt)
        self.scaler.update()
        self.opt.zero_grad(set_to_none=True)
        return total / self.accum

    def train(self, n_steps):
        self.net.train()
        for step in range(n_steps):
            avg = self.optimizer_step()
            if step % 50 == 0:
                print(f"step {step} loss {avg:.4f}")
