using System.Globalization;

namespace ActorBot.Domain.OrderBook;

/// <summary>
/// Prices and quantities of the order book as <see cref="long"/> in units of 1e-8.
/// Why: the book is updated millions of times per second; integer compares and moves are several
/// times cheaper than <see cref="decimal"/>, and every Binance USDⓈ-M price and quantity has at most
/// 8 decimals, so the conversion is exact. Conversion to <see cref="decimal"/> is exact too.
/// </summary>
public static class Fixed8
{
    public const long Scale = 100_000_000L;

    /// <summary>Largest integer part accepted: keeps value × 1e8 inside <see cref="long"/>.</summary>
    private const long MaxIntegerPart = 92_233_720_368L;

    /// <summary>
    /// Parses an unsigned ASCII decimal such as <c>28145.10</c> (no sign, no exponent). Digits past
    /// the eighth decimal are accepted only when they are zeros, so no value is ever rounded.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        long integer = 0;
        var i = 0;
        var digits = 0;
        for (; i < text.Length; i++)
        {
            var d = text[i] - (byte)'0';
            if ((uint)d > 9)
            {
                break;
            }

            integer = (integer * 10) + d;
            if (integer > MaxIntegerPart)
            {
                return false;
            }

            digits++;
        }

        long fraction = 0;
        var fractionDigits = 0;
        if (i < text.Length)
        {
            if (text[i] != (byte)'.')
            {
                return false;
            }

            i++;
            for (; i < text.Length; i++)
            {
                var d = text[i] - (byte)'0';
                if ((uint)d > 9)
                {
                    return false;
                }

                if (fractionDigits < 8)
                {
                    fraction = (fraction * 10) + d;
                    fractionDigits++;
                }
                else if (d != 0)
                {
                    return false;
                }

                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        for (var k = fractionDigits; k < 8; k++)
        {
            fraction *= 10;
        }

        var scaled = (integer * Scale) + fraction;
        if (scaled < 0)
        {
            return false;
        }

        value = scaled;
        return true;
    }

    /// <summary>Parses a UTF-16 string (CLI input, tests); same grammar as the byte overload.</summary>
    public static bool TryParse(string text, out long value)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (text.Length > buffer.Length)
        {
            value = 0;
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c > 127)
            {
                value = 0;
                return false;
            }

            buffer[i] = (byte)c;
        }

        return TryParse(buffer[..text.Length], out value);
    }

    /// <summary>Exact conversion: a decimal with scale 8.</summary>
    public static decimal ToDecimal(long value)
    {
        var negative = value < 0;
        var magnitude = negative ? (ulong)(-value) : (ulong)value;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, 8);
    }

    /// <summary>Exact conversion from a decimal with at most 8 decimals; false when it would round or overflow.</summary>
    public static bool TryFromDecimal(decimal value, out long result)
    {
        result = 0;
        var scaled = value * Scale;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            return false;
        }

        result = (long)scaled;
        return true;
    }

    /// <summary>Canonical text: invariant culture, no trailing zeros (<c>28145.1</c>, <c>0.002</c>, <c>5</c>).</summary>
    public static string Format(long value)
    {
        var text = ToDecimal(value).ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.'))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text;
    }
}
