namespace ActorBot.Venues.Binance.Streams;

/// <summary>
/// The routed WebSocket base a USDⓈ-M stream lives on since Binance split <c>fstream</c> (legacy root retired
/// 2026-04-23): high-frequency book data on <c>/public</c>, regular market data on <c>/market</c>, user data on
/// <c>/private</c>.
/// </summary>
public enum StreamRouteKind
{
    Public,
    Market,
    Private,
}
