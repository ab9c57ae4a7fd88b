using System.Runtime.InteropServices;

namespace FraudActors.Grains.Scoring;

/// <summary>
/// One node of the flattened ensemble, 16 bytes so four share a cache line. Children are adjacent
/// (left = <see cref="FirstChild"/>, right = left + 1), so a step is <c>FirstChild + (x[Slot] &lt; Threshold ? 0 : 1)</c>
/// with no branch. <see cref="Slot"/> indexes the evaluator's expanded row (see <see cref="GradientBoostedModel"/>),
/// which already encodes the node's default direction for missing values. A leaf points at itself and reads a
/// constant-zero slot against +∞, so extra steps leave it where it is.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct TreeNode(int firstChild, int slot, float threshold, float leafValue)
{
    /// <summary>Absolute index of the left child; the node's own index for a leaf.</summary>
    public readonly int FirstChild = firstChild;

    /// <summary>Expanded-row slot: feature (missing → −∞, goes left), feature + F (missing → +∞, goes right), or 2F for a leaf.</summary>
    public readonly int Slot = slot;

    /// <summary>Split threshold (left when value &lt; threshold); +∞ for a leaf.</summary>
    public readonly float Threshold = threshold;

    /// <summary>The leaf's output; 0 for a split.</summary>
    public readonly float LeafValue = leafValue;
}
