using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FraudActors.Trainer.Xgboost;

/// <summary>
/// P/Invoke surface of XGBoost 1.7's C API (Debian's <c>libxgboost0</c>). Every function returns 0 on
/// success and -1 on failure; callers go through <see cref="Check"/> so a failure always carries
/// <c>XGBGetLastError</c>'s text. Handles are <c>void*</c> (nint), <c>bst_ulong</c> is uint64.
/// </summary>
internal static unsafe partial class XgboostNative
{
    /// <summary>Debian ships only the versioned soname (no dev symlink), so bind it by that name.</summary>
    internal const string LibraryName = "libxgboost.so.0";

    /// <summary>Lets an operator point at another build (e.g. a newer pip wheel's .so) without recompiling.</summary>
    internal const string LibraryPathVariable = "XGBOOST_LIBRARY_PATH";

    private static readonly string[] FallbackNames = ["libxgboost.so.0", "libxgboost.so", "xgboost"];

    static XgboostNative()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(XgboostNative).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another part of this assembly registered a resolver first; default probing of the soname still works.
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return 0;
        }

        var overridePath = Environment.GetEnvironmentVariable(LibraryPathVariable);
        if (!string.IsNullOrEmpty(overridePath) && NativeLibrary.TryLoad(overridePath, out var handle))
        {
            return handle;
        }

        foreach (var name in FallbackNames)
        {
            if (NativeLibrary.TryLoad(name, assembly, searchPath, out handle))
            {
                return handle;
            }
        }

        return 0;
    }

    /// <summary>Throws <see cref="XgboostException"/> with XGBoost's own message when <paramref name="status"/> is non-zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Check(int status, [CallerArgumentExpression(nameof(status))] string? call = null)
    {
        if (status != 0)
        {
            ThrowLastError(call);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLastError(string? call)
    {
        var message = Marshal.PtrToStringUTF8(XGBGetLastError()) ?? "unknown XGBoost error";
        var function = call is null ? "XGBoost" : call[..Math.Max(0, call.IndexOf('(', StringComparison.Ordinal))];
        throw new XgboostException(function, message.Trim());
    }

    [LibraryImport(LibraryName)]
    internal static partial nint XGBGetLastError();

    [LibraryImport(LibraryName)]
    internal static partial void XGBoostVersion(out int major, out int minor, out int patch);

    [LibraryImport(LibraryName)]
    internal static partial int XGDMatrixCreateFromMat(float* data, ulong rows, ulong columns, float missing, out nint matrix);

    [LibraryImport(LibraryName)]
    internal static partial int XGDMatrixCreateFromMat_omp(float* data, ulong rows, ulong columns, float missing, out nint matrix, int threads);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGDMatrixSetFloatInfo(DMatrixSafeHandle matrix, string field, float* values, ulong length);

    [LibraryImport(LibraryName)]
    internal static partial int XGDMatrixNumRow(DMatrixSafeHandle matrix, out ulong rows);

    [LibraryImport(LibraryName)]
    internal static partial int XGDMatrixNumCol(DMatrixSafeHandle matrix, out ulong columns);

    [LibraryImport(LibraryName)]
    internal static partial int XGDMatrixFree(nint matrix);

    [LibraryImport(LibraryName)]
    internal static partial int XGProxyDMatrixCreate(out nint proxy);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterCreate(nint* cachedMatrices, ulong count, out nint booster);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterFree(nint booster);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSetParam(BoosterSafeHandle booster, string name, string value);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterUpdateOneIter(BoosterSafeHandle booster, int iteration, DMatrixSafeHandle train);

    /// <summary><paramref name="names"/> is an array of NUL-terminated UTF-8 strings; the result stays valid until the next call on this thread.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterEvalOneIter(BoosterSafeHandle booster, int iteration, nint* matrices, byte** names, ulong count, out nint result);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterBoostedRounds(BoosterSafeHandle booster, out int rounds);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterGetNumFeature(BoosterSafeHandle booster, out ulong features);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterSlice(BoosterSafeHandle booster, int beginLayer, int endLayer, int step, out nint sliced);

    /// <summary><paramref name="config"/> is JSON, e.g. <c>{"format":"json"}</c> or <c>{"format":"ubj"}</c>.</summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSaveModelToBuffer(BoosterSafeHandle booster, string config, out ulong length, out byte* buffer);

    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterLoadModelFromBuffer(BoosterSafeHandle booster, byte* buffer, ulong length);

    /// <summary>
    /// <paramref name="config"/>: <c>{"type":t,"training":false,"iteration_begin":0,"iteration_end":0,"strict_shape":false}</c>
    /// with type 0 = transformed value, 1 = margin, 2 = SHAP contributions, 3 = approximate (Saabas) contributions,
    /// 4/5 = interactions, 6 = leaf index. The result buffer is thread-local to the booster; copy before the next call.
    /// </summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterPredictFromDMatrix(BoosterSafeHandle booster, DMatrixSafeHandle matrix, string config, out ulong* shape, out ulong dimensions, out float* result);

    /// <summary>
    /// In-place prediction: <paramref name="arrayInterface"/> is a NUL-terminated UTF-8 <c>__array_interface__</c>
    /// JSON pointing at the rows; <paramref name="config"/> adds <c>"missing"</c> and <c>"cache_id":0</c>;
    /// <paramref name="proxy"/> comes from <see cref="XGProxyDMatrixCreate"/>.
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial int XGBoosterPredictFromDense(BoosterSafeHandle booster, byte* arrayInterface, byte* config, DMatrixSafeHandle proxy, out ulong* shape, out ulong dimensions, out float* result);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterDumpModelEx(BoosterSafeHandle booster, string featureMap, int withStats, string format, out ulong length, out byte** dumps);
}
