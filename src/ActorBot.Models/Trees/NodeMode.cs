namespace ActorBot.Models.Trees;

/// <summary>The ai.onnx.ml tree node modes. A branch goes to its "true" child when the test holds.</summary>
public enum NodeMode : byte
{
    BranchLeq,
    BranchLt,
    BranchGte,
    BranchGt,
    BranchEq,
    BranchNeq,
    Leaf,
}

internal static class NodeModeNames
{
    public static bool TryParse(string text, out NodeMode mode)
    {
        mode = text switch
        {
            "BRANCH_LEQ" => NodeMode.BranchLeq,
            "BRANCH_LT" => NodeMode.BranchLt,
            "BRANCH_GTE" => NodeMode.BranchGte,
            "BRANCH_GT" => NodeMode.BranchGt,
            "BRANCH_EQ" => NodeMode.BranchEq,
            "BRANCH_NEQ" => NodeMode.BranchNeq,
            "LEAF" => NodeMode.Leaf,
            _ => (NodeMode)255,
        };
        return mode != (NodeMode)255;
    }
}
