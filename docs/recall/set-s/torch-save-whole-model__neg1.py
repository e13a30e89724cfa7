import os

import torch


class AutoencoderTrainer:
    def __init__(self, encoder, decoder, loader, out_dir, lr=1e-3):
        self.encoder = encoder.cuda()
        self.decoder = decoder.cuda()
        self.loader = loader
        self.out_dir = out_dir
        params = list(self.encoder.parameters()) + list(self.decoder.parameters())
        self.optim = torch.optim.Adam(params, lr=lr)
        os.makedirs(out_dir, exist_ok=True)

    def step(self, batch):
        x = batch.cuda(non_blocking=True)
        self.optim.zero_grad()
        loss = torch.nn.functional.mse_loss(self.decoder(self.encoder(x)), x)
        loss.backward()
        self.optim.step()
        return loss.item()

    def export(self, name):
        path = os.path.join(self.out_dir, f"{name}.pth")
        torch.save(
            {
                "encoder": self.encoder.state_dict(),
                "decoder": self.decoder.state_dict(),
                "optim": self.optim.state_dict(),
            },
            path,
        )
        return path

    def train(self, n_epochs):
        self.encoder.train()
        self.decoder.train()
        for ep in range(n_epochs):
            losses = [self.step(batch) for batch in self.loader]
            print(f"epoch {ep}: mse {sum(losses) / len(losses):.5f}")
        return self.export("final")
