namespace FraudActors.Trainer.Training;

/// <summary>
/// SMOTE (Chawla et al. 2002) on the training rows only: new fraud rows are interpolated between a fraud row
/// and one of its k nearest fraud neighbours. Missing values stay missing (a synthetic value needs both
/// endpoints). Distances are standardised per column so no feature dominates by its unit.
/// </summary>
internal static class Smote
{
    /// <returns>The matrix and labels with the synthetic rows appended.</returns>
    public static (float[] Values, float[] Labels) Oversample(float[] values, float[] labels, int columns, double ratio, int neighbours, int seed)
    {
        var minority = new List<int>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] > 0.5f)
            {
                minority.Add(i);
            }
        }

        var synthetic = (int)(minority.Count * ratio);
        if (minority.Count < 2 || synthetic <= 0)
        {
            return (values, labels);
        }

        var scale = ColumnScales(values, minority, columns);
        var k = Math.Min(neighbours, minority.Count - 1);
        var random = new Random(seed);
        var outValues = new float[values.Length + (synthetic * columns)];
        var outLabels = new float[labels.Length + synthetic];
        values.CopyTo(outValues, 0);
        labels.CopyTo(outLabels, 0);
        var nearest = new int[k];
        var distances = new double[k];
        for (var s = 0; s < synthetic; s++)
        {
            var a = minority[s % minority.Count];
            Nearest(values, columns, minority, a, scale, nearest, distances);
            var b = nearest[random.Next(k)];
            var gap = (float)random.NextDouble();
            var target = outValues.AsSpan(values.Length + (s * columns), columns);
            for (var c = 0; c < columns; c++)
            {
                var va = values[(a * columns) + c];
                var vb = values[(b * columns) + c];
                target[c] = float.IsNaN(va) || float.IsNaN(vb) ? float.NaN : va + (gap * (vb - va));
            }

            outLabels[labels.Length + s] = 1f;
        }

        return (outValues, outLabels);
    }

    private static double[] ColumnScales(float[] values, List<int> rows, int columns)
    {
        var scale = new double[columns];
        for (var c = 0; c < columns; c++)
        {
            double sum = 0, sumSquares = 0;
            var n = 0;
            foreach (var row in rows)
            {
                var v = values[(row * columns) + c];
                if (!float.IsNaN(v))
                {
                    sum += v;
                    sumSquares += v * v;
                    n++;
                }
            }

            var variance = n > 1 ? (sumSquares - (sum * sum / n)) / (n - 1) : 0;
            scale[c] = variance > 1e-12 ? 1 / Math.Sqrt(variance) : 0;
        }

        return scale;
    }

    private static void Nearest(float[] values, int columns, List<int> minority, int anchor, double[] scale, int[] nearest, double[] distances)
    {
        Array.Fill(distances, double.PositiveInfinity);
        foreach (var other in minority)
        {
            if (other == anchor)
            {
                continue;
            }

            double distance = 0;
            for (var c = 0; c < columns; c++)
            {
                var va = values[(anchor * columns) + c];
                var vb = values[(other * columns) + c];
                var d = float.IsNaN(va) || float.IsNaN(vb) ? (float.IsNaN(va) == float.IsNaN(vb) ? 0 : 1) : (va - vb) * scale[c];
                distance += d * d;
            }

            // Insertion into the small sorted list of the k best.
            var position = distances.Length - 1;
            if (distance >= distances[position])
            {
                continue;
            }

            while (position > 0 && distances[position - 1] > distance)
            {
                distances[position] = distances[position - 1];
                nearest[position] = nearest[position - 1];
                position--;
            }

            distances[position] = distance;
            nearest[position] = other;
        }
    }
}
