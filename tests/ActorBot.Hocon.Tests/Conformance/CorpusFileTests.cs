using ActorBot.Hocon.Units;
using ActorBot.Hocon.AkkaInterop;
using ActorBot.Hocon.Tests.Support;
using ActorBot.Hocon.Values;
using Akka.Configuration;

namespace ActorBot.Hocon.Tests.Conformance;

/// <summary>
/// The lightbend/config corpus files outside the equivNN folders. Their expected values live in
/// upstream test code, which we did not copy; the expectations below are written from HOCON.md.
/// </summary>
public sealed class CorpusFileTests
{
    private static HoconObject Load(string relative, Func<string, string?>? environment = null) =>
        HoconLoader.LoadFile(CorpusFiles.File(relative), new HoconLoadOptions { EnvironmentLookup = environment ?? HoconLoadOptions.NoEnvironment });

    private static string Json(HoconValue value) => HoconJsonWriter.Write(value, sortKeys: true, indented: false);

    private static string? Text(HoconObject root, string path) => (root.Find(path) as HoconScalar)?.Text;

    [Fact(DisplayName = "test01.conf resolves substitutions, keeps value types and concatenates unquoted text")]
    public void Test01_resolves_and_types_values()
    {
        var root = Load("test01.conf");
        Json(root.Find("ints")!).Should().Be("""{"fortyTwo":42,"fortyTwoAgain":42}""");
        root.Find("floats.fortyTwoPointOneAgain")!.Type.Should().Be(HoconValueType.Number);
        Text(root, "floats.fortyTwoPointOneAgain").Should().Be("42.1");
        // ".33" does not start like a JSON number, so unquoted it is a string (HOCON.md: numbers follow JSON).
        Text(root, "floats.pointThirtyThreeAgain").Should().Be(".33");
        Text(root, "strings.abcdAgain").Should().Be("abcd");
        Text(root, "strings.concatenated").Should().Be("null bar 42 baz true 3.14 hi");
        root.Find("strings.null")!.Type.Should().Be(HoconValueType.String);
        Json(root.Find("arrays.ofString")!).Should().Be("""["a","b","c"]""");
        Json(root.Find("arrays.ofArray")!).Should().Be("""[["a","b","c"],["a","b","c"],["a","b","c"]]""");
        ((HoconArray)root.Find("arrays.ofObject")!)[0].Should().BeSameAs(root.Find("ints"));
        Json(root.Find("arrays.ofNull")!).Should().Be("[null,null,null]");
        Json(root.Find("booleans")!).Should().Be("""{"false":false,"falseAgain":false,"true":true,"trueAgain":true}""");
        root.Find("nulls.nullAgain")!.Type.Should().Be(HoconValueType.Null);
        // Optional substitutions of undefined paths (and of unset environment variables) vanish.
        Json(root.Find("system")!).Should().Be("""{"concatenated":"Your Java version is  and your user.home is "}""");
    }

    [Fact(DisplayName = "test01.conf durations and sizes follow the unit tables")]
    public void Test01_durations_and_sizes()
    {
        // Units are ours (HoconDuration/HoconByteSize, the spec's tables); Akka's getters read Akka's own subset.
        var root = Load("test01.conf");
        TimeSpan Duration(string path) => HoconDuration.Parse(Text(root, path)!);
        long Size(string path) => HoconByteSize.Parse(Text(root, path)!);
        Duration("durations.second").Should().Be(TimeSpan.FromSeconds(1));
        Duration("durations.secondAsNumber").Should().Be(TimeSpan.FromSeconds(1));
        Duration("durations.halfSecond").Should().Be(TimeSpan.FromMilliseconds(500));
        Duration("durations.millis").Should().Be(TimeSpan.FromMilliseconds(1));
        Duration("durations.micros").Should().Be(TimeSpan.FromMilliseconds(2));
        Duration("durations.largeNanos").Ticks.Should().BeCloseTo(48789553554352722, 10);
        Duration("durations.minusLargeNanos").Ticks.Should().BeCloseTo(-48789553554352722, 10);
        Duration("periods.day").Should().Be(TimeSpan.FromDays(1));
        Size("memsizes.meg").Should().Be(1024 * 1024);
        Size("memsizes.halfMeg").Should().Be(512 * 1024);
        Size("memsizes.megAsNumber").Should().Be(1024 * 1024);

        // The same tree handed to Akka keeps the values Akka's getters understand.
        var config = AkkaConfig.FromHocon(root);
        config.GetTimeSpan("durations.second").Should().Be(TimeSpan.FromSeconds(1));
        config.GetTimeSpan("durations.halfSecond").Should().Be(TimeSpan.FromMilliseconds(500));
        config.GetDouble("floats.pointThirtyThree").Should().Be(0.33);
        config.GetInt("strings.number").Should().Be(57);
    }

    [Fact(DisplayName = "test02.conf handles empty and quoted keys, dotted quoted keys and odd characters")]
    public void Test02_quoted_and_empty_keys()
    {
        var root = Load("test02.conf");
        Text(root, "42_a").Should().Be("42");
        Text(root, "42_b").Should().Be("42");
        Text(root, "57_a").Should().Be("57");
        Text(root, "57_b").Should().Be("57");
        Text(root, "\"a.b.c\"").Should().Be("103");
        Text(root, "103_a").Should().Be("103");
        Text(root, "a-c").Should().Be("259");
        Text(root, "a_c").Should().Be("260");
        Text(root, "\"-\"").Should().Be("261");
    }

    [Fact(DisplayName = "test03.conf includes with and without extension, ignores missing files, fixes up included substitutions")]
    public void Test03_includes()
    {
        var root = Load("test03.conf");
        // "test01" without extension merges test01.properties, test01.json and test01.conf over the earlier "ints" : 12.
        Text(root, "test01.ints.fortyTwo").Should().Be("42");
        Text(root, "test01.ints.fortyTwoAgain").Should().Be("42");
        Text(root, "test01.fromJson1").Should().Be("1");
        Text(root, "test01.fromProps.abc").Should().Be("abc");
        root.Find("test01.fromProps.one")!.Type.Should().Be(HoconValueType.String);
        Text(root, "test01.fromProps.specialChars").Should().Be("hello^^");
        Text(root, "test01.booleans").Should().Be("42");
        Text(root, "test02.57_a").Should().Be("57");
        Text(root, "equiv01.ints.fortyTwo").Should().Be("42");
        Json(root.Find("nonexistent")!).Should().Be("{}");
        Text(root, "foo").Should().Be("This is in the included file");
        Text(root, "bar").Should().Be("This is in the including file");
        Text(root, "a").Should().Be("This is in the included file");
        Text(root, "b").Should().Be("This is in the including file");
        Text(root, "subtree.a").Should().Be("This is in the included file");
        Text(root, "subtree.b").Should().Be("This is in the including file");
    }

    [Fact(DisplayName = "test04.conf (the old Akka reference.conf) parses and keeps its values")]
    public void Test04_akka_reference()
    {
        var root = Load("test04.conf");
        Text(root, "akka.version").Should().Be("2.0-SNAPSHOT");
        Text(root, "akka.event-handler-dispatcher.throughput").Should().Be("5");
        Text(root, "akka.event-handler-dispatcher.allow-core-timeout").Should().Be("on");
        root.Find("akka.actor").Should().BeOfType<HoconObject>();
    }

    [Fact(DisplayName = "test05.conf (a properties-like file with a % key) parses; undefined optional prefixes vanish")]
    public void Test05_properties_like()
    {
        var root = Load("test05.conf");
        Text(root, "application.name").Should().Be("Yet Another Blog Engine");
        Text(root, "%prod.application.mode").Should().Be("prod");
        Text(root, "module.crud").Should().Be("/modules/crud");
    }

    [Fact(DisplayName = "test06.conf: a later substitution replaces a scalar; an object merges over an object substitution")]
    public void Test06_delayed_merge()
    {
        var root = Load("test06.conf");
        Text(root, "x").Should().Be("2");
        Json(root.Find("y")!).Should().Be("""{"foo":10,"hello":"world"}""");
    }

    [Fact(DisplayName = "test07/test08.conf: a classpath-style include that does not exist next to the file is silently ignored")]
    public void Test07_and_08_missing_classpath_include_is_ignored()
    {
        Load("test07.conf").Count.Should().Be(0);
        Load("test08.conf").Count.Should().Be(0);
    }

    [Fact(DisplayName = "test09.conf: delayed merges of substitutions and objects settle in definition order")]
    public void Test09_delayed_merges()
    {
        var root = Load("test09.conf");
        Json(root.Find("a")!).Should().Be("""{"c":3,"q":10}""");
        Text(root, "b").Should().Be("5");
        Json(root.Find("c")!).Should().Be("""{"d":600,"e":{"c":3,"q":10},"f":5,"q":10}""");
    }

    [Fact(DisplayName = "test10.conf: test09 included under two prefixes resolves relative to each prefix")]
    public void Test10_relativized_includes()
    {
        var root = Load("test10.conf");
        var expected = Json(Load("test09.conf"));
        Json(root.Find("foo")!).Should().Be(expected);
        Json(root.Find("bar.nested")!).Should().Be(expected);
    }

    [Fact(DisplayName = "test11/test12.conf: quoted number-like keys stay keys and values stay strings")]
    public void Test11_and_12_number_like_keys()
    {
        var root11 = Load("test11.conf");
        Text(root11, "\"10\"").Should().Be("42");
        Text(root11, "\"-10\"").Should().Be("-42");
        root11.Find("\"-10\"")!.Type.Should().Be(HoconValueType.String);
        Text(root11, "foo-bar").Should().Be("bar-baz");
        Text(root11, "\"---\"").Should().Be("------");
        Text(root11, "a-").Should().Be("b-");
        var root12 = Load("test12.conf");
        root12.Count.Should().Be(40);
        Text(root12, "\"12345678901234567891234567890123456789\"").Should().Be("42");
    }

    [Fact(DisplayName = "test13: a config resolved on its own keeps its values when another config overrides a referenced key")]
    public void Test13_reference_resolved_standalone()
    {
        var reference = AkkaConfig.ParseString($"include required(file(\"{CorpusFiles.File("test13-reference-with-substitutions.conf")}\"))");
        var application = AkkaConfig.ParseString($"include required(file(\"{CorpusFiles.File("test13-application-override-substitutions.conf")}\"))");
        var merged = application.WithFallback(reference);
        merged.GetString("a").Should().Be("b");
        merged.GetString("b").Should().Be("overridden");
    }

    [Fact(DisplayName = "test13: an undefined substitution is an error naming the file, line, column and path")]
    public void Test13_bad_substitution_fails()
    {
        var act = () => Load("test13-reference-bad-substitutions.conf");
        var error = act.Should().Throw<HoconException>().Which;
        error.File.Should().EndWith("test13-reference-bad-substitutions.conf");
        error.Line.Should().Be(1);
        error.Column.Should().Be(5);
        error.Problem.Should().Contain("${b}");
    }

    [Fact(DisplayName = "bom.conf: a UTF-8 byte order mark is ignored")]
    public void Bom_is_ignored()
    {
        Json(Load("bom.conf")).Should().Be("""{"foo":"bar"}""");
    }

    [Fact(DisplayName = "cycle.conf: a file including itself is a clear include-cycle error")]
    public void Cycle_is_an_error()
    {
        var act = () => Load("cycle.conf");
        var error = act.Should().Throw<HoconException>().Which;
        error.Problem.Should().Contain("include cycle");
        error.Line.Should().Be(1);
        error.Column.Should().Be(1);
    }

    [Fact(DisplayName = "env-variables.conf: optional environment substitutions override when set and vanish when not")]
    public void Env_variables()
    {
        Json(Load("env-variables.conf")).Should().Be("""{"secret":"a","secrets":[]}""");
        var env = new Dictionary<string, string> { ["SECRET_A"] = "A", ["SECRET_C"] = "C" };
        Json(Load("env-variables.conf", k => env.GetValueOrDefault(k))).Should().Be("""{"secret":"A","secrets":["C"]}""");
    }

    [Fact(DisplayName = "file-include.conf: include and include file() are relative to the including file, also when nested")]
    public void File_include_is_relative()
    {
        Json(Load("file-include.conf")).Should().Be("""{"bar":43,"bar-file":44,"base":41,"baz":45,"foo":42}""");
    }

    [Fact(DisplayName = "include-from-list.conf: a file included into an object in an array resolves its own substitutions")]
    public void Include_from_list()
    {
        var root = Load("include-from-list.conf");
        var element = (HoconObject)((HoconArray)root["a"])[0];
        Text(element, "ints.fortyTwoAgain").Should().Be("42");
        Text(element, "strings.abcdAgain").Should().Be("abcd");
    }

    [Fact(DisplayName = "onclasspath.conf, a_1.conf, b_2.conf and beanconfig01.conf parse")]
    public void Simple_files_parse()
    {
        Text(Load("onclasspath.conf"), "onclasspath").Should().Be("42");
        Text(Load("a_1.conf"), "a").Should().Be("1");
        Text(Load("b_2.conf"), "b").Should().Be("2");
        var bean = Load("beanconfig/beanconfig01.conf");
        Text(bean, "numbers.intObj").Should().Be("3");
        Text(bean, "strings.abcd-again").Should().Be("abcd");
    }

    [Fact(DisplayName = "validate-*.conf: both parse; the reference's values reach Akka with their types")]
    public void Validate_files_type_mismatches()
    {
        var reference = AkkaConfig.ParseString($"include required(file(\"{CorpusFiles.File("validate-reference.conf")}\"))");
        var invalid = Load("validate-invalid.conf");
        reference.GetInt("int1").Should().Be(10);
        reference.GetDouble("float1").Should().Be(3.14);
        reference.GetBoolean("bool1").Should().BeTrue();
        reference.GetStringList("array2").Should().Equal("a", "b", "c");

        // Type checks of our own keys happen in the settings readers (Engine ConfigValues), not in Akka's getters.
        Text(invalid, "string2").Should().Be("107");
        invalid.Find("string3")!.Type.Should().Be(HoconValueType.Object);
        invalid.Find("object2")!.Type.Should().Be(HoconValueType.Array);
    }
}
