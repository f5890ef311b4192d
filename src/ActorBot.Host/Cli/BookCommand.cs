using System.CommandLine;
using ActorBot.Venues.Binance.Recordings;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot book replay --symbol S --recording F [--recording F…] [--depth N]</c>: rebuilds a book
/// from raw recordings with the live synchroniser and prints one JSON object (see <see cref="BookReplayReport"/>).
/// </summary>
public static class BookCommand
{
    public static Command Build()
    {
        var book = new Command("book", "Order-book tools.");
        var replay = new Command("replay", "Rebuild an order book from raw recordings (read in order as one stream) and print it as JSON.");
        var symbol = new Option<string>("--symbol") { Description = "Symbol, e.g. BTCUSDT.", Required = true };
        var recordings = new Option<string[]>("--recording")
        {
            Description = "Recording file (hftbacktest .gz, cryptofeed ws/http); repeat for several, in order.",
            Required = true,
        }.ExistingFile();
        var depth = new Option<int>("--depth") { Description = "Levels per side to print.", DefaultValueFactory = _ => 10 };
        replay.Options.Add(symbol);
        replay.Options.Add(recordings);
        replay.Options.Add(depth);
        replay.SetAction(parse => BookReplayReport.Run(
            parse.GetValue(symbol)!,
            parse.GetValue(recordings) ?? [],
            parse.GetValue(depth),
            Console.Out,
            Console.Error));
        book.Subcommands.Add(replay);
        return book;
    }
}
