using Akka.Actor;

namespace ActorBot.Engine.Risk;

/// <summary>
/// Given to /user/bot to run /user/bot/risk and route every symbol's entries through it to
/// <paramref name="Execution"/> (the venue's /execution in testnet and live, the in-process paper execution in paper).
/// Without it (replay, shadow) there is no risk child and the traders fill on paper in process, exactly as replay does.
/// </summary>
public sealed record RiskWiring(RiskActorSettings Settings, IActorRef Execution);
