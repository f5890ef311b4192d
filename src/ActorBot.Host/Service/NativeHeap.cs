using System.Runtime.InteropServices;

namespace ActorBot.Host.Service;

/// <summary>
/// glibc's allocator, which serves every native allocation of the process (the runtime's JIT and type loader, ONNX
/// Runtime, SQLite), tuned for a long-running service. Two habits of it cost this process ~25 MB of RSS for nothing
/// (docs/benchmarks.md, RSS): it gives each contending thread its own arena (up to 8 per core) and it keeps freed
/// memory resident — the start-up's JIT and type-loading scratch, ~20 MB, stays in the heap for the life of the process
/// because glibc only returns the heap's top on its own. No package wraps <c>mallopt</c>/<c>malloc_trim</c>; both are
/// two-line P/Invokes. Elsewhere (musl, macOS, Windows) both are no-ops that say so.
/// </summary>
public static class NativeHeap
{
    /// <summary>glibc's <c>M_ARENA_MAX</c> parameter of <c>mallopt</c>.</summary>
    private const int MArenaMax = -8;

    /// <summary>The arena cap: one for the main thread's heap, one for everything else's rare contention.</summary>
    public const int Arenas = 2;

    /// <summary>
    /// Caps glibc at <see cref="Arenas"/> malloc arenas unless the operator set <c>MALLOC_ARENA_MAX</c> (glibc read it
    /// at start; theirs wins). Call first thing in <c>Main</c>: arenas already created stay. True when applied.
    /// </summary>
    public static bool LimitArenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return false;
        }

        return Call(() => MallOpt(MArenaMax, Arenas) == 1);
    }

    /// <summary>
    /// Returns the free memory of every arena to the kernel (<c>malloc_trim(0)</c>: whole free pages anywhere in the
    /// heap, not only its top). True when glibc released something; false when there was nothing or no glibc.
    /// </summary>
    public static bool Trim() => OperatingSystem.IsLinux() && Call(() => MallocTrim(0) == 1);

    private static bool Call(Func<bool> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int param, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
