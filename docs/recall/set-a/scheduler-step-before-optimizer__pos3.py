import torch
from torch.nn.utils import clip_grad_norm_
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, model, args, num_training_steps, device="cuda"):
        self.model = model.to(device)
        self.args = args
        self.device = device
        self.opt = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, eps=1e-8)
        warm = max(1, args.warmup_steps)
        total = max(warm + 1, num_training_steps)

        def lr_lambda(s):
            if s < warm:
                return (s + 1) / warm
            return max(0.0, (total - s) / (total - warm))

        self.lr_sched = LambdaLR(self.opt, lr_lambda)
        self.scaler = torch.cuda.amp.GradScaler()
        self.global_step = 0

    def _optimizer_update(self):
        self.scaler.unscale_(self.opt)
        clip_grad_norm_(self.model.parameters(), self.args.max_grad_norm)
        self.lr_sched.step()
        self.scaler.step(self.opt)
        self.scaler.update()
        self.opt.zero_grad()
        self.global_step += 1

    def train(self, dataloader):
        self.model.train()
        for epoch in range(self.args.num_train_epochs):
            for batch in dataloader:
                batch = {k: v.to(self.device) for k, v in batch.items()}
                with torch.autocast("cuda", dtype=torch.float16):
                    loss = self.model(**batch).loss
                self.scaler.scale(loss).backward()
                self._optimizer_update()
                if self.global_step % self.args.logging_steps == 0:
                    print(f"step {self.global_step} loss {loss.item():.4f} lr {self.lr_sched.get_last_lr()[0]:.2e}")
