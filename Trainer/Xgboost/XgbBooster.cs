using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace FraudActors.Trainer.Xgboost;

/// <summary>
/// An XGBoost learner (gbtree, random forest or gblinear). Training calls are not thread-safe; the
/// prediction methods may be called from several threads at once (XGBoost keeps per-thread output buffers).
/// </summary>
internal sealed unsafe class XgbBooster : IDisposable
{
    /// <summary>The thread count used when the parameters do not name one; the machines have two cores.</summary>
    public const int DefaultThreads = 2;

    private XgbBooster(BoosterSafeHandle handle) => Handle = handle;

    internal BoosterSafeHandle Handle { get; }

    /// <summary>Boosting rounds (layers) the model holds.</summary>
    public int BoostedRounds
    {
        get
        {
            XgboostNative.Check(XgboostNative.XGBoosterBoostedRounds(Handle, out var rounds));
            return rounds;
        }
    }

    /// <summary>Feature count the model was trained on (0 before the first update).</summary>
    public int FeatureCount
    {
        get
        {
            XgboostNative.Check(XgboostNative.XGBoosterGetNumFeature(Handle, out var features));
            return checked((int)features);
        }
    }

    /// <summary>Creates a learner; <paramref name="cache"/> are the datasets it will train or evaluate on.</summary>
    public static XgbBooster Create(IReadOnlyDictionary<string, string> parameters, params ReadOnlySpan<XgbDataset> cache)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var booster = CreateEmpty(cache);
        try
        {
            if (!parameters.ContainsKey("nthread"))
            {
                booster.SetParameter("nthread", DefaultThreads.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var (name, value) in parameters)
            {
                booster.SetParameter(name, value);
            }
        }
        catch
        {
            booster.Dispose();
            throw;
        }

        return booster;
    }

    /// <summary>Loads a model saved by <see cref="SaveModel"/> (JSON or UBJSON bytes).</summary>
    public static XgbBooster Load(ReadOnlySpan<byte> model, int threads = DefaultThreads)
    {
        var booster = CreateEmpty([]);
        try
        {
            fixed (byte* buffer = model)
            {
                XgboostNative.Check(XgboostNative.XGBoosterLoadModelFromBuffer(booster.Handle, buffer, (ulong)model.Length));
            }

            booster.SetParameter("nthread", threads.ToString(CultureInfo.InvariantCulture));
        }
        catch
        {
            booster.Dispose();
            throw;
        }

        return booster;
    }

    public static XgbBooster LoadJson(string json, int threads = DefaultThreads) => Load(Encoding.UTF8.GetBytes(json), threads);

    private static XgbBooster CreateEmpty(ReadOnlySpan<XgbDataset> cache)
    {
        Span<nint> handles = cache.Length <= 8 ? stackalloc nint[cache.Length] : new nint[cache.Length];
        var added = new bool[cache.Length];
        try
        {
            for (var i = 0; i < cache.Length; i++)
            {
                cache[i].Handle.DangerousAddRef(ref added[i]);
                handles[i] = cache[i].Handle.DangerousGetHandle();
            }

            nint raw;
            fixed (nint* pointer = handles)
            {
                XgboostNative.Check(XgboostNative.XGBoosterCreate(pointer, (ulong)handles.Length, out raw));
            }

            return new XgbBooster(new BoosterSafeHandle(raw));
        }
        finally
        {
            for (var i = 0; i < cache.Length; i++)
            {
                if (added[i])
                {
                    cache[i].Handle.DangerousRelease();
                }
            }
        }
    }

    public void SetParameter(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        XgboostNative.Check(XgboostNative.XGBoosterSetParam(Handle, name, value));
    }

    /// <summary>Runs boosting round <paramref name="iteration"/> (0-based) on <paramref name="train"/>.</summary>
    public void UpdateOneIter(int iteration, XgbDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        XgboostNative.Check(XgboostNative.XGBoosterUpdateOneIter(Handle, iteration, train.Handle));
    }

    /// <summary>Evaluates the configured <c>eval_metric</c>(s) on each named dataset; names must not contain '-', ':' or whitespace.</summary>
    public IReadOnlyList<XgbMetric> EvalOneIter(int iteration, params ReadOnlySpan<(string Name, XgbDataset Data)> sets) =>
        ParseEvaluation(EvalOneIterText(iteration, sets));

    /// <summary>The metric <paramref name="metric"/> on <paramref name="data"/>; throws when XGBoost did not report it.</summary>
    public double Evaluate(int iteration, XgbDataset data, string metric)
    {
        foreach (var figure in EvalOneIter(iteration, ("eval", data)))
        {
            if (figure.Metric == metric)
            {
                return figure.Value;
            }
        }

        throw new InvalidOperationException($"XGBoost did not report metric '{metric}'; set parameter eval_metric={metric}.");
    }

    /// <summary>XGBoost's raw evaluation line, e.g. <c>[3]\ttrain-auc:0.95\tvalid-aucpr:0.91</c>.</summary>
    public string EvalOneIterText(int iteration, ReadOnlySpan<(string Name, XgbDataset Data)> sets)
    {
        var matrices = new nint[sets.Length];
        var names = new nint[sets.Length];
        var added = new bool[sets.Length];
        try
        {
            for (var i = 0; i < sets.Length; i++)
            {
                var (name, data) = sets[i];
                if (string.IsNullOrEmpty(name) || name.AsSpan().IndexOfAny("-: \t") >= 0)
                {
                    throw new ArgumentException($"Dataset name '{name}' must be non-empty without '-', ':' or whitespace.", nameof(sets));
                }

                data.Handle.DangerousAddRef(ref added[i]);
                matrices[i] = data.Handle.DangerousGetHandle();
                names[i] = Marshal.StringToCoTaskMemUTF8(name);
            }

            nint result;
            fixed (nint* matrixPointer = matrices)
            fixed (nint* namePointer = names)
            {
                XgboostNative.Check(XgboostNative.XGBoosterEvalOneIter(Handle, iteration, matrixPointer, (byte**)namePointer, (ulong)sets.Length, out result));
            }

            return Marshal.PtrToStringUTF8(result) ?? string.Empty;
        }
        finally
        {
            for (var i = 0; i < sets.Length; i++)
            {
                Marshal.FreeCoTaskMem(names[i]);
                if (added[i])
                {
                    sets[i].Data.Handle.DangerousRelease();
                }
            }
        }
    }

    internal static IReadOnlyList<XgbMetric> ParseEvaluation(string text)
    {
        var figures = new List<XgbMetric>();
        foreach (var token in text.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (token.StartsWith('['))
            {
                continue;
            }

            var dash = token.IndexOf('-', StringComparison.Ordinal);
            var colon = token.LastIndexOf(':');
            if (dash <= 0 || colon <= dash
                || !double.TryParse(token.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"Unexpected XGBoost evaluation token '{token}' in '{text}'.");
            }

            figures.Add(new XgbMetric(token[..dash], token[(dash + 1)..colon], value));
        }

        return figures;
    }

    /// <summary>Saves the model (trees or linear weights, objective, base score) in XGBoost's <c>json</c> or <c>ubj</c> format.</summary>
    public byte[] SaveModel(string format = "json")
    {
        if (format is not ("json" or "ubj"))
        {
            throw new ArgumentException("Format must be 'json' or 'ubj'.", nameof(format));
        }

        XgboostNative.Check(XgboostNative.XGBoosterSaveModelToBuffer(Handle, $"{{\"format\":\"{format}\"}}", out var length, out var buffer));
        return new ReadOnlySpan<byte>(buffer, checked((int)length)).ToArray();
    }

    /// <summary>The model as XGBoost JSON — the document the managed evaluator (<c>GradientBoostedModel</c>) reads.</summary>
    public string SaveJson() => Encoding.UTF8.GetString(SaveModel("json"));

    /// <summary>A new booster holding rounds [<paramref name="beginRound"/>, <paramref name="endRound"/>) (gbtree only).</summary>
    public XgbBooster Slice(int beginRound, int endRound)
    {
        XgboostNative.Check(XgboostNative.XGBoosterSlice(Handle, beginRound, endRound, 1, out var sliced));
        return new XgbBooster(new BoosterSafeHandle(sliced));
    }

    /// <summary>Raw margins (log-odds for binary:logistic), one per row.</summary>
    public float[] PredictMargin(XgbDataset data) => Predict(data, XgbPredictionType.Margin);

    /// <summary>Transformed predictions: probabilities for binary:logistic.</summary>
    public float[] PredictProbability(XgbDataset data) => Predict(data, XgbPredictionType.Value);

    /// <summary>Per-row feature contributions, rows × (columns + 1), bias last; <paramref name="approximate"/> selects Saabas over TreeSHAP.</summary>
    public float[] PredictContributions(XgbDataset data, bool approximate) =>
        Predict(data, approximate ? XgbPredictionType.ApproximateContributions : XgbPredictionType.Contributions);

    public float[] Predict(XgbDataset data, XgbPredictionType type)
    {
        ArgumentNullException.ThrowIfNull(data);
        var config = $"{{\"type\":{(int)type},\"training\":false,\"iteration_begin\":0,\"iteration_end\":0,\"strict_shape\":false}}";
        XgboostNative.Check(XgboostNative.XGBoosterPredictFromDMatrix(Handle, data.Handle, config, out var shape, out var dimensions, out var result));
        var count = 1UL;
        for (var i = 0UL; i < dimensions; i++)
        {
            count *= shape[i];
        }

        return new ReadOnlySpan<float>(result, checked((int)count)).ToArray();
    }

    /// <summary>
    /// One row through XGBoost's in-place prediction (no DMatrix). Convenient, but builds its JSON per call;
    /// latency-sensitive callers hold an <see cref="XgbInplacePredictor"/> instead.
    /// </summary>
    public float PredictDenseRow(ReadOnlySpan<float> row, bool margin = true)
    {
        using var proxy = CreateProxy();
        fixed (float* values = row)
        {
            var arrayInterface = XgbInplacePredictor.ArrayInterface(values, 1, row.Length);
            var config = XgbInplacePredictor.InplaceConfig(margin);
            return PredictDense(arrayInterface, config, proxy);
        }
    }

    /// <summary>
    /// Scores row-major rows through XGBoost's in-place prediction (no DMatrix, no prediction cache), e.g. to
    /// compare batch throughput honestly: DMatrix predictions are cached per matrix by XGBoost.
    /// </summary>
    public float[] PredictDense(ReadOnlySpan<float> rows, int rowCount, int columns, bool margin = true)
    {
        if (rows.Length != (long)rowCount * columns)
        {
            throw new ArgumentException($"Expected {rowCount} × {columns} values, got {rows.Length}.", nameof(rows));
        }

        using var proxy = CreateProxy();
        fixed (float* values = rows)
        {
            var arrayInterface = XgbInplacePredictor.ArrayInterface(values, rowCount, columns);
            fixed (byte* arrayPointer = arrayInterface)
            fixed (byte* configPointer = XgbInplacePredictor.InplaceConfig(margin))
            {
                XgboostNative.Check(XgboostNative.XGBoosterPredictFromDense(Handle, arrayPointer, configPointer, proxy, out _, out _, out var result));
                return new ReadOnlySpan<float>(result, rowCount).ToArray();
            }
        }
    }

    /// <summary>A reusable single-row in-place predictor with its buffers prepared once (for latency measurement).</summary>
    public XgbInplacePredictor CreateInplacePredictor(int featureCount, bool margin = true) => new(this, featureCount, margin);

    internal static DMatrixSafeHandle CreateProxy()
    {
        XgboostNative.Check(XgboostNative.XGProxyDMatrixCreate(out var proxy));
        return new DMatrixSafeHandle(proxy);
    }

    private float PredictDense(byte[] arrayInterface, byte[] config, DMatrixSafeHandle proxy)
    {
        fixed (byte* arrayPointer = arrayInterface)
        fixed (byte* configPointer = config)
        {
            XgboostNative.Check(XgboostNative.XGBoosterPredictFromDense(Handle, arrayPointer, configPointer, proxy, out _, out _, out var result));
            return *result;
        }
    }

    /// <summary>XGBoost's text dump of each tree (<paramref name="format"/> "text", "json" or "dot").</summary>
    public string[] DumpModel(bool withStats, string format = "json")
    {
        XgboostNative.Check(XgboostNative.XGBoosterDumpModelEx(Handle, string.Empty, withStats ? 1 : 0, format, out var length, out var dumps));
        var trees = new string[checked((int)length)];
        for (var i = 0; i < trees.Length; i++)
        {
            trees[i] = Marshal.PtrToStringUTF8((nint)dumps[i]) ?? string.Empty;
        }

        return trees;
    }

    public void Dispose() => Handle.Dispose();
}
