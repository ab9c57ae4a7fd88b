namespace FraudActors.Gateway.Telemetry;

/// <summary>
/// Bucket upper bounds by unit. The engine's latencies run from microseconds (a grain turn) to seconds (a stalled
/// store), so millisecond histograms get a 1-2.5-5 ladder from 10 µs to 10 s instead of OpenTelemetry's default
/// (which starts at 5 ms and would put every turn in the first bucket).
/// </summary>
internal static class HistogramBounds
{
    public static readonly double[] Milliseconds =
        [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private static readonly double[] Seconds =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly double[] Default = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    public static double[] For(string? unit) => unit switch
    {
        "ms" => Milliseconds,
        "s" => Seconds,
        _ => Default,
    };

    /// <summary>Index of the first bucket whose bound is ≥ <paramref name="value"/> (Prometheus' <c>le</c>); bounds.Length for +Inf.</summary>
    public static int BucketOf(double[] bounds, double value)
    {
        int low = 0, high = bounds.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (bounds[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
