namespace ActorBot.Host.Tests.Testnet;

/// <summary>
/// Tests that put the simulator's venue keys in the process environment while the host is built (the service reads
/// keys only from there): they run one at a time, so one test's clean-up never removes the keys another is reading.
/// </summary>
[CollectionDefinition(Name)]
public sealed class VenueKeysEnvironment
{
    public const string Name = "venue keys in the process environment";
}
