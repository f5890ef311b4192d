using System.Globalization;
using ActorBot.Domain.Barriers;
using ActorBot.Domain.Paper;
using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Symbols;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ActorBot.Engine.Replay;

/// <summary>Where the trades come from: data.binance.vision aggTrades (csv/zip) or raw @trade recordings (gz).</summary>
public enum TradeFileFormat
{
    AggTrades,
    RawTrades,
}

/// <summary>
/// The strategy config of a replay (<c>configs/snap_harvester_btc.yaml</c>). Read strictly: an unknown key,
/// a wrong type, an out-of-range value or a missing file is a <see cref="ReplayConfigException"/> naming the
/// file, the key and (for YAML errors) the line. Relative paths are relative to the config file's folder.
/// </summary>
public sealed record ReplayConfig(
    string SourcePath,
    string Symbol,
    TradeFileFormat Format,
    string Contract,
    IReadOnlyList<string> DataFiles,
    FeatureMode FeatureMode,
    ShockFlipParameters Detector,
    BarrierGeometry Geometry,
    int MaxConcurrentTrades,
    double MinProb,
    string RegistryDirectory,
    FillSettings Fills,
    TimeSpan StaleTimeout,
    TimeSpan BarCloseGrace,
    int BatchMaxTrades)
{
    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        [""] = ["symbol", "data", "features", "detector", "barriers", "routing", "models", "fills", "safe_pause", "replay"],
        ["data"] = ["format", "contract", "files"],
        ["features"] = ["mode"],
        ["detector"] = ["z_band", "jump_band", "z_window", "donchian_window", "atr_window", "causal_stat_window"],
        ["barriers"] = ["preset", "max_concurrent"],
        ["routing"] = ["min_prob"],
        ["models"] = ["registry"],
        ["fills"] = ["taker_fee_bps", "slippage_bps", "notional_usd"],
        ["safe_pause"] = ["stale_timeout_sec"],
        ["replay"] = ["batch_max_trades", "bar_close_grace_ms"],
    };

    /// <summary>
    /// The strategy part of the same file for the running service (<c>actorbot.strategy.profile</c>): detector,
    /// barriers, routing, models, fills. Its <c>data</c> section, if any, is not required and not read.
    /// </summary>
    public static ReplayConfig LoadProfile(string path) => Load(path, requireData: false);

    public static ReplayConfig Load(string path) => Load(path, requireData: true);

    private static ReplayConfig Load(string path, bool requireData)
    {
        if (!File.Exists(path))
        {
            throw new ReplayConfigException($"{path}: config file not found.");
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }

            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw new ReplayConfigException($"{path}: the file must hold one YAML mapping (key: value lines).");
        }
        catch (YamlException ex)
        {
            throw new ReplayConfigException($"{path}: invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        var r = new Reader(path, root);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var detector = ShockFlipParameters.Default with
        {
            ZBand = r.Double("detector", "z_band") ?? ShockFlipParameters.Default.ZBand,
            JumpBand = r.Double("detector", "jump_band") ?? ShockFlipParameters.Default.JumpBand,
            ZWindow = r.Int("detector", "z_window") ?? ShockFlipParameters.Default.ZWindow,
            DonchianWindow = r.Int("detector", "donchian_window") ?? ShockFlipParameters.Default.DonchianWindow,
            AtrWindow = r.Int("detector", "atr_window") ?? ShockFlipParameters.Default.AtrWindow,
            CausalStatWindow = r.Int("detector", "causal_stat_window") ?? ShockFlipParameters.Default.CausalStatWindow,
        };
        var config = new ReplayConfig(
            path,
            r.String("", "symbol") ?? (requireData ? throw r.Missing("symbol") : "ANY"),
            (r.String("data", "format") ?? "aggtrades") switch
            {
                "aggtrades" => TradeFileFormat.AggTrades,
                "raw_trades" => TradeFileFormat.RawTrades,
                var other => throw r.Bad("data.format", $"'{other}' is not known (aggtrades, raw_trades)"),
            },
            r.String("data", "contract") ?? "linear",
            requireData ? r.StringList("data", "files").Select(f => Path.GetFullPath(Path.Combine(dir, f))).ToList() : [],
            (r.String("features", "mode") ?? "causal") switch
            {
                "causal" => FeatureMode.Causal,
                "research" => throw r.Bad("features.mode", "'research' is offline parity only (actorbot model export-features --mode research); replay trades on causal features"),
                var other => throw r.Bad("features.mode", $"'{other}' is not known (causal)"),
            },
            detector,
            BarrierGeometry.Strategy,
            r.Int("barriers", "max_concurrent") ?? 1,
            r.Double("routing", "min_prob") ?? throw r.Missing("routing.min_prob"),
            Path.GetFullPath(Path.Combine(dir, r.String("models", "registry") ?? throw r.Missing("models.registry"))),
            new FillSettings(r.Double("fills", "taker_fee_bps") ?? 0, r.Double("fills", "slippage_bps") ?? 0, r.Double("fills", "notional_usd") ?? 1000),
            TimeSpan.FromSeconds(r.Double("safe_pause", "stale_timeout_sec") ?? 120),
            TimeSpan.FromMilliseconds(r.Int("replay", "bar_close_grace_ms") ?? 0),
            r.Int("replay", "batch_max_trades") ?? 4096);
        try
        {
            config = config with { Geometry = BarrierGeometry.ByName(r.String("barriers", "preset") ?? "strategy") };
            config.Detector.Validate();
            config.Fills.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ReplayConfigException($"{path}: {ex.Message}", ex);
        }

        return config.Validate(requireData);
    }

    /// <summary>Range checks that name the key; also applied after command-line overrides.</summary>
    public ReplayConfig Validate() => Validate(requireData: true);

    private ReplayConfig Validate(bool requireData)
    {
        if (string.IsNullOrWhiteSpace(Symbol) || !Symbol.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ReplayConfigException($"{SourcePath}: symbol '{Symbol}' must be upper-case letters, digits and '_' (e.g. BTCUSD_PERP).");
        }

        if (Contract is not ("linear" or "inverse-100usd"))
        {
            throw new ReplayConfigException($"{SourcePath}: data.contract '{Contract}' is not known (linear, inverse-100usd).");
        }

        if (requireData && DataFiles.Count == 0)
        {
            throw new ReplayConfigException($"{SourcePath}: data.files lists no file (or pass --data).");
        }

        foreach (var f in DataFiles.Where(f => !File.Exists(f)))
        {
            throw new ReplayConfigException($"{SourcePath}: data file {f} not found.");
        }

        if (!Directory.Exists(RegistryDirectory))
        {
            throw new ReplayConfigException($"{SourcePath}: models.registry {RegistryDirectory} is not a directory.");
        }

        if (!double.IsFinite(MinProb) || MinProb < 0 || MinProb > 1)
        {
            throw new ReplayConfigException($"{SourcePath}: routing.min_prob {MinProb.ToString(CultureInfo.InvariantCulture)} must be within [0, 1].");
        }

        if (MaxConcurrentTrades < 1 || BatchMaxTrades < 1 || StaleTimeout <= TimeSpan.Zero || BarCloseGrace < TimeSpan.Zero)
        {
            throw new ReplayConfigException($"{SourcePath}: barriers.max_concurrent and replay.batch_max_trades must be at least 1, safe_pause.stale_timeout_sec positive, replay.bar_close_grace_ms not negative.");
        }

        return this;
    }

    /// <summary>Typed, strict access to the two-level mapping; unknown keys are refused up front.</summary>
    private sealed class Reader
    {
        private readonly string _path;
        private readonly YamlMappingNode _root;

        public Reader(string path, YamlMappingNode root)
        {
            _path = path;
            _root = root;
            foreach (var (k, v) in root.Children)
            {
                var key = Key(k);
                if (!Known[""].Contains(key))
                {
                    throw Bad(key, $"unknown key (known: {string.Join(", ", Known[""])})", k);
                }

                if (key != "symbol" && !IsEmpty(v))
                {
                    if (v is not YamlMappingNode section)
                    {
                        throw Bad(key, "must be a mapping of keys", v);
                    }

                    foreach (var (sk, _) in section.Children)
                    {
                        if (!Known[key].Contains(Key(sk)))
                        {
                            throw Bad($"{key}.{Key(sk)}", $"unknown key (known: {string.Join(", ", Known[key])})", sk);
                        }
                    }
                }
            }
        }

        public ReplayConfigException Missing(string key) => new($"{_path}: required key '{key}' is missing.");

        public ReplayConfigException Bad(string key, string why, YamlNode? node = null) =>
            new(node is null ? $"{_path}: {key}: {why}." : $"{_path}: {key} (line {node.Start.Line}): {why}.");

        public string? String(string section, string key) => Scalar(section, key)?.Value;

        public double? Double(string section, string key)
        {
            var s = Scalar(section, key);
            if (s is null)
            {
                return null;
            }

            return double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v
                : throw Bad(Name(section, key), $"'{s.Value}' is not a number", s);
        }

        public int? Int(string section, string key)
        {
            var s = Scalar(section, key);
            if (s is null)
            {
                return null;
            }

            return int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw Bad(Name(section, key), $"'{s.Value}' is not a whole number", s);
        }

        public IReadOnlyList<string> StringList(string section, string key)
        {
            var node = Node(section, key);
            return node switch
            {
                null => [],
                YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode { Value: { } v } ? v : throw Bad(Name(section, key), "must list file paths", c)).ToList(),
                _ => throw Bad(Name(section, key), "must be a list", node),
            };
        }

        // A section left with only comments (e.g. "routing:") is an empty mapping, so its keys read as missing.
        private static bool IsEmpty(YamlNode node) => node is YamlScalarNode { Value: null or "" };

        private static string Name(string section, string key) => section.Length == 0 ? key : $"{section}.{key}";

        private static string Key(YamlNode k) => k is YamlScalarNode { Value: { } v } ? v : string.Empty;

        private YamlScalarNode? Scalar(string section, string key)
        {
            var node = Node(section, key);
            return node switch
            {
                null => null,
                YamlScalarNode s => s,
                _ => throw Bad(Name(section, key), "must be a single value", node),
            };
        }

        private YamlNode? Node(string section, string key)
        {
            var map = _root;
            if (section.Length > 0)
            {
                if (!_root.Children.TryGetValue(new YamlScalarNode(section), out var s) || IsEmpty(s))
                {
                    return null;
                }

                map = (YamlMappingNode)s;
            }

            return map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
        }
    }
}
