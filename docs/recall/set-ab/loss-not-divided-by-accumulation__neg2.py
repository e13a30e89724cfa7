import torch

from data import BatchStream
from model import TinyLM

hp = {"accum": 8, "steps": 5000, "lr": 3e-4, "clip": 1.0, "micro_bs": 16, "seq_len": 512}


def main():
    lm = TinyLM(vocab=50304, d=512, layers=8).cuda()
    opt = torch.optim.AdamW(lm.parameters(), lr=hp["lr"], betas=(0.9, 0.95))
    stream = BatchStream("data/train.bin", hp["micro_bs"], hp["seq_len"])
    lm.train()
    for step in range(hp["steps"]):
        opt.zero_grad(set_to_none=True)
        acc_loss = 0.0
        for _ in range(hp["accum"]):
            x, y = stream.next()
            with torch.autocast("cuda", dtype=torch.bfloat16):
                _, loss = lm(x.cuda(), y.cuda())
            (loss / hp["accum"]).backward()
            acc_loss += loss.item() / hp["accum"]
        torch.nn.utils.clip_grad_norm_(lm.parameters(), hp["clip"])
        opt.step()
        if step % 50 == 0:
            print(f"step {step} loss {acc_loss:.4f}")


if __name__ == "__main__":
    main()
