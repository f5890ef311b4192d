using System.Text.RegularExpressions;
using ActorBot.Domain.Tests.Support;

namespace ActorBot.Domain.Tests.Liquidations;

/// <summary>
/// docs/moonstream-defects.md names, for each of the 24 defects of moonstream SPEC §13, the tests that show the new
/// behaviour. This checks the index stays true: every defect has a row, and every test it names is a test method in
/// the named file (a rename or deletion fails here instead of leaving the table stale).
/// </summary>
public sealed partial class DefectIndexTests
{
    [Fact]
    public void Every_defect_has_a_row_naming_tests_that_exist()
    {
        var root = TestData.RepoRoot();
        var rows = File.ReadAllLines(Path.Combine(root, "docs", "moonstream-defects.md"))
            .Select(l => Row().Match(l))
            .Where(m => m.Success)
            .ToDictionary(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[2].Value);

        rows.Keys.Order().Should().Equal(Enumerable.Range(1, 24), "one row per defect of SPEC §13");
        foreach (var (defect, cell) in rows)
        {
            var named = 0;
            // "`Project/Path/File.cs` `MethodA`, `MethodB`; `Other/File.cs` `MethodC`"
            foreach (var group in cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = Code().Matches(group).Select(m => m.Groups[1].Value).ToArray();
                parts.Should().HaveCountGreaterThan(1, $"defect {defect}: '{group}' names a file and at least one test");
                var file = Path.Combine(root, "tests", parts[0]);
                File.Exists(file).Should().BeTrue($"defect {defect}: {parts[0]} exists under tests/");
                var source = File.ReadAllText(file);
                foreach (var method in parts.Skip(1))
                {
                    Regex.IsMatch(source, @"\[(Fact|Theory|ChromiumFact)[^\]]*\]\s*(\[[^\]]*\]\s*)*public (async Task|void) " + Regex.Escape(method) + @"\(")
                        .Should().BeTrue($"defect {defect}: {method} is a test method in {parts[0]}");
                    named++;
                }
            }

            named.Should().BePositive($"defect {defect} names a test");
        }
    }

    [GeneratedRegex(@"^\| (\d+) \|.*\| ([^|]+) \|$")]
    private static partial Regex Row();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();
}
