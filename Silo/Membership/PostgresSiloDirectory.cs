using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using FraudActors.Silo.Storage.Postgres;
using Npgsql;

namespace FraudActors.Silo.Membership;

/// <summary>
/// The membership table in PostgreSQL. A background loop upserts this silo's row (address, partitions it owns,
/// heartbeat) every heartbeat interval and deletes it on a clean stop; readers see members whose heartbeat is
/// younger than the expiry, judged by the database's clock so silos' clocks need not agree. A crashed silo's row
/// simply expires; the partitions it owned appear under their new owner as soon as that one's next heartbeat runs.
/// </summary>
internal sealed partial class PostgresSiloDirectory : BackgroundService, ISiloDirectory
{
    private readonly MembershipOptions _options;
    private readonly IPartitionOwnership _ownership;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresSiloDirectory> _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly DateTimeOffset _startedAt;
    private readonly string _siloId;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyList<SiloMember> Members, long ReadAt)? _cache;
    private bool _migrated;

    public PostgresSiloDirectory(IOptions<MembershipOptions> options, IPartitionOwnership ownership, TimeProvider time, ILogger<PostgresSiloDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _ownership = ownership;
        _time = time;
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(_options.ConnectionString);
        _startedAt = time.GetUtcNow();
        _siloId = SiloIdentity.Create(_startedAt);
    }

    public SiloMember Local => new(_siloId, _options.Address, _startedAt, _time.GetUtcNow(), Sorted(_ownership.AssignedPartitions), IsLocal: true);

    public int PartitionCount => _ownership.PartitionCount;

    /// <summary>Heartbeats written so far.</summary>
    public long Heartbeats { get; private set; }

    public async Task<IReadOnlyList<SiloMember>> GetMembersAsync(CancellationToken cancellationToken = default)
    {
        if (_cache is { } cached && _time.GetElapsedTime(cached.ReadAt) < _options.CacheFor)
        {
            return cached.Members;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cache is { } again && _time.GetElapsedTime(again.ReadAt) < _options.CacheFor)
            {
                return again.Members;
            }

            var members = await ReadAsync(cancellationToken).ConfigureAwait(false);
            _cache = (members, _time.GetTimestamp());
            return members;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public async Task<SiloMember?> FindOwnerAsync(int partition, CancellationToken cancellationToken = default)
    {
        if (_ownership.Owns(partition))
        {
            return Local;
        }

        SiloMember? owner = null;
        foreach (var member in await GetMembersAsync(cancellationToken).ConfigureAwait(false))
        {
            // Mid-rebalance two rows can both list a partition: the fresher heartbeat reflects the newer assignment.
            if (!member.IsLocal && member.Partitions.Contains(partition) && (owner is null || member.HeartbeatAt > owner.HeartbeatAt))
            {
                owner = member;
            }
        }

        return owner;
    }

    public void Invalidate() => _cache = null;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _dataSource.CreateCommand("DELETE FROM silo_members WHERE silo_id = $1");
            command.Parameters.AddWithValue(_siloId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            LogLeft(_logger, _siloId);
        }
        catch (NpgsqlException exception)
        {
            // The row expires on its own; leaving cleanly only makes the handover visible sooner.
            LogHeartbeatFailed(_logger, exception);
        }
    }

    public override void Dispose()
    {
        _dataSource.Dispose();
        _refresh.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogJoined(_logger, _siloId, _options.Address);
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        do
        {
            try
            {
                await HeartbeatAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (NpgsqlException exception)
            {
                LogHeartbeatFailed(_logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static int[] Sorted(IReadOnlyCollection<int> partitions)
    {
        var sorted = partitions.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await PostgresMigrator.ApplyAsync(_dataSource, PostgresMembershipMigrations.Scope, PostgresMembershipMigrations.All, cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }

        var expirySeconds = _options.Expiry.TotalSeconds;
        await using var batch = _dataSource.CreateBatch();
        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO silo_members (silo_id, address, started_at, heartbeat_at, partition_count, partitions)
            VALUES ($1, $2, $3, now(), $4, $5)
            ON CONFLICT (silo_id) DO UPDATE SET address = EXCLUDED.address, heartbeat_at = now(),
                partition_count = EXCLUDED.partition_count, partitions = EXCLUDED.partitions
            """);
        upsert.Parameters.Add(new NpgsqlParameter { Value = _siloId });
        upsert.Parameters.Add(new NpgsqlParameter { Value = _options.Address });
        upsert.Parameters.Add(new NpgsqlParameter { Value = _startedAt });
        upsert.Parameters.Add(new NpgsqlParameter { Value = _ownership.PartitionCount });
        upsert.Parameters.Add(new NpgsqlParameter { Value = Sorted(_ownership.AssignedPartitions) });
        batch.BatchCommands.Add(upsert);

        // Dead members' rows are swept by whoever is alive (ten expiries old: long past any routing decision).
        var sweep = new NpgsqlBatchCommand("DELETE FROM silo_members WHERE heartbeat_at < now() - make_interval(secs => $1)");
        sweep.Parameters.Add(new NpgsqlParameter { Value = expirySeconds * 10 });
        batch.BatchCommands.Add(sweep);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Heartbeats++;
    }

    private async Task<IReadOnlyList<SiloMember>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT silo_id, address, started_at, heartbeat_at, partitions FROM silo_members
            WHERE heartbeat_at >= now() - make_interval(secs => $1) ORDER BY started_at, silo_id
            """);
        command.Parameters.AddWithValue(_options.Expiry.TotalSeconds);
        var members = new List<SiloMember>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            members.Add(new SiloMember(
                id,
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<int[]>(4),
                id == _siloId));
        }

        if (!members.Exists(m => m.IsLocal))
        {
            members.Add(Local);
        }

        return members;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} joined the membership table at {Address}")]
    private static partial void LogJoined(ILogger logger, string siloId, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} left the membership table")]
    private static partial void LogLeft(ILogger logger, string siloId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership heartbeat failed; retrying at the next interval")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}
