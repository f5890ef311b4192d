using Akka.Actor;

namespace ActorBot.Engine.Risk;

/// <summary>
/// Given to /user/bot to run /user/bot/risk and route every symbol's entries through it to
/// <paramref name="Execution"/> (the venue's /execution in testnet and live, the in-process paper execution in paper).
/// Without it (replay, shadow) there is no risk child and the traders fill on paper in process, exactly as replay does.
/// The execution target is an <see cref="ICanTell"/> because the service's testnet/live one is an <see cref="ActorSelection"/>
/// of <c>/user/venues/{venue}/execution</c>: the venue subtree is created after the bot (it needs the bot's ref), and a
/// path resolves to whichever incarnation runs (an entry only exists once the venue streams, so it is there by then).
/// </summary>
public sealed record RiskWiring(RiskActorSettings Settings, ICanTell Execution);
