using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using ActorBot.Data.MarketData;
using ActorBot.TestSupport;

namespace ActorBot.Benchmarks.Replay;

/// <summary>
/// <c>csv</c>: the aggTrades reader the replay uses (Sep, spans) next to the former one (ReadLine + Split, the
/// baseline) on the bundled COIN-M day, in the same run: (1) from the zip, as <c>actorbot replay</c> reads it;
/// (2) from the decompressed text in memory, parsing alone. Runs alternate so both see the same machine state.
/// </summary>
public sealed class CsvSuite : IBenchmarkSuite
{
    private const int WarmUps = 15;
    private const int Runs = 11;

    public string Name => "csv";

    public int Run(string[] args)
    {
        var zip = Path.Combine(RepoRoot.Find(), "data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip");
        var spec = ContractSpec.CoinMargined100Usd;
        string text;
        using (var archive = ZipFile.OpenRead(zip))
        using (var reader = new StreamReader(archive.Entries.Single().Open()))
        {
            text = reader.ReadToEnd();
        }

        var rows = AggTradesReader.Read(zip, spec).Ticks.Count;
        var check = LineSplitAggTradesReader.Read(zip, spec).Ticks.SequenceEqual(AggTradesReader.Read(zip, spec).Ticks);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows} trades, {text.Length / 1e6:F2} M chars; readers agree: {check}"));

        Compare("zip", rows,
            () => LineSplitAggTradesReader.Read(zip, spec).Ticks.Count,
            () => AggTradesReader.Read(zip, spec).Ticks.Count);
        Compare("text in memory", rows,
            () => LineSplitAggTradesReader.Parse(new StringReader(text), spec).Ticks.Count,
            () => AggTradesReader.Parse(new StringReader(text), spec).Ticks.Count);
        return check ? 0 : 1;
    }

    private static void Compare(string what, int rows, Func<int> baseline, Func<int> sep)
    {
        for (var i = 0; i < WarmUps; i++)
        {
            baseline();
            sep();
        }

        var (baseTimes, sepTimes) = (new List<double>(), new List<double>());
        var (baseBytes, sepBytes) = (0L, 0L);
        for (var i = 0; i < Runs; i++)
        {
            baseTimes.Add(Time(baseline, ref baseBytes));
            sepTimes.Add(Time(sep, ref sepBytes));
        }

        var b = Median(baseTimes);
        var s = Median(sepTimes);
        Print($"{what}: ReadLine+Split (baseline)", b, rows, baseBytes);
        Print($"{what}: Sep 0.18.0", s, rows, sepBytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: ratio Sep/baseline throughput {b / s:F2}"));
    }

    private static double Time(Func<int> action, ref long allocated)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        return sw.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> times)
    {
        times.Sort();
        return times[times.Count / 2];
    }

    private static void Print(string name, double ms, int rows, long bytes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-36} median {ms,8:F2} ms  {rows / ms * 1000,12:N0} rows/s  {bytes / Runs / 1024.0 / 1024.0,8:F1} MiB allocated/run"));
}
