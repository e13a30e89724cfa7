import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_ds, hp):
        self.net = net.cuda()
        self.hp = hp
        # drop_last=True: exactly len(train_ds) // bs batches per epoch
        self.loader = DataLoader(train_ds, batch_size=hp["bs"], shuffle=True,
                                 num_workers=4, drop_last=True)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=hp["max_lr"])
        steps_per_epoch = len(train_ds) // hp["bs"]
        self.sched = OneCycleLR(self.opt, max_lr=hp["max_lr"],
                                total_steps=hp["epochs"] * steps_per_epoch)

    def fit(self):
        for epoch in range(self.hp["epochs"]):
            self.net.train()
            for i, (wav, target) in enumerate(self.loader):
                pred = self.net(wav.cuda())
                loss = F.mse_loss(pred, target.cuda())
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
            print(f"epoch {epoch} loss {loss.item():.4f}")
