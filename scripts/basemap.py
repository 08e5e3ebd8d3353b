#!/usr/bin/env python3
"""Converts Natural Earth's 1:50m countries into the compact basemap that
sitrep compiles in (assets/basemap-50m.bin).

Source: Natural Earth (naturalearthdata.com), public domain, as TopoJSON in
the npm package world-atlas (countries-50m.json). To regenerate:

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
    python3 scripts/basemap.py /tmp/package/countries-50m.json assets/basemap-50m.bin

Every arc of the topology is written once. An arc that two countries share
is a border; an arc of one country only is a coastline (or the edge of a
territory no country claims). Points are rounded to 1/100 of a degree (about
1 km), and points that round to the one before are dropped.

The file, all integers little-endian:

    b"SRBM" u16 version (1) u32 line count
    per line: u8 kind (0 coast, 1 border) u32 point count
              point count times: i16 lon, i16 lat (hundredths of a degree)
"""

import json
import struct
import sys


def decode_arcs(topology):
    """Absolute (lon, lat) points of each arc (TopoJSON arcs are quantized
    and delta-encoded)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            if transform:
                x += dx
                y += dy
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((dx, dy))
        arcs.append(points)
    return arcs


def arc_users(topology):
    """For each arc index, how many country geometries use it."""
    users = {}

    def walk(rings, owner):
        for ring in rings:
            if isinstance(ring, int):
                index = ring if ring >= 0 else ~ring
                users.setdefault(index, set()).add(owner)
            else:
                walk(ring, owner)

    for n, geometry in enumerate(topology["objects"]["countries"]["geometries"]):
        walk(geometry.get("arcs", []), n)
    return {index: len(owners) for index, owners in users.items()}


def main(source, target):
    with open(source) as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)
    users = arc_users(topology)
    out = bytearray()
    lines = 0
    points_written = 0
    for index, points in enumerate(arcs):
        kind = 1 if users.get(index, 1) >= 2 else 0
        rounded = []
        for lon, lat in points:
            q = (round(lon * 100), round(lat * 100))
            q = (max(-18000, min(18000, q[0])), max(-9000, min(9000, q[1])))
            if not rounded or rounded[-1] != q:
                rounded.append(q)
        if len(rounded) < 2:
            continue
        out += struct.pack("<BI", kind, len(rounded))
        for lon, lat in rounded:
            out += struct.pack("<hh", lon, lat)
        lines += 1
        points_written += len(rounded)
    with open(target, "wb") as f:
        f.write(b"SRBM" + struct.pack("<HI", 1, lines) + out)
    print(f"{target}: {lines} lines, {points_written} points, {len(out) + 10} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: basemap.py countries-50m.json basemap-50m.bin")
    main(sys.argv[1], sys.argv[2])
