using System.Text.Json.Serialization;

namespace ActorBot.Domain.Execution;

/// <summary>
/// One venue request restart-flatten asks for, in the order given. The discriminators are stable names: a report
/// crosses cluster nodes in the execution status (JSON), and an abstract type cannot be read back without them.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CancelOrderAction), "cancel-order")]
[JsonDerivedType(typeof(CancelAlgoOrderAction), "cancel-algo-order")]
[JsonDerivedType(typeof(FlattenAction), "flatten")]
[JsonDerivedType(typeof(PlaceBracketAction), "place-bracket")]
public abstract record RestartAction(string Symbol);

public sealed record CancelOrderAction(string Symbol, string ClientOrderId, string Reason) : RestartAction(Symbol);

public sealed record CancelAlgoOrderAction(string Symbol, string ClientAlgoId, string Reason) : RestartAction(Symbol);

/// <summary>A reduce-only MARKET order closing <paramref name="Quantity"/>.</summary>
public sealed record FlattenAction(string Symbol, OrderSide Side, decimal Quantity, string ClientOrderId) : RestartAction(Symbol);

public sealed record PlaceBracketAction(ConditionalOrder Order) : RestartAction(Order.Symbol);

/// <summary>What restart-flatten did, for the HUD, telemetry and the probe.</summary>
public sealed record RestartReport(
    RestartPolicy Policy,
    IReadOnlyList<RestartAction> Actions,
    int ForeignOrdersCanceled,
    IReadOnlyList<string> PositionsFlattened,
    IReadOnlyList<string> PositionsAdopted,
    int BracketsCanceled,
    int BracketsAttached,
    IReadOnlyList<string> FlattenedForLackOfTargets)
{
    public string Summary() =>
        $"restart ({Policy.ToString().ToLowerInvariant()}): {ForeignOrdersCanceled} foreign orders canceled, "
        + $"{PositionsFlattened.Count} positions flattened, {PositionsAdopted.Count} adopted, "
        + $"{BracketsCanceled} brackets canceled, {BracketsAttached} attached"
        + (FlattenedForLackOfTargets.Count > 0 ? $", flattened without bracket targets: {string.Join(",", FlattenedForLackOfTargets)}" : string.Empty);
}
