using ActorBot.Engine.Bot;
using ActorBot.Engine.Telemetry;
using Akka.Actor;
using Akka.Hosting;

namespace ActorBot.Host.Service.Metrics;

/// <summary>
/// The <c>/metrics</c> families that report an actor's state rather than an event (venue health, stream counters, the
/// risk book, paper and account figures): observable instruments on the service's meter whose values are asked of the
/// actors (with a timeout, never read from actor fields) right before each scrape. An actor that does not answer
/// reports no sample for its families that scrape (and <c>actorbot_up 0</c> for the bot) instead of blocking it.
/// </summary>
internal sealed class ProbeMetrics
{
    private readonly IServiceProvider _services;
    private volatile SampleSet _latest = SampleSet.Empty;

    public ProbeMetrics(ActorBotMetrics metrics, IServiceProvider services)
    {
        _services = services;
        var specs = new[]
        {
            MetricSpec.Gauge("actorbot_up", "1 when /user/bot answers its status within 2 s."),
            MetricSpec.Counter("actorbot_unknown_symbol_messages_total", "Messages for a symbol the bot does not run (dropped)."),
        }.Concat(VenueMetrics.Specs).Concat(StrategyMetrics.Specs).Concat(RiskMetrics.Specs).Concat(PaperMetrics.Specs).Concat(AccountMetrics.Specs);
        foreach (var spec in specs)
        {
            metrics.Observe(spec, () => _latest.Get(spec.Name));
        }
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        var samples = new SampleSet();
        var registry = _services.GetRequiredService<ActorRegistry>();
        var status = registry.TryGet<BotActor>(out var bot)
            ? await ProbeAsk.TryAsync<BotStatus>(bot, GetBotStatus.Instance, ct).ConfigureAwait(false)
            : null;
        samples.Add("actorbot_up", status is null ? 0 : 1);
        if (status is not null)
        {
            samples.Add("actorbot_unknown_symbol_messages_total", status.UnknownSymbolMessages);
            foreach (var venue in status.Venues)
            {
                await VenueMetrics.SampleAsync(samples, registry, venue, ct).ConfigureAwait(false);
            }

            await StrategyMetrics.SampleAsync(samples, registry, ct).ConfigureAwait(false);
            await RiskMetrics.SampleAsync(samples, _services.GetRequiredService<ActorSystem>(), ct).ConfigureAwait(false);
            await PaperMetrics.SampleAsync(samples, registry, _services.GetService<PaperRuntime>(), ct).ConfigureAwait(false);
            await AccountMetrics.SampleAsync(samples, registry, _services.GetService<TradingRuntime>(), ct).ConfigureAwait(false);
        }

        _latest = samples;
    }
}
