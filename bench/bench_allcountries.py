"""A full-size GeoNames ``allCountries`` index: build time, disk, lookup speed, peak memory.

The real dump is 1.6 GB zipped and can't be fetched here, so this writes a
synthetic one in the real 19-column format with the real dump's proportions
(~12.5 million rows, about a fifth with alternate names in the dump's own
column, a few big places with hundreds, and an alternateNamesV2 file of 1.4
rows per place mixing links, postcodes, Latin and non-Latin names), into a
temporary folder. Each phase runs in its own process so peak RSS is per phase.

    python bench/bench_allcountries.py                  # 12.5M rows, ~15 min
    python bench/bench_allcountries.py --rows 1000000   # a quick look
    python bench/bench_allcountries.py --keep /tmp/allc # keep the files
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FEATURES = [  # (class, code, share) roughly as in allCountries
    ("P", "PPL", 0.33), ("P", "PPLX", 0.03), ("P", "PPLA4", 0.01), ("H", "STM", 0.12),
    ("H", "LK", 0.05), ("H", "RSV", 0.02), ("T", "HLL", 0.07), ("T", "MT", 0.06),
    ("S", "SCH", 0.05), ("S", "CH", 0.04), ("S", "FRM", 0.04), ("S", "HTL", 0.03),
    ("L", "LCTY", 0.04), ("L", "PRK", 0.01), ("A", "ADM4", 0.02), ("A", "ADM3", 0.015),
    ("A", "ADM2", 0.004), ("A", "ADM1", 0.0003), ("V", "FRST", 0.01), ("R", "RD", 0.005),
    ("U", "SMU", 0.002), ("S", "AIRP", 0.004), ("T", "VAL", 0.0547),
]  # fmt: skip
_SYLLABLE_TEXT = (
    "al an ar ba be bo ca ce da de di do el en er fa ga go ha he hi in ja ka ke ki ko la le li lo "
    "ma me mi mo na ne ni no or pa pe po qa ra re ri ro sa se si so ta te ti to ur va ve vi wa "
    "ya za ze zi burg ville ton ham ford field wood dale mont berg dorf abad pur gar kot stan"
)
SYLLABLES = _SYLLABLE_TEXT.split(" ")
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщыэюя"
COUNTRIES = [f"{a}{b}" for a in "ABCDEFGHIKLMNPRSTUVZ" for b in "AEGKLNORSTUYZ"][:250]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4)))).title()


def _name(rng: random.Random, pool: list[str]) -> str:
    """Two in five names come from a shared pool, skewed so the commonest is carried by a
    few thousand places (as "San Antonio" or "Mill Creek" are); the rest are rare."""
    if rng.random() < 0.4:
        words = [pool[int(len(pool) * rng.random() ** 2)]]
    else:
        words = [_word(rng) for _ in range(rng.choice((1, 1, 2)))]
    if rng.random() < 0.12:
        words.append(rng.choice(("Creek", "Hill", "Lake", "River", "Farm", "School", "Mountain")))
    return " ".join(words)


def generate(folder: Path, rows: int, seed: int = 7) -> dict[str, Path]:
    """Write allCountries.txt, alternateNamesV2.txt and admin1CodesASCII.txt; returns paths."""
    rng = random.Random(seed)
    pool = [_word(rng) for _ in range(200_000)]
    codes = [(c, f, s) for c, f, s in FEATURES]
    cum, total = [], 0.0
    for _, _, share in codes:
        total += share
        cum.append(total)
    dump, alt, adm = (
        folder / "allCountries.txt",
        folder / "alternateNamesV2.txt",
        folder / "admin1CodesASCII.txt",
    )
    with adm.open("w", encoding="utf-8") as f:
        for cc in COUNTRIES:
            for a in range(1, 21):
                f.write(f"{cc}.{a:02d}\t{_word(rng)}\t{_word(rng)}\t1\n")
    alt_id = 1
    gid = 0
    with dump.open("w", encoding="utf-8") as out, alt.open("w", encoding="utf-8") as alts:
        for n in range(rows):
            gid += rng.randint(1, 2)
            r = rng.random() * total
            k = next(i for i, c in enumerate(cum) if r <= c)
            fclass, fcode, _ = codes[k]
            name = _name(rng, pool)
            big = rng.random() < 0.0008
            alternates: list[str] = []
            if big:
                alternates = [_name(rng, pool) for _ in range(rng.randint(50, 200))]
                alternates += ["".join(rng.choice(CYRILLIC) for _ in range(8)) for _ in range(20)]
            elif rng.random() < 0.2:
                alternates = [_name(rng, pool) for _ in range(rng.randint(1, 6))]
            cc = COUNTRIES[int(rng.paretovariate(1.2)) % len(COUNTRIES)]
            pop = int(rng.paretovariate(1.1) * 300) if fclass == "P" and rng.random() < 0.3 else 0
            out.write(
                f"{gid}\t{name}\t{name}\t{','.join(alternates)}\t"
                f"{rng.uniform(-60, 70):.5f}\t{rng.uniform(-180, 180):.5f}\t{fclass}\t{fcode}\t"
                f"{cc}\t\t{rng.randint(1, 20):02d}\t{rng.randint(1, 300)}\t\t\t{pop}\t\t"
                f"{rng.randint(0, 3000)}\tEurope/Somewhere\t2024-01-{1 + n % 28:02d}\n"
            )
            for _ in range(int(rng.expovariate(1 / 1.4))):
                lang = rng.choices(
                    ("link", "wkdt", "post", "en", "", "de", "fr", "es", "ru", "ar", "zh"),
                    (18, 6, 10, 14, 18, 6, 6, 6, 6, 5, 5),
                )[0]
                if lang == "link":
                    text = f"https://en.wikipedia.org/wiki/{name.replace(' ', '_')}"
                elif lang == "wkdt":
                    text = f"Q{rng.randint(1, 10**8)}"
                elif lang == "post":
                    text = str(rng.randint(1000, 99999))
                elif lang in ("ru", "ar", "zh"):
                    text = "".join(rng.choice(CYRILLIC) for _ in range(rng.randint(4, 12)))
                else:
                    text = _name(rng, pool)
                historic = "1" if rng.random() < 0.03 else ""
                alts.write(f"{alt_id}\t{gid}\t{lang}\t{text}\t\t\t\t{historic}\t\t\n")
                alt_id += 1
    return {"dump": dump, "alternates": alt, "admin1": adm}


def _phase(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object; add its peak RSS."""
    wrapped = (
        "import json, resource, time\n"
        + code
        + "\nresult['peak_rss_mb'] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)"
        + "\nprint(json.dumps(result))"
    )
    out = subprocess.run([sys.executable, "-c", wrapped], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _lookups(index: Path) -> dict:
    """Single lookups in a fresh process: cold (a fresh reader) for random distinct names and for
    the names of random places (which favours names many places share: a worst case), and warm
    (a working set of 1,000 names asked again, as a batch of news does)."""
    return _phase(
        "import random\n"
        "from frontlines.resolve.gazetteer import fold_key\n"
        "from frontlines.resolve.gazetteers.index import SqliteGazetteer\n"
        "t = time.perf_counter()\n"
        f"g = SqliteGazetteer({str(index)!r})\n"
        "opened = time.perf_counter() - t\n"
        "rng = random.Random(3)\n"
        "rows = g.db.execute('SELECT max(rowid) FROM places').fetchone()[0]\n"
        "names = []\n"
        "while len(names) < 20000:\n"
        "    r = g.db.execute('SELECT name FROM places WHERE rowid >= ? LIMIT 1', (rng.randint(1, rows),)).fetchone()\n"
        "    if r: names.append(fold_key(r[0]))\n"
        "picked = set()\n"
        "for _ in range(200000):  # distinct names after random prefixes; synthetic keys repeat\n"
        "    if len(picked) >= 20000: break\n"
        "    r = g.db.execute('SELECT key FROM names WHERE key >= ? LIMIT 1',"
        " (''.join(rng.choice('abcdefghiklmnoprstuvz') for _ in range(4)),)).fetchone()\n"
        "    if r: picked.add(r[0])\n"
        "g = SqliteGazetteer(g.path)\n"
        "t = time.perf_counter()\n"
        "for k in picked: g.lookup([k])\n"
        "cold_name = len(picked) / (time.perf_counter() - t)\n"
        "g = SqliteGazetteer(g.path)\n"
        "t = time.perf_counter()\n"
        "for k in names: g.lookup([k])\n"
        "cold = len(names) / (time.perf_counter() - t)\n"
        "t = time.perf_counter()\n"
        "for _ in range(5):\n"
        "    for k in names[:1000]: g.lookup([k])\n"
        "warm = 5000 / (time.perf_counter() - t)\n"
        "result = {'open_s': round(opened, 4), 'random_names': len(picked),"
        " 'single_lookups_per_s_cold_random_name': round(cold_name),"
        " 'single_lookups_per_s_cold_name_of_random_place': round(cold),"
        " 'single_lookups_per_s_warm': round(warm)}\n"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=12_500_000)
    ap.add_argument("--keep", type=Path, help="Write the dump and the index here and keep them.")
    ap.add_argument("--index", type=Path, help="Only time lookups on this existing index.")
    args = ap.parse_args()
    if args.index:
        print(json.dumps({"index_mb": round(args.index.stat().st_size / 1e6), "lookups": _lookups(args.index)}))
        return
    tmp = None
    if args.keep:
        folder = args.keep
        folder.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.mkdtemp(prefix="frontlines-allcountries-")
        folder = Path(tmp)
    report: dict = {"rows": args.rows}
    try:
        t = time.perf_counter()
        files = generate(folder, args.rows)
        report["generate_s"] = round(time.perf_counter() - t)
        report["dump_mb"] = round(files["dump"].stat().st_size / 1e6)
        report["alternate_names_mb"] = round(files["alternates"].stat().st_size / 1e6)
        index = folder / "geonames.sqlite"
        report["build"] = _phase(
            "from pathlib import Path\n"
            "from frontlines.resolve.gazetteers.geonames import load_dump\n"
            "t = time.perf_counter()\n"
            f"load_dump(Path({str(files['dump'])!r}), Path({str(index)!r}), name='geonames',\n"
            f"    alternate_names=Path({str(files['alternates'])!r}),\n"
            f"    admin1_codes=Path({str(files['admin1'])!r}))\n"
            "result = {'build_s': round(time.perf_counter() - t)}\n"
        )
        report["index_mb"] = round(index.stat().st_size / 1e6)
        report["lookups"] = _lookups(index)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    report["bench_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
