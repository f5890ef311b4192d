#!/usr/bin/env python3
"""Independent reference for the research feature pipeline (SPEC.md §2.1, §4, §5.1), written with
pandas 1.5.3 / numpy 1.24.2 (Debian bookworm python3-pandas) straight from the SPEC's wording.

Input : data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip (COIN-M; quantity in 100-USD contracts)
Output: tests/ActorBot.Domain.Tests/Data/research_reference_BTCUSD_PERP_2026-05-08.csv.gz

Quantity convention (docs/strategy.md): base qty (BTC) = 100.0 * contracts / price, computed on the
raw (unsnapped) trade price before the bars are built. The day is one research chunk (< 10 dates).
Run from the repository root:  /usr/bin/python3 tests/ActorBot.Domain.Tests/Data/reference/make_research_reference.py
"""
import gzip
import zipfile

import numpy as np
import pandas as pd

EPS = 1e-9
TICK = 0.1
SRC = "data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip"
OUT = "tests/ActorBot.Domain.Tests/Data/research_reference_BTCUSD_PERP_2026-05-08.csv.gz"

with zipfile.ZipFile(SRC) as z:
    with z.open(z.namelist()[0]) as f:
        raw = pd.read_csv(f)

ticks = pd.DataFrame({
    "ts": raw["transact_time"].astype("int64"),
    "price": raw["price"].astype("float64"),
    "qty": 100.0 * raw["quantity"].astype("float64") / raw["price"].astype("float64"),
    "ibm": raw["is_buyer_maker"].astype(str).str.lower().isin(["true", "1"]),
})
# SPEC 2.1 step 3: exact duplicates dropped; step 4: sort by ts (stable here: exchange order kept).
ticks = ticks.drop_duplicates(subset=["ts", "price", "qty", "ibm"]).sort_values("ts", kind="mergesort")
# step 6: snap to the tick grid, k = rint(price / tick), price = k * tick.
ticks["price"] = np.rint(ticks["price"] / TICK) * TICK
ticks.index = pd.to_datetime(ticks["ts"], unit="ms", utc=True)

# step 7: 1-minute bars, left-closed/left-labelled, empty minutes dropped.
r = ticks["price"].resample("1min")
bars = pd.DataFrame({"open": r.first(), "high": r.max(), "low": r.min(), "close": r.last(),
                     "volume": ticks["qty"].resample("1min").sum(),
                     "count": ticks["qty"].resample("1min").count()})
bars["buy_qty"] = ticks.loc[~ticks["ibm"], "qty"].resample("1min").sum().reindex(bars.index).fillna(0.0)
bars["sell_qty"] = ticks.loc[ticks["ibm"], "qty"].resample("1min").sum().reindex(bars.index).fillna(0.0)
bars = bars[bars["count"] > 0].copy()

o, h, l, c = bars["open"], bars["high"], bars["low"], bars["close"]
b, s = bars["buy_qty"], bars["sell_qty"]
f = pd.DataFrame(index=bars.index)
f["delta"] = b - s
f["imbalance"] = (b - s) / ((b + s) + EPS)
m = f["imbalance"].rolling(240, min_periods=240).mean()
sd = f["imbalance"].rolling(240, min_periods=240).std(ddof=0)
f["imbalance_z"] = (f["imbalance"] - m) / (sd + EPS)
pc_ = c.shift(1)
f["tr"] = pd.concat([h - l, (h - pc_).abs(), (l - pc_).abs()], axis=1).max(axis=1)
f["atr"] = f["tr"].rolling(60, min_periods=60).mean()
dh = h.rolling(120, min_periods=120).max()
dl = l.rolling(120, min_periods=120).min()
f["donchian_high"], f["donchian_low"] = dh, dl
f["donchian_loc"] = (c - dl) / ((dh - dl) + EPS)
f["prior_flow_sum"] = f["delta"].rolling(60, min_periods=1).sum()
f["prior_flow_sign"] = np.sign(f["prior_flow_sum"]).astype(int)
logc = np.log(np.maximum(c, 1e-12))
pc = logc.diff(60)
fc = f["delta"].rolling(60, min_periods=1).sum()


def z(x):
    mu, st = x.mean(), x.std(ddof=0)
    if not np.isfinite(st) or st == 0:
        return pd.Series(0.0, index=x.index)
    return (x - mu) / st


f["price_flow_div"] = z(pc) - z(fc)
f["atr_pct"] = f["atr"].rank(pct=True)
vol = b + s
f["rel_vol"] = vol / ((vol.rolling(60, min_periods=1).sum() / 60.0) + EPS)
f["range_atr"] = (h - l) / (f["atr"] + EPS)
siz = pd.concat([f["imbalance_z"].abs(), f["range_atr"]], axis=1).max(axis=1)
siz[f["imbalance_z"].isna() | f["range_atr"].isna()] = np.nan
f["shock_intensity_z"] = siz
ret = c.pct_change(6).fillna(0.0)
csd = c.rolling(30, min_periods=1).std(ddof=1).replace(0.0, np.nan)
score = -f["imbalance_z"] * (ret / (csd + EPS))
f["div_score"] = np.maximum(score, 0.0).fillna(0.0)
f["trend_fast"] = c.ewm(span=50, adjust=False).mean()
f["trend_slow"] = c.ewm(span=200, adjust=False).mean()
f["trend_dir"] = np.sign(f["trend_fast"] - f["trend_slow"]).astype(int)
f["trend_slope"] = logc.diff(240) / 240
f["stall_flag"] = ((c.pct_change(5).abs() < 0.0015) & (f["imbalance_z"].abs() > 1.0)).astype(int)

# SPEC 5.1 detector, z_band 1.8, jump_band 2.2, Donchian 120.
rng = (h - l) / (f["atr"] + EPS) > 2.2
atr_ok = np.isfinite(f["atr"]) & (f["atr"] > 0)
long_ = (f["imbalance_z"] <= -1.8) & rng & (l <= 1.001 * dl) & atr_ok
short_ = (f["imbalance_z"] >= 1.8) & rng & (h >= 0.999 * dh) & atr_ok
f["signal"] = np.where(long_, 1, np.where(short_, -1, 0))
# A looser band (z 1.2, jump 1.5: the research's Nov-2025 ad-hoc thresholds) so the test day has events.
rng_l = (h - l) / (f["atr"] + EPS) > 1.5
long_l = (f["imbalance_z"] <= -1.2) & rng_l & (l <= 1.001 * dl) & atr_ok
short_l = (f["imbalance_z"] >= 1.2) & rng_l & (h >= 0.999 * dh) & atr_ok
f["signal_loose"] = np.where(long_l, 1, np.where(short_l, -1, 0))

out = pd.concat([bars[["open", "high", "low", "close", "volume", "buy_qty", "sell_qty", "count"]], f], axis=1)
out.insert(0, "open_time_ms", (bars.index.view("int64") // 1_000_000).astype("int64"))
with gzip.open(OUT, "wt", newline="") as g:
    cols = list(out.columns)
    g.write(",".join(cols) + "\n")
    for row in out.itertuples(index=False):
        g.write(",".join(repr(float(v)) if isinstance(v, float) else str(v) for v in row) + "\n")
print(OUT, len(out), "bars,", int((f["signal"] != 0).sum()), "signals,", int((f["signal_loose"] != 0).sum()), "loose signals")
