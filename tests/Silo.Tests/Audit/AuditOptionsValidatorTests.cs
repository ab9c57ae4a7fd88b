using FraudActors.Silo.Audit;
using FraudActors.Silo.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Tests.Audit;

public sealed class AuditOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid_for_sqlite_and_postgres_needs_a_connection_string()
    {
        var validator = new AuditOptionsValidator();

        validator.Validate(null, new AuditOptions { Store = AuditStoreKind.Sqlite }).Succeeded.Should().BeTrue();
        validator.Validate(null, new AuditOptions { Store = AuditStoreKind.Postgres }).FailureMessage.Should().Contain("ConnectionString is empty");
        validator.Validate(null, new AuditOptions { Store = AuditStoreKind.Postgres, ConnectionString = "Host=x;Port=notaport" })
            .FailureMessage.Should().Contain("ConnectionString is invalid");
    }

    [Fact]
    public void Each_bad_setting_is_named()
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions
        {
            Store = AuditStoreKind.Sqlite,
            BatchSize = 0,
            BufferCapacity = -1,
            FlushInterval = TimeSpan.Zero,
            SpillDirectory = " ",
            ReconnectMinDelay = TimeSpan.FromSeconds(2),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            ShutdownTimeout = TimeSpan.FromHours(1),
        });

        result.Failures.Should().HaveCount(6);
        result.FailureMessage.Should().ContainAll("BatchSize", "BufferCapacity", "FlushInterval", "SpillDirectory", "ReconnectMinDelay", "ShutdownTimeout");
    }

    [Fact]
    public void AddSqliteAudit_registers_the_sink_and_its_writer()
    {
        var directory = Directory.CreateTempSubdirectory("fa-audit-di-").FullName;
        try
        {
            var services = new ServiceCollection().AddSqliteAudit(o =>
            {
                o.SqlitePath = Path.Combine(directory, "fa.db");
                o.SpillDirectory = Path.Combine(directory, "spill");
            });
            using var provider = services.BuildServiceProvider();

            provider.GetServices<IDecisionSink>().Should().ContainSingle().Which.Should().BeSameAs(provider.GetRequiredService<AuditSink>());
            provider.GetServices<IHostedService>().OfType<AuditWriter>().Should().ContainSingle();
            provider.GetRequiredService<IAuditReader>().Should().BeSameAs(provider.GetRequiredService<IAuditStore>());
            provider.GetRequiredService<IOptions<AuditOptions>>().Value.Store.Should().Be(AuditStoreKind.Sqlite);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AddPostgresAudit_without_a_connection_string_fails_validation()
    {
        using var provider = new ServiceCollection().AddPostgresAudit().BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<AuditOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*ConnectionString is empty*");
    }
}
