import pytorch_lightning as pl
import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


class LitClassifier(pl.LightningModule):
    def __init__(self, backbone, num_classes=10, lr=1e-3, max_epochs=50):
        super().__init__()
        self.save_hyperparameters(ignore=["backbone"])
        self.backbone = backbone
        self.head = torch.nn.Linear(backbone.out_dim, num_classes)

    def forward(self, x):
        return self.head(self.backbone(x))

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train/loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        self.log("val/loss", F.cross_entropy(logits, y))
        self.log("val/acc", (logits.argmax(1) == y).float().mean())

    def configure_optimizers(self):
        opt = torch.optim.AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=0.05)
        sched = CosineAnnealingLR(opt, T_max=self.hparams.max_epochs)
        return {
            "optimizer": opt,
            "lr_scheduler": {"scheduler": sched, "interval": "epoch", "frequency": 1},
        }


def main(backbone, datamodule):
    model = LitClassifier(backbone, max_epochs=50)
    trainer = pl.Trainer(max_epochs=50, accelerator="gpu", devices=1)
    trainer.fit(model, datamodule=datamodule)
