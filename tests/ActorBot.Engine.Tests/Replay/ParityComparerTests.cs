using ActorBot.Engine.Replay;

namespace ActorBot.Engine.Tests.Replay;

/// <summary><c>actorbot parity</c>'s comparison: numeric cells within epsilon, others exact, readable differences.</summary>
public sealed class ParityComparerTests : IDisposable
{
    private readonly string _a = ReplayFixture.TempDir();
    private readonly string _b = ReplayFixture.TempDir();

    public void Dispose()
    {
        Directory.Delete(_a, recursive: true);
        Directory.Delete(_b, recursive: true);
    }

    [Fact(DisplayName = "Equal folders compare equal; numbers within epsilon and column order do not matter")]
    public void EqualWithinEpsilon()
    {
        File.WriteAllText(Path.Combine(_a, "t.csv"), "id,x,y\na,1.0,nan\nb,2.5,3\n");
        File.WriteAllText(Path.Combine(_b, "t.csv"), "x,id,y\n1.0000000001,a,NaN\n2.5,b,3.0\n");
        var report = ParityComparer.Compare(_a, _b, 1e-6);
        report.Equal.Should().BeTrue();
        report.CellsCompared.Should().Be(6);
        report.FilesCompared.Should().Be(1);
    }

    [Fact(DisplayName = "A numeric cell beyond epsilon, a changed text cell, a missing column, a row count and a missing file are each reported")]
    public void Differences()
    {
        File.WriteAllText(Path.Combine(_a, "t.csv"), "id,x,reason\na,1.0,take_profit\nb,2.0,stop_loss\n");
        File.WriteAllText(Path.Combine(_b, "t.csv"), "id,x,reason\na,1.1,take_profit\nb,2.0,breakeven\n");
        File.WriteAllText(Path.Combine(_a, "u.csv"), "k,v\n1,2\n");
        File.WriteAllText(Path.Combine(_b, "u.csv"), "k\n1\n2\n");
        File.WriteAllText(Path.Combine(_a, "only_a.csv"), "k\n");
        var report = ParityComparer.Compare(_a, _b, 1e-6);
        report.Equal.Should().BeFalse();
        var text = report.Differences.Select(d => d.ToString()).ToList();
        text.Should().Contain("only_a.csv: file: a=present b=missing");
        text.Should().Contain(s => s.StartsWith("t.csv row 1 column x: a=1.0 b=1.1 (|a-b| = 0.1", StringComparison.Ordinal));
        text.Should().Contain("t.csv row 2 column reason: a=stop_loss b=breakeven");
        text.Should().Contain("u.csv: column v: a=present b=missing");
        text.Should().Contain("u.csv: rows: a=1 b=2");
    }

    [Fact(DisplayName = "Two single CSV files can be compared; bad input (missing path, folder against file, bad epsilon) is refused")]
    public void FilesAndBadInput()
    {
        var fa = Path.Combine(_a, "x.csv");
        var fb = Path.Combine(_b, "y.csv");
        File.WriteAllText(fa, "p\n0.5\n");
        File.WriteAllText(fb, "p\n0.5000001\n");
        ParityComparer.Compare(fa, fb, 1e-6).Equal.Should().BeTrue();
        ParityComparer.Compare(fa, fb, 1e-9).Differences.Should().ContainSingle();

        ((Action)(() => ParityComparer.Compare(fa, Path.Combine(_b, "nope.csv"), 1e-6))).Should().Throw<ReplayConfigException>().WithMessage("*no such file or folder*");
        ((Action)(() => ParityComparer.Compare(_a, fb, 1e-6))).Should().Throw<ReplayConfigException>().WithMessage("*not a folder with a file*");
        ((Action)(() => ParityComparer.Compare(fa, fb, double.NaN))).Should().Throw<ReplayConfigException>();
    }

    [Fact(DisplayName = "A replay output compared with a copy whose PnL was nudged reports the trade row and column")]
    public void ReplayOutputsNudged()
    {
        ReplayOutputs.WriteAll(ReplayFixture.ShippedResult, _a);
        ReplayOutputs.WriteAll(ReplayFixture.ShippedResult, _b);
        ParityComparer.Compare(_a, _b, 0).Equal.Should().BeTrue();
        var trades = Path.Combine(_b, "trades.csv");
        var lines = File.ReadAllLines(trades);
        var header = lines[0].Split(',');
        var col = Array.IndexOf(header, "pnl_net");
        var cells = lines[3].Split(',');
        cells[col] = (double.Parse(cells[col], System.Globalization.CultureInfo.InvariantCulture) + 1e-3).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        lines[3] = string.Join(',', cells);
        File.WriteAllText(trades, string.Join('\n', lines) + "\n");
        var report = ParityComparer.Compare(_a, _b, 1e-6);
        report.Differences.Should().ContainSingle().Which.Should().Match<ParityDifference>(d => d.File == "trades.csv" && d.Row == 3 && d.Column == "pnl_net");
        ParityComparer.Compare(_a, _b, 1e-2).Equal.Should().BeTrue();
    }
}
