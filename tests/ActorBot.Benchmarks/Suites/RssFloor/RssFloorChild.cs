using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using ActorBot.Host.Service;

namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>
/// One fresh process of the <c>rss-floor</c> suite: <c>rss-floor-child &lt;layer&gt;</c>. Entered at the very top of
/// <see cref="Program.Main"/>, before the suite catalogue, so the process loads only what its layers use. Each layer's
/// code sits in its own class behind a non-inlined call: the JIT resolves every type a method mentions when it
/// compiles it, so a layer that is not run never has its assemblies loaded.
/// </summary>
public static class RssFloorChild
{
    public const string Command = "rss-floor-child";

    /// <summary>The line the parent looks for; everything else a child prints is ignored.</summary>
    public const string ResultPrefix = "rss-floor-result";

    /// <summary>Long enough for the GC's and the runtime's background work after the collection to settle.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static int Run(string[] args)
    {
        // As the service's Main: before the thread pool, Kestrel or ORT start threads that would each get an arena.
        NativeHeap.LimitArenas();
        if (args.Length != 2 || !FloorLayers.TryParse(args[1], out var layer))
        {
            Console.Error.WriteLine($"usage: ActorBot.Benchmarks {Command} <{string.Join('|', FloorLayers.InOrder.Select(l => l.Name()))}>");
            return 2;
        }

        var running = layer == FloorLayer.Runtime ? null : StartStack(layer);
        try
        {
            Measure(layer);
        }
        finally
        {
            running?.Dispose();
        }

        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IDisposable StartStack(FloorLayer layer) => FloorStack.Start(layer);

    /// <summary>
    /// Everything the layers allocated is garbage or live state by now: collect and compact it, hand glibc's free
    /// pages back (the service does the same every minute), let it settle, then read what stays resident.
    /// </summary>
    private static void Measure(FloorLayer layer)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        NativeHeap.Trim();
        Thread.Sleep(Settle);

        var status = ProcStatus.Read("self") ?? new ProcStatus(0, 0, 0, 0);
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var assemblies = AppDomain.CurrentDomain.GetAssemblies().Length;
        var mapped = ProcStatus.MappedDlls("self");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ResultPrefix} layer={layer.Name()} vmrss_kb={status.VmRssKb} rss_anon_kb={status.RssAnonKb} rss_file_kb={status.RssFileKb} rss_shmem_kb={status.RssShmemKb} gc_committed_bytes={committed} assemblies={assemblies} mapped_dlls={mapped}"));
    }
}
