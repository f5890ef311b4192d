namespace ActorBot.Domain.Modes;

/// <summary>One line of the startup arm-check: a gate, whether it passed, and what was seen (never a secret value).</summary>
public sealed record ArmCheck(string Gate, bool Passed, string Detail)
{
    public override string ToString() => $"arm-check {Gate}: {(Passed ? "PASS" : "FAIL")} ({Detail})";
}
