import pytorch_lightning as pl
import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


class LitClassifier(pl.LightningModule):
    def __init__(self, backbone, lr=1e-3, max_epochs=30, steps_per_epoch=500):
        super().__init__()
        self.backbone = backbone
        self.lr = lr
        self.max_epochs = max_epochs
        self.steps_per_epoch = steps_per_epoch

    def forward(self, x):
        return self.backbone(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train/loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        self.log("val/acc", (logits.argmax(-1) == y).float().mean())

    def configure_optimizers(self):
        opt = torch.optim.AdamW(self.parameters(), lr=self.lr, weight_decay=0.05)
        sched = OneCycleLR(opt, max_lr=self.lr, epochs=self.max_epochs, steps_per_epoch=self.steps_per_epoch)
        # Lightning steps the scheduler after every optimizer step
        return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "step"}}
