import torch

from models.experimental import attempt_load
from utils.datasets import LoadImages
from utils.general import non_max_suppression, scale_coords


@torch.no_grad()
def detect(weights, source, imgsz=640, conf_thres=0.25, iou_thres=0.45, device="cuda:0"):
    model = attempt_load(weights, map_location=device)
    model.eval()
    half = device != "cpu"
    if half:
        model.half()
    dataset = LoadImages(source, img_size=imgsz)

    if device != "cpu":
        warm = torch.zeros(1, 3, imgsz, imgsz, device=device)
        model(warm.half() if half else warm)

    detections = []
    for path, img, im0 in dataset:
        img = torch.from_numpy(img).to(device)
        img = img.half() if half else img.float()
        img /= 255.0
        if img.ndimension() == 3:
            img = img.unsqueeze(0)
        pred = model(img)[0]
        pred = non_max_suppression(pred, conf_thres, iou_thres)
        for det in pred:
            if len(det):
                det[:, :4] = scale_coords(img.shape[2:], det[:, :4], im0.shape).round()
                detections.append((path, det.cpu().numpy()))
    return detections
