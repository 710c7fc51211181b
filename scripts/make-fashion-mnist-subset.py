#!/usr/bin/env python3
"""Makes the committed Fashion-MNIST subset from Debian's dataset-fashion-mnist package.

The first 5,000 training and first 1,000 test images (and labels) of the real dataset, as gzip-compressed IDX
files written with a fixed timestamp, so running this again gives byte-identical files:

    apt-get install dataset-fashion-mnist && python3 scripts/make-fashion-mnist-subset.py
"""
import gzip
import pathlib
import struct

SOURCE = pathlib.Path("/usr/share/datasets/fashion-mnist")
TARGET = pathlib.Path(__file__).resolve().parent.parent / "assets" / "datasets" / "fashion-mnist-subset"
SIZES = {"train": 5000, "t10k": 1000}


def write(path: pathlib.Path, data: bytes) -> None:
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(data)


for split, count in SIZES.items():
    images = gzip.decompress((SOURCE / f"{split}-images-idx3-ubyte.gz").read_bytes())
    labels = gzip.decompress((SOURCE / f"{split}-labels-idx1-ubyte.gz").read_bytes())
    magic, total, rows, cols = struct.unpack(">iiii", images[:16])
    assert magic == 0x803 and total >= count
    write(TARGET / f"{split}-images-idx3-ubyte.gz",
          struct.pack(">iiii", magic, count, rows, cols) + images[16:16 + count * rows * cols])
    write(TARGET / f"{split}-labels-idx1-ubyte.gz", struct.pack(">ii", 0x801, count) + labels[8:8 + count])
    print(f"{split}: {count} of {total} images")
