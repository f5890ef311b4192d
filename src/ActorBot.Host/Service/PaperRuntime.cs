using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Paper;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// What trades in paper mode: per streaming venue the in-process paper execution behind /risk
/// (<c>/user/venues/{venue}/execution</c>), fed by that venue's public trade stream.
/// Null in every other mode, and in paper without market data (no prints, nothing to fill on). Reads no key and
/// makes no signed request.
/// </summary>
public sealed class PaperRuntime
{
    private PaperRuntime(IReadOnlyList<PaperSettings> venues, RiskActorSettings risk)
    {
        Venues = venues;
        Risk = risk;
    }

    /// <summary>Each venue's paper execution settings, the primary first.</summary>
    public IReadOnlyList<PaperSettings> Venues { get; }

    /// <summary>The primary venue's paper execution settings.</summary>
    public PaperSettings Paper => Venues[0];

    public RiskActorSettings Risk { get; }

    /// <summary>Reads the paper and risk settings (a bad value names its key); the paper balance stands in for the account's free balance.</summary>
    public static PaperRuntime? Create(Config config, TradeMode mode, IReadOnlyList<VenueSettings> venues)
    {
        ArgumentNullException.ThrowIfNull(venues);
        if (mode != TradeMode.Paper || venues.Count == 0)
        {
            return null;
        }

        var risk = RiskSettingsReader.FromConfig(config);
        var paper = venues.Select(v => PaperSettings.FromConfig(config, v.Venue, risk.FiltersFor)).ToList();
        return new PaperRuntime(paper, risk with { FreeBalanceUsd = paper[0].BalanceUsd });
    }

    /// <summary>
    /// /user/bot's risk wiring: each symbol's entries go to <c>/user/venues/{its venue}/execution</c> by path, as in
    /// testnet — each venue subtree runs its paper execution there (<see cref="VenueActor"/>), and they are created
    /// after the bot (they need the bot's ref); a path reaches whichever incarnation is running.
    /// </summary>
    public RiskWiring RiskWiring(ActorSystem system, BotSettings bot) => TradingRuntime.Wire(system, bot, Risk, Venues.Select(v => v.Venue).ToList());

    /// <summary>The paper execution settings of <paramref name="venue"/> (null: it does not trade on paper).</summary>
    public PaperSettings? ForVenue(string venue) => Venues.FirstOrDefault(p => p.Venue == venue);
}
