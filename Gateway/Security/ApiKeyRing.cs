using System.Security.Claims;
using System.Security.Cryptography;
using FraudActors.Gateway.Api;
using FraudActors.Silo.Storage.ApiKeys;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Security;

/// <summary>
/// The accepted keys as hash bytes, each with its ready-made principal; a presented key is hashed and compared in
/// constant time. Keys come from configuration (<c>Api:Keys</c>) and from the <c>api_keys</c> table that
/// <c>trainer keys</c> writes; the table is re-read every <see cref="ApiKeyStoreOptions.RefreshSeconds"/>, so a new
/// or revoked key takes effect without a restart. The refresh loop ends when the application stops.
/// </summary>
internal sealed partial class ApiKeyRing : IAsyncDisposable
{
    public const string AnonymousName = "anonymous";

    // How long the first request waits for the first read of the table (a slow PostgreSQL must not hang it for long).
    private static readonly TimeSpan FirstLoadWait = TimeSpan.FromSeconds(5);

    private readonly (byte[] Hash, ClaimsPrincipal Principal)[] _configured;
    private readonly Func<IApiKeyStore>? _openStore;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _refreshLoop;
    private IApiKeyStore? _store;
    private volatile (byte[] Hash, ClaimsPrincipal Principal)[] _keys;
    private bool _failing;

    public ApiKeyRing(IOptions<ApiOptions> options, IConfiguration configuration, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<ApiKeyRing> logger)
        : this(options.Value, StoreFactory(ApiKeyStoreOptions.From(configuration)), RefreshPeriod(ApiKeyStoreOptions.From(configuration)), time, logger)
    {
        lifetime.ApplicationStopping.Register(static state => ((CancellationTokenSource)state!).Cancel(), _stopping);
    }

    /// <param name="openStore">Opens the key table; null = configured keys only.</param>
    internal ApiKeyRing(ApiOptions settings, Func<IApiKeyStore>? openStore, TimeSpan refreshPeriod, TimeProvider time, ILogger logger)
    {
        _logger = logger;
        _openStore = openStore;
        _configured = new (byte[], ClaimsPrincipal)[settings.Keys.Count];
        for (var i = 0; i < _configured.Length; i++)
        {
            var entry = settings.Keys[i];
            _configured[i] = (Convert.FromHexString(entry.Hash), Principal(entry.Name, entry.Scopes));
        }

        _keys = _configured;
        Anonymous = settings.AllowAnonymousInDemo ? Principal(AnonymousName, [ApiScopes.Score, ApiScopes.Read, ApiScopes.Admin]) : null;
        if (openStore is null)
        {
            _refreshLoop = Task.CompletedTask;
            return;
        }

        var first = RefreshAsync(_stopping.Token);
        try
        {
            first.Wait(FirstLoadWait);
        }
        catch (AggregateException)
        {
            // RefreshAsync logs its own failures; the loop retries.
        }

        _refreshLoop = RefreshLoopAsync(first, refreshPeriod, time, _stopping.Token);
    }

    /// <summary>The principal of a request without a key, or null when such requests are refused.</summary>
    public ClaimsPrincipal? Anonymous { get; }

    /// <summary>The principal of <paramref name="key"/>, or null when no valid key matches.</summary>
    public ClaimsPrincipal? Find(string key)
    {
        var presented = ApiKeyHasher.HashBytes(key);
        ClaimsPrincipal? found = null;

        // Every entry is compared (no early exit) so the time taken says nothing about which key nearly matched.
        foreach (var (hash, principal) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                found = principal;
            }
        }

        return found;
    }

    /// <summary>Reads the key table now and swaps in the new set; on failure keeps the previous set.</summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            _store ??= _openStore!();
            var stored = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
            var keys = new List<(byte[], ClaimsPrincipal)>(_configured.Length + stored.Count);
            keys.AddRange(_configured);
            foreach (var key in stored)
            {
                if (key.IsActive && key.Hash.Length == 64)
                {
                    keys.Add((Convert.FromHexString(key.Hash), Principal(key.Name, KnownScopes(key.Scopes))));
                }
            }

            _keys = [.. keys];
            if (_failing)
            {
                _failing = false;
                LogRecovered(_logger, stored.Count);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (!_failing)
            {
                // The message, not the exception: a connection string could carry a password into the log.
                _failing = true;
                LogUnavailable(_logger, exception.GetType().Name, exception.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _refreshLoop.ConfigureAwait(false);
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RefreshLoopAsync(Task first, TimeSpan period, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await first.ConfigureAwait(false);
            using var timer = new PeriodicTimer(period, time);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static Func<IApiKeyStore>? StoreFactory(ApiKeyStoreOptions options)
    {
        if (options.RefreshSeconds <= 0)
        {
            return null;
        }

        return options.PostgresConnectionString is { } connection
            ? () => PostgresApiKeyStore.Create(connection)
            : () => SqliteApiKeyStore.Open(options.SqlitePath);
    }

    private static TimeSpan RefreshPeriod(ApiKeyStoreOptions options) => TimeSpan.FromSeconds(Math.Clamp(options.RefreshSeconds, 1, 3600));

    private static List<string> KnownScopes(IReadOnlyList<string> scopes)
    {
        var known = new List<string>(scopes.Count);
        foreach (var scope in scopes)
        {
            if (ApiScopes.IsKnown(scope))
            {
                known.Add(scope);
            }
        }

        return known;
    }

    private static ClaimsPrincipal Principal(string name, IEnumerable<string> scopes)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        foreach (var scope in scopes)
        {
            claims.Add(new Claim(ApiScopes.ClaimType, scope));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthenticationHandler.SchemeName));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the API key table ({Failure}: {Reason}); keeping the keys known so far and retrying.")]
    private static partial void LogUnavailable(ILogger logger, string failure, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The API key table is readable again ({Count} keys).")]
    private static partial void LogRecovered(ILogger logger, int count);
}
