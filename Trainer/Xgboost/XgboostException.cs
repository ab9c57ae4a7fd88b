namespace FraudActors.Trainer.Xgboost;

/// <summary>A call into XGBoost failed; <see cref="Exception.Message"/> carries XGBoost's own explanation.</summary>
internal sealed class XgboostException : Exception
{
    public XgboostException(string function, string nativeMessage)
        : base($"{function} failed: {nativeMessage}")
    {
        Function = function;
        NativeMessage = nativeMessage;
    }

    /// <summary>The C API function that failed, e.g. <c>XGBoosterUpdateOneIter</c>.</summary>
    public string Function { get; }

    /// <summary>XGBGetLastError's text, unchanged.</summary>
    public string NativeMessage { get; }
}
