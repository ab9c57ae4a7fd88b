using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Storage.GrainState;
using FraudActors.Silo.Storage.Sqlite;
using Xunit.Abstractions;

namespace FraudActors.Silo.Tests.GrainState;

public sealed class ScratchTiming(ITestOutputHelper output)
{
    [Fact]
    public async Task Time()
    {
        var dir = Directory.CreateTempSubdirectory("fa-scratch-").FullName;
        await using var storage = await SqliteGrainStorage.OpenAsync(new SqliteStoreOptions { Path = Path.Combine(dir, "x.db") });
        var grains = Enumerable.Range(0, 5_000).Select(i => new GrainId("t", "g" + i)).ToArray();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var etags = await Task.WhenAll(grains.Select(async (grain, g) =>
        {
            string? etag = null;
            for (var round = 0; round < 4; round++)
            {
                etag = await storage.WriteAsync(grain, new GrainSnapshot(new byte[8], 1, null, etag), default);
                if (g == 0) output.WriteLine($"round {round} at {sw.ElapsedMilliseconds} ms {storage.Statistics}");
            }
            return etag;
        }));
        output.WriteLine($"{sw.ElapsedMilliseconds} ms {storage.Statistics}");
    }
}
