using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace FraudActors.Trainer.Xgboost;

/// <summary>
/// Scores one row at a time through <c>XGBoosterPredictFromDense</c> with everything prepared up front: a native
/// row buffer, its <c>__array_interface__</c> JSON, the config JSON and the proxy DMatrix. Each call only copies
/// the row, so a latency comparison measures XGBoost rather than string formatting. One instance per thread.
/// </summary>
internal sealed unsafe class XgbInplacePredictor : IDisposable
{
    private readonly XgbBooster booster;
    private readonly DMatrixSafeHandle proxy;
    private readonly int featureCount;
    private float* row;
    private byte* arrayInterface;
    private byte* config;

    internal XgbInplacePredictor(XgbBooster booster, int featureCount, bool margin)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        this.booster = booster;
        this.featureCount = featureCount;
        proxy = XgbBooster.CreateProxy();
        row = (float*)NativeMemory.AlignedAlloc((nuint)(featureCount * sizeof(float)), 64);
        arrayInterface = CopyToNative(ArrayInterface(row, 1, featureCount));
        config = CopyToNative(InplaceConfig(margin));
    }

    /// <summary>The margin (or probability, when created with margin: false) of one row; NaN = missing.</summary>
    public float Predict(ReadOnlySpan<float> features)
    {
        if (features.Length != featureCount)
        {
            throw new ArgumentException($"Expected {featureCount} features, got {features.Length}.", nameof(features));
        }

        ObjectDisposedException.ThrowIf(row is null, this);
        features.CopyTo(new Span<float>(row, featureCount));
        XgboostNative.Check(XgboostNative.XGBoosterPredictFromDense(booster.Handle, arrayInterface, config, proxy, out _, out _, out var result));
        return *result;
    }

    /// <summary>NUL-terminated <c>__array_interface__</c> of C-contiguous float32 rows at <paramref name="values"/>.</summary>
    internal static byte[] ArrayInterface(float* values, int rows, int columns) =>
        Terminated(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"data\":[{(ulong)values},true],\"shape\":[{rows},{columns}],\"strides\":null,\"typestr\":\"<f4\",\"version\":3}}"));

    /// <summary>In-place prediction config: XGBoost's JSON reader accepts NaN as the missing marker.</summary>
    internal static byte[] InplaceConfig(bool margin) =>
        Terminated($"{{\"type\":{(margin ? 1 : 0)},\"training\":false,\"iteration_begin\":0,\"iteration_end\":0,\"strict_shape\":false,\"missing\":NaN,\"cache_id\":0}}");

    private static byte[] Terminated(string json) => Encoding.UTF8.GetBytes(json + "\0");

    private static byte* CopyToNative(byte[] bytes)
    {
        var pointer = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>(pointer, bytes.Length));
        return pointer;
    }

    public void Dispose()
    {
        if (row is null)
        {
            return;
        }

        NativeMemory.AlignedFree(row);
        NativeMemory.Free(arrayInterface);
        NativeMemory.Free(config);
        row = null;
        arrayInterface = null;
        config = null;
        proxy.Dispose();
    }
}
