using System.Collections.Concurrent;
using System.Reflection;
using FraudActors.Silo.Runtime.Diagnostics;

namespace FraudActors.Silo.Runtime;

/// <summary>
/// The grain method a queued call invokes, as a metric tag. References call <c>InvokeAsync</c> with a static lambda
/// written inside the method they proxy, so the compiler names the lambda after it (<c>&lt;ProcessAsync&gt;b__1_0</c>);
/// the name is parsed once per lambda and cached, leaving a dictionary lookup per turn.
/// </summary>
internal static class TurnMethods
{
    private static readonly ConcurrentDictionary<MethodInfo, KeyValuePair<string, object?>> Tags = new();

    public static KeyValuePair<string, object?> TagOf(Delegate call) =>
        Tags.GetOrAdd(call.Method, static method => new KeyValuePair<string, object?>(GrainRuntimeMetrics.MethodTag, NameOf(method)));

    internal static string NameOf(MethodInfo method)
    {
        var name = method.Name;
        var open = name.IndexOf('<', StringComparison.Ordinal);
        var close = name.IndexOf('>', StringComparison.Ordinal);
        return open == 0 && close > 1 ? name[1..close] : name;
    }
}
