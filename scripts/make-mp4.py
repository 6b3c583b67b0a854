"""Writes a large MP4 for benchmarks: the fuzz seed's real container (ftyp, moov: 1920x1080, under
three minutes) around SIZE_MIB MiB of random media data. Usage: make-mp4.py OUT SIZE_MIB"""
import os
import struct
import sys

seed = open(os.path.join(os.path.dirname(__file__), "../fuzz/corpus/mp4_walker/seed0.mp4"), "rb").read()
ftyp_len = struct.unpack(">I", seed[:4])[0]
mdat_len = struct.unpack(">I", seed[ftyp_len:ftyp_len + 4])[0]
moov = seed[ftyp_len + mdat_len:]
n = int(sys.argv[2]) << 20
with open(sys.argv[1], "wb") as f:
    f.write(seed[:ftyp_len])
    f.write(struct.pack(">I4sQ", 1, b"mdat", n + 16))
    chunk = os.urandom(1 << 20)
    for i in range(n >> 20):
        f.write(chunk[:-8] + struct.pack(">Q", i))
    f.write(moov)
