using System.Collections.Frozen;
using System.Reflection;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// The live heatmap page (issue 12 Deliver 8; docs/api.md "Heatmap page"): <c>/ui/heatmap?symbol=…</c> and its script
/// and style, embedded in the binary (no CDN, no build step), drawn in the browser from the moonstream routes beside it.
/// Every answer carries a Content-Security-Policy that allows only this origin, so the page can load and fetch nothing
/// else, and no inline script or style runs.
/// </summary>
public static class HeatmapPage
{
    public const string PagePath = "/ui/heatmap";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>Served path → (embedded resource name, content type). The resource names are the csproj's LogicalNames.</summary>
    public static readonly FrozenDictionary<string, (string Resource, string ContentType)> Assets = new Dictionary<string, (string, string)>
    {
        [PagePath] = ("ui/heatmap.html", "text/html; charset=utf-8"),
        ["/ui/heatmap.js"] = ("ui/heatmap.js", "text/javascript; charset=utf-8"),
        ["/ui/heatmap.css"] = ("ui/heatmap.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary();

    // Read once: the assets are part of the binary and never change while it runs.
    private static readonly Lazy<FrozenDictionary<string, byte[]>> Bodies = new(Load);

    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var (path, (_, contentType)) in Assets)
        {
            app.MapGet(path, async (HttpContext http) =>
            {
                var body = Bodies.Value[path];
                var response = http.Response;
                response.ContentType = contentType;
                response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                response.Headers.XContentTypeOptions = "nosniff";
                // The page is tiny and changes with the binary: always revalidate rather than run a stale script.
                response.Headers.CacheControl = "no-cache";
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
            });
        }
    }

    /// <summary>The embedded bytes of a served path (tests compare them with what is served).</summary>
    public static byte[] Body(string path) => Bodies.Value[path];

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(HeatmapPage).Assembly;
        return Assets.ToFrozenDictionary(a => a.Key, a => Read(assembly, a.Value.Resource));
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        // A missing resource is a build defect (the csproj lost its EmbeddedResource line): fail loudly at first use.
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource '{resource}' is missing from {assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
