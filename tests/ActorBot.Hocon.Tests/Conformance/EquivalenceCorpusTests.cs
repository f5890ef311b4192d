using System.Text.Json;
using ActorBot.Hocon.Tests.Support;

namespace ActorBot.Hocon.Tests.Conformance;

/// <summary>
/// The self-checking vectors of the lightbend/config corpus: every .conf/.json file in an
/// equivNN folder must resolve to that folder's original.json.
/// </summary>
public sealed class EquivalenceCorpusTests
{
    public static TheoryData<string> Vectors()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(CorpusFiles.Resources, "equiv*").OrderBy(f => f, StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (name != "original.json" && (name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal)))
                {
                    data.Add(Path.GetRelativePath(CorpusFiles.Resources, file));
                }
            }
        }

        return data;
    }

    [Theory(DisplayName = "Every equivalence vector resolves to its folder's original.json")]
    [MemberData(nameof(Vectors))]
    public void Every_equivalence_vector_resolves_to_original_json(string relativePath)
    {
        var file = CorpusFiles.File(relativePath);
        var expectedFile = Path.Combine(Path.GetDirectoryName(file)!, "original.json");
        using var expected = JsonDocument.Parse(File.ReadAllText(expectedFile));

        var actual = HoconLoader.LoadFile(file, CorpusFiles.NoEnvironment);

        JsonTree.FirstDifference(actual, expected.RootElement).Should().BeNull();
    }

    [Fact(DisplayName = "The equivalence corpus holds the expected number of vectors")]
    public void The_equivalence_corpus_holds_the_expected_number_of_vectors()
    {
        Vectors().Should().HaveCount(15);
    }

    [Fact(DisplayName = "Each original.json also parses as HOCON to itself")]
    public void Each_original_json_also_parses_to_itself()
    {
        foreach (var folder in Directory.GetDirectories(CorpusFiles.Resources, "equiv*"))
        {
            var file = Path.Combine(folder, "original.json");
            using var expected = JsonDocument.Parse(File.ReadAllText(file));
            JsonTree.FirstDifference(HoconLoader.LoadFile(file, CorpusFiles.NoEnvironment), expected.RootElement)
                .Should().BeNull(file);
        }
    }
}
