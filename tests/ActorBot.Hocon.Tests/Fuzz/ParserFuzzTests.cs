using ActorBot.Hocon.AkkaInterop;
using System.Diagnostics;
using ActorBot.Hocon.Tests.Support;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBot.Hocon.Tests.Fuzz;

/// <summary>
/// Seeded, time-boxed fuzzing over mutated corpus files: the parser must either succeed or throw
/// its own <see cref="HoconException"/> — never another exception, a stack overflow or a hang.
/// </summary>
public sealed class ParserFuzzTests
{
    // CI runs the fixed seed for 4 s; ACTORBOT_FUZZ_SEED / ACTORBOT_FUZZ_SECONDS allow longer local campaigns.
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("ACTORBOT_FUZZ_SEED"), out var s) ? s : 20261121;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("ACTORBOT_FUZZ_SECONDS"), out var seconds) ? seconds : 4);
    private readonly ITestOutputHelper _output;

    public ParserFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }
    private static readonly TimeSpan PerInputTimeout = TimeSpan.FromSeconds(5);
    private const int MinimumInputs = 2_000;
    private const int MaximumInputs = 50_000;

    private static List<string> Seeds() =>
        Directory.GetFiles(CorpusFiles.Resources, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".conf", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();

    [Fact(DisplayName = "Mutated corpus inputs only ever produce HoconException, within a per-input time limit")]
    public void Mutated_inputs_only_produce_hocon_exceptions()
    {
        var seeds = Seeds();
        var mutator = new CorpusMutator(Seed);
        var options = new HoconLoadOptions
        {
            EnvironmentLookup = HoconLoadOptions.NoEnvironment,
            BaseDirectory = CorpusFiles.Resources,
        };
        // A fixed number of seeded inputs (not a time box), so the run is the same on a busy CI machine; the
        // time budget only caps a pathologically slow machine, never lowers the count below the minimum.
        var clock = Stopwatch.StartNew();
        int parsed = 0, rejected = 0, iteration = 0;
        while (iteration < MinimumInputs || (clock.Elapsed < Budget && iteration < MaximumInputs))
        {
            var input = mutator.Mutate(seeds[iteration % seeds.Count]);
            iteration++;
            var outcome = RunWithTimeout(() => RoundTrip(HoconLoader.Parse(input, "fuzz", options)));
            switch (outcome)
            {
                case null:
                    parsed++;
                    break;
                case HoconException error:
                    error.Line.Should().BeGreaterThanOrEqualTo(0);
                    error.Message.Should().NotBeNullOrWhiteSpace();
                    rejected++;
                    break;
                default:
                    throw new Xunit.Sdk.XunitException(
                        $"iteration {iteration} (seed {Seed}) threw {outcome.GetType().Name}: {outcome.Message}\n--- input ---\n{input}");
            }
        }

        _output.WriteLine($"seed {Seed}: {iteration} inputs, {parsed} parsed, {rejected} rejected with HoconException");
        parsed.Should().BeGreaterThan(10, "mutations keep many inputs valid");
        rejected.Should().BeGreaterThan(10, "mutations break many inputs");
    }

    [Fact(DisplayName = "Mutated inputs through ConfigurationFactory.ParseString only produce ConfigurationException")]
    public void Mutated_inputs_through_config_only_produce_configuration_exceptions()
    {
        var seeds = Seeds();
        var mutator = new CorpusMutator(Seed + 1);
        var clock = Stopwatch.StartNew();
        var iteration = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            // Includes off: ParseString would look them up in the test runner's current directory.
            var input = mutator.Mutate(seeds[iteration % seeds.Count]).Replace("include", "inclde", StringComparison.Ordinal);
            iteration++;
            var outcome = RunWithTimeout(() => AkkaConfig.ParseString(input));
            if (outcome is not null and not ConfigurationException)
            {
                throw new Xunit.Sdk.XunitException($"iteration {iteration} threw {outcome.GetType().Name}: {outcome.Message}\n--- input ---\n{input}");
            }
        }
    }

    /// <summary>
    /// Whatever parses must print as valid JSON (System.Text.Json accepts it) that parses back to
    /// the same tree: this checks the JSON writer behind <c>actorbot config hocon-to-json</c>.
    /// </summary>
    private static void RoundTrip(Values.HoconObject root)
    {
        var json = HoconJsonWriter.Write(root, sortKeys: true, indented: false);
        if (json.Length > 1_000_000)
        {
            return;
        }

        // Valid JSON for a strict parser (and valid UTF-8: lone surrogates must be escaped) ...
        System.Text.Json.JsonDocument.Parse(System.Text.Encoding.UTF8.GetBytes(json), new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 }).Dispose();
        System.Text.Encoding.UTF8.GetBytes(json).Length.Should().BeGreaterThan(0);
        _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(json);

        // ... that reads back to the same tree.
        var again = HoconJsonWriter.Write(HoconLoader.Parse(json, "round-trip", new HoconLoadOptions { EnvironmentLookup = HoconLoadOptions.NoEnvironment, AllowIncludes = false }), sortKeys: true, indented: false);
        if (again != json)
        {
            throw new InvalidOperationException($"JSON output does not round-trip:\n{json}\n{again}");
        }
    }

    private static Exception? RunWithTimeout(Action action)
    {
        var task = Task.Run(() =>
        {
            try
            {
                action();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });
        if (!task.Wait(PerInputTimeout))
        {
            throw new Xunit.Sdk.XunitException($"parsing did not finish within {PerInputTimeout.TotalSeconds} s (hang)");
        }

        return task.Result;
    }
}
