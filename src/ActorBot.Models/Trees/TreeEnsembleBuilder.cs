namespace ActorBot.Models.Trees;

/// <summary>
/// The parallel arrays of an ai.onnx.ml tree ensemble, as stored in the ONNX attributes
/// (<c>nodes_*</c> and <c>class_*</c> / <c>target_*</c>). <see cref="TreeEnsembleBuilder.Build"/>
/// validates them and produces a <see cref="TreeEnsemble"/>.
/// </summary>
public sealed record TreeEnsembleArrays(
    IReadOnlyList<long> NodeTreeIds,
    IReadOnlyList<long> NodeIds,
    IReadOnlyList<long> NodeFeatureIds,
    IReadOnlyList<double> NodeValues,
    IReadOnlyList<string> NodeModes,
    IReadOnlyList<long> NodeTrueIds,
    IReadOnlyList<long> NodeFalseIds,
    IReadOnlyList<long> NodeMissingTracksTrue,
    IReadOnlyList<long> WeightTreeIds,
    IReadOnlyList<long> WeightNodeIds,
    IReadOnlyList<long> WeightTargetIds,
    IReadOnlyList<double> Weights,
    IReadOnlyList<double> BaseValues);

/// <summary>Validates ensemble arrays (ids, children, acyclicity, feature range) and flattens them.</summary>
public static class TreeEnsembleBuilder
{
    public static TreeEnsemble Build(
        string source,
        TreeEnsembleArrays a,
        int featureCount,
        int targetCount,
        Aggregation aggregation)
    {
        var n = a.NodeIds.Count;
        if (n == 0)
        {
            throw Fail(source, "nodes_nodeids", "is empty");
        }

        RequireLength(source, "nodes_treeids", a.NodeTreeIds.Count, n);
        RequireLength(source, "nodes_featureids", a.NodeFeatureIds.Count, n);
        RequireLength(source, "nodes_values", a.NodeValues.Count, n);
        RequireLength(source, "nodes_modes", a.NodeModes.Count, n);
        RequireLength(source, "nodes_truenodeids", a.NodeTrueIds.Count, n);
        RequireLength(source, "nodes_falsenodeids", a.NodeFalseIds.Count, n);
        if (a.NodeMissingTracksTrue.Count != 0)
        {
            RequireLength(source, "nodes_missing_value_tracks_true", a.NodeMissingTracksTrue.Count, n);
        }

        var w = a.Weights.Count;
        RequireLength(source, "weight tree ids", a.WeightTreeIds.Count, w);
        RequireLength(source, "weight node ids", a.WeightNodeIds.Count, w);
        RequireLength(source, "weight target/class ids", a.WeightTargetIds.Count, w);
        if (a.BaseValues.Count != 0 && a.BaseValues.Count != targetCount)
        {
            throw Fail(source, "base_values", $"has {a.BaseValues.Count} values, expected {targetCount}");
        }

        // Map (tree id, node id) -> flat index; trees ordered by ascending tree id.
        var index = new Dictionary<(long Tree, long Node), int>(n);
        for (var i = 0; i < n; i++)
        {
            if (!index.TryAdd((a.NodeTreeIds[i], a.NodeIds[i]), i))
            {
                throw Fail(source, "nodes_nodeids", $"node {a.NodeIds[i]} of tree {a.NodeTreeIds[i]} appears twice");
            }
        }

        var modes = new NodeMode[n];
        var features = new int[n];
        var thresholds = new double[n];
        var trueChild = new int[n];
        var falseChild = new int[n];
        var missingTrue = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (!NodeModeNames.TryParse(a.NodeModes[i], out modes[i]))
            {
                throw Fail(source, "nodes_modes", $"node {i} has unsupported mode '{a.NodeModes[i]}'");
            }

            missingTrue[i] = a.NodeMissingTracksTrue.Count != 0 && a.NodeMissingTracksTrue[i] != 0;
            if (modes[i] == NodeMode.Leaf)
            {
                continue;
            }

            var f = a.NodeFeatureIds[i];
            if (f < 0 || f >= featureCount)
            {
                throw Fail(source, "nodes_featureids", $"node {i} uses feature {f}, but the input has {featureCount} features");
            }

            features[i] = (int)f;
            thresholds[i] = a.NodeValues[i];
            trueChild[i] = Child(source, index, a.NodeTreeIds[i], a.NodeTrueIds[i], "nodes_truenodeids", i);
            falseChild[i] = Child(source, index, a.NodeTreeIds[i], a.NodeFalseIds[i], "nodes_falsenodeids", i);
        }

        // Leaf weights, grouped per leaf in their original order.
        var perLeaf = new List<(int Target, double Value)>[n];
        for (var k = 0; k < w; k++)
        {
            if (!index.TryGetValue((a.WeightTreeIds[k], a.WeightNodeIds[k]), out var leaf) || modes[leaf] != NodeMode.Leaf)
            {
                throw Fail(source, "leaf weights", $"weight {k} points at node {a.WeightNodeIds[k]} of tree {a.WeightTreeIds[k]}, which is not a leaf");
            }

            var target = a.WeightTargetIds[k];
            if (target < 0 || target >= targetCount)
            {
                throw Fail(source, "leaf weights", $"weight {k} targets {target}, but there are {targetCount} targets/classes");
            }

            (perLeaf[leaf] ??= []).Add(((int)target, a.Weights[k]));
        }

        var leafStart = new int[n];
        var leafCount = new int[n];
        var weightTarget = new int[w];
        var weightValue = new double[w];
        var cursor = 0;
        for (var i = 0; i < n; i++)
        {
            leafStart[i] = cursor;
            if (perLeaf[i] is null)
            {
                continue;
            }

            foreach (var (target, value) in perLeaf[i])
            {
                weightTarget[cursor] = target;
                weightValue[cursor] = value;
                cursor++;
            }

            leafCount[i] = perLeaf[i].Count;
        }

        var roots = RootsInTreeOrder(source, a, n, trueChild, falseChild, modes);
        var baseValues = a.BaseValues.Count == 0 ? new double[targetCount] : a.BaseValues.ToArray();
        return new TreeEnsemble(
            featureCount, targetCount, aggregation, roots, modes, features, thresholds, trueChild, falseChild,
            missingTrue, leafStart, leafCount, weightTarget, weightValue, baseValues);
    }

    private static int[] RootsInTreeOrder(
        string source,
        TreeEnsembleArrays a,
        int n,
        int[] trueChild,
        int[] falseChild,
        NodeMode[] modes)
    {
        // A root is the node of its tree that no branch points to; there must be exactly one,
        // and every node of the tree must be reachable from it exactly once (a tree, no cycles).
        var referenced = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (modes[i] != NodeMode.Leaf)
            {
                if (referenced[trueChild[i]] || referenced[falseChild[i]] || trueChild[i] == falseChild[i])
                {
                    throw Fail(source, "nodes_truenodeids/nodes_falsenodeids", $"node {a.NodeIds[i]} of tree {a.NodeTreeIds[i]} shares a child; the graph is not a tree");
                }

                referenced[trueChild[i]] = true;
                referenced[falseChild[i]] = true;
            }
        }

        var rootByTree = new SortedDictionary<long, int>();
        var nodesPerTree = new Dictionary<long, int>();
        for (var i = 0; i < n; i++)
        {
            var tree = a.NodeTreeIds[i];
            nodesPerTree[tree] = nodesPerTree.GetValueOrDefault(tree) + 1;
            if (!referenced[i] && !rootByTree.TryAdd(tree, i))
            {
                throw Fail(source, "nodes_nodeids", $"tree {tree} has more than one root");
            }
        }

        foreach (var tree in nodesPerTree.Keys)
        {
            if (!rootByTree.ContainsKey(tree))
            {
                throw Fail(source, "nodes_nodeids", $"tree {tree} has no root (cycle)");
            }
        }

        // Reachability: counts nodes reached from the root; a cycle can't be reached from a root
        // because every node has at most one parent, so unreached nodes mean a detached cycle.
        var stack = new Stack<int>();
        foreach (var (tree, root) in rootByTree)
        {
            var reached = 0;
            stack.Push(root);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                reached++;
                if (modes[i] != NodeMode.Leaf)
                {
                    stack.Push(trueChild[i]);
                    stack.Push(falseChild[i]);
                }
            }

            if (reached != nodesPerTree[tree])
            {
                throw Fail(source, "nodes_nodeids", $"tree {tree} has {nodesPerTree[tree] - reached} node(s) not reachable from its root");
            }
        }

        return rootByTree.Values.ToArray();
    }

    private static int Child(string source, Dictionary<(long Tree, long Node), int> index, long tree, long child, string field, int node)
    {
        if (!index.TryGetValue((tree, child), out var flat))
        {
            throw Fail(source, field, $"node {node} points to node {child}, which does not exist in tree {tree}");
        }

        return flat;
    }

    private static void RequireLength(string source, string field, int actual, int expected)
    {
        if (actual != expected)
        {
            throw Fail(source, field, $"has {actual} entries, expected {expected}");
        }
    }

    private static ModelLoadException Fail(string source, string field, string what) =>
        new($"{source}: attribute {field} {what}.");
}
