namespace ActorBot.Venues.Simulator.Engine;

/// <summary>The engine's answer: a JSON body with its HTTP status (errors use Binance's <c>{code,msg}</c>).</summary>
public sealed record EngineResult(int HttpStatus, string Json)
{
    public static EngineResult Error(int code, string message, int httpStatus = 400) =>
        new(httpStatus, $"{{\"code\":{code},\"msg\":{System.Text.Json.JsonSerializer.Serialize(message)}}}");
}
