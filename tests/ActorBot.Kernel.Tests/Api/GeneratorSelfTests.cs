namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// Pins the checker itself: the reflection writer must print the test-only types in Samples/ exactly as
/// PublicApiGenerator 9.3 would (hand-written below from the rules seen in Akka's listings), and the subset checks
/// must report every planted difference against a hand-written "Akka" listing.
/// </summary>
public sealed class GeneratorSelfTests
{
    private const string SamplesNamespace = "ActorBot.Kernel.Tests.Api.Samples";

    private const string ExpectedSampleListing = """
        namespace ActorBot.Kernel.Tests.Api.Samples
        {
            public interface ISampleMarker { }
            public interface ISampleProducer<out T>
                where out T :  class
            {
                event System.EventHandler Produced;
                T Produce();
            }
            public abstract class SampleAbstractOverride : ActorBot.Kernel.Tests.Api.Samples.SampleBase
            {
                protected SampleAbstractOverride() { }
                protected virtual bool Receive(object message) { }
            }
            public abstract class SampleBase : ActorBot.Kernel.Tests.Api.Samples.ISampleMarker, System.IEquatable<ActorBot.Kernel.Tests.Api.Samples.SampleBase>
            {
                public const long Big = 9223372036854775807;
                public static readonly ActorBot.Kernel.Tests.Api.Samples.SampleBase Default;
                public const string Label = "a \"quoted\" label";
                public const bool Loud = true;
                protected readonly int Seed;
                protected SampleBase(string label = null, bool loud = True, long upTo = 9223372036854775807, double ratio = 0.25, System.Nullable<System.TimeSpan> timeout = null, System.Threading.CancellationToken token = null) { }
                protected static int Counter { get; set; }
                public virtual System.Nullable<System.TimeSpan> Delay { get; set; }
                public int this[int index] { get; }
                public event System.EventHandler Changed;
                public System.Threading.Tasks.Task<T> Ask<T>(System.Func<System.Exception, ActorBot.Kernel.Tests.Api.Samples.SampleLevel> decider, System.Predicate<T> filter = null)
                    where T :  struct { }
                public bool Equals(ActorBot.Kernel.Tests.Api.Samples.SampleBase other) { }
                public override bool Equals(object obj) { }
                public override int GetHashCode() { }
                public void Hide() { }
                public void Keywords(string @event, int default = 3) { }
                protected void Mixed() { }
                public System.Collections.Generic.KeyValuePair<, >[] Pairs(params System.Collections.Generic.KeyValuePair<, >[] pairs) { }
                protected abstract bool Receive(object message);
                public void Swap(ref int a, in long b) { }
                public virtual void Tell(object message, ActorBot.Kernel.Tests.Api.Samples.ISampleMarker sender) { }
                public bool TryGet(string key, out int value) { }
                public static bool ==(ActorBot.Kernel.Tests.Api.Samples.SampleBase left, ActorBot.Kernel.Tests.Api.Samples.SampleBase right) { }
                public static bool !=(ActorBot.Kernel.Tests.Api.Samples.SampleBase left, ActorBot.Kernel.Tests.Api.Samples.SampleBase right) { }
                public sealed class Nested : ActorBot.Kernel.Tests.Api.Samples.SampleBase
                {
                    public Nested() { }
                    protected virtual bool Receive(object message) { }
                }
                protected class Shielded
                {
                    public Shielded() { }
                }
            }
            public class SampleBox<T> : ActorBot.Kernel.Tests.Api.Samples.ISampleProducer<T>
                where T :  class, new ()
            {
                public SampleBox() { }
                public event System.EventHandler Produced;
                public T Produce() { }
            }
            public class SampleDerived : ActorBot.Kernel.Tests.Api.Samples.SampleBase, ActorBot.Kernel.Tests.Api.Samples.ISampleMarker
            {
                public SampleDerived() { }
                public new void Hide() { }
                protected override bool Receive(object message) { }
            }
            public class static SampleExtensions
            {
                public static bool IsQuiet(this ActorBot.Kernel.Tests.Api.Samples.ISampleMarker marker, ActorBot.Kernel.Tests.Api.Samples.SampleLevel level = 5) { }
                public static T Pick<T>(this System.Collections.Generic.IEnumerable<T> items, System.Func<T, bool> predicate)
                    where T :  class, ActorBot.Kernel.Tests.Api.Samples.ISampleMarker, new () { }
            }
            public enum SampleFlags : byte
            {
                None = 0,
                One = 1,
            }
            public delegate TResult SampleHandler<in TArg, TResult>(TArg argument, params object[] rest);
            public enum SampleLevel
            {
                Low = 0,
                High = 5,
            }
            public struct readonly SamplePoint
            {
                public SamplePoint(int x) { }
                public int X { get; }
            }
        }

        """;

    private static GeneratedApi Samples() =>
        ReflectionApiWriter.Generate(new[] { typeof(GeneratorSelfTests).Assembly }, ns => ns == SamplesNamespace);

    [Fact(DisplayName = "The reflection writer prints test types exactly as PublicApiGenerator 9.3 would")]
    public void Writer_prints_generator93_listing()
    {
        Samples().Text.Should().Be(ExpectedSampleListing);
    }

    [Fact(DisplayName = "Reading the writer's own output back gives the same types and member lines")]
    public void Writer_output_round_trips_through_parser()
    {
        var generated = Samples();
        var parsed = ListingParser.Parse(generated.Text, "generated", ListingDialect.PublicApiGenerator93);

        parsed.Select(t => t.Key).Should().Equal(generated.Types.Select(t => t.Key));
        parsed.Select(t => t.Header).Should().BeEquivalentTo(generated.Types.Select(t => t.Header), o => o.WithStrictOrdering());
        parsed.SelectMany(t => t.Members.Select(m => t.Key + " " + m.Canonical)).Should()
            .Equal(generated.Types.SelectMany(t => t.Members.Select(m => t.Key + " " + m.Canonical)));
    }

    [Fact(DisplayName = "Compiler-generated record members are printed and flagged, since Akka's classes have none")]
    public void Record_members_are_flagged()
    {
        var record = ReflectionApiWriter.Generate(new[] { typeof(GeneratorSelfTests).Assembly }, ns => ns == SamplesNamespace + ".Records")
            .Types.Single();

        record.Members.Select(m => m.Canonical).Should().Contain("public ActorBot.Kernel.Tests.Api.Samples.Records.SampleRecord <Clone>$() { }");
        record.Members.Should().Contain(m => m.Name == "Value" && m.Canonical == "public int Value { get; set; }" && m.Note == null);
        record.Members.Where(m => m.Note != null).Select(m => m.Name).Should().Contain(new[] { "<Clone>$", "Equals", "==", "ToString" });
    }

    [Fact(DisplayName = "The subset checks report every planted difference, with Akka's nearest lines")]
    public void Checker_reports_planted_differences()
    {
        const string akkaListing = """
            namespace ActorBot.Kernel.Tests.Api.Samples
            {
                public interface ISampleMarker
                {
                    void Hide();
                }
                public abstract class SampleBase : ActorBot.Kernel.Tests.Api.Samples.ISampleMarker
                {
                    protected SampleBase(string label = null, bool loud = True, long upTo = 9223372036854775807, double ratio = 0.25, System.Nullable<System.TimeSpan> timeout = null, System.Threading.CancellationToken token = null) { }
                    public virtual void Tell(object message, ActorBot.Kernel.Tests.Api.Samples.ISampleMarker sender) { }
                    public void Tell(object message) { }
                    protected abstract bool Receive(object message);
                }
                public sealed class SampleDerived : ActorBot.Kernel.Tests.Api.Samples.SampleBase, ActorBot.Kernel.Tests.Api.Samples.ISampleMarker
                {
                    public SampleDerived() { }
                    protected virtual bool Receive(object message) { }
                }
                public sealed class SampleExtensions { }
                [Akka.Annotations.InternalApi]
                public struct SamplePoint
                {
                    public SamplePoint(int x) { }
                    public int X { get; }
                }
            }
            """;
        var akka = new AkkaListings(ListingParser.Parse(akkaListing, "planted", ListingDialect.PublicApiGenerator93));
        var ours = Samples().Types;

        var missing = ApiSubsetChecker.MissingTypes(ours, akka);
        missing.Should().HaveCount(9);
        missing.Should().Contain(m => m.StartsWith("ActorBot.Kernel.Tests.Api.Samples.SampleBox<T> (Class): no such type", StringComparison.Ordinal));
        missing.Should().Contain(m => m.StartsWith("ActorBot.Kernel.Tests.Api.Samples.SampleBase.Nested (Class): no such type", StringComparison.Ordinal));
        missing.Should().Contain(m => m.StartsWith("ActorBot.Kernel.Tests.Api.Samples.SampleDerived: modifiers allow what Akka's do not", StringComparison.Ordinal),
            "Akka's SampleDerived is sealed, ours is not");
        missing.Should().NotContain(m => m.Contains("SampleExtensions", StringComparison.Ordinal), "static is stricter than Akka's sealed");
        missing.Should().NotContain(m => m.Contains("SamplePoint", StringComparison.Ordinal), "readonly is stricter than Akka's plain struct");

        var members = ApiSubsetChecker.ForeignMembers(ours, akka);
        members.Should().Contain(m => m.StartsWith("ActorBot.Kernel.Tests.Api.Samples.SampleDerived: public new void Hide() { }", StringComparison.Ordinal)
            && m.Contains("has no member named Hide", StringComparison.Ordinal)
            && m.Contains("hint: Akka's type implements ActorBot.Kernel.Tests.Api.Samples.ISampleMarker.Hide explicitly", StringComparison.Ordinal));
        members.Should().Contain(m => m.StartsWith("ActorBot.Kernel.Tests.Api.Samples.SampleDerived: protected override bool Receive(object message) { }", StringComparison.Ordinal)
            && m.Contains("Akka has:\n        protected virtual bool Receive(object message) { }", StringComparison.Ordinal)
            && m.Contains("'sealed override'", StringComparison.Ordinal));
        members.Should().Contain(m => m.StartsWith("ActorBot.Kernel.Tests.Api.Samples.SampleBase: public bool TryGet(string key, out int value) { }", StringComparison.Ordinal));
        members.Should().NotContain(m => m.Contains("Tell(object message, ActorBot", StringComparison.Ordinal), "that line is Akka's verbatim");
        members.Should().NotContain(m => m.Contains(": protected SampleBase(", StringComparison.Ordinal), "that line is Akka's verbatim");
        members.Should().NotContain(m => m.Contains("SamplePoint", StringComparison.Ordinal), "both SamplePoint lines are Akka's");
        members.Where(m => m.StartsWith("ActorBot.Kernel.Tests.Api.Samples.SampleBase:", StringComparison.Ordinal)).Should().HaveCount(21);

        ApiSubsetChecker.ForeignBases(ours, akka).Should().Equal(
            "ActorBot.Kernel.Tests.Api.Samples.SampleBase : System.IEquatable<ActorBot.Kernel.Tests.Api.Samples.SampleBase>\n      Akka's base list: ActorBot.Kernel.Tests.Api.Samples.ISampleMarker");

        ApiSubsetChecker.InternalApiUse(ours, akka).Should().Equal(
            "ActorBot.Kernel.Tests.Api.Samples.SamplePoint: Akka treats this type as internal API ([InternalApi]); make ours internal");
    }
}
