using System.Globalization;

namespace ActorBot.Venues.Binance.Rest;

/// <summary>
/// Per-symbol account setup (signed, weight 1): initial leverage (<c>POST /fapi/v1/leverage</c>, 1..125) and margin
/// type (<c>POST /fapi/v1/marginType</c>, ISOLATED or CROSSED). Both are idempotent on the venue, so they may be
/// retried; −4046 "No need to change margin type." means the symbol already has it and is returned as success.
/// </summary>
public sealed partial class BinanceRestClient
{
    public Task<RestResult<LeverageResponse>> SetLeverageAsync(string symbol, int leverage, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "/fapi/v1/leverage", [("symbol", symbol), ("leverage", leverage.ToString(CultureInfo.InvariantCulture))], true, 1, false, true,
            Decode<LeverageResponse>(_decoder.TryLeverage), ct);

    /// <param name="marginType">ISOLATED or CROSSED, as the venue spells them.</param>
    public async Task<RestResult<CodeMessage>> SetMarginTypeAsync(string symbol, string marginType, CancellationToken ct = default)
    {
        var result = await SendAsync(HttpMethod.Post, "/fapi/v1/marginType", [("symbol", symbol), ("marginType", marginType)], true, 1, false, true,
            Decode<CodeMessage>(_decoder.TryCodeMessage), ct).ConfigureAwait(false);
        return result.Error?.Code == BinanceError.NoNeedToChangeMarginType
            ? RestResult<CodeMessage>.Ok(new CodeMessage(result.Error.Code, result.Error.Message))
            : result;
    }
}
