namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// Where the subset rule is not enough (akka-subset.md §1): user code implements some interfaces and overrides some
/// abstract members, so there the kernel must match Akka exactly. An interface with a member Akka lacks, or lacking one
/// Akka has, would make a user's class compile against one and not the other; likewise an abstract member.
/// </summary>
public sealed class UserContractTests
{
    /// <summary>Interfaces user actors implement: the full member set (own and inherited) must be Akka's.</summary>
    public static readonly IReadOnlyList<string> UserImplementedInterfaces = new[]
    {
        "Akka.Actor.ICanTell",
        "Akka.Actor.IWithTimers",
        "Akka.Actor.IActorStash",
        "Akka.Actor.IWithUnboundedStash",
    };

    /// <summary>Classes user actors derive from, with the abstract members users must override.</summary>
    public static readonly IReadOnlyList<(string Type, string Member)> UserOverriddenAbstracts = new[]
    {
        ("Akka.Actor.ActorBase", "protected abstract bool Receive(object message);"),
        ("Akka.Actor.UntypedActor", "protected abstract void OnReceive(object message);"),
        ("Akka.Persistence.Eventsourced", "public abstract string PersistenceId { get; }"),
        ("Akka.Persistence.UntypedPersistentActor", "protected abstract void OnCommand(object message);"),
        ("Akka.Persistence.UntypedPersistentActor", "protected abstract void OnRecover(object message);"),
    };

    private static readonly string[] UserExtendedClasses =
    {
        "Akka.Actor.ActorBase", "Akka.Actor.UntypedActor", "Akka.Actor.ReceiveActor",
        "Akka.Persistence.Eventsourced", "Akka.Persistence.UntypedPersistentActor", "Akka.Persistence.ReceivePersistentActor",
    };

    [Fact(DisplayName = "The pinned user contracts are Akka's own lines (guards this test's expectations)")]
    public void Pinned_contracts_are_in_akka()
    {
        foreach (var name in UserImplementedInterfaces)
        {
            ListingCatalog.Akka.Find(name).Should().ContainSingle(t => t.Header.Kind == TypeKind.Interface, name);
        }

        foreach (var (type, member) in UserOverriddenAbstracts)
        {
            ListingCatalog.Akka.Find(type).Should().Contain(t => t.HasMember(member), $"{type} declares {member}");
        }
    }

    [Fact(DisplayName = "Interfaces user code implements (ICanTell, IWithTimers, IActorStash, IWithUnboundedStash) match Akka exactly")]
    public void User_implemented_interfaces_match_exactly()
    {
        var offenders = new List<string>();
        foreach (var name in UserImplementedInterfaces)
        {
            var ours = Find(KernelSurface.Api.Types, name);
            if (ours is null)
            {
                offenders.Add($"{name}: missing from the kernel (user actors implement it)");
                continue;
            }

            var akka = ListingCatalog.Akka.Find(name).First(t => t.Header.Kind == TypeKind.Interface);
            var ourMembers = FlattenedInterface(ours, key => Find(KernelSurface.Api.Types, key));
            var akkaMembers = FlattenedInterface(akka, key => ListingCatalog.Akka.Find(key).FirstOrDefault());
            offenders.AddRange(akkaMembers.Except(ourMembers).Select(m => $"{name}: lacks Akka's member  {m}"));
            offenders.AddRange(ourMembers.Except(akkaMembers).Select(m => $"{name}: has a member Akka lacks  {m}"));
        }

        if (offenders.Count > 0)
        {
            Assert.Fail(ApiSubsetChecker.Report("User-implemented interfaces that differ from Akka's", offenders));
        }
    }

    [Fact(DisplayName = "Abstract members users override (Receive, OnReceive, PersistenceId, OnCommand, OnRecover) match Akka exactly")]
    public void User_overridden_abstract_members_match_exactly()
    {
        var ours = KernelSurface.Api.Types;
        var hasPersistence = ours.Any(t => t.Namespace == "Akka.Persistence");
        var offenders = new List<string>();
        foreach (var (type, member) in UserOverriddenAbstracts)
        {
            var ourType = Find(ours, type);
            if (ourType is null)
            {
                if (!type.StartsWith("Akka.Persistence.", StringComparison.Ordinal) || hasPersistence)
                {
                    offenders.Add($"{type}: missing from the kernel (user actors derive from it)");
                }

                continue;
            }

            if (!ourType.HasMember(member))
            {
                var sameName = ourType.Members.Where(m => m.Name == ApiLine.MemberName(member)).Select(m => m.Canonical).ToList();
                offenders.Add($"{type}: must declare  {member}" +
                    (sameName.Count > 0 ? "\n      ours: " + string.Join("\n      ours: ", sameName) : "\n      ours: (no member of that name)"));
            }
        }

        foreach (var type in UserExtendedClasses)
        {
            var ourType = Find(ours, type);
            var akkaType = ListingCatalog.Akka.Find(type).FirstOrDefault();
            if (ourType is null || akkaType is null)
            {
                continue;
            }

            var ourAbstracts = Abstracts(ourType);
            var akkaAbstracts = Abstracts(akkaType);
            offenders.AddRange(akkaAbstracts.Except(ourAbstracts).Select(m => $"{type}: Akka's abstract member is not abstract (or absent) in ours  {m}"));
            offenders.AddRange(ourAbstracts.Except(akkaAbstracts).Select(m => $"{type}: ours is abstract, Akka's is not  {m}"));
        }

        if (offenders.Count > 0)
        {
            Assert.Fail(ApiSubsetChecker.Report("Abstract members users override that differ from Akka's", offenders));
        }
    }

    private static ApiType? Find(IEnumerable<ApiType> types, string key) => types.FirstOrDefault(t => t.Key == key);

    private static HashSet<string> Abstracts(ApiType type) =>
        type.Members.Where(m => m.Canonical.Contains(" abstract ", StringComparison.Ordinal)).Select(m => m.Canonical).ToHashSet(StringComparer.Ordinal);

    /// <summary>Members of an interface and of every base interface its header lists (headers already list the whole closure).</summary>
    private static HashSet<string> FlattenedInterface(ApiType type, Func<string, ApiType?> resolve)
    {
        var members = type.Members.Select(m => m.Canonical).ToHashSet(StringComparer.Ordinal);
        foreach (var @base in type.Header.Bases)
        {
            var resolved = resolve(ApiLine.TypeReferenceKey(@base));
            if (resolved is not null)
            {
                members.UnionWith(resolved.Members.Select(m => m.Canonical));
            }
        }

        return members;
    }
}
