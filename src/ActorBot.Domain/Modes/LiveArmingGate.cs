namespace ActorBot.Domain.Modes;

/// <summary>
/// The arming rule for live trading. Live needs every one of: <c>--trade-mode live</c>,
/// <c>--enable-live-execution</c>, <c>ACTORBOT_LIVE_EXEC_ENABLE=1</c>,
/// <c>ACTORBOT_LIVE_EXECUTION_CONFIRM=YES</c>, no <c>KILL_SWITCH</c>, and the venue keys. Several
/// independent switches exist so that no single typo, stale shell variable or copied command line can
/// put real money at risk. The result names every missing gate, not just the first.
/// </summary>
public static class LiveArmingGate
{
    public const string LiveExecEnableVariable = "ACTORBOT_LIVE_EXEC_ENABLE";
    public const string LiveExecutionConfirmVariable = "ACTORBOT_LIVE_EXECUTION_CONFIRM";
    public const string KillSwitchVariable = "KILL_SWITCH";

    public static LiveArmingDecision Evaluate(LiveArmingInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.RequestedMode != TradeMode.Live)
        {
            // Non-live modes never send real orders; the kill switch still pauses entries at run time.
            return new LiveArmingDecision(inputs.RequestedMode, []);
        }

        var missing = new List<string>();
        if (!inputs.EnableLiveExecutionFlag)
        {
            missing.Add("the --enable-live-execution flag is not given");
        }

        if (inputs.LiveExecEnableEnv?.Trim() != "1")
        {
            missing.Add($"{LiveExecEnableVariable} is not set to 1");
        }

        if (inputs.LiveExecutionConfirmEnv?.Trim() != "YES")
        {
            missing.Add($"{LiveExecutionConfirmVariable} is not set to YES");
        }

        if (!string.IsNullOrEmpty(inputs.KillSwitchEnv))
        {
            missing.Add($"{KillSwitchVariable} is set");
        }

        if (!inputs.VenueApiKeyPresent)
        {
            missing.Add("the venue API key is missing from the environment");
        }

        if (!inputs.VenueApiSecretPresent)
        {
            missing.Add("the venue API secret is missing from the environment");
        }

        return new LiveArmingDecision(TradeMode.Live, missing);
    }
}

/// <summary>The gate's verdict: allowed, or refused with every reason and a safe suggestion.</summary>
public sealed record LiveArmingDecision(TradeMode Mode, IReadOnlyList<string> MissingGates)
{
    public bool Allowed => MissingGates.Count == 0;

    public string Explain() => Allowed
        ? $"trade mode {Mode.ToConfigString()} armed"
        : "live trading refused: " + string.Join("; ", MissingGates)
          + ". Start in shadow mode (--trade-mode shadow) to run without sending orders.";
}
