using ActorBot.Data.MarketData;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Liquidations;
using ActorBot.Engine.Tests.Replay;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Recordings;
using ActorBot.Venues.Simulator.Replay;

namespace ActorBot.Engine.Tests.Liquidations;

/// <summary>
/// The bundled real inputs of the liquidation subtree, minute by minute: the first minutes of the bundled COIN-M day
/// (data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip, converted to base units as the venue does) and the bundled real
/// liquidation tape (data/moonstream/liq_tape_BTC_24h.jsonl.gz), moved onto the day exactly as the simulator does
/// (<see cref="LiquidationTapeReplay"/> with the recorded market prices of data/moonstream/liq_cycles_BTC_24h.jsonl.gz).
/// </summary>
internal static class RecordedLiquidationDay
{
    public const string Symbol = "BTCUSD_PERP";

    public static IReadOnlyList<(long MinuteMs, TradeTick[] Trades, LiquidationEvent[] Liquidations)> Minutes(int count)
    {
        var root = ReplayFixture.RepoRoot();
        var tape = LiquidationTapeReplay.Load(
            new LiquidationTapeSource(Symbol, Path.Combine(root, "data/moonstream/liq_tape_BTC_24h.jsonl.gz"), null, Path.Combine(root, "data/moonstream/liq_cycles_BTC_24h.jsonl.gz")),
            out _);
        var minutes = new List<(long, List<TradeTick>, List<LiquidationEvent>)>();
        foreach (var trade in AggTradeCsvReader.Read(Path.Combine(root, "data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip")))
        {
            var minute = trade.TradeTimeMs - (trade.TradeTimeMs % 60_000);
            if (minutes.Count == 0 || minutes[^1].Item1 != minute)
            {
                if (minutes.Count == count)
                {
                    break;
                }

                minutes.Add((minute, [], []));
            }

            minutes[^1].Item2.Add(AggTradePipeline.ToTick(trade, ContractSpec.CoinMargined100Usd));
            foreach (var release in tape.Due(trade.TradeTimeMs, trade.Price))
            {
                var side = release.Side == "SELL" ? LiquidationSide.Long : LiquidationSide.Short;
                minutes[^1].Item3.Add(new LiquidationEvent("binance-usdm", Symbol, side, release.Price, release.Quantity, release.TimeMs));
            }
        }

        return minutes.Select(m => (m.Item1, m.Item2.ToArray(), m.Item3.ToArray())).ToList();
    }
}
