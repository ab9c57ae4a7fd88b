using FraudActors.Grains.Scoring;

namespace FraudActors.Grains.Tests.Scoring;

/// <summary>
/// The obviously-right evaluator: walks XGBoost's own per-tree arrays by node id, one tree at a time, and
/// follows XGBoost 1.7's CPU predictor and CalculateContributionsApprox line by line (float32 throughout).
/// </summary>
internal sealed class ReferenceEnsemble(IReadOnlyList<XgboostTree> trees, int featureCount, float baseMargin)
{
    public float Margin(ReadOnlySpan<float> row)
    {
        var margin = baseMargin;
        foreach (var tree in trees)
        {
            margin += tree.SplitConditions[Leaf(tree, row)];
        }

        return margin;
    }

    public float[] Contributions(ReadOnlySpan<float> row)
    {
        var total = new float[featureCount + 1];
        foreach (var tree in trees)
        {
            var means = new float[tree.LeftChildren.Length];
            Mean(tree, 0, means);
            var perTree = new float[featureCount + 1];
            var nodeValue = means[0];
            perTree[featureCount] += nodeValue;
            var node = 0;
            var split = 0;
            while (tree.LeftChildren[node] != -1)
            {
                split = tree.SplitIndices[node];
                node = Next(tree, node, row[split]);
                perTree[split] += means[node] - nodeValue;
                nodeValue = means[node];
            }

            if (node != 0)
            {
                perTree[split] += tree.SplitConditions[node] - nodeValue;
            }

            for (var i = 0; i < total.Length; i++)
            {
                total[i] += perTree[i];
            }
        }

        total[featureCount] += baseMargin;
        return total;
    }

    private static int Leaf(XgboostTree tree, ReadOnlySpan<float> row)
    {
        var node = 0;
        while (tree.LeftChildren[node] != -1)
        {
            node = Next(tree, node, row[tree.SplitIndices[node]]);
        }

        return node;
    }

    private static int Next(XgboostTree tree, int node, float value)
    {
        if (float.IsNaN(value))
        {
            return tree.DefaultLeft[node] ? tree.LeftChildren[node] : tree.RightChildren[node];
        }

        return value < tree.SplitConditions[node] ? tree.LeftChildren[node] : tree.RightChildren[node];
    }

    private static float Mean(XgboostTree tree, int node, float[] means)
    {
        float result;
        if (tree.LeftChildren[node] == -1)
        {
            result = tree.SplitConditions[node];
        }
        else
        {
            var left = tree.LeftChildren[node];
            var right = tree.RightChildren[node];
            result = Mean(tree, left, means) * tree.SumHessian[left];
            result += Mean(tree, right, means) * tree.SumHessian[right];
            result /= tree.SumHessian[node];
        }

        means[node] = result;
        return result;
    }
}
