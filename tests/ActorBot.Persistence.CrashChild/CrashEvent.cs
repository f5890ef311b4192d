using System.Security.Cryptography;
using System.Text;

namespace ActorBot.Persistence.CrashChild;

/// <summary>
/// The event the child persists. Everything is derived from the sequence number, so the parent can check each
/// recovered event byte for byte; bodies vary in length so torn writes would show.
/// </summary>
public sealed record CrashEvent(long Seq, string Body, string Digest)
{
    /// <summary>Its stable persistence manifest (registered by both the child and the verifying test).</summary>
    public const string Manifest = "test.crash.event";

    public static CrashEvent For(long seq)
    {
        var body = new string((char)('a' + (seq % 26)), 16 + (int)(seq * 7919 % 600));
        return new CrashEvent(seq, body, DigestOf(seq, body));
    }

    /// <summary>Events are written in atomic groups of 1..3; a group starts at <paramref name="seq"/>.</summary>
    public static int GroupSizeAt(long seq) => 1 + (int)(seq * 31 % 3);

    public static string DigestOf(long seq, string body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{seq}:{body}")));
}
