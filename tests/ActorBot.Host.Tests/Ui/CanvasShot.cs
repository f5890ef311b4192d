using BigGustave;

namespace ActorBot.Host.Tests.Ui;

/// <summary>A plot rectangle in canvas pixels, as the page reports it (<c>data-liq-plot="x,y,w,h"</c>).</summary>
internal readonly record struct Plot(int X, int Y, int W, int H)
{
    public static Plot Parse(string text)
    {
        var p = text.Split(',').Select(int.Parse).ToArray();
        return new Plot(p[0], p[1], p[2], p[3]);
    }
}

/// <summary>
/// Counts the pixels of a canvas screenshot (PNG, decoded by BigGustave) by the page's palette (heatmap.js): the heat
/// ramps are the background blended toward orange (long), cyan (short), green (bids), red (asks); the zone marks are
/// two exact, opaque colours.
/// </summary>
internal sealed class CanvasShot(byte[] png)
{
    private readonly Png _png = Png.Open(png);

    public int Width => _png.Width;

    public int Height => _png.Height;

    public int Count(Plot plot, Func<byte, byte, byte, bool> match)
    {
        var n = 0;
        for (var y = plot.Y; y < Math.Min(plot.Y + plot.H, _png.Height); y++)
        {
            for (var x = plot.X; x < Math.Min(plot.X + plot.W, _png.Width); x++)
            {
                var p = _png.GetPixel(x, y);
                if (match(p.R, p.G, p.B))
                {
                    n++;
                }
            }
        }

        return n;
    }

    // Background (11,14,20) + a·(255,140,0): red leads, blue stays at or under the background's.
    public static bool LongHeat(byte r, byte g, byte b) => r - b > 40 && r > g && b <= 20;

    // Background + a·(0,200,255): blue leads, red stays at or under the background's.
    public static bool ShortHeat(byte r, byte g, byte b) => b - r > 40 && b > g && r <= 11;

    public static bool BidHeat(byte r, byte g, byte b) => g - r > 40 && g > b && r <= 11;

    public static bool AskHeat(byte r, byte g, byte b) => r - g > 40 && b > 20 && b < r;

    public static bool LongZone(byte r, byte g, byte b) => r == 0xff && g == 0x2d && b == 0x95;

    public static bool ShortZone(byte r, byte g, byte b) => r == 0x39 && g == 0xff && b == 0x14;
}
