namespace ActorBot.Kernel.Tests.Api.Samples.Records;

/// <summary>A record: its synthesized members are public surface that an Akka class would not have.</summary>
public sealed record SampleRecord(int Value);
