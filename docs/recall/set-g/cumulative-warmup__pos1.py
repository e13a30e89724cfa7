import torch
from torch.optim.lr_scheduler import MultiStepLR


def train(model, loader, epochs=24, base_lr=0.02, warm_iters=500):
    opt = torch.optim.SGD(model.parameters(), lr=base_lr, momentum=0.9, weight_decay=1e-4)
    sched = MultiStepLR(opt, milestones=[16, 22], gamma=0.1)
    it = 0
    for epoch in range(epochs):
        model.train()
        for images, targets in loader:
            if epoch == 0 and it < warm_iters:
                for pg in opt.param_groups:
                    pg["lr"] = pg["lr"] * (it + 1) / warm_iters
            loss_dict = model(images, targets)
            loss = sum(loss_dict.values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            it += 1
        sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.5f}")
    return model
