using System.Globalization;

namespace ActorBot.Hocon.Units;

/// <summary>
/// HOCON sizes in bytes (HOCON.md "Size in bytes format"): SI units are powers of 1000 (kB, MB,
/// GB, ... and kilobyte, megabyte, ...), binary units powers of 1024 (K/k/Ki/KiB, M/m/Mi/MiB, ...
/// and kibibyte, mebibyte, ...). "KB" is accepted as the SI kilobyte like MB and GB. A bare
/// number is bytes.
/// </summary>
public static class HoconByteSize
{
    private static readonly Dictionary<string, decimal> Units = BuildUnits();

    public static long Parse(string text)
    {
        if (!TryParse(text, out var value))
        {
            throw new FormatException($"'{text}' is not a size in bytes: expected a number with an optional unit (B, kB/KB, K/KiB, MB, M/MiB, GB, G/GiB, ...; e.g. 512 KiB, 10MB)");
        }

        return value;
    }

    public static bool TryParse(string text, out long value)
    {
        value = 0;
        var (number, unit) = UnitSplitter.Split(text);
        if (number.Length == 0 || !decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        if (!Units.TryGetValue(unit.Length == 0 ? "B" : unit, out var multiplier))
        {
            return false;
        }

        try
        {
            var bytes = decimal.Round(amount * multiplier);
            if (bytes > long.MaxValue || bytes < long.MinValue)
            {
                return false;
            }

            value = (long)bytes;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal multiplier, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = multiplier;
            }
        }

        Add(1, "B", "b", "byte", "bytes");
        var prefixes = new[]
        {
            (Si: "k", Binary: "K", Long: "kilo", BinaryLong: "kibi"),
            (Si: "M", Binary: "M", Long: "mega", BinaryLong: "mebi"),
            (Si: "G", Binary: "G", Long: "giga", BinaryLong: "gibi"),
            (Si: "T", Binary: "T", Long: "tera", BinaryLong: "tebi"),
            (Si: "P", Binary: "P", Long: "peta", BinaryLong: "pebi"),
            (Si: "E", Binary: "E", Long: "exa", BinaryLong: "exbi"),
        };
        decimal si = 1;
        decimal binary = 1;
        foreach (var p in prefixes)
        {
            si *= 1000;
            binary *= 1024;
            Add(si, p.Si + "B", p.Long + "byte", p.Long + "bytes");
            Add(binary, p.Binary, p.Binary.ToLowerInvariant(), p.Binary + "i", p.Binary + "iB", p.BinaryLong + "byte", p.BinaryLong + "bytes");
        }

        Add(1000, "KB");
        return units;
    }
}
