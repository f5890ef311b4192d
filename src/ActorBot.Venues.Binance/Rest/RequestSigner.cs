using System.Security.Cryptography;
using System.Text;

namespace ActorBot.Venues.Binance.Rest;

/// <summary>Binance's SIGNED-endpoint signature: lowercase hex HMAC-SHA256 of the exact query string, keyed by the secret.</summary>
public static class RequestSigner
{
    public static string Sign(string secret, string queryString)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(queryString));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Constant-time check (the simulator verifies signatures with it).</summary>
    public static bool Verify(string secret, string queryString, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, queryString));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
