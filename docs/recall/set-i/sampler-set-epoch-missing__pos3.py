import torch
import torch.distributed as dist
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def make_loader(ds, batch_size, distributed, workers=4):
    sampler = DistributedSampler(ds) if distributed else None
    loader = DataLoader(
        ds,
        batch_size=batch_size,
        shuffle=(sampler is None),
        sampler=sampler,
        num_workers=workers,
        pin_memory=True,
    )
    return loader, sampler


def train(args, vae, train_ds):
    distributed = dist.is_available() and dist.is_initialized()
    loader, sampler = make_loader(train_ds, args.batch_size, distributed)
    opt = torch.optim.Adam(vae.parameters(), lr=args.learning_rate)
    device = torch.device("cuda", args.local_rank)

    for epoch in range(args.start_epoch, args.epochs):
        vae.train()
        for i, images in enumerate(loader):
            images = images.to(device)
            recons, mu, logvar = vae(images)
            rec = torch.nn.functional.mse_loss(recons, images)
            kld = -0.5 * torch.mean(1 + logvar - mu.pow(2) - logvar.exp())
            loss = rec + args.kl_weight * kld
            opt.zero_grad()
            loss.backward()
            opt.step()
            if i % args.log_freq == 0 and (not distributed or dist.get_rank() == 0):
                print(f"epoch {epoch} iter {i}: rec {rec.item():.4f} kld {kld.item():.4f}")
