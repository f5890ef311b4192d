using ActorBot.Hocon.Values;

namespace ActorBot.Hocon.Tests.Spec;

/// <summary>HOCON.md features, one example each, with expectations taken from the specification text.</summary>
public sealed class SpecFeatureTests
{
    private static readonly HoconLoadOptions NoEnv = new() { EnvironmentLookup = HoconLoadOptions.NoEnvironment };

    private static string Resolve(string hocon, HoconLoadOptions? options = null) =>
        HoconJsonWriter.Write(HoconLoader.Parse(hocon, "test", options ?? NoEnv), sortKeys: true, indented: false);

    [Theory(DisplayName = "Syntax variants resolve to the same tree")]
    [InlineData("a = 1", """{"a":1}""")]
    [InlineData("a : 1", """{"a":1}""")]
    [InlineData("{ \"a\" : 1 }", """{"a":1}""")]
    [InlineData("a { b = 1 }", """{"a":{"b":1}}""")]
    [InlineData("a.b.c = 1", """{"a":{"b":{"c":1}}}""")]
    [InlineData("\"a.b\".c = 1", """{"a.b":{"c":1}}""")]
    [InlineData("a = 1\nb = 2", """{"a":1,"b":2}""")]
    [InlineData("a = 1, b = 2,", """{"a":1,"b":2}""")]
    [InlineData("a = [1, 2, 3,]", """{"a":[1,2,3]}""")]
    [InlineData("a = [\n1\n2\n]", """{"a":[1,2]}""")]
    [InlineData("// c\n# c\na = 1 // trailing", """{"a":1}""")]
    [InlineData("a = foo bar  baz", """{"a":"foo bar  baz"}""")]
    [InlineData("a = 10 s", """{"a":"10 s"}""")]
    [InlineData("a = true, b = false, c = null, d = -1.5e3", """{"a":true,"b":false,"c":null,"d":-1.5e3}""")]
    [InlineData("a = \"true\"", """{"a":"true"}""")]
    [InlineData("a = \"\"\"multi\nline \"quoted\" \"\"\"", """{"a":"multi\nline \"quoted\" "}""")]
    [InlineData("a = \"\\u0041\\t\\\\\"", """{"a":"A\t\\"}""")]
    [InlineData("a = 007", """{"a":"007"}""")]
    [InlineData("a = http\\://x", null)]
    public void Syntax_variants(string hocon, string? expected)
    {
        if (expected is null)
        {
            var act = () => Resolve(hocon);
            act.Should().Throw<HoconException>();
            return;
        }

        Resolve(hocon).Should().Be(expected);
    }

    [Theory(DisplayName = "Duplicate keys: objects merge, other values replace, arrays are replaced not merged")]
    [InlineData("a { x = 1 }\na { y = 2 }", """{"a":{"x":1,"y":2}}""")]
    [InlineData("a { x = 1 }\na = 5", """{"a":5}""")]
    [InlineData("a = 5\na { x = 1 }", """{"a":{"x":1}}""")]
    [InlineData("a = [1]\na = [2]", """{"a":[2]}""")]
    [InlineData("a { x { p = 1 } }\na.x.q = 2", """{"a":{"x":{"p":1,"q":2}}}""")]
    [InlineData("a = { x = 1 } { y = 2 }", """{"a":{"x":1,"y":2}}""")]
    [InlineData("a = [1] [2, 3]", """{"a":[1,2,3]}""")]
    public void Merging(string hocon, string expected) => Resolve(hocon).Should().Be(expected);

    [Theory(DisplayName = "Substitutions, self references and += follow HOCON.md")]
    [InlineData("a = 1\nb = ${a}", """{"a":1,"b":1}""")]
    [InlineData("b = ${a}\na = 1", """{"a":1,"b":1}""")]
    [InlineData("a = foo\nb = ${a}bar${a}", """{"a":"foo","b":"foobarfoo"}""")]
    [InlineData("a = ${?missing}", "{}")]
    [InlineData("a = 1\na = ${?missing}", """{"a":1}""")]
    [InlineData("a = [x, ${?missing}, y]", """{"a":["x","y"]}""")]
    [InlineData("path = \"/bin\"\npath = ${path}\":/usr/bin\"", """{"path":"/bin:/usr/bin"}""")]
    [InlineData("path = ${?path}\"/x\"", """{"path":"/x"}""")]
    [InlineData("a = [1]\na += 2\na += 3", """{"a":[1,2,3]}""")]
    [InlineData("a += 1", """{"a":[1]}""")]
    [InlineData("foo { a = 1 }\nfoo = ${foo} { b = 2 }", """{"foo":{"a":1,"b":2}}""")]
    [InlineData("bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }", """{"bar":{"baz":43,"foo":43}}""")]
    [InlineData("a { x = 1 }\na { x = ${a.x}0 }", """{"a":{"x":"10"}}""")]
    [InlineData("base { p = 1, q = 2 }\nderived = ${base} { q = 3 }", """{"base":{"p":1,"q":2},"derived":{"p":1,"q":3}}""")]
    [InlineData("a = 1\nb = ${a}\na = 2", """{"a":2,"b":2}""")]
    [InlineData("a = { b = 1 }\nc = ${a.b}", """{"a":{"b":1},"c":1}""")]
    [InlineData("a = ${?x}${?y}", "{}")]
    [InlineData("defaults { host = h, port = 1 }\nsvc = ${defaults}\nsvc { port = 2, url = ${svc.host}\":\"${svc.port} }", """{"defaults":{"host":"h","port":1},"svc":{"host":"h","port":2,"url":"h:2"}}""")]
    [InlineData("base { a { x = 1 } }\nd = ${base}\nd { a { y = 2 }, z = ${d.a.x} }", """{"base":{"a":{"x":1}},"d":{"a":{"x":1,"y":2},"z":1}}""")]
    [InlineData("a = ${? \"quoted key\" }", "{}")]
    public void Substitutions(string hocon, string expected) => Resolve(hocon).Should().Be(expected);

    [Fact(DisplayName = "Environment variables fill substitutions that the configuration does not define, via the injected lookup")]
    public void Environment_fallback()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/home/bot", ["a"] = "from-env" };
        var options = new HoconLoadOptions { EnvironmentLookup = k => env.GetValueOrDefault(k) };
        Resolve("home = ${HOME}\nopt = ${?HOME}/x\nnone = ${?NOPE}", options).Should().Be("""{"home":"/home/bot","opt":"/home/bot/x"}""");
        Resolve("a = 1\nb = ${a}", options).Should().Be("""{"a":1,"b":1}""", "the configuration wins over the environment");
    }

    [Theory(DisplayName = "Cycles are clear errors, never a hang")]
    [InlineData("a = ${a}")]
    [InlineData("a = ${b}\nb = ${a}")]
    [InlineData("a = ${b}\nb = ${c}\nc = ${a}")]
    [InlineData("a { b = ${a} }")]
    [InlineData("a = [${a}]")]
    public void Cycles_are_errors(string hocon)
    {
        var act = () => Resolve(hocon);
        act.Should().Throw<HoconException>().Where(e => e.Problem.Contains("cycle") || e.Problem.Contains("could not resolve"));
    }

    [Fact(DisplayName = "A cycle error names the chain of substitutions and their positions")]
    public void Cycle_error_names_chain()
    {
        var act = () => Resolve("a = ${b}\nb = ${a}");
        var error = act.Should().Throw<HoconException>().Which;
        error.Problem.Should().Contain("cycle").And.Contain("${a}").And.Contain("${b}");
        error.File.Should().Be("test");
        error.Line.Should().BeGreaterThan(0);
        error.Expected.Should().NotBeNullOrEmpty();
    }

    [Theory(DisplayName = "Syntax errors name line, column and what was expected")]
    [InlineData("a = [1, 2", 1, 10, "']'")]
    [InlineData("a {\n  b = 1\n", 3, 1, "'}'")]
    [InlineData("a = 1,,\nb = 2", 1, 7, "a field")]
    [InlineData("a\nb = 1", 2, 1, "':', '='")]
    [InlineData("a = \"unterminated", 1, 5, "closing")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "escape")]
    [InlineData("[1, 2]", 1, 1, "'{'")]
    [InlineData("a = b = c", 1, 7, "quoted")]
    [InlineData("a = ${b", 1, 5, "'}'")]
    [InlineData("a..b = 1", 1, 1, "key")]
    [InlineData("a = 1 }", 1, 7, "',' or a newline")]
    [InlineData("include url(\"http://x\")", 1, 1, "file")]
    [InlineData("a = { x = 1 } foo", 1, 15, "values of one kind")]
    public void Syntax_errors_have_positions(string hocon, int line, int column, string expectedFragment)
    {
        var act = () => Resolve(hocon);
        var error = act.Should().Throw<HoconException>().Which;
        error.File.Should().Be("test");
        error.Line.Should().Be(line);
        error.Column.Should().Be(column);
        error.Expected.Should().Contain(expectedFragment);
        error.Message.Should().StartWith($"test:{line}:{column}: ");
    }

    [Fact(DisplayName = "Deep nesting is rejected with a HoconException instead of overflowing the stack")]
    public void Deep_nesting_is_rejected()
    {
        var deepObjects = string.Concat(Enumerable.Repeat("a {", 100_000));
        var act = () => Resolve(deepObjects);
        act.Should().Throw<HoconException>().Which.Problem.Should().Contain("deeper than");

        var deepArrays = "a = " + new string('[', 100_000) + new string(']', 100_000);
        var act2 = () => Resolve(deepArrays);
        act2.Should().Throw<HoconException>();

        var fine = "a = " + new string('[', 100) + new string(']', 100);
        Resolve(fine).Should().StartWith("""{"a":[[[""");
    }

    [Fact(DisplayName = "Very long key paths and property keys are rejected instead of overflowing the stack")]
    public void Long_key_paths_are_rejected()
    {
        var longKey = string.Join('.', Enumerable.Repeat("a", 100_000)) + " = 1";
        var act = () => Resolve(longKey);
        act.Should().Throw<HoconException>().Which.Problem.Should().Contain("nests deeper");

        var longSubstitution = "x = ${" + string.Join('.', Enumerable.Repeat("a", 100_000)) + "}";
        var act2 = () => Resolve(longSubstitution);
        act2.Should().Throw<HoconException>().Which.Problem.Should().Contain("could not resolve");

        var dir = Directory.CreateTempSubdirectory("hocon-props-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "deep.properties"), string.Join('.', Enumerable.Repeat("p", 100_000)) + "=1");
            var act3 = () => HoconLoader.Parse("include \"deep.properties\"", "test", NoEnv with { BaseDirectory = dir.FullName });
            act3.Should().Throw<HoconException>().Which.Problem.Should().Contain("nests deeper");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact(DisplayName = "Long substitution chains are bounded by a clear error, not a stack overflow")]
    public void Long_substitution_chains_are_bounded()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => $"k{i} = ${{k{i + 1}}}").Append("k5000 = end");
        var act = () => Resolve(string.Join('\n', lines));
        act.Should().Throw<HoconException>().Which.Problem.Should().Contain("deeper than");

        var shortChain = Enumerable.Range(0, 50).Select(i => $"k{i} = ${{k{i + 1}}}").Append("k50 = end");
        Resolve(string.Join('\n', shortChain)).Should().Contain("\"k0\":\"end\"");
    }

    [Fact(DisplayName = "Exponential string growth through substitutions is cut off with a clear error")]
    public void Exponential_growth_is_bounded()
    {
        var lines = new List<string> { "s0 = xxxxxxxxxxxxxxxx" };
        for (var i = 1; i < 40; i++)
        {
            lines.Add($"s{i} = ${{s{i - 1}}}${{s{i - 1}}}");
        }

        var act = () => Resolve(string.Join('\n', lines));
        act.Should().Throw<HoconException>().Which.Problem.Should().Contain("longer than");
    }

    [Fact(DisplayName = "Includes relative to the including file: conf, json and properties, required and optional")]
    public void Includes_relative_to_file()
    {
        var dir = Directory.CreateTempSubdirectory("hocon-include-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "sub"));
            File.WriteAllText(Path.Combine(dir.FullName, "main.conf"), "include \"sub/child.conf\"\nx { include required(file(\"sub/data.json\")) }\ninclude \"sub/props\"\ninclude \"missing.conf\"");
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "child.conf"), "child = 1\ninclude \"sibling.conf\"");
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "sibling.conf"), "sibling = ${child}");
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "data.json"), "{ \"j\": [1, 2], \"self\": ${x.j} }");
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "props.properties"), "p.q=hello world\np.r : 5");
            var root = HoconLoader.LoadFile(Path.Combine(dir.FullName, "main.conf"), NoEnv);
            HoconJsonWriter.Write(root, sortKeys: true, indented: false)
                .Should().Be("""{"child":1,"p":{"q":"hello world","r":"5"},"sibling":1,"x":{"j":[1,2],"self":[1,2]}}""");

            File.WriteAllText(Path.Combine(dir.FullName, "bad.conf"), "a = 1\ninclude required(\"nothere.conf\")");
            var act = () => HoconLoader.LoadFile(Path.Combine(dir.FullName, "bad.conf"), NoEnv);
            var error = act.Should().Throw<HoconException>().Which;
            error.Problem.Should().Contain("nothere.conf");
            error.Line.Should().Be(2);
            error.File.Should().EndWith("bad.conf");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact(DisplayName = "An error inside an included file names that file, not the including one")]
    public void Error_in_included_file_names_it()
    {
        var dir = Directory.CreateTempSubdirectory("hocon-include-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "main.conf"), "ok = 1\ninclude \"broken.conf\"");
            File.WriteAllText(Path.Combine(dir.FullName, "broken.conf"), "x = 1\ny = [1,\n");
            var act = () => HoconLoader.LoadFile(Path.Combine(dir.FullName, "main.conf"), NoEnv);
            var error = act.Should().Throw<HoconException>().Which;
            error.File.Should().EndWith("broken.conf");
            error.Line.Should().Be(3);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact(DisplayName = "A missing top-level file is a HoconException naming it")]
    public void Missing_file()
    {
        var act = () => HoconLoader.LoadFile("/nonexistent/dir/x.conf", NoEnv);
        act.Should().Throw<HoconException>().Which.Problem.Should().Contain("/nonexistent/dir/x.conf");
    }

    [Fact(DisplayName = "Including a device or FIFO never blocks: zero-length special files read as empty")]
    public void Including_devices_does_not_block()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Action act = () => HoconLoader.Parse("a = 1\ninclude file(\"/dev/zero\")\ninclude file(\"/dev/urandom\")", "test", NoEnv);
        act.ExecutionTime().Should().BeLessThan(TimeSpan.FromSeconds(5));
        HoconJsonWriter.Write(HoconLoader.Parse("a = 1\ninclude file(\"/dev/zero\")", "test", NoEnv), indented: false).Should().Be("{\"a\":1}");
    }

    [Fact(DisplayName = "Disabled includes are an error for untrusted text")]
    public void Disabled_includes()
    {
        var act = () => HoconLoader.Parse("include \"x.conf\"", "test", NoEnv with { AllowIncludes = false });
        act.Should().Throw<HoconException>().Which.Problem.Should().Contain("includes are disabled");
    }

    [Fact(DisplayName = "Resolved objects keep definition order and record where values came from")]
    public void Order_and_origin()
    {
        var root = HoconLoader.Parse("z = 1\na = 2\nm {\n  k = x\n}", "origin-test", NoEnv);
        root.Keys.Should().Equal("z", "a", "m");
        var k = root.Find("m.k")!;
        k.Origin.Should().Be(new SourcePosition("origin-test", 4, 7));
        ((HoconScalar)k).Text.Should().Be("x");
    }
}
