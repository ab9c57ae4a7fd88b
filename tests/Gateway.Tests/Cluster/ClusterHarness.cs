using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Postgres;
using FraudActors.Tests.Shared;
using Npgsql;

namespace FraudActors.Gateway.Tests.Cluster;

/// <summary>What the multi-process tests share: a champion in the registry, waiting on the membership table and on readiness.</summary>
internal static class ClusterHarness
{
    public static string[] SiloSettings(string bootstrapServers) =>
    [
        $"--Kafka:BootstrapServers={bootstrapServers}",
        "--Kafka:CommitIntervalMs=500",
        "--Kafka:FetchWaitMaxMs=10",
        "--Kafka:SessionTimeoutMs=6000",
        "--Demo:Enabled=false",
        "--Demo:TrainModelIfMissing=false",
        "--Membership:HeartbeatInterval=00:00:00.500",
        "--Membership:Expiry=00:00:05",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:FraudActors.Silo.Kafka=Information",
    ];

    public static async Task PublishChampionAsync(string connectionString)
    {
        var store = await PostgresModelRegistryStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString });
        await using (store.ConfigureAwait(false))
        {
            await store.PublishAsync(LinearPackages.Create(weight: 0.002f), "test", "cluster test");
            await store.SetAliasAsync("card-behaviour", ModelAliases.Champion, 1, "test", "cluster test", forced: false);
        }
    }

    /// <summary>Live members (heartbeat within 5 s) that own at least one partition, with their partitions.</summary>
    public static async Task<Dictionary<string, int[]>> MembersAsync(string connectionString) =>
        (await MembersWithAddressesAsync(connectionString)).ToDictionary(m => m.Key, m => m.Value.Partitions, StringComparer.Ordinal);

    /// <summary>Live members owning partitions: silo id → (the address it registered, its partitions).</summary>
    public static async Task<Dictionary<string, (string Address, int[] Partitions)>> MembersWithAddressesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT to_regclass('silo_members') IS NOT NULL", connection);
        var members = new Dictionary<string, (string, int[])>(StringComparer.Ordinal);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
        {
            return members;
        }

        await using var command = new NpgsqlCommand(
            "SELECT silo_id, partitions, address FROM silo_members WHERE heartbeat_at > now() - interval '5 seconds' AND cardinality(partitions) > 0",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            members[reader.GetString(0)] = (reader.GetString(2), reader.GetFieldValue<int[]>(1));
        }

        return members;
    }

    public static async Task<bool> MembersOwnAllAsync(string connectionString, int members, int partitions)
    {
        var live = await MembersAsync(connectionString);
        return live.Count == members && live.Values.Sum(p => p.Length) == partitions
            && live.Values.SelectMany(p => p).Distinct().Count() == partitions;
    }

    public static async Task<bool> ReadyAsync(string url)
    {
        using var client = new HttpClient();
        try
        {
            return (await client.GetAsync(new Uri(url + "/health/ready"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, IReadOnlyList<SiloProcess> silos)
    {
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        while (!await condition())
        {
            if (clock.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.\n" + string.Join("\n", silos.Select(s => s.Output)));
            }

            await Task.Delay(100);
        }
    }
}
