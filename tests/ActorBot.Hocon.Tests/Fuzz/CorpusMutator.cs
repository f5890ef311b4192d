using System.Text;

namespace ActorBot.Hocon.Tests.Fuzz;

/// <summary>
/// Deterministic mutations of HOCON text that aim at the parser's decision points: structural
/// characters, quotes, substitutions, comments, includes, truncation and duplicated slices.
/// </summary>
internal sealed class CorpusMutator
{
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "=", "+=", "\"", "\"\"\"", "${", "${?", "}", "$", "\n", "\r\n", " ", "\t",
        "//", "#", ".", "..", "\\", "\\u12", "include ", "include required(\"", "file(", ")", "null", "true",
        "1e999", "-", "0x", "\uFEFF", "\u0000", "\uD800", "a.b.c", "${a}", "${?x}", "${a.b}", "10 s", "[${a}]",
    ];

    private readonly Random _random;

    public CorpusMutator(int seed)
    {
        _random = new Random(seed);
    }

    public string Mutate(string text)
    {
        var sb = new StringBuilder(text);
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var position = sb.Length == 0 ? 0 : _random.Next(sb.Length + 1);
            switch (_random.Next(6))
            {
                case 0:
                    sb.Insert(position, Fragments[_random.Next(Fragments.Length)]);
                    break;
                case 1 when sb.Length > 0:
                    sb.Remove(Math.Min(position, sb.Length - 1), Math.Min(1 + _random.Next(8), sb.Length - Math.Min(position, sb.Length - 1)));
                    break;
                case 2 when sb.Length > 0:
                    sb[Math.Min(position, sb.Length - 1)] = (char)_random.Next(0x20, 0x7F);
                    break;
                case 3:
                    sb.Length = position;
                    break;
                case 4 when sb.Length > 0:
                    var start = _random.Next(sb.Length);
                    var length = Math.Min(1 + _random.Next(64), sb.Length - start);
                    sb.Insert(position, sb.ToString(start, length));
                    break;
                default:
                    sb.Insert(position, (char)_random.Next(0, 0x3000));
                    break;
            }
        }

        return sb.ToString();
    }
}
