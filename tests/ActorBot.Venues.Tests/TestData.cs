namespace ActorBot.Venues.Tests;

/// <summary>Paths of the recorded data copied next to the test assembly (see Data/SOURCES.md).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "Data", .. parts]);

    public static string BtcDay1 => Path("hftbacktest", "btcusdt_20230404.dat.gz");

    public static string BtcDay2 => Path("hftbacktest", "btcusdt_20230405.dat.gz");

    public static string CryptofeedHttp => Path("cryptofeed", "BINANCE_FUTURES.http.0.0.gz");

    public static string CryptofeedWs => Path("cryptofeed", "BINANCE_FUTURES.ws.1.0.gz");

    public static string CryptofeedExchangeInfo => Path("cryptofeed", "BINANCE_FUTURES.0.gz");

    public static byte[] Nautilus(string relative) => File.ReadAllBytes(Path("nautilus", relative));
}
