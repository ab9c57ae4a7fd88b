namespace FraudActors.Trainer.Tests.Xgboost;

/// <summary>
/// Seeded, fraud-shaped synthetic data: skewed amounts, counts, flags and ~10% missing values, with a
/// non-linear label so trees have real splits (including on missing values) to learn.
/// </summary>
internal sealed class SyntheticRows
{
    private SyntheticRows(float[] values, float[] labels, int rows, int columns)
    {
        Values = values;
        Labels = labels;
        Rows = rows;
        Columns = columns;
    }

    public float[] Values { get; }

    public float[] Labels { get; }

    public int Rows { get; }

    public int Columns { get; }

    public ReadOnlySpan<float> Row(int index) => Values.AsSpan(index * Columns, Columns);

    public static SyntheticRows Generate(int rows, int columns, int seed, double missingRate = 0.1)
    {
        var random = new Random(seed);
        var values = new float[rows * columns];
        var labels = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                row[c] = (c % 4) switch
                {
                    0 => (float)Math.Exp(random.NextDouble() * 6),       // amount-like, skewed
                    1 => random.Next(0, 30),                             // count-like
                    2 => random.NextDouble() < 0.3 ? 1f : 0f,             // flag
                    _ => (float)((random.NextDouble() * 2) - 1),          // standardised score
                };
            }

            var logit = -2.0
                + (row[0] > 100 ? 1.2 : 0) + (0.08 * row[1]) + (1.5 * row[2]) + (2 * row[3] * row[3])
                - (columns > 7 && row[5] > 10 && row[6] > 0.5f ? 1.5 : 0);
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1f : 0f;

            for (var c = 0; c < columns; c++)
            {
                if (random.NextDouble() < missingRate)
                {
                    row[c] = float.NaN;
                }
            }
        }

        return new SyntheticRows(values, labels, rows, columns);
    }
}
