using System.Text;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Recordings;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.UserData;

namespace ActorBot.Venues.Tests.Decoding;

/// <summary>
/// Every recorded payload in Data/nautilus that belongs to an endpoint or stream this adapter uses is
/// decoded by its decoder. Files for endpoints we do not use (ratios, index info, 24h ticker, commission,
/// symbol config, trades, open algo orders REST, funding history, asset index) are listed in <see cref="OutOfScope"/>
/// and must be exactly the remainder, so a new file cannot slip by untested.
/// </summary>
public sealed class RecordedPayloadDecoderTests
{
    private static readonly Dictionary<string, string> Routes = new()
    {
        ["futures/market_data_json/agg_trade_stream.json"] = "aggTrade",
        ["futures/market_data_json/trade_stream.json"] = "trade",
        ["futures/market_data_json/depth_update_stream.json"] = "depth",
        ["futures/market_data_json/book_ticker_stream.json"] = "market",
        ["futures/market_data_json/kline_stream_closed.json"] = "market",
        ["futures/market_data_json/kline_stream_open.json"] = "market",
        ["futures/market_data_json/liquidation_stream.json"] = "market",
        ["futures/market_data_json/mark_price_stream.json"] = "market",
        ["futures/http_json/account_info_v2.json"] = "account",
        ["futures/http_json/balance.json"] = "balance",
        ["futures/http_json/order_response.json"] = "order",
        ["futures/http_json/position_risk.json"] = "positionRisk",
        ["integration/http_responses/http_futures_account_orders.json"] = "orders",
        ["integration/http_responses/http_futures_account_positions_hedge.json"] = "positionRisk",
        ["integration/http_responses/http_futures_account_positions_one_way.json"] = "positionRisk",
        ["integration/http_responses/http_futures_market_agg_trades.json"] = "aggTrades",
        ["integration/http_responses/http_futures_market_depth.json"] = "depthSnapshot",
        ["integration/http_responses/http_futures_market_exchange_info.json"] = "exchangeInfo",
        ["integration/http_responses/http_futures_market_klines.json"] = "klines",
        ["integration/http_responses/http_futures_market_continuous_klines.json"] = "klines",
        ["integration/http_responses/http_futures_market_index_price_klines.json"] = "klines",
        ["integration/http_responses/http_futures_market_mark_price_klines.json"] = "klines",
        ["integration/http_responses/http_futures_market_blvt_nav_kline.json"] = "klines",
        ["integration/http_responses/http_futures_market_open_interest.json"] = "openInterest",
        ["integration/http_responses/http_futures_market_premium_index.json"] = "premiumIndex",
        ["integration/ws_messages/ws_futures_book_ticker.json"] = "market",
        ["integration/ws_messages/ws_futures_depth_diff_update.json"] = "depth",
        ["integration/ws_messages/ws_futures_depth_update.json"] = "depth",
    };

    private static readonly string[] OutOfScope =
    [
        "futures/market_data_json/ticker_stream.json",
        "futures/http_json/open_algo_orders.json",
        "integration/http_responses/http_futures_account_position_side_dual.json",
        "integration/http_responses/http_futures_account_symbol_config.json",
        "integration/http_responses/http_futures_account_trades.json",
        "integration/http_responses/http_futures_market_asset_index.json",
        "integration/http_responses/http_futures_market_book_ticker.json",
        "integration/http_responses/http_futures_market_funding_rate.json",
        "integration/http_responses/http_futures_market_global_long_short_account_ratio.json",
        "integration/http_responses/http_futures_market_historical_trades.json",
        "integration/http_responses/http_futures_market_index_info.json",
        "integration/http_responses/http_futures_market_open_interest_historical.json",
        "integration/http_responses/http_futures_market_taker_long_short_ratio.json",
        "integration/http_responses/http_futures_market_ticker_24hr.json",
        "integration/http_responses/http_futures_market_ticker_price.json",
        "integration/http_responses/http_futures_market_top_long_short_account_ratio.json",
        "integration/http_responses/http_futures_market_top_long_short_position_ratio.json",
        "integration/http_responses/http_futures_market_trades.json",
        "integration/http_responses/http_futures_wallet_commission_rate_btcusdt.json",
        "integration/http_responses/http_futures_wallet_commission_rate_btcusdt_quarterly.json",
        "integration/http_responses/http_futures_wallet_commission_rate_ethusdt.json",
        "integration/ws_messages/ws_futures_ticker_24hr.json",
    ];

    private readonly DecodeErrorCounter _errors = new();

    [Fact(DisplayName = "Every recorded payload file is either decoded by its decoder or explicitly out of scope")]
    public void EveryFileAccountedFor()
    {
        var root = TestData.Path("nautilus");
        var all = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .ToHashSet();
        var userData = all.Where(p => p.Contains("user_data_json/") || p.Contains("ws_futures_order_update") || p.Contains("ws_futures_algo") || p.Contains("trade_lite"));
        var covered = Routes.Keys.Concat(OutOfScope).Concat(userData).ToHashSet();

        all.Except(covered).Should().BeEmpty();
        all.Should().HaveCount(79);
    }

    [Fact(DisplayName = "Every in-scope REST and market payload decodes without error")]
    public void RoutedPayloadsDecode()
    {
        var rest = new RestDecoder(_errors);
        foreach (var (file, route) in Routes)
        {
            var json = TestData.Nautilus(file);
            var ok = route switch
            {
                "aggTrade" => new AggTradeDecoder(_errors).TryDecode(json, out _, out _),
                "trade" => new TradeDecoder(_errors).TryDecode(json, out _, out _),
                "depth" => new DepthUpdateDecoder(_errors).TryDecode(json, new DepthUpdateFrame(), out _),
                "market" => new MarketEventDecoder(_errors).TryDecode(json, out _, out _),
                "account" => rest.TryAccount(json, out _, out _),
                "balance" => rest.TryBalances(json, out _, out _),
                "order" => rest.TryOrder(json, out _, out _),
                "orders" => rest.TryOrders(json, out _, out _),
                "positionRisk" => rest.TryPositionRisk(json, out _, out _),
                "aggTrades" => rest.TryAggTrades(json, out _, out _),
                "depthSnapshot" => new DepthSnapshotDecoder(_errors).TryDecode(json, out _, out _),
                "exchangeInfo" => rest.TryExchangeInfo(json, out _, out _),
                "klines" => rest.TryKlines(json, out _, out _),
                "openInterest" => rest.TryOpenInterest(json, out _, out _),
                "premiumIndex" => rest.TryPremiumIndex(json, out _, out _),
                _ => throw new InvalidOperationException(route),
            };
            ok.Should().BeTrue($"{file} should decode as {route}; errors: {string.Join(", ", _errors.Snapshot())}");
        }

        _errors.Total.Should().Be(0);
    }

    [Fact(DisplayName = "Every recorded user-data event decodes to its typed event, none unhandled")]
    public void UserDataPayloadsDecode()
    {
        var decoder = new UserDataDecoder(_errors);
        var root = TestData.Path("nautilus");
        var files = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories)
            .Where(p => p.Contains("user_data_json") || p.Contains("ws_futures_order_update") || p.Contains("ws_futures_algo") || p.Contains("trade_lite"))
            .ToList();
        files.Should().HaveCount(29);
        foreach (var file in files)
        {
            decoder.TryDecode(File.ReadAllBytes(file), out var ev, out var error).Should().BeTrue($"{file}: {error}");
            ev.Should().NotBeOfType<UnhandledUserDataEvent>(file);
        }
    }

    [Fact(DisplayName = "ORDER_TRADE_UPDATE keeps decimals exact and treats JSON null as absent")]
    public void OrderUpdateFields()
    {
        var decoder = new UserDataDecoder(_errors);
        decoder.TryDecode(TestData.Nautilus("futures/user_data_json/order_update_trade.json"), out var ev, out _).Should().BeTrue();
        var order = ev.Should().BeOfType<OrderTradeUpdate>().Subject;
        order.Price.Should().Be(7100.50m);
        order.LastFilledQuantity.Should().Be(0.001m);
        order.Commission.Should().Be(0.01m);
        order.Status.Should().Be("PARTIALLY_FILLED");
        order.TradeId.Should().Be(12345678);

        decoder.TryDecode(TestData.Nautilus("integration/ws_messages/ws_futures_order_update_liquidation.json"), out ev, out _).Should().BeTrue();
        var liquidation = ev.Should().BeOfType<OrderTradeUpdate>().Subject;
        liquidation.StopPrice.Should().BeNull();
        liquidation.OrderId.Should().Be(9876543210);
    }

    [Fact(DisplayName = "ACCOUNT_UPDATE, TRADE_LITE, ALGO_UPDATE and listenKeyExpired decode with their fields")]
    public void OtherUserEvents()
    {
        var decoder = new UserDataDecoder(_errors);
        decoder.TryDecode(TestData.Nautilus("futures/user_data_json/account_update.json"), out var ev, out _);
        var account = ev.Should().BeOfType<AccountUpdate>().Subject;
        account.Balances.Single().WalletBalance.Should().Be(122624.12345678m);
        account.Positions.Should().HaveCount(3);
        account.Positions[2].PositionAmount.Should().Be(-10m);

        decoder.TryDecode(TestData.Nautilus("integration/ws_messages/ws_futures_trade_lite.json"), out ev, out _);
        ev.Should().BeOfType<TradeLite>().Which.OrderId.Should().Be(8389765739703625592);

        decoder.TryDecode(TestData.Nautilus("integration/ws_messages/ws_futures_algo_update_triggered.json"), out ev, out _);
        var algo = ev.Should().BeOfType<AlgoUpdate>().Subject;
        algo.Status.Should().Be("TRIGGERED");
        algo.TriggerPrice.Should().Be(0.13855m);
        algo.ExchangeOrderId.Should().Be("88937381063");

        decoder.TryDecode("{\"e\":\"listenKeyExpired\",\"E\":1576653824250,\"listenKey\":\"abc\"}"u8, out ev, out _).Should().BeTrue();
        ev.Should().Be(new ListenKeyExpired(1576653824250, "abc"));
    }

    [Fact(DisplayName = "The real exchangeInfo capture decodes 122 symbols with filters and the rate limits")]
    public void RealExchangeInfo()
    {
        var line = RecordingReader.Read(TestData.CryptofeedExchangeInfo).First(l => l.Kind == RecordedLineKind.RestResponse);
        new RestDecoder(_errors).TryExchangeInfo(line.Json.Span, out var info, out var error).Should().BeTrue(error.ToString());
        info!.Symbols.Should().HaveCount(122);
        info.RateLimits.Should().ContainEquivalentOf(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 2400));
        var btc = info.Symbols.Single(s => s.Symbol == "BTCUSDT");
        btc.TickSize.Should().Be(0.01m);
        btc.StepSize.Should().Be(0.001m);
        btc.MinQuantity.Should().Be(0.001m);
        btc.OrderTypes.Should().Contain("STOP_MARKET");
    }

    [Fact(DisplayName = "Every bookTicker, kline and markPrice frame in the live recordings decodes")]
    public void LiveSlowStreams()
    {
        var decoder = new MarketEventDecoder(_errors);
        var counts = new Dictionary<Type, int>();
        foreach (var line in RecordingReader.Read(TestData.CryptofeedWs).Concat(RecordingReader.Read(TestData.BtcDay1)))
        {
            var type = MarketFramePeek.EventType(line.Json.Span, out _);
            if (type is MarketEventType.BookTicker or MarketEventType.Kline or MarketEventType.MarkPriceUpdate)
            {
                decoder.TryDecode(line.Json.Span, out var ev, out var error).Should().BeTrue(error.ToString());
                counts[ev!.GetType()] = counts.GetValueOrDefault(ev.GetType()) + 1;
            }
        }

        counts[typeof(BookTickerEvent)].Should().Be(613 + 6765);
        counts[typeof(KlineEvent)].Should().Be(67);
        counts[typeof(MarkPriceEvent)].Should().Be(99);
    }

    [Fact(DisplayName = "forceOrder decodes the liquidation with side, prices and quantities")]
    public void ForceOrder()
    {
        new MarketEventDecoder(_errors).TryDecode(TestData.Nautilus("futures/market_data_json/liquidation_stream.json"), out var ev, out _).Should().BeTrue();
        var liquidation = ev.Should().BeOfType<ForceOrderEvent>().Subject;
        liquidation.Side.Should().Be("SELL");
        liquidation.AveragePrice.Should().Be(9910.12345678m);
        liquidation.CumulativeFilledQuantity.Should().Be(0.014m);
    }

    [Theory(DisplayName = "Bad REST and user-data payloads give typed, counted errors")]
    [InlineData("order", "{\"orderId\":1", "malformed_json", "$")]
    [InlineData("order", "{\"orderId\":\"abc\",\"symbol\":\"X\"}", "invalid_number", "orderId")]
    [InlineData("order", "{\"orderId\":1}", "missing_field", "symbol")]
    [InlineData("premiumIndex", "{\"symbol\":\"X\",\"markPrice\":\"NaN\"}", "invalid_number", "markPrice")]
    [InlineData("error", "{\"msg\":\"x\"}", "missing_field", "code")]
    [InlineData("orders", "{\"not\":\"an array\"}", "malformed_json", "$")]
    [InlineData("user", "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"T\":1,\"o\":[]}", "invalid_value", "o")]
    [InlineData("user", "", "empty", "$")]
    [InlineData("market", "{\"e\":\"24hrTicker\",\"s\":\"X\"}", "unexpected_event", "e")]
    [InlineData("market", "{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"X\",\"p\":\"1e\",\"i\":\"1\",\"r\":\"0\",\"T\":1}", "invalid_number", "p")]
    public void ErrorPaths(string decoder, string json, string reason, string field)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var rest = new RestDecoder(_errors);
        DecodeError error = default;
        var ok = decoder switch
        {
            "order" => rest.TryOrder(bytes, out _, out error),
            "premiumIndex" => rest.TryPremiumIndex(bytes, out _, out error),
            "error" => rest.TryError(bytes, out _, out error),
            "orders" => rest.TryOrders(bytes, out _, out error),
            "user" => new UserDataDecoder(_errors).TryDecode(bytes, out _, out error),
            "market" => new MarketEventDecoder(_errors).TryDecode(bytes, out _, out error),
            _ => throw new InvalidOperationException(),
        };

        ok.Should().BeFalse();
        error.ReasonLabel.Should().Be(reason);
        error.Field.Should().Be(field);
        _errors.Get(error.Source, reason).Should().Be(1);
    }

    [Fact(DisplayName = "Binance error bodies decode to code and message")]
    public void ErrorBody()
    {
        new RestDecoder(_errors).TryError("{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}"u8, out var e, out _).Should().BeTrue();
        e!.Code.Should().Be(BinanceError.InvalidTimestamp);
    }
}
