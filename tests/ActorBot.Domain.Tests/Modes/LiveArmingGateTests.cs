using ActorBot.Domain.Modes;

namespace ActorBot.Domain.Tests.Modes;

public sealed class LiveArmingGateTests
{
    private static readonly LiveArmingInputs FullyArmed = new(
        TradeMode.Live,
        EnableLiveExecutionFlag: true,
        LiveExecEnableEnv: "1",
        LiveExecutionConfirmEnv: "YES",
        KillSwitchEnv: null,
        VenueApiKeyPresent: true,
        VenueApiSecretPresent: true);

    [Fact(DisplayName = "Live is armed only when every gate is satisfied")]
    public void LiveArmedWhenAllGatesPass()
    {
        var decision = LiveArmingGate.Evaluate(FullyArmed);
        decision.Allowed.Should().BeTrue();
        decision.Mode.Should().Be(TradeMode.Live);
    }

    public static TheoryData<string, LiveArmingInputs, string> EachMissingGate() => new()
    {
        { "flag", FullyArmed with { EnableLiveExecutionFlag = false }, "--enable-live-execution" },
        { "enable env", FullyArmed with { LiveExecEnableEnv = null }, "ACTORBOT_LIVE_EXEC_ENABLE" },
        { "enable env wrong", FullyArmed with { LiveExecEnableEnv = "true" }, "ACTORBOT_LIVE_EXEC_ENABLE" },
        { "confirm env", FullyArmed with { LiveExecutionConfirmEnv = "yes" }, "ACTORBOT_LIVE_EXECUTION_CONFIRM" },
        { "kill switch", FullyArmed with { KillSwitchEnv = "1" }, "KILL_SWITCH" },
        { "key", FullyArmed with { VenueApiKeyPresent = false }, "API key" },
        { "secret", FullyArmed with { VenueApiSecretPresent = false }, "API secret" },
    };

    [Theory(DisplayName = "Each missing live gate refuses start, names itself and suggests shadow")]
    [MemberData(nameof(EachMissingGate))]
    public void EachMissingGateRefuses(string caseName, LiveArmingInputs inputs, string expectedMention)
    {
        var decision = LiveArmingGate.Evaluate(inputs);
        decision.Allowed.Should().BeFalse(caseName);
        decision.MissingGates.Should().ContainSingle().Which.Should().Contain(expectedMention);
        decision.Explain().Should().Contain("--trade-mode shadow");
    }

    [Fact(DisplayName = "Every missing gate is reported at once, not only the first")]
    public void AllMissingGatesReported()
    {
        var decision = LiveArmingGate.Evaluate(new LiveArmingInputs(TradeMode.Live, false, null, null, "on", false, false));
        decision.MissingGates.Should().HaveCount(6);
    }

    [Theory(DisplayName = "Non-live modes need no live gates")]
    [InlineData(TradeMode.Shadow)]
    [InlineData(TradeMode.Paper)]
    [InlineData(TradeMode.Testnet)]
    public void NonLiveModesAreNotGated(TradeMode mode)
    {
        var decision = LiveArmingGate.Evaluate(new LiveArmingInputs(mode, false, null, null, null, false, false));
        decision.Allowed.Should().BeTrue();
        decision.Mode.Should().Be(mode);
    }

    [Theory(DisplayName = "Trade mode text parses case-insensitively and rejects unknown modes")]
    [InlineData("shadow", true, TradeMode.Shadow)]
    [InlineData(" LIVE ", true, TradeMode.Live)]
    [InlineData("Paper", true, TradeMode.Paper)]
    [InlineData("testnet", true, TradeMode.Testnet)]
    [InlineData("real", false, TradeMode.Shadow)]
    [InlineData(null, false, TradeMode.Shadow)]
    public void TradeModeParsing(string? text, bool ok, TradeMode expected)
    {
        TradeModeParser.TryParse(text, out var mode).Should().Be(ok);
        mode.Should().Be(expected);
    }

    [Fact(DisplayName = "Outside live the live-only gates print n/a, not FAIL; in live a missing one prints FAIL")]
    public void Live_only_gates_are_not_applicable_outside_live()
    {
        var testnet = LiveArmingGate.Evaluate(new LiveArmingInputs(TradeMode.Testnet, false, null, null, null, false, false));
        var live = LiveArmingGate.Evaluate(new LiveArmingInputs(TradeMode.Live, false, null, null, null, false, false));

        testnet.Allowed.Should().BeTrue();
        testnet.Checks.Select(c => c.ToString()).Should().Contain("arm-check venue_api_key: n/a (the venue API key is missing from the environment)")
            .And.Contain("arm-check trade_mode: n/a (requested testnet)")
            .And.NotContain(l => l.Contains(": FAIL", StringComparison.Ordinal));
        live.Checks.Select(c => c.ToString()).Should().Contain("arm-check venue_api_key: FAIL (the venue API key is missing from the environment)");
    }
}
