using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Api;

/// <summary>
/// Reads request bodies strictly: a size cap, a depth cap, exact camelCase names, no unknown fields, numbers only
/// as JSON numbers (so no NaN or Infinity). Every failure becomes a field-named error, never an exception.
/// </summary>
internal sealed class RequestBody
{
    private readonly long _maxBytes;

    public RequestBody(IOptions<ApiOptions> options)
    {
        var settings = options.Value;
        _maxBytes = settings.MaxBodyBytes;
        Json = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = settings.MaxJsonDepth,
        };
        Document = new JsonDocumentOptions { MaxDepth = settings.MaxJsonDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };
    }

    public JsonSerializerOptions Json { get; }

    public JsonDocumentOptions Document { get; }

    /// <summary>The body's bytes, or the 413 problem when it is larger than allowed.</summary>
    public async Task<(ReadOnlyMemory<byte> Bytes, ProblemHttpResult? TooLarge)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > _maxBytes)
        {
            return (default, TooLargeProblem());
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _maxBytes)
            {
                return (default, TooLargeProblem());
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }

    /// <summary>Parses a whole body as <typeparamref name="T"/>; errors are keyed by the field at fault.</summary>
    public T? Deserialize<T>(ReadOnlyMemory<byte> bytes, Dictionary<string, string[]> errors)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes.Span, Json);
            if (value is null)
            {
                errors["body"] = ["must be a JSON object."];
            }

            return value;
        }
        catch (Exception exception) when (IsBadInput(exception))
        {
            AddJsonError(errors, exception, prefix: null);
            return null;
        }
    }

    /// <summary>Parses one element (a batch item) as <typeparamref name="T"/>.</summary>
    public T? Deserialize<T>(JsonElement element, Dictionary<string, string[]> errors)
        where T : class
    {
        try
        {
            var value = element.Deserialize<T>(Json);
            if (value is null)
            {
                errors["body"] = ["must be a JSON object."];
            }

            return value;
        }
        catch (Exception exception) when (IsBadInput(exception))
        {
            AddJsonError(errors, exception, prefix: null);
            return null;
        }
    }

    /// <summary>Parses the body as a document (for per-item handling), or records why it is not JSON.</summary>
    public JsonDocument? Parse(ReadOnlyMemory<byte> bytes, Dictionary<string, string[]> errors)
    {
        try
        {
            return JsonDocument.Parse(bytes, Document);
        }
        catch (Exception exception) when (IsBadInput(exception))
        {
            AddJsonError(errors, exception, prefix: null);
            return null;
        }
    }

    public ProblemHttpResult TooLargeProblem() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"The body must be at most {_maxBytes} bytes.");

    internal static bool IsBadInput(Exception exception) =>
        exception is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException or NotSupportedException;

    private static void AddJsonError(Dictionary<string, string[]> errors, Exception exception, string? prefix)
    {
        var path = (exception as JsonException)?.Path;
        var field = FieldOf(path);
        string message;
        if (exception.Message.Contains("could not be mapped", StringComparison.Ordinal) && QuotedName(exception.Message) is { } unknown)
        {
            field = field.Length == 0 ? unknown : field.EndsWith(unknown, StringComparison.Ordinal) ? field : $"{field}.{unknown}";
            message = "is not a known field (names are camelCase; remove it).";
        }
        else if (exception.Message.Contains("maximum configured depth", StringComparison.Ordinal) || exception.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            message = "is nested too deeply.";
        }
        else if (field.Length == 0)
        {
            message = "is not valid JSON (UTF-8, one object, no comments or trailing commas).";
        }
        else
        {
            message = "has the wrong type or format (numbers as JSON numbers, text as strings, booleans as true/false).";
        }

        var key = prefix is null ? (field.Length == 0 ? "body" : field) : $"{prefix}{field}";
        errors[key] = [message];
    }

    /// <summary>"$.transactions[2].amount" → "transactions[2].amount"; "$" or nothing → "".</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length > 200 ? field[..200] : field;
    }

    private static string? QuotedName(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        if (end <= start + 1)
        {
            return null;
        }

        var name = message[(start + 1)..end];
        return name.Length > 100 ? name[..100] : name;
    }
}
