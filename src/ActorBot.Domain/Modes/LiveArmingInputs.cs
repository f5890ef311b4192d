namespace ActorBot.Domain.Modes;

/// <summary>
/// Everything the live gate looks at, gathered by the host from the command line and the environment.
/// Only presence of the venue keys is recorded here, never their values, so this record can be logged.
/// </summary>
public sealed record LiveArmingInputs(
    TradeMode RequestedMode,
    bool EnableLiveExecutionFlag,
    string? LiveExecEnableEnv,
    string? LiveExecutionConfirmEnv,
    string? KillSwitchEnv,
    bool VenueApiKeyPresent,
    bool VenueApiSecretPresent);
