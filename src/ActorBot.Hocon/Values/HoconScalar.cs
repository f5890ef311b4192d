using System.Globalization;

namespace ActorBot.Hocon.Values;

/// <summary>
/// A string, number, boolean or null. <see cref="Text"/> is the value as written (numbers keep
/// their original spelling so that 1.50 or 10000000000 survive without float rounding).
/// </summary>
public sealed class HoconScalar : HoconValue
{
    public HoconScalar(HoconValueType type, string text, SourcePosition origin)
        : base(origin)
    {
        if (type is HoconValueType.Object or HoconValueType.Array)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "a scalar cannot be an object or array");
        }

        Type = type;
        Text = text;
    }

    public override HoconValueType Type { get; }

    public string Text { get; }

    public static HoconScalar String(string text, SourcePosition origin) => new(HoconValueType.String, text, origin);

    public bool IsNull => Type == HoconValueType.Null;

    /// <summary>The number as a double when the scalar is a number (or a string holding one).</summary>
    public bool TryGetDouble(out double value) =>
        double.TryParse(Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public override string ToString() => Text;
}
