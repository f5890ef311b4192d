using ActorBot.Engine.Liquidations;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using Akka.Actor;

namespace ActorBot.Engine.Venues;

/// <summary>
/// The <c>/public</c> stream's <c>depthUpdate</c> frames, on the stream client's receive loop: decodes each one into a
/// reused frame (failures counted by the decoder in <c>decode_errors_total</c>), copies its levels out and tells the
/// owning market actor — by message only — a <see cref="DepthDiffReceived"/> naming that actor as the snapshot source.
/// Nothing thrown here may reach the client's loop.
/// </summary>
public sealed class DepthFeed
{
    private readonly string _venue;
    private readonly DepthUpdateDecoder _decoder;
    private readonly DepthUpdateFrame _frame = new();
    private readonly IActorRef _owner;
    private readonly object _gate = new();

    public DepthFeed(string venue, DecodeErrorCounter errors, IActorRef owner)
    {
        _venue = venue;
        _decoder = new DepthUpdateDecoder(errors);
        _owner = owner;
    }

    /// <summary>Whether a stream's frames are this feed's: <c>{symbol}@depth</c> with or without a speed suffix.</summary>
    public static bool Handles(string stream) => stream.Contains("@depth", StringComparison.Ordinal);

    public void OnFrame(ReadOnlySpan<byte> frame)
    {
        // One reused frame; the lock keeps it whole should two route loops ever carry depth.
        lock (_gate)
        {
            if (!_decoder.TryDecode(frame, _frame, out _))
            {
                return;
            }

            _owner.Tell(new DepthDiffReceived(_venue, _frame.Symbol, _frame.Header, _frame.Bids.ToArray(), _frame.Asks.ToArray(), _owner));
        }
    }
}
