import pytorch_lightning as pl
import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR


class LitClassifier(pl.LightningModule):
    def __init__(self, backbone, lr=0.1, milestones=(60, 120, 160)):
        super().__init__()
        self.save_hyperparameters(ignore=["backbone"])
        self.backbone = backbone

    def forward(self, x):
        return self.backbone(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train/loss", loss, prog_bar=True)
        return loss

    def configure_optimizers(self):
        opt = torch.optim.SGD(self.parameters(), lr=self.hparams.lr,
                              momentum=0.9, weight_decay=5e-4)
        sched = MultiStepLR(opt, milestones=list(self.hparams.milestones), gamma=0.2)
        return {"optimizer": opt,
                "lr_scheduler": {"scheduler": sched, "interval": "epoch"}}


if __name__ == "__main__":
    from data import CIFARDataModule
    from models import resnet18

    trainer = pl.Trainer(max_epochs=200, accelerator="auto")
    trainer.fit(LitClassifier(resnet18(num_classes=100)), datamodule=CIFARDataModule())
