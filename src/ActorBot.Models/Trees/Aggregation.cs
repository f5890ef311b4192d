namespace ActorBot.Models.Trees;

/// <summary>How a regressor combines its trees (ai.onnx.ml <c>aggregate_function</c>).</summary>
public enum Aggregation
{
    Sum,
    Average,
    Min,
    Max,
}
