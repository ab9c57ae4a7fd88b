namespace FraudActors.Trainer.Xgboost;

/// <summary>
/// A dense row-major float matrix handed to XGBoost (a <c>DMatrix</c>): NaN marks a missing value, labels and
/// optional per-row weights ride along. XGBoost copies the values, so the caller's buffer can be reused at once.
/// </summary>
internal sealed unsafe class XgbDataset : IDisposable
{
    private readonly float[] labels;

    private XgbDataset(DMatrixSafeHandle handle, int rows, int columns, float[] labels)
    {
        Handle = handle;
        Rows = rows;
        Columns = columns;
        this.labels = labels;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The labels given at creation (empty for a prediction-only dataset).</summary>
    public ReadOnlySpan<float> Labels => labels;

    internal DMatrixSafeHandle Handle { get; }

    /// <param name="values">rows × columns values, row-major; NaN = missing.</param>
    /// <param name="labels">One label per row, or empty for data that is only scored.</param>
    /// <param name="weights">One weight per row, or empty for equal weights.</param>
    /// <param name="threads">Threads XGBoost may use to build the matrix.</param>
    public static XgbDataset FromDense(
        ReadOnlySpan<float> values,
        int rows,
        int columns,
        ReadOnlySpan<float> labels = default,
        ReadOnlySpan<float> weights = default,
        int threads = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"Expected {rows} × {columns} = {(long)rows * columns} values, got {values.Length}.", nameof(values));
        }

        if (!labels.IsEmpty && labels.Length != rows)
        {
            throw new ArgumentException($"Expected {rows} labels, got {labels.Length}.", nameof(labels));
        }

        if (!weights.IsEmpty && weights.Length != rows)
        {
            throw new ArgumentException($"Expected {rows} weights, got {weights.Length}.", nameof(weights));
        }

        nint raw;
        fixed (float* data = values)
        {
            XgboostNative.Check(XgboostNative.XGDMatrixCreateFromMat_omp(data, (ulong)rows, (ulong)columns, float.NaN, out raw, threads));
        }

        var handle = new DMatrixSafeHandle(raw);
        try
        {
            SetFloatInfo(handle, "label", labels);
            SetFloatInfo(handle, "weight", weights);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new XgbDataset(handle, rows, columns, labels.ToArray());
    }

    private static void SetFloatInfo(DMatrixSafeHandle handle, string field, ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        fixed (float* pointer = values)
        {
            XgboostNative.Check(XgboostNative.XGDMatrixSetFloatInfo(handle, field, pointer, (ulong)values.Length));
        }
    }

    public void Dispose() => Handle.Dispose();
}
