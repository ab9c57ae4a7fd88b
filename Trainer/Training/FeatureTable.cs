using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Trainer.Training;

/// <summary>
/// Feature rows in event-time order with what the evaluation protocol needs beside them: the label, the
/// event time and the card. Values are row-major floats (NaN = missing), the layout XGBoost reads.
/// </summary>
internal sealed class FeatureTable
{
    private readonly List<string> _cardNames = [];
    private float[] _values;
    private bool[] _labels;
    private long[] _ticks;
    private int[] _cards;

    public FeatureTable(FeatureSchema schema, int capacity = 1024)
    {
        Schema = schema;
        capacity = Math.Max(capacity, 16);
        _values = new float[capacity * schema.Count];
        _labels = new bool[capacity];
        _ticks = new long[capacity];
        _cards = new int[capacity];
    }

    public FeatureSchema Schema { get; }

    public int Columns => Schema.Count;

    public int Rows { get; private set; }

    /// <summary>Card names by index (<see cref="CardOf"/>); for the plain-columns form, one pseudo card per row.</summary>
    public IReadOnlyList<string> CardNames => _cardNames;

    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * Columns, Columns);

    public bool LabelOf(int row) => _labels[row];

    public DateTimeOffset TimeOf(int row) => new(_ticks[row], TimeSpan.Zero);

    public int CardOf(int row) => _cards[row];

    public int AddCard(string name)
    {
        _cardNames.Add(name);
        return _cardNames.Count - 1;
    }

    /// <summary>Appends a row and returns the span its features must be written into.</summary>
    public Span<float> AddRow(bool label, DateTimeOffset time, int card)
    {
        if (Rows == _labels.Length)
        {
            var capacity = _labels.Length * 2;
            Array.Resize(ref _values, capacity * Columns);
            Array.Resize(ref _labels, capacity);
            Array.Resize(ref _ticks, capacity);
            Array.Resize(ref _cards, capacity);
        }

        var row = Rows++;
        _labels[row] = label;
        _ticks[row] = time.UtcTicks;
        _cards[row] = card;
        return _values.AsSpan(row * Columns, Columns);
    }

    /// <summary>The rows whose event time falls in [from, to).</summary>
    public int[] RowsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<int>();
        for (var row = 0; row < Rows; row++)
        {
            if (_ticks[row] >= from.UtcTicks && _ticks[row] < to.UtcTicks)
            {
                result.Add(row);
            }
        }

        return [.. result];
    }

    /// <summary>A dense copy of <paramref name="rows"/>, with <paramref name="maskedColumns"/> set to missing (ablations).</summary>
    public float[] Matrix(ReadOnlySpan<int> rows, IReadOnlyCollection<int>? maskedColumns = null)
    {
        var matrix = new float[rows.Length * Columns];
        for (var i = 0; i < rows.Length; i++)
        {
            var target = matrix.AsSpan(i * Columns, Columns);
            Row(rows[i]).CopyTo(target);
            if (maskedColumns is not null)
            {
                foreach (var column in maskedColumns)
                {
                    target[column] = float.NaN;
                }
            }
        }

        return matrix;
    }

    public float[] Labels(ReadOnlySpan<int> rows)
    {
        var labels = new float[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            labels[i] = _labels[rows[i]] ? 1f : 0f;
        }

        return labels;
    }
}
