using System.Net;
using System.Net.Sockets;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Postgres;
using Npgsql;

namespace FraudActors.Silo.Tests.Storage;

public sealed class PostgresConnectionFailureTests
{
    [Fact]
    public async Task An_unreachable_port_gives_one_line()
    {
        var port = ClosedPort();

        var error = await OpenFailureAsync($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5");

        error.Message.Should().Be($"Cannot connect to PostgreSQL at 127.0.0.1:{port} as 'postgres': Connection refused");
        error.InnerException.Should().BeAssignableTo<NpgsqlException>();
    }

    [Fact]
    public async Task A_wrong_password_gives_one_line()
    {
        await using var server = new PasswordRejectingServer();

        var error = await OpenFailureAsync($"Host=127.0.0.1;Port={server.Port};Username=postgres;Password=wrong;Database=postgres;Timeout=5;SSL Mode=Disable");

        error.Message.Should().Be($"Cannot connect to PostgreSQL at 127.0.0.1:{server.Port} as 'postgres': password authentication failed for user \"postgres\"");
    }

    [PostgresFact]
    public async Task An_unknown_role_on_the_real_server_gives_one_line()
    {
        var target = new NpgsqlConnectionStringBuilder(PostgresTestServer.RequireConnectionString()) { Username = "nobody_here" };

        var error = await OpenFailureAsync(target.ConnectionString);

        error.Message.Should().Be($"Cannot connect to PostgreSQL at {target.Host}:{target.Port} as 'nobody_here': role \"nobody_here\" does not exist");
    }

    private static async Task<StoreUnavailableException> OpenFailureAsync(string connectionString)
    {
        var act = () => PostgresModelRegistryStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString });
        var error = (await act.Should().ThrowAsync<StoreUnavailableException>()).Which;
        error.Message.Should().NotContain("\n").And.NotContain("Exception");
        return error;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
