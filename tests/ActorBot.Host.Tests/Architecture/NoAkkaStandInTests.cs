using System.Reflection;

namespace ActorBot.Host.Tests.Architecture;

/// <summary>
/// ActorBot runs on the real Akka.NET packages: none of our assemblies may define a type in an Akka
/// namespace (that is how the hand-written stand-ins used to shadow the real API), and the actor runtime,
/// persistence and test kit the service loads come from Akka's own assemblies.
/// </summary>
public sealed class NoAkkaStandInTests
{
    private static IEnumerable<Assembly> OurAssemblies()
    {
        var dir = AppContext.BaseDirectory;
        return Directory.EnumerateFiles(dir, "ActorBot.*.dll")
            .Append(Path.Combine(dir, "actorbot.dll"))
            .Where(File.Exists)
            .Select(path => Assembly.LoadFrom(path));
    }

    [Fact(DisplayName = "No ActorBot assembly defines a type in an Akka namespace")]
    public void No_type_of_ours_in_an_akka_namespace()
    {
        var assemblies = OurAssemblies().ToList();
        assemblies.Should().Contain(a => a.GetName().Name == "ActorBot.Engine");
        var offenders = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Namespace is { } ns && (ns == "Akka" || ns.StartsWith("Akka.", StringComparison.Ordinal)))
            .Select(t => $"{t.Assembly.GetName().Name}: {t.FullName}")
            .ToList();
        offenders.Should().BeEmpty();
    }

    [Fact(DisplayName = "Actors, hosting and the test kit are Akka.NET's own assemblies")]
    public void Akka_types_come_from_the_packages()
    {
        typeof(Akka.Actor.ActorSystem).Assembly.GetName().Name.Should().Be("Akka");
        typeof(Akka.Actor.ActorSystem).Assembly.GetName().Version.Should().BeGreaterThanOrEqualTo(new Version(1, 5, 75));
        typeof(Akka.Hosting.AkkaConfigurationBuilder).Assembly.GetName().Name.Should().Be("Akka.Hosting");
        typeof(Akka.TestKit.Xunit2.TestKit).Assembly.GetName().Name.Should().Be("Akka.TestKit.Xunit2");
        typeof(Akka.Persistence.ReceivePersistentActor).Assembly.GetName().Name.Should().Be("Akka.Persistence");
    }
}
