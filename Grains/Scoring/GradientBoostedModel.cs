using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace FraudActors.Grains.Scoring;

/// <summary>
/// Scores rows with an XGBoost model (gbtree, random forest or gblinear) without calling XGBoost: the JSON model
/// is flattened into one node array and evaluated with the same float32 arithmetic XGBoost 1.7 uses, so margins
/// are bit-identical. Immutable and thread-safe; no method allocates per row.
/// </summary>
internal sealed class GradientBoostedModel
{
    /// <summary>Trees walked side by side: independent load chains hide each other's memory latency.</summary>
    private const int Lanes = 8;

    /// <summary>Rows whose scratch (expanded row, per-tree credits) fits this many floats live on the stack.</summary>
    private const int StackLimit = 1024;

    private readonly TreeNode[] nodes;
    private readonly int[] roots;
    private readonly int[] treeDepths;
    private readonly int[] laneDepths;
    private readonly float[] meanValues;
    private readonly float[] linearWeights;
    private readonly float linearBias;

    private GradientBoostedModel(
        BoosterKind kind,
        string objective,
        OutputTransform transform,
        int featureCount,
        float baseScore,
        TreeNode[] nodes,
        int[] roots,
        int[] treeDepths,
        float[] meanValues,
        float[] linearWeights,
        float linearBias)
    {
        Kind = kind;
        Objective = objective;
        Transform = transform;
        FeatureCount = featureCount;
        BaseScore = baseScore;
        BaseMargin = transform == OutputTransform.Sigmoid ? ProbabilityToMargin(baseScore) : baseScore;
        this.nodes = nodes;
        this.roots = roots;
        this.treeDepths = treeDepths;
        this.meanValues = meanValues;
        this.linearWeights = linearWeights;
        this.linearBias = linearBias;

        laneDepths = new int[roots.Length / Lanes];
        for (var group = 0; group < laneDepths.Length; group++)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                laneDepths[group] = Math.Max(laneDepths[group], treeDepths[(group * Lanes) + lane]);
            }
        }

        foreach (var depth in treeDepths)
        {
            MaxDepth = Math.Max(MaxDepth, depth);
        }
    }

    public BoosterKind Kind { get; }

    /// <summary>XGBoost objective name, e.g. "binary:logistic".</summary>
    public string Objective { get; }

    public OutputTransform Transform { get; }

    /// <summary>Length every feature row must have (the model's num_feature).</summary>
    public int FeatureCount { get; }

    /// <summary>Trees in the ensemble (0 for a linear model).</summary>
    public int TreeCount => roots.Length;

    /// <summary>Reachable nodes across all trees.</summary>
    public int NodeCount => nodes.Length;

    public int MaxDepth { get; }

    /// <summary>base_score as stored in the model (a probability for logistic objectives).</summary>
    public float BaseScore { get; }

    /// <summary>The margin every prediction starts from (logit of <see cref="BaseScore"/> for logistic objectives).</summary>
    public float BaseMargin { get; }

    private int ExpandedLength => (2 * FeatureCount) + 1;

    /// <summary>Reads a model saved by XGBoost 1.7 with <c>XGBoosterSaveModelToBuffer</c> and <c>{"format":"json"}</c>.</summary>
    public static GradientBoostedModel FromXgboostJson(ReadOnlySpan<byte> utf8Json) => XgboostJsonReader.Read(utf8Json);

    public static GradientBoostedModel FromXgboostJson(string json) => FromXgboostJson(Encoding.UTF8.GetBytes(json));

    /// <summary>The raw margin of one row (log-odds for logistic models); NaN marks a missing feature.</summary>
    [SkipLocalsInit]
    public float PredictMargin(ReadOnlySpan<float> features)
    {
        if (features.Length != FeatureCount)
        {
            ThrowFeatureCount(features.Length, nameof(features));
        }

        ref var row = ref MemoryMarshal.GetReference(features);
        if (Kind == BoosterKind.Linear)
        {
            return LinearMargin(ref row);
        }

        float[]? rented = null;
        var expanded = ExpandedLength <= StackLimit
            ? stackalloc float[StackLimit]
            : rented = ArrayPool<float>.Shared.Rent(ExpandedLength);
        Expand(ref row, expanded);
        var margin = TreeMargin(ref MemoryMarshal.GetReference(expanded));
        Return(rented);
        return margin;
    }

    /// <summary>The model's prediction for one row: a fraud probability for binary:logistic.</summary>
    public float PredictProbability(ReadOnlySpan<float> features) => ToPrediction(PredictMargin(features));

    /// <summary>Margins of <paramref name="rowCount"/> row-major rows of <see cref="FeatureCount"/> values each.</summary>
    [SkipLocalsInit]
    public void PredictMargins(ReadOnlySpan<float> rows, int rowCount, Span<float> margins)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (rows.Length != (long)rowCount * FeatureCount)
        {
            throw new ArgumentException($"Expected {rowCount} rows × {FeatureCount} features = {(long)rowCount * FeatureCount} values, got {rows.Length}.", nameof(rows));
        }

        if (margins.Length < rowCount)
        {
            throw new ArgumentException($"Needs room for {rowCount} margins, has {margins.Length}.", nameof(margins));
        }

        ref var first = ref MemoryMarshal.GetReference(rows);
        if (Kind == BoosterKind.Linear)
        {
            for (var i = 0; i < rowCount; i++)
            {
                margins[i] = LinearMargin(ref Unsafe.Add(ref first, i * FeatureCount));
            }

            return;
        }

        float[]? rented = null;
        var expanded = ExpandedLength <= StackLimit
            ? stackalloc float[StackLimit]
            : rented = ArrayPool<float>.Shared.Rent(ExpandedLength);
        ref var expandedRow = ref MemoryMarshal.GetReference(expanded);
        for (var i = 0; i < rowCount; i++)
        {
            Expand(ref Unsafe.Add(ref first, i * FeatureCount), expanded);
            margins[i] = TreeMargin(ref expandedRow);
        }

        Return(rented);
    }

    /// <summary>Applies the objective's output transform to a margin, as XGBoost's PredTransform does (sigmoid in float32).</summary>
    public float ToPrediction(float margin) =>
        Transform == OutputTransform.Sigmoid ? 1f / (1f + MathF.Exp(-margin)) : margin;

    /// <summary>
    /// Per-feature attribution of one row's margin, XGBoost's approximate contributions (pred_contribs with
    /// approx_contribs): along each tree's decision path, every split credits its feature with the change in
    /// hessian-weighted mean node value. <paramref name="contributions"/> gets <see cref="FeatureCount"/> values and
    /// the bias (base margin plus each tree's root mean) last; they sum to the margin up to float rounding.
    /// For a linear model a feature's contribution is value × weight.
    /// </summary>
    [SkipLocalsInit]
    public void Contributions(ReadOnlySpan<float> features, Span<float> contributions)
    {
        if (features.Length != FeatureCount)
        {
            ThrowFeatureCount(features.Length, nameof(features));
        }

        if (contributions.Length != FeatureCount + 1)
        {
            throw new ArgumentException($"Expected room for {FeatureCount} contributions plus the bias, got {contributions.Length}.", nameof(contributions));
        }

        contributions.Clear();
        if (Kind == BoosterKind.Linear)
        {
            LinearContributions(features, contributions);
            return;
        }

        // Expanded row, per-tree credits (F), then the visited nodes of each lane (Lanes × (MaxDepth + 1), as int bits).
        var visitedLength = Lanes * (MaxDepth + 1);
        var needed = ExpandedLength + FeatureCount + visitedLength;
        float[]? rented = null;
        var scratch = needed <= StackLimit
            ? stackalloc float[StackLimit]
            : rented = ArrayPool<float>.Shared.Rent(needed);
        var expanded = scratch[..ExpandedLength];
        var perTree = scratch.Slice(ExpandedLength, FeatureCount);
        var visited = MemoryMarshal.Cast<float, int>(scratch.Slice(ExpandedLength + FeatureCount, visitedLength));
        perTree.Clear();
        Expand(ref MemoryMarshal.GetReference(features), expanded);
        TreeContributions(ref MemoryMarshal.GetReference(expanded), contributions, perTree, visited);
        Return(rented);
    }

    /// <summary>
    /// Writes the features with the largest absolute contribution into <paramref name="top"/>, largest first
    /// (ties: lower feature index first), ignoring the bias (the last element). Returns how many were written.
    /// </summary>
    public static int TopContributions(ReadOnlySpan<float> contributions, Span<FeatureContribution> top)
    {
        var features = Math.Max(0, contributions.Length - 1);
        var count = 0;
        for (var feature = 0; feature < features; feature++)
        {
            var value = contributions[feature];
            var magnitude = MathF.Abs(value);
            if (count == top.Length && (count == 0 || magnitude <= MathF.Abs(top[count - 1].Value)))
            {
                continue;
            }

            var slot = count < top.Length ? count++ : count - 1;
            while (slot > 0 && MathF.Abs(top[slot - 1].Value) < magnitude)
            {
                top[slot] = top[slot - 1];
                slot--;
            }

            top[slot] = new FeatureContribution(feature, value);
        }

        return count;
    }

    /// <summary>
    /// XGBoost initialises each row's prediction with the base margin and then adds tree outputs one by one in
    /// tree order, in float32 — the order is kept here even though eight trees are walked at once.
    /// </summary>
    private float TreeMargin(ref float row)
    {
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(nodes);
        ref var root0 = ref MemoryMarshal.GetArrayDataReference(roots);
        var margin = BaseMargin;
        var tree = 0;
        for (var group = 0; group < laneDepths.Length; group++, tree += Lanes)
        {
            var a = Unsafe.Add(ref root0, tree);
            var b = Unsafe.Add(ref root0, tree + 1);
            var c = Unsafe.Add(ref root0, tree + 2);
            var d = Unsafe.Add(ref root0, tree + 3);
            var e = Unsafe.Add(ref root0, tree + 4);
            var f = Unsafe.Add(ref root0, tree + 5);
            var g = Unsafe.Add(ref root0, tree + 6);
            var h = Unsafe.Add(ref root0, tree + 7);
            for (var step = laneDepths[group]; step > 0; step--)
            {
                a = Step(ref node0, ref row, a);
                b = Step(ref node0, ref row, b);
                c = Step(ref node0, ref row, c);
                d = Step(ref node0, ref row, d);
                e = Step(ref node0, ref row, e);
                f = Step(ref node0, ref row, f);
                g = Step(ref node0, ref row, g);
                h = Step(ref node0, ref row, h);
            }

            margin += Unsafe.Add(ref node0, a).LeafValue;
            margin += Unsafe.Add(ref node0, b).LeafValue;
            margin += Unsafe.Add(ref node0, c).LeafValue;
            margin += Unsafe.Add(ref node0, d).LeafValue;
            margin += Unsafe.Add(ref node0, e).LeafValue;
            margin += Unsafe.Add(ref node0, f).LeafValue;
            margin += Unsafe.Add(ref node0, g).LeafValue;
            margin += Unsafe.Add(ref node0, h).LeafValue;
        }

        for (; tree < roots.Length; tree++)
        {
            var a = Unsafe.Add(ref root0, tree);
            for (var step = treeDepths[tree]; step > 0; step--)
            {
                a = Step(ref node0, ref row, a);
            }

            margin += Unsafe.Add(ref node0, a).LeafValue;
        }

        return margin;
    }

    /// <summary>One branch-free move down a tree; the expanded row makes missing values need no test (see <see cref="Expand"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref TreeNode node0, ref float row, int index)
    {
        ref readonly var node = ref Unsafe.Add(ref node0, index);
        return node.FirstChild + (Unsafe.Add(ref row, node.Slot) < node.Threshold ? 0 : 1);
    }

    /// <summary>
    /// The expanded row has 2F + 1 slots: the features with NaN as −∞ (every comparison sends it left), the
    /// features with NaN as +∞ (every comparison sends it right), and a 0 that leaves compare against +∞ (stay).
    /// Each split reads the copy matching its default direction — XGBoost's missing-value rule, exact for
    /// finite thresholds (the reader rejects others). Present values, infinities included, are untouched.
    /// </summary>
    private void Expand(ref float features, Span<float> expanded)
    {
        var count = FeatureCount;
        ref var low = ref MemoryMarshal.GetReference(expanded);
        ref var high = ref Unsafe.Add(ref low, count);
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var negativeInfinity = Vector128.Create(float.NegativeInfinity);
            var positiveInfinity = Vector128.Create(float.PositiveInfinity);
            for (; i <= count - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                var values = Vector128.LoadUnsafe(ref features, (nuint)i);
                var present = Vector128.Equals(values, values);
                Vector128.ConditionalSelect(present, values, negativeInfinity).StoreUnsafe(ref low, (nuint)i);
                Vector128.ConditionalSelect(present, values, positiveInfinity).StoreUnsafe(ref high, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            var value = Unsafe.Add(ref features, i);
            var missing = float.IsNaN(value);
            Unsafe.Add(ref low, i) = missing ? float.NegativeInfinity : value;
            Unsafe.Add(ref high, i) = missing ? float.PositiveInfinity : value;
        }

        Unsafe.Add(ref low, 2 * count) = 0f;
    }

    private static void Return(float[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>gblinear: bias + base margin first, then value × weight for each present feature, in feature order.</summary>
    private float LinearMargin(ref float row)
    {
        ref var weight0 = ref MemoryMarshal.GetArrayDataReference(linearWeights);
        var margin = linearBias + BaseMargin;
        for (var feature = 0; feature < FeatureCount; feature++)
        {
            var value = Unsafe.Add(ref row, feature);
            if (!float.IsNaN(value))
            {
                margin += value * Unsafe.Add(ref weight0, feature);
            }
        }

        return margin;
    }

    private void LinearContributions(ReadOnlySpan<float> features, Span<float> contributions)
    {
        for (var feature = 0; feature < FeatureCount; feature++)
        {
            var value = features[feature];
            if (!float.IsNaN(value))
            {
                contributions[feature] = value * linearWeights[feature];
            }
        }

        contributions[FeatureCount] = linearBias + BaseMargin;
    }

    /// <summary>
    /// Mirrors XGBoost's CalculateContributionsApprox + PredictContribution. The walks run eight trees in lockstep
    /// (like <see cref="TreeMargin(ref float)"/>) and record the visited nodes; the credits are then applied tree by
    /// tree, each tree's credits summed per feature first (a feature can split twice on one path) and added to the
    /// row's totals in tree order, so the float rounding matches XGBoost's.
    /// </summary>
    private void TreeContributions(ref float row, Span<float> contributions, Span<float> perTree, Span<int> visited)
    {
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(nodes);
        ref var root0 = ref MemoryMarshal.GetArrayDataReference(roots);
        ref var visited0 = ref MemoryMarshal.GetReference(visited);
        var stride = MaxDepth + 1;
        var bias = 0f;
        var tree = 0;
        for (var group = 0; group < laneDepths.Length; group++, tree += Lanes)
        {
            var depth = laneDepths[group];
            var a = Unsafe.Add(ref root0, tree);
            var b = Unsafe.Add(ref root0, tree + 1);
            var c = Unsafe.Add(ref root0, tree + 2);
            var d = Unsafe.Add(ref root0, tree + 3);
            var e = Unsafe.Add(ref root0, tree + 4);
            var f = Unsafe.Add(ref root0, tree + 5);
            var g = Unsafe.Add(ref root0, tree + 6);
            var h = Unsafe.Add(ref root0, tree + 7);

            // Nodes stay in registers; the stores only record the path for the credit pass.
            for (var step = 0; ; step++)
            {
                ref var at = ref Unsafe.Add(ref visited0, step);
                at = a;
                Unsafe.Add(ref at, stride) = b;
                Unsafe.Add(ref at, 2 * stride) = c;
                Unsafe.Add(ref at, 3 * stride) = d;
                Unsafe.Add(ref at, 4 * stride) = e;
                Unsafe.Add(ref at, 5 * stride) = f;
                Unsafe.Add(ref at, 6 * stride) = g;
                Unsafe.Add(ref at, 7 * stride) = h;
                if (step == depth)
                {
                    break;
                }

                a = Step(ref node0, ref row, a);
                b = Step(ref node0, ref row, b);
                c = Step(ref node0, ref row, c);
                d = Step(ref node0, ref row, d);
                e = Step(ref node0, ref row, e);
                f = Step(ref node0, ref row, f);
                g = Step(ref node0, ref row, g);
                h = Step(ref node0, ref row, h);
            }

            for (var lane = 0; lane < Lanes; lane++)
            {
                bias += Credit(visited.Slice(lane * stride, depth + 1), contributions, perTree);
            }
        }

        for (; tree < roots.Length; tree++)
        {
            var depth = treeDepths[tree];
            Unsafe.Add(ref visited0, 0) = Unsafe.Add(ref root0, tree);
            for (var step = 1; step <= depth; step++)
            {
                Unsafe.Add(ref visited0, step) = Step(ref node0, ref row, Unsafe.Add(ref visited0, step - 1));
            }

            bias += Credit(visited[..(depth + 1)], contributions, perTree);
        }

        // The bias column only ever receives root means (then the base margin), so summing it here keeps XGBoost's order.
        contributions[FeatureCount] = bias + BaseMargin;
    }

    /// <summary>
    /// Credits one tree's decision path (<paramref name="path"/>: root first, then the node after each step; a leaf
    /// repeats itself) and returns the root's mean value, the tree's share of the bias.
    /// </summary>
    private float Credit(ReadOnlySpan<int> path, Span<float> contributions, Span<float> perTree)
    {
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(nodes);
        ref var mean0 = ref MemoryMarshal.GetArrayDataReference(meanValues);
        ref var credit0 = ref MemoryMarshal.GetReference(perTree);
        ref var total0 = ref MemoryMarshal.GetReference(contributions);
        var leafSlot = 2 * FeatureCount;
        var rootMean = Unsafe.Add(ref mean0, path[0]);
        var nodeValue = rootMean;
        var length = 1;
        var splitFeature = -1;
        int slot;
        while (length < path.Length && (slot = Unsafe.Add(ref node0, path[length - 1]).Slot) != leafSlot)
        {
            splitFeature = slot < FeatureCount ? slot : slot - FeatureCount;
            var newValue = Unsafe.Add(ref mean0, path[length]);
            Unsafe.Add(ref credit0, splitFeature) += newValue - nodeValue;
            nodeValue = newValue;
            length++;
        }

        if (splitFeature < 0)
        {
            return rootMean;
        }

        Unsafe.Add(ref credit0, splitFeature) += Unsafe.Add(ref node0, path[length - 1]).LeafValue - nodeValue;
        for (var i = 0; i < length - 1; i++)
        {
            slot = Unsafe.Add(ref node0, path[i]).Slot;
            var feature = slot < FeatureCount ? slot : slot - FeatureCount;
            Unsafe.Add(ref total0, feature) += Unsafe.Add(ref credit0, feature);
            Unsafe.Add(ref credit0, feature) = 0f;
        }

        return rootMean;
    }

    /// <summary>XGBoost 1.7's logistic ProbToMargin: -logf(1/p - 1) in float32.</summary>
    internal static float ProbabilityToMargin(float probability)
    {
        if (!(probability > 0f && probability < 1f))
        {
            throw new InvalidDataException($"base_score must be in (0, 1) for a logistic objective, got {probability}.");
        }

        return -MathF.Log((1f / probability) - 1f);
    }

    internal static GradientBoostedModel CreateLinear(string objective, OutputTransform transform, int featureCount, float baseScore, float[] weights, float bias)
    {
        if (weights.Length != featureCount)
        {
            throw new InvalidDataException($"gblinear model has {weights.Length} weights for {featureCount} features.");
        }

        return new GradientBoostedModel(BoosterKind.Linear, objective, transform, featureCount, baseScore, [], [], [], [], weights, bias);
    }

    /// <summary>
    /// Flattens XGBoost's per-tree arrays: validates each tree, computes XGBoost's hessian-weighted node means
    /// (FillNodeMeanValues, float32, children before parents), and renumbers nodes breadth-first so each split's
    /// children are adjacent. Unreachable (pruned) nodes are dropped.
    /// </summary>
    internal static GradientBoostedModel CreateTrees(string objective, OutputTransform transform, int featureCount, float baseScore, IReadOnlyList<XgboostTree> trees)
    {
        var total = 0;
        foreach (var tree in trees)
        {
            total += tree.LeftChildren.Length;
        }

        var flat = new TreeNode[total];
        var means = new float[total];
        var roots = new int[trees.Count];
        var depths = new int[trees.Count];
        var next = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            roots[t] = next;
            depths[t] = Flatten(trees[t], t, featureCount, flat, means, ref next);
        }

        return new GradientBoostedModel(
            BoosterKind.Trees, objective, transform, featureCount, baseScore, flat[..next], roots, depths, means[..next], [], 0f);
    }

    private static int Flatten(XgboostTree tree, int treeIndex, int featureCount, TreeNode[] flat, float[] means, ref int next)
    {
        var count = tree.LeftChildren.Length;
        if (count == 0
            || tree.RightChildren.Length != count || tree.SplitIndices.Length != count || tree.SplitConditions.Length != count
            || tree.DefaultLeft.Length != count || tree.SumHessian.Length != count)
        {
            throw new InvalidDataException($"Tree {treeIndex}: node arrays are empty or of different lengths.");
        }

        // Breadth-first order: a node's position in `order` is also its offset in the flat layout.
        var order = new int[count];
        var position = new int[count];
        var depth = new int[count];
        Array.Fill(position, -1);
        position[0] = 0;
        var length = 1;
        var maxDepth = 0;
        for (var head = 0; head < length; head++)
        {
            var id = order[head];
            var left = tree.LeftChildren[id];
            var right = tree.RightChildren[id];
            if (left == -1)
            {
                continue;
            }

            if ((uint)left >= (uint)count || (uint)right >= (uint)count || position[left] >= 0 || position[right] >= 0 || left == right)
            {
                throw new InvalidDataException($"Tree {treeIndex}: node {id} has invalid children {left}/{right}.");
            }

            if ((uint)tree.SplitIndices[id] >= (uint)featureCount)
            {
                throw new InvalidDataException($"Tree {treeIndex}: node {id} splits on feature {tree.SplitIndices[id]}, the model has {featureCount}.");
            }

            if (!float.IsFinite(tree.SplitConditions[id]))
            {
                throw new NotSupportedException($"Tree {treeIndex}: node {id} has a non-finite threshold {tree.SplitConditions[id]}.");
            }

            position[left] = length;
            order[length++] = left;
            position[right] = length;
            order[length++] = right;
            depth[left] = depth[right] = depth[id] + 1;
            maxDepth = Math.Max(maxDepth, depth[id] + 1);
        }

        var mean = new float[count];
        for (var i = length - 1; i >= 0; i--)
        {
            var id = order[i];
            var left = tree.LeftChildren[id];
            if (left == -1)
            {
                mean[id] = tree.SplitConditions[id];
                continue;
            }

            var right = tree.RightChildren[id];
            var value = mean[left] * tree.SumHessian[left];
            value += mean[right] * tree.SumHessian[right];
            value /= tree.SumHessian[id];
            mean[id] = value;
        }

        var offset = next;
        var leafSlot = 2 * featureCount;
        for (var i = 0; i < length; i++)
        {
            var id = order[i];
            var left = tree.LeftChildren[id];
            flat[offset + i] = left == -1
                ? new TreeNode(offset + i, leafSlot, float.PositiveInfinity, tree.SplitConditions[id])
                : new TreeNode(
                    offset + position[left],
                    tree.SplitIndices[id] + (tree.DefaultLeft[id] ? 0 : featureCount),
                    tree.SplitConditions[id],
                    0f);
            means[offset + i] = mean[id];
        }

        next += length;
        return maxDepth;
    }

    [DoesNotReturn]
    private void ThrowFeatureCount(int actual, string parameter) =>
        throw new ArgumentException($"The model expects {FeatureCount} features, got {actual}.", parameter);
}
