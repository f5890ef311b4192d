using System.Globalization;
using ActorBot.Domain.Models;

namespace ActorBot.Models.Scoring;

/// <summary>A CSV the scorer cannot use (missing feature column, ragged row, quoted fields).</summary>
public sealed class CsvInputException : Exception
{
    public CsvInputException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Scores a CSV whose header names the model's features (any order, extra columns kept) and writes
/// every input row back with a <c>p</c> column (round-trip "R" formatting). Values are parsed with
/// the invariant culture; a non-numeric value becomes NaN and then 0 under the model's input
/// contract (SPEC §7.1). A missing feature column is an error unless <c>allowMissing</c>, in which
/// case it is 0.0 as the research encoder does. Quoted fields are not supported.
/// </summary>
public static class CsvScorer
{
    public static int Score(TextReader input, TextWriter output, IProbabilityModel model, string inputName, bool allowMissing)
    {
        var headerLine = input.ReadLine() ?? throw new CsvInputException($"{inputName}: the file is empty; a header naming the model's features is required.");
        var header = SplitLine(headerLine, inputName, 1);
        if (header.Contains("p"))
        {
            throw new CsvInputException($"{inputName}: the input already has a 'p' column.");
        }

        var names = model.Schema.Names;
        var index = new int[names.Count];
        for (var k = 0; k < names.Count; k++)
        {
            index[k] = Array.IndexOf(header, names[k]);
            if (index[k] < 0 && !allowMissing)
            {
                throw new CsvInputException($"{inputName}: column '{names[k]}' (feature {k} of model '{model.Id}') is missing from the header.");
            }
        }

        output.Write(headerLine.TrimEnd('\r'));
        output.Write(",p\n");
        var x = new double[names.Count];
        var rows = 0;
        var lineNo = 1;
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var cols = SplitLine(line, inputName, lineNo);
            if (cols.Length != header.Length)
            {
                throw new CsvInputException($"{inputName}: line {lineNo} has {cols.Length} fields, the header has {header.Length}.");
            }

            for (var k = 0; k < x.Length; k++)
            {
                x[k] = index[k] < 0
                    ? 0.0
                    : double.TryParse(cols[index[k]], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
            }

            var p = model.PredictProbability(x);
            output.Write(line.TrimEnd('\r'));
            output.Write(',');
            output.Write(p.ToString("R", CultureInfo.InvariantCulture));
            output.Write('\n');
            rows++;
        }

        return rows;
    }

    private static string[] SplitLine(string line, string inputName, int lineNo)
    {
        if (line.Contains('"'))
        {
            throw new CsvInputException($"{inputName}: line {lineNo} uses quoted fields, which are not supported.");
        }

        return line.TrimEnd('\r').Split(',');
    }
}
