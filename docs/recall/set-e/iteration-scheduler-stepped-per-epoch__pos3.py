import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

from datasets import CityscapesTrain
from nets import DeepLabV3

hp = {
    "epochs": 80,
    "batch_size": 8,
    "lr": 0.01,
    "power": 0.9,
}


def poly_lambda(total):
    def f(step):
        return max(0.0, 1.0 - step / total) ** hp["power"]
    return f


def train():
    ds = CityscapesTrain("data/cityscapes", crop=768)
    dl = DataLoader(ds, batch_size=hp["batch_size"], shuffle=True,
                    num_workers=6, drop_last=True)
    net = DeepLabV3(num_classes=19).cuda()
    opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9,
                          weight_decay=1e-4)
    max_iter = hp["epochs"] * len(dl)
    lr_sched = LambdaLR(opt, lr_lambda=poly_lambda(max_iter))
    crit = nn.CrossEntropyLoss(ignore_index=255)

    for epoch in range(hp["epochs"]):
        net.train()
        loss_acc = 0.0
        for img, lbl in dl:
            img, lbl = img.cuda(), lbl.cuda()
            loss = crit(net(img), lbl)
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_acc += loss.item()
        lr_sched.step()
        print(epoch, loss_acc / len(dl), opt.param_groups[0]["lr"])
    torch.save(net.state_dict(), "deeplab_cityscapes.pth")


if __name__ == "__main__":
    train()
