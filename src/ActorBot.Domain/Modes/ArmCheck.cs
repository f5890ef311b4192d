namespace ActorBot.Domain.Modes;

/// <summary>
/// One line of the startup arm-check: a gate, whether it passed, and what was seen (never a secret value).
/// <paramref name="Applies"/> is false for a live-only gate when the process does not run live: it is shown as
/// <c>n/a</c> rather than FAIL, so a testnet or shadow start does not print failures that block nothing.
/// </summary>
public sealed record ArmCheck(string Gate, bool Passed, string Detail, bool Applies = true)
{
    public override string ToString() => $"arm-check {Gate}: {(!Applies ? "n/a" : Passed ? "PASS" : "FAIL")} ({Detail})";
}
