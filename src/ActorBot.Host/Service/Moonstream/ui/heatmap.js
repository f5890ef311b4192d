// The live heatmap page (docs/api.md "Heatmap page"): plain JS and one <canvas>, fed by the moonstream routes of
// this same service. Top panel: the liquidation heatmap history (long/short u8 rows per minute) with the active zones
// as horizontal marks; bottom panel: the order-book heatmap history (bid/ask u8 rows per 30 s frame). Both share the
// time axis (x) and draw the current price line. After every draw the canvas carries data-* attributes with what it
// drew (tests read them; so can a person in the inspector).
"use strict";

(() => {
  // The live routes (/liq_zones, /liq_heatmap_v2) are cached 5 s by the API, the histories 30 s (SPEC §11.2):
  // polling faster would only fetch the same cached bodies.
  const LIVE_MS = 5000;
  const HISTORY_MS = 30000;
  const BG = [11, 14, 20];
  const GRID = "#262b36";
  const TEXT = "#8a93a6";
  const PALETTE = {
    liqLong: [255, 140, 0],
    liqShort: [0, 200, 255],
    bookBid: [0, 255, 120],
    bookAsk: [255, 40, 60],
  };
  // Zones are drawn in exact, opaque colours so they stay readable over the heat (and countable in a screenshot).
  const ZONE_LONG = "#ff2d95";
  const ZONE_SHORT = "#39ff14";
  const MARGIN = { left: 84, right: 92, top: 26, gap: 46, bottom: 34 };

  const symbol = (new URLSearchParams(location.search).get("symbol") || "BTC").trim();
  const canvas = document.getElementById("heatmap");
  const ctx = canvas.getContext("2d");
  const statusLine = document.getElementById("status");
  const errorList = document.getElementById("errors");
  const showBook = document.getElementById("show-book");
  document.getElementById("symbol").textContent = symbol;
  document.title = `ActorBot heatmap ${symbol}`;

  const sources = {
    liq: { path: "/liq_heatmap_v2_history", every: HISTORY_MS, label: "liquidation history" },
    book: { path: "/orderbook_heatmap_history", every: HISTORY_MS, label: "order-book history" },
    zones: { path: "/liq_zones", every: LIVE_MS, label: "zones" },
    live: { path: "/liq_heatmap_v2", every: LIVE_MS, label: "current snapshot" },
  };
  const state = { data: {}, fetchedAt: {}, errors: {}, draws: 0, lastUpdate: null };

  async function getJson(path) {
    const response = await fetch(`${path}?symbol=${encodeURIComponent(symbol)}`, { cache: "no-store" });
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) {
      // The API's own error text ({"detail": "..."}), e.g. "Invalid symbol 'XYZ'. Valid symbols: BTC, ETH, SOL".
      const detail = body && body.detail;
      throw new Error(typeof detail === "string" ? detail : `HTTP ${response.status} ${detail ? JSON.stringify(detail) : ""}`.trim());
    }
    if (body === null) {
      throw new Error(`HTTP ${response.status}: the answer is not JSON`);
    }
    return body;
  }

  async function refresh() {
    const now = Date.now();
    const due = Object.keys(sources).filter((k) => state.errors[k] || !(now - (state.fetchedAt[k] || 0) < sources[k].every));
    await Promise.all(due.map(async (key) => {
      try {
        state.data[key] = await getJson(sources[key].path);
        state.fetchedAt[key] = Date.now();
        delete state.errors[key];
      } catch (e) {
        state.errors[key] = e instanceof Error ? e.message : String(e);
      }
    }));
    state.lastUpdate = new Date();
    safeDraw();
    setTimeout(refresh, LIVE_MS);
  }

  function safeDraw() {
    try {
      draw();
    } catch (e) {
      state.errors.draw = e instanceof Error ? e.message : String(e);
    }
    showStatus();
  }

  // ---- drawing -------------------------------------------------------------------------------------------------

  function draw() {
    const liq = state.data.liq;
    const book = showBook.checked ? state.data.book : null;
    const zones = state.data.zones ? state.data.zones.zones || [] : [];
    const price = currentPrice();
    const W = canvas.width;
    const H = canvas.height;
    ctx.fillStyle = rgb(BG);
    ctx.fillRect(0, 0, W, H);

    const plotW = W - MARGIN.left - MARGIN.right;
    const avail = H - MARGIN.top - MARGIN.bottom;
    const liqH = showBook.checked ? Math.round((avail - MARGIN.gap) * 0.62) : avail;
    const liqPlot = { x: MARGIN.left, y: MARGIN.top, w: plotW, h: liqH };
    const bookPlot = showBook.checked
      ? { x: MARGIN.left, y: MARGIN.top + liqH + MARGIN.gap, w: plotW, h: avail - liqH - MARGIN.gap }
      : null;

    const time = timeRange(liq, state.data.book);
    const liqRows = liq ? liq.t.length : 0;
    const liqRange = priceRange(liq && liq.prices, liq && [liq.long, liq.short], liqRows, price);
    panelFrame(liqPlot, liqRange, time, "liquidations");
    if (liqRows > 0 && liqRange) {
      heat(liqPlot, liqRange, time, liq.t, liq.prices, 60000, [[liq.long, PALETTE.liqLong], [liq.short, PALETTE.liqShort]]);
    }
    const zonesDrawn = drawZones(liqPlot, liqRange, time, zones);
    priceLine(liqPlot, liqRange, price);

    let bookRows = 0;
    if (bookPlot) {
      bookRows = book ? book.t.length : 0;
      const bookRange = priceRange(book && book.prices, book && [book.bid_u8, book.ask_u8], bookRows, price);
      panelFrame(bookPlot, bookRange, time, "order book");
      if (bookRows > 0 && bookRange) {
        heat(bookPlot, bookRange, time, book.t, book.prices, book.frame_interval_ms || 30000,
          [[book.bid_u8, PALETTE.bookBid], [book.ask_u8, PALETTE.bookAsk]]);
      }
      priceLine(bookPlot, bookRange, price);
    }
    timeAxis(bookPlot || liqPlot, time);

    state.draws += 1;
    const d = canvas.dataset;
    d.liqRows = String(liqRows);
    d.liqPrices = String(liq ? liq.prices.length : 0);
    d.zones = String(zonesDrawn);
    d.zonesTotal = String(zones.length);
    d.bookRows = String(bookRows);
    d.price = price === null ? "" : String(price);
    d.liqPlot = [liqPlot.x, liqPlot.y, liqPlot.w, liqPlot.h].join(",");
    d.bookPlot = bookPlot ? [bookPlot.x, bookPlot.y, bookPlot.w, bookPlot.h].join(",") : "";
    d.drawn = String(state.draws);
  }

  function currentPrice() {
    const live = state.data.live;
    if (live && Number.isFinite(live.price)) {
      return live.price;
    }
    return live && Number.isFinite(live.src) ? live.src : null;
  }

  // The shared x axis: from the first to the last row of either history (the last row spans one interval).
  function timeRange(liq, book) {
    const starts = [];
    const ends = [];
    if (liq && liq.t.length) {
      starts.push(liq.t[0]);
      ends.push(liq.t[liq.t.length - 1] + rowSpan(liq.t, 60000));
    }
    if (book && book.t.length) {
      starts.push(book.t[0]);
      ends.push(book.t[book.t.length - 1] + rowSpan(book.t, book.frame_interval_ms || 30000));
    }
    if (!starts.length) {
      const now = Date.now();
      return { min: now - 3600000, max: now };
    }
    return { min: Math.min(...starts), max: Math.max(...ends) };
  }

  function rowSpan(t, interval) {
    return t.length > 1 ? Math.max(interval, t[t.length - 1] - t[t.length - 2]) : interval;
  }

  // The y range: the grid's rows that hold heat (padded), widened to the current price; the whole grid when empty.
  function priceRange(prices, layers, rows, price) {
    if (!prices || !prices.length) {
      // Nothing to place on a price axis: the panel says "no data" instead of inventing a range.
      return price === null ? null : { min: price * 0.95, max: price * 1.05, step: price * 0.001 };
    }
    const cols = prices.length;
    const step = cols > 1 ? prices[1] - prices[0] : Math.max(Math.abs(prices[0]) * 0.001, 1e-9);
    let lo = cols;
    let hi = -1;
    for (const layer of layers || []) {
      for (let i = 0; i < rows * cols; i++) {
        if (layer[i] > 0) {
          const j = i % cols;
          lo = Math.min(lo, j);
          hi = Math.max(hi, j);
        }
      }
    }
    let min = prices[0];
    let max = prices[cols - 1];
    if (hi >= 0) {
      const pad = Math.max(3, Math.round((hi - lo) * 0.08));
      min = prices[Math.max(0, lo - pad)];
      max = prices[Math.min(cols - 1, hi + pad)];
    }
    if (price !== null) {
      min = Math.min(min, price - step * 3);
      max = Math.max(max, price + step * 3);
    }
    return { min: min - step / 2, max: max + step / 2, step };
  }

  const xOf = (plot, time, t) => plot.x + ((t - time.min) / (time.max - time.min)) * plot.w;
  const yOf = (plot, range, p) => plot.y + plot.h - ((p - range.min) / (range.max - range.min)) * plot.h;

  // One u8 grid (rows = t, cols = prices, row-major) drawn as an image, one column strip per row, no smoothing.
  function heat(plot, range, time, t, prices, interval, layers) {
    const rows = t.length;
    const cols = prices.length;
    const image = new ImageData(rows, cols);
    const px = image.data;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let r = 0;
        let g = 0;
        let b = 0;
        let any = false;
        for (const [values, colour] of layers) {
          const v = values[i * cols + j];
          if (v > 0) {
            // A floor so the faintest non-zero bucket is still visible on the dark background.
            const a = 0.25 + (0.75 * v) / 255;
            r += colour[0] * a;
            g += colour[1] * a;
            b += colour[2] * a;
            any = true;
          }
        }
        if (any) {
          const at = ((cols - 1 - j) * rows + i) * 4;
          px[at] = Math.min(255, BG[0] + r);
          px[at + 1] = Math.min(255, BG[1] + g);
          px[at + 2] = Math.min(255, BG[2] + b);
          px[at + 3] = 255;
        }
      }
    }
    const off = document.createElement("canvas");
    off.width = rows;
    off.height = cols;
    off.getContext("2d").putImageData(image, 0, 0);

    // Source rows span prices[0] - step/2 .. prices[cols-1] + step/2; map that band onto the plot, clipped.
    const step = cols > 1 ? prices[1] - prices[0] : range.step;
    const top = yOf(plot, range, prices[cols - 1] + step / 2);
    const bottom = yOf(plot, range, prices[0] - step / 2);
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.clip();
    ctx.imageSmoothingEnabled = false;
    for (let i = 0; i < rows; i++) {
      const next = i + 1 < rows ? t[i + 1] : t[i] + rowSpan(t, interval);
      const x0 = Math.floor(xOf(plot, time, t[i]));
      const x1 = Math.max(x0 + 1, Math.floor(xOf(plot, time, next)));
      ctx.drawImage(off, i, 0, 1, cols, x0, top, x1 - x0, bottom - top);
    }
    ctx.restore();
  }

  // Active zones: a horizontal mark from the zone's creation to now; thickness grows with the square root of weight.
  function drawZones(plot, range, time, zones) {
    let drawn = 0;
    if (!range) {
      return drawn;
    }
    for (const zone of zones) {
      if (!(zone.price >= range.min && zone.price <= range.max)) {
        continue;
      }
      const thickness = Math.max(1, Math.min(8, Math.round(1 + 1.5 * Math.sqrt(Math.max(0, zone.weight || 0)))));
      const y = Math.round(yOf(plot, range, zone.price) - thickness / 2);
      const from = Math.max(plot.x, Math.floor(xOf(plot, time, zone.created_at || time.min)));
      const x0 = Math.min(from, plot.x + plot.w - 12);
      ctx.fillStyle = zone.side === "short" ? ZONE_SHORT : ZONE_LONG;
      ctx.fillRect(x0, Math.max(plot.y, y), plot.x + plot.w - x0, thickness);
      drawn += 1;
    }
    return drawn;
  }

  function priceLine(plot, range, price) {
    if (price === null || !range || price < range.min || price > range.max) {
      return;
    }
    const y = Math.round(yOf(plot, range, price)) + 0.5;
    ctx.save();
    ctx.strokeStyle = "#ffffff";
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(plot.x, y);
    ctx.lineTo(plot.x + plot.w, y);
    ctx.stroke();
    ctx.restore();
    ctx.fillStyle = "#ffffff";
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    ctx.fillText(formatPrice(price, range), plot.x + plot.w + 6, y);
  }

  function panelFrame(plot, range, time, title) {
    ctx.strokeStyle = GRID;
    ctx.lineWidth = 1;
    ctx.fillStyle = TEXT;
    ctx.font = "11px system-ui, sans-serif";
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    if (!range) {
      ctx.textAlign = "center";
      ctx.fillText("no data", plot.x + plot.w / 2, plot.y + plot.h / 2);
    }
    for (const p of range ? ticks(range.min, range.max, 7) : []) {
      const y = Math.round(yOf(plot, range, p)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(plot.x, y);
      ctx.lineTo(plot.x + plot.w, y);
      ctx.stroke();
      ctx.fillText(formatPrice(p, range), plot.x - 6, y);
    }
    for (const t of timeTicks(time)) {
      const x = Math.round(xOf(plot, time, t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, plot.y);
      ctx.lineTo(x, plot.y + plot.h);
      ctx.stroke();
    }
    ctx.strokeRect(plot.x + 0.5, plot.y + 0.5, plot.w - 1, plot.h - 1);
    ctx.textAlign = "left";
    ctx.textBaseline = "bottom";
    ctx.font = "12px system-ui, sans-serif";
    ctx.fillText(`${title} · price (y) over time (x, UTC)`, plot.x, plot.y - 6);
  }

  function timeAxis(plot, time) {
    ctx.fillStyle = TEXT;
    ctx.font = "11px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const t of timeTicks(time)) {
      ctx.fillText(new Date(t).toISOString().slice(11, 16), xOf(plot, time, t), plot.y + plot.h + 6);
    }
  }

  function timeTicks(time) {
    const minute = 60000;
    const span = time.max - time.min;
    const choices = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720].map((m) => m * minute);
    const every = choices.find((c) => span / c <= 10) || 1440 * minute;
    const out = [];
    for (let t = Math.ceil(time.min / every) * every; t <= time.max; t += every) {
      out.push(t);
    }
    return out;
  }

  // "Nice" ticks (1, 2, 5 × 10^k) between min and max.
  function ticks(min, max, count) {
    const raw = (max - min) / count;
    if (!(raw > 0)) {
      return [];
    }
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
    const out = [];
    for (let v = Math.ceil(min / step) * step; v <= max; v += step) {
      out.push(v);
    }
    return out;
  }

  function formatPrice(p, range) {
    const digits = range.step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(range.step)) + 1);
    return p.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function rgb(c) {
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  // ---- status ---------------------------------------------------------------------------------------------------

  function showStatus() {
    const parts = [`${symbol}`];
    if (state.lastUpdate) {
      parts.push(`last update ${state.lastUpdate.toISOString().slice(11, 19)} UTC`);
    }
    const liq = state.data.liq;
    if (liq && liq.t.length) {
      parts.push(`liquidation data age ${age(liq.t[liq.t.length - 1])}`);
    } else if (liq) {
      parts.push("no liquidation minutes yet");
    }
    const book = state.data.book;
    if (book && book.t.length) {
      parts.push(`order-book data age ${age(book.last_frame_ts_ms || book.t[book.t.length - 1])}`);
    }
    const zones = state.data.zones;
    if (zones) {
      parts.push(`${canvas.dataset.zones || 0} of ${(zones.zones || []).length} zones on the chart`);
    }
    parts.push(`refresh every ${LIVE_MS / 1000} s (histories ${HISTORY_MS / 1000} s)`);
    const errors = Object.entries(state.errors);
    if (errors.length) {
      parts.push(`${errors.length} error(s)`);
    }
    statusLine.textContent = parts.join(" · ");
    statusLine.className = errors.length ? "error" : "";
    errorList.replaceChildren(...errors.map(([key, message]) => {
      const li = document.createElement("li");
      li.textContent = `${sources[key] ? sources[key].label : key}: ${message}`;
      return li;
    }));
    canvas.dataset.errors = errors.map(([, message]) => message).join(" | ");
  }

  function age(ms) {
    const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
  }

  showBook.addEventListener("change", safeDraw);
  refresh();
})();
