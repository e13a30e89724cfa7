import argparse

import torch

from detector import letterbox_batches, load_detector, non_max_suppression


def run(weights, source, img_size=640, conf_thres=0.25, iou_thres=0.45, half=False):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = load_detector(weights, map_location=device)
    model.eval()
    half = half and device.type != "cpu"
    if half:
        model.half()

    results = []
    prev_shape = None
    for path, img in letterbox_batches(source, img_size):
        img = torch.from_numpy(img).to(device)
        img = img.half() if half else img.float()
        img /= 255.0
        if img.ndimension() == 3:
            img = img.unsqueeze(0)

        with torch.no_grad():
            # warm up cudnn for the new input shape
            if device.type != "cpu" and img.shape != prev_shape:
                prev_shape = img.shape
                for _ in range(3):
                    model(img)[0]
            pred = model(img)[0]
        dets = non_max_suppression(pred, conf_thres, iou_thres)
        results.append((path, dets))
    return results


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default="best.pt")
    ap.add_argument("--source", default="data/images")
    ap.add_argument("--img-size", type=int, default=640)
    ap.add_argument("--half", action="store_true")
    opt = ap.parse_args()
    for p, d in run(opt.weights, opt.source, opt.img_size, half=opt.half):
        print(p, len(d[0]))
