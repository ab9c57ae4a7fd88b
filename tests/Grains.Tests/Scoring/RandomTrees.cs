using FraudActors.Grains.Scoring;

namespace FraudActors.Grains.Tests.Scoring;

/// <summary>Random but valid XGBoost trees: uneven depths, shuffled node ids, hessians that add up like real ones.</summary>
internal static class RandomTrees
{
    public static XgboostTree Grow(Random random, int featureCount, int maxDepth)
    {
        var left = new List<int>();
        var right = new List<int>();
        var feature = new List<int>();
        var condition = new List<float>();
        var defaultLeft = new List<bool>();
        var hessian = new List<float>();

        int Add()
        {
            left.Add(-1);
            right.Add(-1);
            feature.Add(0);
            condition.Add(0);
            defaultLeft.Add(false);
            hessian.Add(0);
            return left.Count - 1;
        }

        float Build(int node, int depth)
        {
            if (depth == maxDepth || (depth > 0 && random.NextDouble() < 0.25))
            {
                condition[node] = (float)((random.NextDouble() * 2) - 1);
                hessian[node] = (float)(0.5 + (random.NextDouble() * 50));
                return hessian[node];
            }

            var l = Add();
            var r = Add();
            left[node] = l;
            right[node] = r;
            feature[node] = random.Next(featureCount);
            condition[node] = (float)Math.Round((random.NextDouble() * 4) - 2, 1);
            defaultLeft[node] = random.Next(2) == 0;
            hessian[node] = Build(l, depth + 1) + Build(r, depth + 1);
            return hessian[node];
        }

        Build(Add(), 0);
        return Shuffle(random, new XgboostTree([.. left], [.. right], [.. feature], [.. condition], [.. defaultLeft], [.. hessian]));
    }

    /// <summary>Renames every node except the root, so the evaluator cannot rely on XGBoost's usual id order.</summary>
    private static XgboostTree Shuffle(Random random, XgboostTree tree)
    {
        var count = tree.LeftChildren.Length;
        var rename = Enumerable.Range(0, count).ToArray();
        random.Shuffle(rename.AsSpan(1));
        var shuffled = new XgboostTree(new int[count], new int[count], new int[count], new float[count], new bool[count], new float[count]);
        for (var old = 0; old < count; old++)
        {
            var id = rename[old];
            shuffled.LeftChildren[id] = tree.LeftChildren[old] == -1 ? -1 : rename[tree.LeftChildren[old]];
            shuffled.RightChildren[id] = tree.RightChildren[old] == -1 ? -1 : rename[tree.RightChildren[old]];
            shuffled.SplitIndices[id] = tree.SplitIndices[old];
            shuffled.SplitConditions[id] = tree.SplitConditions[old];
            shuffled.DefaultLeft[id] = tree.DefaultLeft[old];
            shuffled.SumHessian[id] = tree.SumHessian[old];
        }

        return shuffled;
    }

    public static float[] Rows(Random random, int rows, int featureCount)
    {
        var values = new float[rows * featureCount];
        for (var i = 0; i < values.Length; i++)
        {
            // One decimal, like the thresholds, so some values equal a threshold exactly and must go right.
            values[i] = random.NextDouble() < 0.15 ? float.NaN : (float)Math.Round((random.NextDouble() * 4) - 2, 1);
        }

        return values;
    }
}
