namespace ActorBot.Models.Trees;

/// <summary>The post transforms we compute ourselves. PROBIT and SOFTMAX_ZERO are refused at load.</summary>
public enum PostTransform
{
    None,
    Logistic,
    Softmax,
}
