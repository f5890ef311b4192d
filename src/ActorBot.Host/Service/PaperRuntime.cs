using ActorBot.Domain.Modes;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Paper;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// What trades in paper mode: the in-process paper execution behind /risk (<c>/user/venues/{venue}/execution</c>), fed
/// by the venue's public trade stream.
/// Null in every other mode, and in paper without market data (no prints, nothing to fill on). Reads no key and
/// makes no signed request.
/// </summary>
public sealed class PaperRuntime
{
    private PaperRuntime(PaperSettings paper, RiskActorSettings risk)
    {
        Paper = paper;
        Risk = risk;
    }

    public PaperSettings Paper { get; }

    public RiskActorSettings Risk { get; }

    /// <summary>Reads the paper and risk settings (a bad value names its key); the paper balance stands in for the account's free balance.</summary>
    public static PaperRuntime? Create(Config config, TradeMode mode, VenueSettings? venue)
    {
        if (mode != TradeMode.Paper || venue is null)
        {
            return null;
        }

        var risk = RiskSettingsReader.FromConfig(config);
        var paper = PaperSettings.FromConfig(config, venue.Venue, risk.FiltersFor);
        return new PaperRuntime(paper, risk with { FreeBalanceUsd = paper.BalanceUsd });
    }

    /// <summary>
    /// /user/bot's risk wiring: entries go to <c>/user/venues/{venue}/execution</c> by path, as in testnet — the venue
    /// subtree runs the paper execution there (<see cref="VenueActor"/>), and it is created after the bot (it needs the
    /// bot's ref); a path reaches whichever incarnation is running.
    /// </summary>
    public RiskWiring RiskWiring(ActorSystem system) => new(Risk, system.ActorSelection(VenueTrading.ExecutionPath(Paper.Venue)));
}
