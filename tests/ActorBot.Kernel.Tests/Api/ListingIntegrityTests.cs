using System.Text;
using System.Text.RegularExpressions;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>The copied Akka listings are the yardstick: nobody may edit them, so their bytes are pinned by sha256.</summary>
public sealed class ListingIntegrityTests
{
    [Fact(DisplayName = "Each embedded Akka listing has the sha256 pinned in ListingCatalog and in Listings/SOURCES.md")]
    public void Listings_are_unmodified()
    {
        var sources = Encoding.UTF8.GetString(ListingCatalog.ReadBytes("SOURCES.md"));
        var pinnedInSources = Regex.Matches(sources, @"^([0-9a-f]{64})  (\S+)$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
        var offenders = new List<string>();
        foreach (var file in ListingCatalog.Files)
        {
            var actual = ListingCatalog.Sha256Hex(ListingCatalog.ReadBytes(file.FileName));
            if (actual != file.Sha256)
            {
                offenders.Add($"{file.FileName}: sha256 {actual}, pinned {file.Sha256}");
            }

            if (!pinnedInSources.TryGetValue(file.FileName, out var documented) || documented != file.Sha256)
            {
                offenders.Add($"{file.FileName}: SOURCES.md pins {documented ?? "nothing"}, ListingCatalog pins {file.Sha256}");
            }
        }

        offenders.Should().BeEmpty();
        pinnedInSources.Keys.Should().BeEquivalentTo(ListingCatalog.Files.Select(f => f.FileName),
            "SOURCES.md documents exactly the embedded listings");
    }

    [Fact(DisplayName = "The embedded resources are exactly the listings the catalog names, plus SOURCES.md")]
    public void Embedded_resources_match_catalog()
    {
        var embedded = typeof(ListingCatalog).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ListingCatalog.ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ListingCatalog.ResourcePrefix.Length..]);
        embedded.Should().BeEquivalentTo(ListingCatalog.Files.Select(f => f.FileName).Append("SOURCES.md"));
    }
}
