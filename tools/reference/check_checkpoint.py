#!/usr/bin/env python3
"""Reads a model folder the way a Hugging Face GPT-2 user would (config.json + model.safetensors, HF names,
Conv1D layout), scores a token file with the independent PyTorch GPT-2 of gpt2_reference.py, windowed as
`engram eval` documents, and prints {"tokens", "loss", "perplexity"} to compare with `engram eval --json`.
Usage: /usr/bin/python3 tools/reference/check_checkpoint.py MODEL_DIR TOKENS_FILE"""
import json, math, os, struct, sys
import numpy as np
import torch
import torch.nn.functional as F
sys.path.insert(0, os.path.dirname(__file__))
from gpt2_reference import forward


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        assert e["dtype"] == "F32", e["dtype"]
        a, b = e["data_offsets"]
        out[name.removeprefix("transformer.")] = torch.from_numpy(np.frombuffer(data[a:b], dtype="<f4").reshape(e["shape"]).copy()).double()
    return out


def main():
    model_dir, tokens_file = sys.argv[1], sys.argv[2]
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    assert cfg["model_type"] == "gpt2" and cfg["activation_function"] == "gelu_new"
    ps = read_safetensors(os.path.join(model_dir, "model.safetensors"))
    ids = torch.tensor([int(t) for t in open(tokens_file).read().split()])
    P, total, count = cfg["n_positions"], 0.0, 0
    with torch.no_grad():
        for start in range(0, len(ids) - 1, P):
            y = ids[start + 1:start + P + 1]
            x = ids[start:start + len(y)]
            total += F.cross_entropy(forward(ps, cfg, x.unsqueeze(0))[0], y, reduction="sum").item()
            count += len(y)
    print(json.dumps({"tokens": count, "loss": total / count, "perplexity": math.exp(total / count)}))


if __name__ == "__main__":
    main()
