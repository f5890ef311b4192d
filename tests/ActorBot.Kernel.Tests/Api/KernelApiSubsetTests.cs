using Xunit.Abstractions;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// Issue 3, point 6: the kernel's public surface is a strict subset of Akka.NET's (akka-subset.md §1), so engine
/// code written against the kernel compiles unchanged against the real Akka.NET. On failure the message names
/// every offender with Akka's nearest lines, and the test output holds our whole generated listing.
/// </summary>
public sealed class KernelApiSubsetTests
{
    private readonly ITestOutputHelper _output;

    public KernelApiSubsetTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact(DisplayName = "The kernel exposes public types in Akka namespaces at all (the check has something to check)")]
    public void Kernel_surface_is_not_empty()
    {
        KernelSurface.Api.Types.Should().NotBeEmpty("ActorBot.Kernel declares Akka.Actor.AkkaException at least");
        KernelSurface.Api.Types.Should().Contain(t => t.Key == "Akka.Actor.AkkaException");
    }

    [Fact(DisplayName = "The kernel assemblies declare public types only in Akka namespaces (anything else would not exist on Akka.NET)")]
    public void Kernel_assemblies_expose_only_akka_namespaces()
    {
        var kernelAssemblies = KernelSurface.Assemblies().Where(a => a.GetName().Name is "ActorBot.Kernel" or "ActorBot.Kernel.TestKit");
        var outside = kernelAssemblies
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.Namespace is null || !KernelSurface.IsAkkaNamespace(t.Namespace))
            .Select(t => $"{t.FullName} ({t.Assembly.GetName().Name}) -> make it internal or move it out of the kernel")
            .ToList();

        Expect(outside, "Public kernel types outside Akka namespaces");
    }

    [Fact(DisplayName = "Every public kernel type exists in Akka's listings (namespace, name, arity, kind) with modifiers no looser than Akka's")]
    public void Every_type_exists_in_akka()
    {
        Expect(ApiSubsetChecker.MissingTypes(KernelSurface.Api.Types, ListingCatalog.Akka),
            "Kernel types that Akka.NET does not have in this form");
    }

    [Fact(DisplayName = "Every public or protected kernel member occurs verbatim in the same Akka type's block")]
    public void Every_member_exists_in_akka()
    {
        Expect(ApiSubsetChecker.ForeignMembers(KernelSurface.Api.Types, ListingCatalog.Akka),
            "Kernel members that Akka.NET's type does not have (fix the signature to one of Akka's lines, or make it internal)");
    }

    [Fact(DisplayName = "Every base type and interface of a kernel type is in Akka's base list for that type")]
    public void Every_base_exists_in_akka()
    {
        Expect(ApiSubsetChecker.ForeignBases(KernelSurface.Api.Types, ListingCatalog.Akka),
            "Kernel base types/interfaces that Akka.NET's type does not have");
    }

    [Fact(DisplayName = "The kernel exposes nothing that Akka itself declares internal API")]
    public void Nothing_internal_is_exposed()
    {
        Expect(ApiSubsetChecker.InternalApiUse(KernelSurface.Api.Types, ListingCatalog.Akka),
            "Kernel types/members that Akka.NET marks internal ([InternalApi] or *.Internal)");
    }

    private void Expect(List<string> offenders, string title)
    {
        if (offenders.Count == 0)
        {
            return;
        }

        _output.WriteLine(KernelSurface.Appendix());
        Assert.Fail(ApiSubsetChecker.Report(title, offenders));
    }
}
