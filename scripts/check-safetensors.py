#!/usr/bin/env python3
"""Manual check of Basin's safetensors export (numpy only; not run by the Swift tests).

Usage: check-safetensors.py FILE.safetensors [POINTS.csv EXPECTED_LOSS]

1. Parses the file by hand: 8-byte little-endian header length, JSON header, F32 tensors whose
   data_offsets tile the data section in order with nothing left over; prints each tensor.
2. If `safetensors` is installed, loads the file with safetensors.numpy and compares bit for bit.
3. With a CSV (columns x0, x1, ..., label) and the loss Basin's `eval` printed on it, runs the
   MLP (dense layers with relu between, as PyTorch's nn.Sequential: y = x @ W.T + b) in numpy
   and compares the mean cross-entropy: names, shapes and layout all have to be right for that.
"""
import json
import struct
import sys

import numpy as np


def parse(path):
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    meta = header.pop("__metadata__", {})
    assert all(isinstance(v, str) for v in meta.values()), "metadata values must be strings"
    tensors, end = {}, 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        begin, stop = info["data_offsets"]
        assert info["dtype"] == "F32", name
        assert begin == end, f"{name}: gap or overlap at {begin} (expected {end})"
        count = int(np.prod(info["shape"])) if info["shape"] else 1
        assert stop - begin == 4 * count, f"{name}: {stop - begin} bytes for shape {info['shape']}"
        tensors[name] = np.frombuffer(data[begin:stop], dtype="<f4").reshape(info["shape"])
        end = stop
    assert end == len(data), f"{len(data) - end} trailing bytes"
    assert (8 + n) % 8 == 0, "data section not 8-byte aligned"
    return meta, tensors


def forward(tensors, x):
    layers = sorted({int(k.split(".")[0]) for k in tensors})
    for i, layer in enumerate(layers):
        x = x @ tensors[f"{layer}.weight"].T + tensors[f"{layer}.bias"]
        if i + 1 < len(layers):
            x = np.maximum(x, 0)
    return x


def main():
    meta, tensors = parse(sys.argv[1])
    print("metadata:", meta)
    for name, t in tensors.items():
        print(f"  {name:16} {str(list(t.shape)):12} mean {t.mean():+.4f} std {t.std():.4f}")
    try:
        from safetensors.numpy import load_file
    except ImportError:
        print("safetensors not installed: skipped the library load")
    else:
        loaded = load_file(sys.argv[1])
        assert loaded.keys() == tensors.keys()
        assert all(np.array_equal(loaded[k].view(np.uint32), tensors[k].view(np.uint32)) for k in loaded)
        print("safetensors.numpy.load_file: identical")
    if len(sys.argv) == 4:
        table = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1)
        x, y = table[:, :-1].astype(np.float64), table[:, -1].astype(int)
        logits = forward({k: v.astype(np.float64) for k, v in tensors.items()}, x)
        logits -= logits.max(axis=1, keepdims=True)
        loss = -(logits[np.arange(len(y)), y] - np.log(np.exp(logits).sum(axis=1))).mean()
        expected = float(sys.argv[3])
        print(f"numpy cross-entropy {loss:.6f}, basin {expected}")
        assert abs(loss - expected) <= 1e-3 * max(1, abs(expected)), "loss differs"
    print("ok")


if __name__ == "__main__":
    main()
