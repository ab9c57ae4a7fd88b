using FraudActors.Trainer.Cli;

namespace FraudActors.Trainer.Tests.Training;

public sealed class DbCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("db-").FullName;

    [Fact]
    public async Task Migrate_applies_every_scope_once_and_is_idempotent()
    {
        var path = Path.Combine(_directory, "store.db");

        var first = await RunAsync("db", "migrate", "--registry", path);
        var second = await RunAsync("db", "migrate", "--registry", path);

        first.Code.Should().Be(0);
        first.Output.Should().MatchRegex(@"registry \+[1-9]\d*, grain-state \+[1-9]\d*, audit \+[1-9]\d*");
        second.Output.Should().Contain("registry +0, grain-state +0, audit +0");
    }

    [Fact]
    public async Task An_unreachable_postgres_is_one_line_and_exit_1()
    {
        var result = await RunAsync("db", "migrate", "--postgres", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");

        result.Code.Should().Be(1);
        result.Errors.Trim().Should().StartWith("error: Cannot connect to PostgreSQL at 127.0.0.1:1").And.NotContain("\n");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await TrainerCli.RunAsync(args, output, errors, TimeProvider.System);
        return (code, output.ToString(), errors.ToString());
    }
}
