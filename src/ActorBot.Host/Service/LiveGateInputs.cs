using ActorBot.Domain.Modes;

namespace ActorBot.Host.Service;

/// <summary>Collects the live gate's inputs from the environment; key values are checked for presence only.</summary>
public static class LiveGateInputs
{
    public const string ApiKeyVariable = "BINANCE_API_KEY";
    public const string ApiSecretVariable = "BINANCE_API_SECRET";

    public static LiveArmingInputs FromEnvironment(TradeMode mode, bool enableLiveFlag, Func<string, string?> environment, IReadOnlyList<string>? venueUrls = null) => new(
        mode,
        enableLiveFlag,
        environment(LiveArmingGate.LiveExecEnableVariable),
        environment(LiveArmingGate.LiveExecutionConfirmVariable),
        environment(LiveArmingGate.KillSwitchVariable),
        !string.IsNullOrEmpty(environment(ApiKeyVariable)),
        !string.IsNullOrEmpty(environment(ApiSecretVariable)),
        environment(DryRun.Variable),
        venueUrls);
}
