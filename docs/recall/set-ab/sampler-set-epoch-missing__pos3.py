import torch
import torch.distributed as dist
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from speech.data import AudioTextDataset, collate_batch
from speech.model import Conformer


def build_train_loader(manifest, batch_size, workers=4):
    ds = AudioTextDataset(manifest)
    return DataLoader(ds, batch_size=batch_size, sampler=DistributedSampler(ds),
                      collate_fn=collate_batch, num_workers=workers, pin_memory=True)


def train(conf):
    rank = dist.get_rank()
    dev = torch.device(f"cuda:{rank % torch.cuda.device_count()}")
    net = torch.nn.parallel.DistributedDataParallel(Conformer(**conf["model"]).to(dev), device_ids=[dev.index])
    opt = torch.optim.Adam(net.parameters(), lr=conf["lr"], betas=(0.9, 0.98))
    ctc = torch.nn.CTCLoss(zero_infinity=True)
    dl = build_train_loader(conf["train_manifest"], conf["batch_size"])

    ep = 0
    while ep < conf["max_epoch"]:
        net.train()
        for feats, feat_lens, tokens, token_lens in dl:
            feats, tokens = feats.to(dev), tokens.to(dev)
            log_probs, out_lens = net(feats, feat_lens)
            loss = ctc(log_probs.transpose(0, 1), tokens, out_lens, token_lens)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), conf["grad_clip"])
            opt.step()
        if rank == 0:
            print(f"epoch {ep} done, last loss {loss.item():.3f}")
        ep += 1
