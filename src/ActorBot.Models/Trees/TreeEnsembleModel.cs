namespace ActorBot.Models.Trees;

/// <summary>Whether an ONNX tree model is a classifier or a regressor.</summary>
public enum TreeModelKind
{
    Classifier,
    Regressor,
}

/// <summary>
/// A loaded ai.onnx.ml TreeEnsembleClassifier or TreeEnsembleRegressor with its output semantics.
/// The post transform is computed here in double precision (ONNX Runtime computes the logistic in
/// float32; the difference, ≤ 1.2e-7, is measured by the parity tests).
/// </summary>
public sealed class TreeEnsembleModel
{
    internal TreeEnsembleModel(
        TreeModelKind kind,
        TreeEnsemble trees,
        PostTransform postTransform,
        IReadOnlyList<long> classLabels,
        bool binarySingleScore)
    {
        Kind = kind;
        Trees = trees;
        PostTransform = postTransform;
        ClassLabels = classLabels;
        BinarySingleScore = binarySingleScore;
    }

    public TreeModelKind Kind { get; }

    public TreeEnsemble Trees { get; }

    public PostTransform PostTransform { get; }

    /// <summary>Class labels (classifier only; empty for a regressor).</summary>
    public IReadOnlyList<long> ClassLabels { get; }

    /// <summary>
    /// A two-class classifier whose leaves all score one class: the ensemble yields one raw margin
    /// for the second class (the convention of ONNX Runtime and of sklearn-style exports).
    /// </summary>
    public bool BinarySingleScore { get; }

    /// <summary>Number of values <see cref="Predict"/> writes: classes for a classifier, targets for a regressor.</summary>
    public int OutputCount => Kind == TreeModelKind.Classifier ? ClassLabels.Count : Trees.TargetCount;

    /// <summary>
    /// Scores one input row. For a classifier, <paramref name="output"/> receives per-class
    /// probabilities (after the post transform) and the return value is the index of the predicted class.
    /// For a regressor it receives the transformed targets and the return value is 0.
    /// </summary>
    public int Predict(ReadOnlySpan<double> x, Span<double> output)
    {
        if (output.Length != OutputCount)
        {
            throw new ArgumentException($"Expected room for {OutputCount} outputs, got {output.Length}.", nameof(output));
        }

        if (BinarySingleScore)
        {
            Span<double> raw = stackalloc double[1];
            Trees.ComputeRawScores(x, raw);
            var p1 = Logistic(raw[0]);
            output[0] = 1.0 - p1;
            output[1] = p1;
            return raw[0] > 0 ? 1 : 0;
        }

        Trees.ComputeRawScores(x, output);
        switch (PostTransform)
        {
            case PostTransform.Logistic:
                for (var k = 0; k < output.Length; k++)
                {
                    output[k] = Logistic(output[k]);
                }

                break;
            case PostTransform.Softmax:
                Softmax(output);
                break;
        }

        if (Kind == TreeModelKind.Regressor)
        {
            return 0;
        }

        var best = 0;
        for (var k = 1; k < output.Length; k++)
        {
            if (output[k] > output[best])
            {
                best = k;
            }
        }

        return best;
    }

    /// <summary>The raw margin of a binary single-score classifier (before the logistic).</summary>
    public double RawMargin(ReadOnlySpan<double> x)
    {
        if (!BinarySingleScore)
        {
            throw new InvalidOperationException("RawMargin is defined for a binary single-score classifier only.");
        }

        Span<double> raw = stackalloc double[1];
        Trees.ComputeRawScores(x, raw);
        return raw[0];
    }

    /// <summary>1/(1+exp(−z)) in double, the form scikit-learn's expit uses.</summary>
    public static double Logistic(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static void Softmax(Span<double> v)
    {
        var max = double.NegativeInfinity;
        foreach (var x in v)
        {
            max = Math.Max(max, x);
        }

        var sum = 0.0;
        for (var k = 0; k < v.Length; k++)
        {
            v[k] = Math.Exp(v[k] - max);
            sum += v[k];
        }

        for (var k = 0; k < v.Length; k++)
        {
            v[k] /= sum;
        }
    }
}
