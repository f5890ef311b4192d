using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Persistence;

/// <summary>
/// Every event and snapshot the Engine's persistent actors write, each with its manifest: a fixed string
/// chosen once and never changed (it is what the journal stores instead of a CLR type name, so renaming a
/// record never breaks recovery). A persisted type missing here fails loudly (<see cref="IPersisted"/>),
/// never silently falls back to Akka's default serializer.
/// </summary>
public static class EnginePersistence
{
    public static PersistenceManifests Manifests { get; } = PersistenceManifests.Empty
        .Add<SnapTradeOpened>("trader.trade-opened")
        .Add<SnapTradeClosed>("trader.trade-closed")
        .Add<TraderSnapshot>("trader.snapshot")
        .Add<RiskDayRolled>("risk.day-rolled")
        .Add<RiskTradeOpened>("risk.trade-opened")
        .Add<RiskTradeClosed>("risk.trade-closed")
        .Add<RiskTradeAbandoned>("risk.trade-abandoned")
        .Add<RiskKillSwitchChanged>("risk.kill-switch-changed")
        .Add<RiskSnapshot>("risk.snapshot")
        .Add<EntrySent>("execution.entry-sent")
        .Add<OrderAnswered>("execution.order-answered")
        .Add<FillRecorded>("execution.fill")
        .Add<BracketSent>("execution.bracket-sent")
        .Add<BracketAnswered>("execution.bracket-state")
        .Add<FlattenSent>("execution.flatten-sent")
        .Add<TradeClosed>("execution.trade-closed")
        .Add<ExecutionSnapshot>(ExecutionSnapshots.Manifest)
        .Add<PaperTradeOpened>("paper-execution.trade-opened")
        .Add<PaperCloseRequested>("paper-execution.close-requested")
        .Add<PaperBracketsCanceled>("paper-execution.brackets-canceled")
        .Add<PaperTradeClosed>("paper-execution.trade-closed")
        .Add<PaperSnapshot>(PaperSnapshots.Manifest)
        .Add<ZonesSnapshotTaken>("zones.snapshot-taken")
        .Add<ZonesSnapshot>("zones.snapshot")
        .Add<CalibratorSnapshotTaken>("calibrator.snapshot-taken")
        .Add<CalibratorState>("calibrator.snapshot");

    /// <summary>
    /// The serializer the service registers for the journal, the snapshot store and the messages between cluster nodes
    /// (<see cref="Cluster.ClusterMessages"/>): one serializer, one id, so a node's bindings never depend on its mode.
    /// </summary>
    public static JsonPersistenceSerializer CreateSerializer() => new(Manifests.Merge(Cluster.ClusterMessages.Manifests));
}
