import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from models import ResNet18
from data import TinyImageNet

EPOCHS = 30
BATCH = 256
MAX_LR = 0.2


def train(root, device="cuda"):
    train_set = TinyImageNet(root, split="train")
    # incomplete last batch is dropped, so every epoch is exactly len(train_set) // BATCH steps
    loader = DataLoader(train_set, batch_size=BATCH, shuffle=True, num_workers=8,
                        drop_last=True)
    steps_per_epoch = len(train_set) // BATCH
    net = ResNet18(num_classes=200).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=MAX_LR, momentum=0.9, weight_decay=5e-4,
                          nesterov=True)
    cycle = OneCycleLR(opt, max_lr=MAX_LR, total_steps=EPOCHS * steps_per_epoch)

    step = 0
    for epoch in range(EPOCHS):
        net.train()
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            cycle.step()
            step += 1
        print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
    return net
