using System.Net;
using FraudActors.Silo.Membership;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Routing;

/// <summary>
/// Finds the silo that owns a card (its partition's owner in the membership directory) and forwards requests there:
/// the gateway stays thin, and a card's state lives in one place. A forward that fails — the owner is unreachable or
/// answers 421 because ownership moved — is retried once against a fresh read of the directory; when no owner is
/// reachable the caller answers 503 with Retry-After.
/// </summary>
internal sealed partial class CardRouter(ISiloDirectory directory, IPartitionOwnership ownership, IHttpClientFactory clients, ILogger<CardRouter> logger)
{
    /// <summary>Marks a request one gateway forwarded to another; its receiver answers it locally or 421, never forwards again.</summary>
    public const string ForwardedHeader = "X-FraudActors-Forwarded";

    /// <summary>The id of the silo that answered (every routed response carries it).</summary>
    public const string SiloHeader = "X-FraudActors-Silo";

    public const string ClientName = "silo-forwarding";

    public string LocalSiloId => directory.Local.SiloId;

    public async Task<CardRoute> ResolveAsync(string cardId, CancellationToken cancellationToken)
    {
        var partitions = ownership.PartitionCount;
        if (partitions <= 0)
        {
            return new CardRoute(false, null, -1);
        }

        var partition = Murmur2Partitioner.Partition(cardId, partitions);
        if (ownership.Owns(partition))
        {
            // The common case costs a hash and a lookup: no directory read, no allocation.
            return new CardRoute(true, null, partition);
        }

        var owner = await directory.FindOwnerAsync(partition, cancellationToken).ConfigureAwait(false);
        return owner is { IsLocal: true } ? new CardRoute(true, null, partition) : new CardRoute(false, owner, partition);
    }

    /// <summary>
    /// Sends the request to the card's owner and returns its answer, or null when no owner could answer (after one
    /// retry on a fresh directory read). A route that turns out to be local on the retry is also null: the caller
    /// then answers 503 and the client retries, which is simpler than re-entering the local path here.
    /// </summary>
    public async Task<HttpResponseMessage?> ForwardAsync(
        HttpRequest request, ReadOnlyMemory<byte>? body, string cardId, CardRoute route, CancellationToken cancellationToken, string? path = null)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (route.IsLocal || route.Owner is not { } owner)
            {
                return null;
            }

            try
            {
                var response = await SendAsync(request, body, owner, path, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.MisdirectedRequest)
                {
                    return response;
                }

                response.Dispose();
            }
            catch (HttpRequestException exception)
            {
                LogForwardFailed(logger, owner.SiloId, owner.Address, exception.Message);
            }

            directory.Invalidate();
            route = await ResolveAsync(cardId, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequest request, ReadOnlyMemory<byte>? body, SiloMember owner, string? path, CancellationToken cancellationToken)
    {
        var target = new Uri(new Uri(owner.Address), path ?? (request.Path + request.QueryString));
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (body is { } bytes)
        {
            message.Content = new ReadOnlyMemoryContent(bytes);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType ?? "application/json");
        }

        if (request.Headers.TryGetValue("X-API-Key", out var key))
        {
            message.Headers.TryAddWithoutValidation("X-API-Key", (IEnumerable<string>)key);
        }

        message.Headers.TryAddWithoutValidation(ForwardedHeader, "1");
        var client = clients.CreateClient(ClientName);
        // The request's own method and path are only a template; a batch item goes to the single-score path.
        message.Method = body is null ? HttpMethod.Get : HttpMethod.Post;
        return await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to silo {SiloId} at {Address} failed: {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, string siloId, string address, string reason);
}
