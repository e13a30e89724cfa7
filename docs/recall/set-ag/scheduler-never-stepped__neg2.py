import pytorch_lightning as pl
import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class LitClassifier(pl.LightningModule):
    def __init__(self, backbone, lr=1e-3, max_epochs=50):
        super().__init__()
        self.save_hyperparameters(ignore=["backbone"])
        self.backbone = backbone

    def forward(self, x):
        return self.backbone(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        self.log("val_loss", F.cross_entropy(logits, y), prog_bar=True)
        self.log("val_acc", (logits.argmax(-1) == y).float().mean(), prog_bar=True)

    def configure_optimizers(self):
        opt = torch.optim.AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=0.05)
        sched = CosineAnnealingLR(opt, T_max=self.hparams.max_epochs)
        return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "epoch"}}


def main(backbone, train_set, val_set):
    model = LitClassifier(backbone, lr=1e-3, max_epochs=50)
    trainer = pl.Trainer(max_epochs=50, accelerator="gpu", devices=1)
    trainer.fit(model,
                train_dataloaders=DataLoader(train_set, batch_size=128, shuffle=True, num_workers=8),
                val_dataloaders=DataLoader(val_set, batch_size=256, num_workers=8))
