using System.Net.Sockets;
using FraudActors.Grains.Abstractions.Registry;
using Npgsql;

namespace FraudActors.Silo.Storage.Postgres;

/// <summary>
/// Opens connections and turns the driver's failures to connect (refused, timed out, rejected credentials,
/// missing database) into one <see cref="StoreUnavailableException"/> whose message says where, as whom and why.
/// </summary>
internal static class PostgresConnections
{
    public static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(dataSource.ConnectionString, e);
        }
    }

    public static StoreUnavailableException Unavailable(string connectionString, Exception failure)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var host = string.IsNullOrEmpty(target.Host) ? "localhost" : target.Host;
        var user = string.IsNullOrEmpty(target.Username) ? Environment.UserName : target.Username;
        return new StoreUnavailableException(
            $"Cannot connect to PostgreSQL at {host}:{target.Port} as '{user}': {Reason(failure)}", failure);
    }

    private static string Reason(Exception failure)
    {
        // The useful sentence is at the bottom of the chain: the server's own message or the socket error.
        string? reason = null;
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException server:
                    return server.MessageText;
                case SocketException socket:
                    reason = socket.Message;
                    break;
                case TimeoutException:
                    reason ??= "the connection attempt timed out";
                    break;
                default:
                    reason ??= e.Message;
                    break;
            }
        }

        return OneLine(reason ?? failure.GetType().Name);
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.EndsWith('.') ? line[..^1] : line;
    }
}
