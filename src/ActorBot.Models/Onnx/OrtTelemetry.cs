using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace ActorBot.Models.Onnx;

/// <summary>
/// Keeps ONNX Runtime from phoning home. Since 1.29, ORT on Linux and macOS starts a telemetry uploader (Microsoft's
/// 1DS client: a device id and an event database under <c>~/.cache/Microsoft/DeveloperTools/.onnxruntime</c>, batches
/// sent to <c>mobile.events.data.microsoft.com</c>) when its environment is created, unless
/// <c>ORT_DISABLE_TELEMETRY=1</c> is in the native process environment at that moment; on Windows it logs to ETW. A
/// trading service holding exchange keys must not open connections nobody configured (egress rules, privacy, a
/// background thread and its buffers in our memory), so the variable is set before the first session and ORT's own
/// switch is thrown after it. Why libc's <c>setenv</c>: on Unix .NET's <c>Environment.SetEnvironmentVariable</c> only
/// changes the runtime's managed copy, which the native library's <c>getenv</c> never sees.
/// </summary>
public static class OrtTelemetry
{
    public const string Variable = "ORT_DISABLE_TELEMETRY";

    private static readonly Lazy<bool> Off = new(TurnOff, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs once per process, before any ORT environment exists; cheap afterwards.</summary>
    public static void EnsureOff() => _ = Off.Value;

    /// <summary>The variable as the native side sees it (null when unset); for checks and tests.</summary>
    public static string? NativeValue()
    {
        if (OperatingSystem.IsWindows())
        {
            return Environment.GetEnvironmentVariable(Variable);
        }

        var value = GetEnv(Variable);
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    private static bool TurnOff()
    {
        if (OperatingSystem.IsWindows())
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
        else if (SetEnv(Variable, "1", 1) != 0)
        {
            throw new InvalidOperationException($"setenv({Variable}) failed (errno {Marshal.GetLastPInvokeError()}); ONNX Runtime telemetry would stay on.");
        }

        OrtEnv.Instance().DisableTelemetryEvents();
        return true;
    }

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
