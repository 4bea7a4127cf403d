#!/usr/bin/env python3
"""Writes assets/icc/sRGB.icc, the output-intent profile of samad's PDF/A diplomas.

The profile is LittleCMS's built-in sRGB (IEC 61966-2.1 primaries, D65 white adapted to
D50, the sRGB tone curve), made through Pillow's ImageCms, so its origin is this script and
not a file copied from elsewhere. Run with the reference venv:

    .venv/bin/python scripts/make-srgb-icc.py
"""
from pathlib import Path

from PIL import ImageCms

out = Path(__file__).resolve().parent.parent / "assets" / "icc" / "sRGB.icc"
profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
data = profile.tobytes()
if data[36:40] != b"acsp" or data[16:20] != b"RGB ":
    raise SystemExit("LittleCMS did not produce an RGB ICC profile")
out.write_bytes(data)
print(f"{out}: {len(data)} bytes, ICC version {data[8]}.{data[9] >> 4}")
