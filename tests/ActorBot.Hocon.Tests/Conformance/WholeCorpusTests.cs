using ActorBot.Hocon.Tests.Support;

namespace ActorBot.Hocon.Tests.Conformance;

/// <summary>
/// Every file of the copied corpus, loaded on its own: it must resolve, except the files the
/// specification makes errors (a file that includes itself; substitutions of undefined paths).
/// </summary>
public sealed class WholeCorpusTests
{
    private static readonly Dictionary<string, string> ExpectedFailures = new(StringComparer.Ordinal)
    {
        ["config/src/test/resources/cycle.conf"] = "include cycle",
        ["config/src/test/resources/test13-reference-bad-substitutions.conf"] = "could not resolve substitution ${b}",
        // Meant to be included by test03.conf, which defines bar; on its own ${bar} is undefined.
        ["config/src/test/resources/test03-included.conf"] = "could not resolve substitution ${bar}",
    };

    private static string CorpusRoot => Path.Combine(AppContext.BaseDirectory, "Corpus", "lightbend_config");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusRoot, "*.*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            if (file.EndsWith(".conf", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal) || file.EndsWith(".properties", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(CorpusRoot, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Theory(DisplayName = "Every corpus file resolves, or fails with the error the specification requires")]
    [MemberData(nameof(Files))]
    public void Every_corpus_file_resolves_or_fails_as_specified(string relative)
    {
        var act = () => HoconLoader.LoadFile(Path.Combine(CorpusRoot, relative), CorpusFiles.NoEnvironment);
        if (ExpectedFailures.TryGetValue(relative, out var problem))
        {
            act.Should().Throw<HoconException>().Which.Problem.Should().Contain(problem);
        }
        else
        {
            act.Should().NotThrow();
        }
    }

    [Fact(DisplayName = "The corpus copy is complete: 62 data files (60 config + 2 test-lib) plus INDEX.md")]
    public void Corpus_copy_is_complete()
    {
        Directory.GetFiles(CorpusRoot, "*.*", SearchOption.AllDirectories)
            .Count(f => !f.EndsWith("INDEX.md", StringComparison.Ordinal)).Should().Be(62);
    }
}
