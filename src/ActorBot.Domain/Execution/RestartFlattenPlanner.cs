namespace ActorBot.Domain.Execution;

/// <summary>
/// Restart-flatten (DESIGN.md), run on start and on every restart of <c>/execution</c> before it accepts
/// an intent. Order of actions, and why:
/// 1. cancel every open order and algo order the journal does not own (nothing we cannot explain stays);
/// 2. cancel our own regular orders still open (entries are MARKET, so a resting one is stale; if it
///    filled later it would open a position without brackets);
/// 3. per position, policy <see cref="RestartPolicy.Flatten"/>: close it reduce-only first, then cancel its
///    brackets (the brackets protect it until the close is sent; left on a flat position they are inert);
///    policy <see cref="RestartPolicy.Adopt"/>: keep it and place whichever of SL / TP is missing, from the
///    journaled targets — a position without targets is flattened, never left unprotected;
/// 4. cancel our algo orders on symbols with no position (orphaned brackets).
/// </summary>
public static class RestartFlattenPlanner
{
    public static RestartReport Plan(RestartSnapshot snapshot, RestartPolicy policy, string strategy, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var owned = snapshot.Journal.ToDictionary(o => o.ClientId, StringComparer.Ordinal);
        var actions = new List<RestartAction>();
        var foreign = 0;

        foreach (var o in snapshot.OpenOrders.OrderBy(o => o.Symbol, StringComparer.Ordinal).ThenBy(o => o.ClientOrderId, StringComparer.Ordinal))
        {
            if (!owned.ContainsKey(o.ClientOrderId))
            {
                actions.Add(new CancelOrderAction(o.Symbol, o.ClientOrderId, "not in journal"));
                foreign++;
            }
            else
            {
                actions.Add(new CancelOrderAction(o.Symbol, o.ClientOrderId, "stale own order at restart"));
            }
        }

        var ownAlgo = new List<VenueAlgoOrder>();
        foreach (var a in snapshot.OpenAlgoOrders.OrderBy(a => a.Symbol, StringComparer.Ordinal).ThenBy(a => a.ClientAlgoId, StringComparer.Ordinal))
        {
            if (owned.ContainsKey(a.ClientAlgoId))
            {
                ownAlgo.Add(a);
            }
            else
            {
                actions.Add(new CancelAlgoOrderAction(a.Symbol, a.ClientAlgoId, "not in journal"));
                foreign++;
            }
        }

        var flattened = new List<string>();
        var adopted = new List<string>();
        var noTargets = new List<string>();
        var bracketsCanceled = 0;
        var bracketsAttached = 0;
        var targets = snapshot.Targets.ToDictionary(t => t.Symbol, StringComparer.Ordinal);
        var positions = snapshot.Positions.Where(p => p.SignedQuantity != 0).OrderBy(p => p.Symbol, StringComparer.Ordinal).ToList();

        foreach (var p in positions)
        {
            var direction = p.SignedQuantity > 0 ? TradeDirection.Long : TradeDirection.Short;
            var brackets = ownAlgo.Where(a => a.Symbol == p.Symbol).ToList();
            if (policy == RestartPolicy.Adopt && targets.TryGetValue(p.Symbol, out var t))
            {
                adopted.Add(p.Symbol);
                foreach (var leg in new[] { OrderLeg.StopLoss, OrderLeg.TakeProfit })
                {
                    if (brackets.Any(b => owned[b.ClientAlgoId].Leg == leg))
                    {
                        continue;
                    }

                    actions.Add(new PlaceBracketAction(new ConditionalOrder(
                        p.Symbol,
                        direction.ExitSide(),
                        leg == OrderLeg.StopLoss ? ConditionalOrderType.StopMarket : ConditionalOrderType.TakeProfitMarket,
                        leg == OrderLeg.StopLoss ? t.StopTrigger : t.TakeProfitTrigger,
                        Math.Abs(p.SignedQuantity),
                        ReduceOnly: true,
                        ClosePosition: false,
                        WorkingType.MarkPrice,
                        ClientOrderId.Create(strategy, p.Symbol, t.SignalTimeMs, leg, attempt: 1),
                        leg)));
                    bracketsAttached++;
                }

                continue;
            }

            if (policy == RestartPolicy.Adopt)
            {
                noTargets.Add(p.Symbol);
            }

            flattened.Add(p.Symbol);
            // The venue's position is already on its step; closing exactly that leaves no dust behind.
            var qty = Math.Abs(p.SignedQuantity);
            actions.Add(new FlattenAction(p.Symbol, direction.ExitSide(), qty, ClientOrderId.Create(strategy, p.Symbol, nowMs, OrderLeg.Flatten)));
            foreach (var b in brackets)
            {
                actions.Add(new CancelAlgoOrderAction(b.Symbol, b.ClientAlgoId, "position flattened at restart"));
                bracketsCanceled++;
            }
        }

        var positionSymbols = positions.Select(p => p.Symbol).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in ownAlgo.Where(a => !positionSymbols.Contains(a.Symbol)))
        {
            actions.Add(new CancelAlgoOrderAction(orphan.Symbol, orphan.ClientAlgoId, "bracket without a position"));
            bracketsCanceled++;
        }

        return new RestartReport(policy, actions, foreign, flattened, adopted, bracketsCanceled, bracketsAttached, noTargets);
    }
}
