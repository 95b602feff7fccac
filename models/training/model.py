"""The avatar-detector network (kept apart so data workers never import torch)."""
import torch.nn as nn


def conv_bn(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class AvatarNet(nn.Module):
    """Plain strided CNN: cheap in onnxruntime-web (Conv/Relu/ReduceMean/Gemm only)."""

    def __init__(self, widths=(24, 48, 96, 128, 128, 192), n_classes=3, dropout=0.2):
        super().__init__()
        w = widths
        self.features = nn.Sequential(
            conv_bn(3, w[0], 2),      # 64
            conv_bn(w[0], w[1], 2),   # 32
            conv_bn(w[1], w[2], 2),   # 16
            conv_bn(w[2], w[3], 2),   # 8
            conv_bn(w[3], w[4], 1),   # 8
            conv_bn(w[4], w[5], 2),   # 4
        )
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(w[5], n_classes)

    def forward(self, x):
        x = self.features(x)
        x = x.mean(dim=(2, 3))
        return self.head(self.dropout(x))
