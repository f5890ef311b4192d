namespace ActorBot.Domain.Modes;

/// <summary>
/// The arming rule. Live needs every one of: <c>--trade-mode live</c>, <c>--enable-live-execution</c>,
/// <c>ACTORBOT_LIVE_EXEC_ENABLE=1</c>, <c>ACTORBOT_LIVE_EXECUTION_CONFIRM=YES</c>, no <c>KILL_SWITCH</c>, and
/// the venue keys. Several independent switches exist so that no single typo, stale shell variable or
/// copied command line can put real money at risk. On top: <c>DRY_RUN</c> forces paper-or-shadow whatever
/// else is set (<see cref="DryRun"/>), and testnet refuses mainnet URLs (<see cref="VenueEndpointGuard"/>).
/// The result names every missing gate, not just the first, and carries one arm-check line per gate.
/// </summary>
public static class LiveArmingGate
{
    public const string LiveExecEnableVariable = "ACTORBOT_LIVE_EXEC_ENABLE";
    public const string LiveExecutionConfirmVariable = "ACTORBOT_LIVE_EXECUTION_CONFIRM";
    public const string KillSwitchVariable = "KILL_SWITCH";

    public static LiveArmingDecision Evaluate(LiveArmingInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var dryRun = DryRun.IsOn(inputs.DryRunEnv);
        var mode = dryRun ? DryRun.Force(inputs.RequestedMode) : inputs.RequestedMode;

        var checks = new List<ArmCheck>
        {
            new("dry_run", true, dryRun ? $"{DryRun.Variable} on: {inputs.RequestedMode.ToConfigString()} runs as {mode.ToConfigString()}" : $"{DryRun.Variable} off"),
            new("trade_mode", inputs.RequestedMode == TradeMode.Live, $"requested {inputs.RequestedMode.ToConfigString()}", Applies: mode == TradeMode.Live),
        };
        var liveGates = new (string Gate, bool Passed, string Missing)[]
        {
            ("enable_live_execution_flag", inputs.EnableLiveExecutionFlag, "the --enable-live-execution flag is not given"),
            ("live_exec_enable_env", inputs.LiveExecEnableEnv?.Trim() == "1", $"{LiveExecEnableVariable} is not set to 1"),
            ("live_execution_confirm_env", inputs.LiveExecutionConfirmEnv?.Trim() == "YES", $"{LiveExecutionConfirmVariable} is not set to YES"),
            ("kill_switch_clear", string.IsNullOrEmpty(inputs.KillSwitchEnv), $"{KillSwitchVariable} is set"),
            ("venue_api_key", inputs.VenueApiKeyPresent, "the venue API key is missing from the environment"),
            ("venue_api_secret", inputs.VenueApiSecretPresent, "the venue API secret is missing from the environment"),
        };
        // Shown for every mode (an operator sees what live would still need), but only live is held to them.
        checks.AddRange(liveGates.Select(g => new ArmCheck(g.Gate, g.Passed, g.Passed ? "ok" : g.Missing, Applies: mode == TradeMode.Live)));

        var mainnetUrls = VenueEndpointGuard.MainnetUrlsInTestnet(mode, inputs.VenueUrls ?? []);
        checks.Add(new ArmCheck(
            "testnet_endpoints",
            mainnetUrls.Count == 0,
            mode != TradeMode.Testnet ? "not testnet" : mainnetUrls.Count == 0 ? "no mainnet host" : "mainnet URL: " + string.Join(", ", mainnetUrls)));

        var missing = new List<string>();
        if (mode == TradeMode.Live)
        {
            missing.AddRange(liveGates.Where(g => !g.Passed).Select(g => g.Missing));
        }

        if (mainnetUrls.Count > 0)
        {
            missing.Add($"testnet mode points at mainnet ({string.Join(", ", mainnetUrls)})");
        }

        // Non-live modes send no real-money orders; the kill switch still pauses entries at run time.
        return new LiveArmingDecision(mode, missing) { RequestedMode = inputs.RequestedMode, DryRunForced = dryRun, Checks = checks };
    }
}

/// <summary>
/// The gate's verdict: the mode the process will run in (<see cref="Mode"/>, after DRY_RUN), allowed or
/// refused with every reason and a safe suggestion, and the arm-check lines to print at startup.
/// </summary>
public sealed record LiveArmingDecision(TradeMode Mode, IReadOnlyList<string> MissingGates)
{
    public TradeMode RequestedMode { get; init; } = Mode;

    public bool DryRunForced { get; init; }

    public IReadOnlyList<ArmCheck> Checks { get; init; } = [];

    public bool Allowed => MissingGates.Count == 0;

    public string Explain() => Allowed
        ? $"trade mode {Mode.ToConfigString()} armed" + (DryRunForced && Mode != RequestedMode ? $" ({DryRun.Variable} overrides {RequestedMode.ToConfigString()})" : string.Empty)
        : $"{RequestedMode.ToConfigString()} trading refused: " + string.Join("; ", MissingGates)
          + ". Start in shadow mode (--trade-mode shadow) to run without sending orders.";
}
