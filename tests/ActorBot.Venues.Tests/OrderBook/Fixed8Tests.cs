using System.Text;
using ActorBot.Domain.OrderBook;

namespace ActorBot.Venues.Tests.OrderBook;

public sealed class Fixed8Tests
{
    [Theory(DisplayName = "Binance decimal strings parse exactly into 1e-8 units")]
    [InlineData("28145.10", 2_814_510_000_000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("0", 0L)]
    [InlineData("1096926", 109_692_600_000_000L)]
    [InlineData("0.123456780000", 12_345_678L)]
    [InlineData("7.", 700_000_000L)]
    public void Parses(string text, long expected)
    {
        Fixed8.TryParse(Encoding.ASCII.GetBytes(text), out var value).Should().BeTrue();
        value.Should().Be(expected);
        Fixed8.ToDecimal(value).Should().Be(decimal.Parse(text.TrimEnd('.') == string.Empty ? "0" : text.TrimEnd('.'), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory(DisplayName = "Garbage, signs, exponents, NaN, overflow and a 9th non-zero decimal are rejected")]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("-1")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData(".")]
    [InlineData("0.000000001")]
    [InlineData("99999999999999")]
    [InlineData(" 1")]
    public void Rejects(string text)
    {
        Fixed8.TryParse(Encoding.ASCII.GetBytes(text), out _).Should().BeFalse();
    }

    [Fact(DisplayName = "Formatting drops trailing zeros and uses the invariant culture")]
    public void Formats()
    {
        Fixed8.Format(2_814_510_000_000L).Should().Be("28145.1");
        Fixed8.Format(200_000L).Should().Be("0.002");
        Fixed8.Format(500_000_000L).Should().Be("5");
    }
}
