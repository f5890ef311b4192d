namespace ActorBot.Domain.Modes;

/// <summary>
/// Everything the live gate looks at, gathered by the host from the command line and the environment.
/// Only presence of the venue keys is recorded here, never their values, so this record can be logged.
/// <paramref name="DryRunEnv"/> is the raw <c>DRY_RUN</c> value; <paramref name="VenueUrls"/> are the
/// configured REST and stream base URLs (checked against mainnet in testnet mode).
/// </summary>
public sealed record LiveArmingInputs(
    TradeMode RequestedMode,
    bool EnableLiveExecutionFlag,
    string? LiveExecEnableEnv,
    string? LiveExecutionConfirmEnv,
    string? KillSwitchEnv,
    bool VenueApiKeyPresent,
    bool VenueApiSecretPresent,
    string? DryRunEnv = null,
    IReadOnlyList<string>? VenueUrls = null);
