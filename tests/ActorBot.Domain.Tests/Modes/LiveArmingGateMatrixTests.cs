using ActorBot.Domain.Modes;

namespace ActorBot.Domain.Tests.Modes;

public sealed class LiveArmingGateMatrixTests
{
    /// <summary>Every combination of the 6 live gates (bit set = gate satisfied) × 4 modes × DRY_RUN on/off: 512 cases.</summary>
    public static TheoryData<int, TradeMode, bool> Matrix()
    {
        var data = new TheoryData<int, TradeMode, bool>();
        for (var gates = 0; gates < 64; gates++)
        {
            foreach (var mode in Enum.GetValues<TradeMode>())
            {
                data.Add(gates, mode, false);
                data.Add(gates, mode, true);
            }
        }

        return data;
    }

    private static LiveArmingInputs Inputs(int gates, TradeMode mode, bool dryRun) => new(
        mode,
        EnableLiveExecutionFlag: (gates & 1) != 0,
        LiveExecEnableEnv: (gates & 2) != 0 ? "1" : "0",
        LiveExecutionConfirmEnv: (gates & 4) != 0 ? "YES" : null,
        KillSwitchEnv: (gates & 8) != 0 ? null : "1",
        VenueApiKeyPresent: (gates & 16) != 0,
        VenueApiSecretPresent: (gates & 32) != 0,
        DryRunEnv: dryRun ? "true" : null);

    [Theory(DisplayName = "Gate matrix: live needs all six gates, every missing gate is named, DRY_RUN forces paper-or-shadow")]
    [MemberData(nameof(Matrix))]
    public void GateMatrix(int gates, TradeMode mode, bool dryRun)
    {
        var decision = LiveArmingGate.Evaluate(Inputs(gates, mode, dryRun));
        var failing = 6 - System.Numerics.BitOperations.PopCount((uint)gates);

        decision.RequestedMode.Should().Be(mode);
        decision.Checks.Should().HaveCount(9, "one arm-check line per gate, plus dry_run, trade_mode and testnet_endpoints");
        decision.Checks.Skip(2).Take(6).Count(c => !c.Passed).Should().Be(failing);

        if (dryRun)
        {
            decision.Mode.Should().Be(mode == TradeMode.Paper ? TradeMode.Paper : TradeMode.Shadow);
            decision.Allowed.Should().BeTrue("a dry run never reaches a venue, so nothing needs arming");
            decision.DryRunForced.Should().BeTrue();
            return;
        }

        decision.Mode.Should().Be(mode);
        if (mode != TradeMode.Live)
        {
            decision.Allowed.Should().BeTrue();
            return;
        }

        decision.Allowed.Should().Be(failing == 0);
        decision.MissingGates.Should().HaveCount(failing);
        if (failing > 0)
        {
            decision.Explain().Should().Contain("--trade-mode shadow");
        }
    }

    [Theory(DisplayName = "DRY_RUN parsing is fail-safe: only explicit off values are off")]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("0", false)]
    [InlineData(" False ", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("ture", true)]
    public void DryRunParsing(string? value, bool on) => DryRun.IsOn(value).Should().Be(on);

    [Theory(DisplayName = "Testnet refuses mainnet hosts and names them")]
    [InlineData("https://fapi.binance.com", false)]
    [InlineData("wss://fstream.binance.com/market/stream", false)]
    [InlineData("wss://ws-fapi.binance.com/ws-fapi/v1", false)]
    [InlineData("FAPI.BINANCE.COM/fapi/v1", false)]
    [InlineData("https://testnet.binancefuture.com", true)]
    [InlineData("wss://fstream.binancefuture.com/public/stream", true)]
    [InlineData("http://127.0.0.1:8089", true)]
    public void TestnetNeverMainnet(string url, bool allowed)
    {
        var inputs = new LiveArmingInputs(TradeMode.Testnet, false, null, null, null, true, true, VenueUrls: ["https://testnet.binancefuture.com", url]);
        var decision = LiveArmingGate.Evaluate(inputs);
        decision.Allowed.Should().Be(allowed);
        if (!allowed)
        {
            decision.MissingGates.Should().ContainSingle().Which.Should().Contain(url);
            decision.Explain().Should().Contain("--trade-mode shadow");
        }
    }

    [Fact(DisplayName = "Mainnet URLs are fine outside testnet, and a dry-run testnet is shadow so it is not checked")]
    public void MainnetOutsideTestnet()
    {
        LiveArmingGate.Evaluate(new LiveArmingInputs(TradeMode.Shadow, false, null, null, null, false, false, VenueUrls: ["https://fapi.binance.com"])).Allowed.Should().BeTrue();
        var dry = LiveArmingGate.Evaluate(new LiveArmingInputs(TradeMode.Testnet, false, null, null, null, false, false, "1", ["https://fapi.binance.com"]));
        dry.Mode.Should().Be(TradeMode.Shadow);
        dry.Allowed.Should().BeTrue();
    }
}
