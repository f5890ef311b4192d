using System.Reflection;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// The surface under test: every public type in an <c>Akka</c> / <c>Akka.*</c> namespace of the kernel assemblies
/// (ActorBot.Kernel, ActorBot.Kernel.TestKit, and ActorBot.Hocon should it ever declare Akka types), generated once.
/// </summary>
public static class KernelSurface
{
    private static readonly string[] AssemblyNames = { "ActorBot.Kernel", "ActorBot.Kernel.TestKit", "ActorBot.Hocon" };

    private static readonly Lazy<GeneratedApi> Generated = new(() =>
        ReflectionApiWriter.Generate(Assemblies(), IsAkkaNamespace));

    public static GeneratedApi Api => Generated.Value;

    public static bool IsAkkaNamespace(string ns) => ns == "Akka" || ns.StartsWith("Akka.", StringComparison.Ordinal);

    public static IReadOnlyList<Assembly> Assemblies()
    {
        var found = new List<Assembly> { typeof(Akka.Actor.AkkaException).Assembly };
        foreach (var name in AssemblyNames.Skip(1))
        {
            try
            {
                found.Add(Assembly.Load(new AssemblyName(name)));
            }
            catch (FileNotFoundException)
            {
                // Not referenced by this test project (yet): nothing of it to check.
            }
        }

        return found;
    }

    /// <summary>The generated listing, appended to failure messages so a developer sees our whole surface.</summary>
    public static string Appendix() =>
        "Our surface as PublicApiGenerator 9.3 would print it:\n" + Api.Text;
}
