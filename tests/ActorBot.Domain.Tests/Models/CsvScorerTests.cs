using System.Globalization;
using ActorBot.Domain.Tests.Support;
using ActorBot.Models.Registry;
using ActorBot.Models.Scoring;

namespace ActorBot.Domain.Tests.Models;

/// <summary>The logic behind <c>actorbot model score</c>.</summary>
public sealed class CsvScorerTests : IDisposable
{
    private readonly OnnxProbabilityModel _model =
        ModelLoader.LoadOnnxFile(Path.Combine(TestData.RegistryDir, "snap_hgb_2024_btc_agg", "model.onnx"));

    public void Dispose() => _model.Dispose();

    [Fact(DisplayName = "Scoring a CSV of the shared vectors (columns shuffled, extras kept) writes p that round-trips to ONNX Runtime's committed p_hat_ort exactly")]
    public void ScoresVectors()
    {
        var vectors = ModelVectors.All.Take(50).ToList();
        var names = ModelVectors.FeatureNames.Reverse().ToArray();
        var lines = new List<string> { "key," + string.Join(',', names) };
        lines.AddRange(vectors.Select(v => v.Key + "," + string.Join(',', names.Select(n => v.Inputs[Array.IndexOf(ModelVectors.FeatureNames, n)].ToString("R", CultureInfo.InvariantCulture)))));
        var output = new StringWriter();
        CsvScorer.Score(new StringReader(string.Join('\n', lines)), output, _model, "in.csv", allowMissing: false).Should().Be(50);
        var rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows[0].Should().Be(lines[0] + ",p");
        for (var i = 0; i < vectors.Count; i++)
        {
            rows[i + 1].Should().StartWith(lines[i + 1] + ",");
            var p = double.Parse(rows[i + 1].Split(',')[^1], CultureInfo.InvariantCulture);
            p.Should().Be(vectors[i].POrt);
        }
    }

    [Fact(DisplayName = "A missing feature column is refused by name unless --allow-missing makes it 0.0; a non-numeric value scores as 0")]
    public void MissingAndNonNumeric()
    {
        var v = ModelVectors.All[0];
        var header = string.Join(',', ModelVectors.FeatureNames.Where(n => n != "atr_pct"));
        var values = string.Join(',', ModelVectors.FeatureNames.Select((n, i) => (n, i)).Where(x => x.n != "atr_pct").Select(x => v.Inputs[x.i].ToString("R", CultureInfo.InvariantCulture)));
        var act = () => CsvScorer.Score(new StringReader(header + "\n" + values), new StringWriter(), _model, "in.csv", allowMissing: false);
        act.Should().Throw<CsvInputException>().WithMessage("in.csv: column 'atr_pct' (feature 6 *) is missing from the header.");

        var zeroed = (double[])v.Inputs.Clone();
        zeroed[6] = 0.0;
        var output = new StringWriter();
        CsvScorer.Score(new StringReader(header + "\n" + values), output, _model, "in.csv", allowMissing: true);
        double.Parse(output.ToString().Split('\n')[1].Split(',')[^1], CultureInfo.InvariantCulture).Should().Be(_model.PredictProbability(zeroed));

        var text = string.Join(',', ModelVectors.FeatureNames) + "\n" + string.Join(',', v.Inputs.Select((x, i) => i == 6 ? "n/a" : x.ToString("R", CultureInfo.InvariantCulture)));
        output = new StringWriter();
        CsvScorer.Score(new StringReader(text), output, _model, "in.csv", allowMissing: false);
        double.Parse(output.ToString().Split('\n')[1].Split(',')[^1], CultureInfo.InvariantCulture).Should().Be(_model.PredictProbability(zeroed));
    }

    [Fact(DisplayName = "Ragged rows and quoted fields are refused with the line number")]
    public void BadCsv()
    {
        var header = string.Join(',', ModelVectors.FeatureNames);
        var ragged = () => CsvScorer.Score(new StringReader(header + "\n1,2,3"), new StringWriter(), _model, "in.csv", false);
        ragged.Should().Throw<CsvInputException>().WithMessage("in.csv: line 2 has 3 fields, the header has 24.");
        var quoted = () => CsvScorer.Score(new StringReader(header + "\n\"1\",2"), new StringWriter(), _model, "in.csv", false);
        quoted.Should().Throw<CsvInputException>().WithMessage("in.csv: line 2 uses quoted fields*");
    }
}
