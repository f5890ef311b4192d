using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>One copied Akka listing: file name, the sha256 pinned in SOURCES.md and akka-subset.md §0, and its dialect.</summary>
public sealed record ListingFile(string FileName, string Sha256, ListingDialect Dialect);

/// <summary>
/// The Akka.NET approval listings embedded in this test assembly (see Listings/SOURCES.md), parsed once per
/// test run and indexed by type key.
/// </summary>
public static partial class ListingCatalog
{
    public const string ResourcePrefix = "AkkaApiListings/";

    public static readonly IReadOnlyList<ListingFile> Files = new[]
    {
        new ListingFile("CoreAPISpec.ApproveCore.DotNet.verified.txt", "2a8e3ba068e727ffd6c74acf45845acb827791c823d31cf18ce85f29bf688381", ListingDialect.PublicApiGenerator93),
        new ListingFile("CoreAPISpec.ApprovePersistence.DotNet.verified.txt", "adc20e1a5ec025e5f3ab4b88f76494b9aad19b3b633cd354f0ce8af42135936d", ListingDialect.PublicApiGenerator93),
        new ListingFile("CoreAPISpec.ApproveTestKit.DotNet.verified.txt", "dd1aaa010e98b5f6aedf357bcd4d1c484f61e56fc0b614a5a7b6826e8ea74622", ListingDialect.PublicApiGenerator93),
        new ListingFile("CoreAPISpec.ApproveTestKitXunit2.DotNet.verified.txt", "864da6bf8a5c226c066cb9fd8d67570585be331d3c60feee0d6bdffe948f372c", ListingDialect.PublicApiGenerator93),
        new ListingFile("CoreAPISpec.ApproveCoordination.DotNet.verified.txt", "71fabf21458822413ce4ca0ed35a8b7d489993558e803f15a6c2a919a984b49f", ListingDialect.PublicApiGenerator93),
        new ListingFile("Akka.Hosting.CoreApiSpec.ApproveCore.verified.txt", "1f378ff39211756bdc7fbfd2816fd1b2b22e6f291253c04de68791316a7bf85c", ListingDialect.NewerPublicApiGenerator),
        new ListingFile("Akka.Hosting.CoreApiSpec.ApprovePersistence.verified.txt", "72de8c49bc0ba826e63cf7a3fabc33542e0aa1d8671738d0a519f95ea3ee109b", ListingDialect.NewerPublicApiGenerator),
        new ListingFile("Akka.Hosting.CoreApiSpec.ApproveTestKit.verified.txt", "68116db4f81d1edfe19d4ac99930a6dc839d125d71abc16254707fbcdf96b636", ListingDialect.NewerPublicApiGenerator),
    };

    private static readonly Lazy<AkkaListings> Loaded = new(Load);

    public static AkkaListings Akka => Loaded.Value;

    public static byte[] ReadBytes(string resourceName)
    {
        var assembly = typeof(ListingCatalog).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + resourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourcePrefix}{resourceName} is missing (see Api/Api.props)");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    private static AkkaListings Load()
    {
        var texts = Files.Select(f => (File: f, Text: Encoding.UTF8.GetString(ReadBytes(f.FileName)))).ToList();
        NewerDialect.RegisterValueTypes(texts.SelectMany(t => DeclaredValueTypes(t.Text)));
        var types = texts.SelectMany(t => ListingParser.Parse(t.Text, t.File.FileName, t.File.Dialect)).ToList();
        return new AkkaListings(types);
    }

    /// <summary>Full names of the structs and enums a listing declares (top-level ones), for <see cref="NewerDialect"/>.</summary>
    private static IEnumerable<string> DeclaredValueTypes(string text)
    {
        var currentNamespace = string.Empty;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("namespace ", StringComparison.Ordinal))
            {
                currentNamespace = line["namespace ".Length..].Trim();
                continue;
            }

            var match = ValueTypeHeader().Match(line);
            if (match.Success)
            {
                yield return currentNamespace + "." + match.Groups["name"].Value;
            }
        }
    }

    [GeneratedRegex(@"^    public (?:readonly )?(?:struct|enum) (?:readonly )?(?<name>\w+)")]
    private static partial Regex ValueTypeHeader();
}

/// <summary>All listed Akka types, indexed by key (a key may occur in several listings).</summary>
public sealed class AkkaListings
{
    public AkkaListings(IReadOnlyList<ApiType> types)
    {
        Types = types;
        ByKey = types.GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ApiType>)g.ToList(), StringComparer.Ordinal);
    }

    public IReadOnlyList<ApiType> Types { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<ApiType>> ByKey { get; }

    public IReadOnlyList<ApiType> Find(string key) =>
        ByKey.TryGetValue(key, out var found) ? found : Array.Empty<ApiType>();
}
