namespace ActorBot.Kernel.Tests.Api;

/// <summary>Pins the listing parser on hand-written snippets of both generator dialects and on Akka's real files.</summary>
public sealed class ListingParserTests
{
    private const string Generator93Snippet =
        "\uFEFF[assembly: System.Runtime.Versioning.TargetFrameworkAttribute(\".NETCoreApp,Version=v6.0\", FrameworkDisplayName=\".NET 6.0\")]\n" +
        "namespace Akka.Sample\n" +
        "{\n" +
        "    public class static Futures\n" +
        "    {\n" +
        "        [System.ObsoleteAttribute(\"use the other\")]\n" +
        "        public static System.Threading.Tasks.Task<T> Ask<T>(this Akka.Actor.ICanTell self, object message, System.Nullable<System.TimeSpan> timeout = null)\n" +
        "            where T :  class, Akka.Actor.IExtension\n" +
        "            where TI : new () { }\n" +
        "        public void TerminatedQueuedFor(Akka.Actor.IActorRef subject, [System.Runtime.CompilerServices.NullableAttribute(new byte[] {\n" +
        "                0,\n" +
        "                1})] Akka.Util.Option<object> customMessage) { }\n" +
        "    }\n" +
        "    [Akka.Annotations.InternalApi]\n" +
        "    public interface IExtensionId<out T> : Akka.Actor.IExtensionId\n" +
        "        where out T : Akka.Actor.IExtension\n" +
        "    {\n" +
        "        T Apply(Akka.Actor.ActorSystem system);\n" +
        "    }\n" +
        "    public interface IWithUnboundedStash : Akka.Actor.IActorStash, Akka.Dispatch.IRequiresMessageQueue<Akka.Dispatch.ISemantics> { }\n" +
        "    public abstract class Status\n" +
        "    {\n" +
        "        protected Status() { }\n" +
        "        public sealed class Failure : Akka.Actor.Status\n" +
        "        {\n" +
        "            public readonly System.Exception Cause;\n" +
        "            public const string ValidSymbols = \"\\\"-_.*$+:@&=,!~\\';()\";\n" +
        "        }\n" +
        "    }\n" +
        "    public enum Directive\n" +
        "    {\n" +
        "        Resume = 0,\n" +
        "    }\n" +
        "    public delegate bool Receive(object message);\n" +
        "}\n";

    private const string NewerSnippet =
        "namespace Akka.Hosting\n" +
        "{\n" +
        "    public static class AkkaHostingExtensions\n" +
        "    {\n" +
        "        public static string ToHocon(this System.TimeSpan? value, bool allowInfinite = false, string? text = null) { }\n" +
        "        public System.Threading.Tasks.Task<Akka.Actor.IActorRef> GetAsync<TKey>(System.Threading.CancellationToken ct = default) { }\n" +
        "        public bool? LogDuringShutdown { get; init; }\n" +
        "        public static T Create<T>()\n" +
        "            where T : new() { }\n" +
        "    }\n" +
        "}\n";

    [Fact(DisplayName = "Parser reads namespaces, static classes, joined where-lines, multi-line attributes, nesting, enums and delegates")]
    public void Parses_generator93_layout()
    {
        var types = ListingParser.Parse(Generator93Snippet, "snippet", ListingDialect.PublicApiGenerator93);

        types.Select(t => t.Key).Should().Equal(
            "Akka.Sample.Futures", "Akka.Sample.IExtensionId`1", "Akka.Sample.IWithUnboundedStash",
            "Akka.Sample.Status", "Akka.Sample.Status+Failure", "Akka.Sample.Directive", "Akka.Sample.Receive");

        var futures = types[0];
        futures.Header.Modifiers.Should().Equal("static");
        futures.Header.Kind.Should().Be(TypeKind.Class);
        futures.Members.Select(m => m.Canonical).Should().Equal(
            "public static System.Threading.Tasks.Task<T> Ask<T>(this Akka.Actor.ICanTell self, object message, System.Nullable<System.TimeSpan> timeout = null) where T : class, Akka.Actor.IExtension where TI : new () { }",
            "public void TerminatedQueuedFor(Akka.Actor.IActorRef subject, Akka.Util.Option<object> customMessage) { }");
        futures.Members[0].Name.Should().Be("Ask");
        futures.InternalApi.Should().BeFalse("the Obsolete attribute belongs to a member, not to the class");

        var extensionId = types[1];
        extensionId.InternalApi.Should().BeTrue();
        extensionId.Header.GenericParameters.Should().Equal("out T");
        extensionId.Header.Bases.Should().Equal("Akka.Actor.IExtensionId");
        extensionId.Members.Single().Canonical.Should().Be("T Apply(Akka.Actor.ActorSystem system);");

        types[2].Header.Bases.Should().Equal("Akka.Actor.IActorStash", "Akka.Dispatch.IRequiresMessageQueue<Akka.Dispatch.ISemantics>");
        types[2].Members.Should().BeEmpty();

        types[4].Header.Modifiers.Should().Equal("sealed");
        types[4].Members.Select(m => m.Name).Should().Equal("Cause", "ValidSymbols");
        types[4].Members[1].Canonical.Should().Be("public const string ValidSymbols = \"\\\"-_.*$+:@&=,!~\\';()\";");
        types[3].Members.Select(m => m.Canonical).Should().Equal("protected Status() { }");

        types[5].Members.Single().Canonical.Should().Be("Resume = 0,");
        types[6].Header.Kind.Should().Be(TypeKind.Delegate);
        types[6].Members.Single().Canonical.Should().Be("public delegate bool Receive(object message);");
    }

    [Fact(DisplayName = "The newer generator's spelling (T?, = default, = false, init, new()) is rewritten into 9.3's")]
    public void Newer_dialect_is_rewritten()
    {
        var type = ListingParser.Parse(NewerSnippet, "snippet", ListingDialect.NewerPublicApiGenerator).Single();

        type.Header.Modifiers.Should().Equal("static");
        type.Members.Select(m => m.Canonical).Should().Equal(
            "public static string ToHocon(this System.Nullable<System.TimeSpan> value, bool allowInfinite = False, string text = null) { }",
            "public System.Threading.Tasks.Task<Akka.Actor.IActorRef> GetAsync<TKey>(System.Threading.CancellationToken ct = null) { }",
            "public System.Nullable<bool> LogDuringShutdown { get; set; }",
            "public static T Create<T>() where T : new () { }");
    }

    [Theory(DisplayName = "Member names are found in every declaration form the listings use")]
    [InlineData("public static Akka.Actor.Props Create<TActor>(params object[] args) where TActor : Akka.Actor.ActorBase { }", "Create")]
    [InlineData("public System.Func<System.Exception, Akka.Actor.Directive> Decider { get; }", "Decider")]
    [InlineData("public const string ValidSymbols = \"\\\"-_.*$+:@&=,!~\\';()\";", "ValidSymbols")]
    [InlineData("public static readonly Akka.Actor.IActorRef NoSender;", "NoSender")]
    [InlineData("public Terminated(Akka.Actor.IActorRef actorRef, bool existenceConfirmed, bool addressTerminated) { }", "Terminated")]
    [InlineData("public byte this[int index] { get; }", "this[]")]
    [InlineData("public static bool ==(Akka.Actor.Address left, Akka.Actor.Address right) { }", "==")]
    [InlineData("public static bool <=(Akka.Util.Foo left, Akka.Util.Foo right) { }", "<=")]
    [InlineData("public static Akka.Configuration.Config op_Implicit(string str) { }", "op_Implicit")]
    [InlineData("public event Akka.TestKit.Internal.EventMatched EventMatched;", "EventMatched")]
    [InlineData("Resume = 0,", "Resume")]
    [InlineData("void Tell(object message, Akka.Actor.IActorRef sender);", "Tell")]
    public void Member_names_are_extracted(string canonical, string name)
    {
        ApiLine.MemberName(canonical).Should().Be(name);
    }

    [Fact(DisplayName = "Akka's real listings parse into the types and lines akka-subset.md quotes")]
    public void Real_listings_parse()
    {
        var akka = ListingCatalog.Akka;

        var actorBase = akka.Find("Akka.Actor.ActorBase").Single();
        actorBase.Header.Modifiers.Should().Equal("abstract");
        actorBase.Header.Bases.Should().Equal("Akka.Actor.IInternalActor");
        actorBase.Members.Should().HaveCount(21);
        actorBase.HasMember("protected abstract bool Receive(object message);").Should().BeTrue();
        actorBase.HasMember("protected static Akka.Actor.IActorContext Context { get; }").Should().BeTrue();

        akka.Find("Akka.Actor.Props").Single().HasMember(
            "public static Akka.Actor.Props Create<TActor>(params object[] args) where TActor : Akka.Actor.ActorBase { }").Should().BeTrue();
        akka.Find("Akka.Actor.Status+Failure").Single().HasMember("public readonly System.Exception Cause;").Should().BeTrue();
        akka.Find("Akka.Actor.ActorRefs").Single().Header.Modifiers.Should().Equal("static");
        akka.Find("Akka.Actor.DeployableDecider").Single().HasMember(
            "public System.Collections.Generic.KeyValuePair<, >[] Pairs { get; }").Should().BeTrue();
        akka.Find("Akka.TestKit.TestActorRef`1").Should().ContainSingle();
        akka.Find("Akka.TestKit.Xunit2.TestKit").Single().HasMember(
            "public TestKit(Akka.Actor.ActorSystem system = null, Xunit.Abstractions.ITestOutputHelper output = null) { }").Should().BeTrue();
        akka.Find("Akka.Persistence.Recovery").Single().HasMember(
            "public Recovery(Akka.Persistence.SnapshotSelectionCriteria fromSnapshot = null, long toSequenceNr = 9223372036854775807, long replayMax = 9223372036854775807) { }").Should().BeTrue();
        akka.Find("Akka.Hosting.ActorRegistry").Single().HasMember(
            "public void Register<TKey>(Akka.Actor.IActorRef actor, bool overwrite = False) { }").Should().BeTrue();
        akka.Find("Akka.Hosting.HoconExtensions").Single().HasMember(
            "public static string ToHocon(this System.Nullable<bool> value) { }").Should().BeTrue();
        akka.Find("Akka.Hosting.AkkaHostedService").Single().InternalApi.Should().BeTrue();
        akka.Types.Should().HaveCount(927, "the eight listings declare 927 types (grep -cE over the files)");
    }
}
