import torch
from torch.optim.lr_scheduler import ExponentialLR


def run(net, loader, n_epochs=50, lr=1e-3, gamma=0.95):
    opt = torch.optim.RMSprop(net.parameters(), lr=lr, alpha=0.9)
    decay = ExponentialLR(opt, gamma=gamma)
    cur_epoch = 0
    while cur_epoch < n_epochs:
        net.train()
        epoch_loss = 0.0
        for obs, target in loader:
            pred = net(obs)
            loss = torch.nn.functional.smooth_l1_loss(pred, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            epoch_loss += loss.item()
        cur_epoch += 1
        decay.step(cur_epoch)
        print(cur_epoch, epoch_loss, decay.get_last_lr())
    return net
