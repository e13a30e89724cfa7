from torch.utils.data import DataLoader
from torchvision import transforms

from datasets import AerialTiles

DEFAULT_MEAN = (0.485, 0.456, 0.406)
DEFAULT_STD = (0.229, 0.224, 0.225)


def build_transforms(aug):
    ops = [transforms.RandomResizedCrop(aug["size"], scale=(aug["min_scale"], 1.0))]
    if aug["hflip"]:
        ops.append(transforms.RandomHorizontalFlip())
    ops += [transforms.ToTensor(), transforms.Normalize(aug["mean"], aug["std"])]
    return transforms.Compose(ops)


def make_train_loader(root, batch_size=32, workers=8, aug_cfg={}):
    aug_cfg.setdefault("size", 256)
    aug_cfg.setdefault("min_scale", 0.35)
    aug_cfg.setdefault("hflip", True)
    aug_cfg.setdefault("mean", DEFAULT_MEAN)
    aug_cfg.setdefault("std", DEFAULT_STD)
    if aug_cfg["size"] % 32:
        aug_cfg["size"] = (aug_cfg["size"] // 32 + 1) * 32
    ds = AerialTiles(root, split="train", transform=build_transforms(aug_cfg))
    return DataLoader(ds, batch_size=batch_size, shuffle=True, num_workers=workers,
                      pin_memory=True, drop_last=True)
