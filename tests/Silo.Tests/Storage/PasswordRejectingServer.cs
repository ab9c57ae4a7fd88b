using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FraudActors.Silo.Tests.Storage;

/// <summary>
/// Speaks just enough of the PostgreSQL wire protocol to ask for a password and refuse it as a real server
/// does (FATAL 28P01): the test server trusts everyone, so a wrong password needs this stand-in.
/// </summary>
internal sealed class PasswordRejectingServer : IAsyncDisposable
{
    private const int SslRequest = 80877103;
    private const int GssEncryptionRequest = 80877104;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public PasswordRejectingServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serving = ServeAsync();
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using var stream = client.GetStream();
            try
            {
                await RejectAsync(stream, _stop.Token);
            }
            catch (Exception e) when (e is IOException or EndOfStreamException)
            {
                // The client hung up early; wait for the next one.
            }
        }
    }

    private static async Task RejectAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var header = new byte[8];
            await stream.ReadExactlyAsync(header, cancellationToken);
            var length = BinaryPrimitives.ReadInt32BigEndian(header);
            var code = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
            if (code is SslRequest or GssEncryptionRequest)
            {
                await stream.WriteAsync("N"u8.ToArray(), cancellationToken);
                continue;
            }

            await stream.ReadExactlyAsync(new byte[length - 8], cancellationToken);
            break;
        }

        // AuthenticationCleartextPassword, then read the PasswordMessage.
        await stream.WriteAsync(new byte[] { (byte)'R', 0, 0, 0, 8, 0, 0, 0, 3 }, cancellationToken);
        var message = new byte[5];
        await stream.ReadExactlyAsync(message, cancellationToken);
        await stream.ReadExactlyAsync(new byte[BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(1)) - 4], cancellationToken);

        var fields = new MemoryStream();
        foreach (var (type, value) in new[] { ('S', "FATAL"), ('V', "FATAL"), ('C', "28P01"), ('M', "password authentication failed for user \"postgres\"") })
        {
            fields.WriteByte((byte)type);
            fields.Write(Encoding.UTF8.GetBytes(value));
            fields.WriteByte(0);
        }

        fields.WriteByte(0);
        var error = new byte[5 + fields.Length];
        error[0] = (byte)'E';
        BinaryPrimitives.WriteInt32BigEndian(error.AsSpan(1), (int)fields.Length + 4);
        fields.ToArray().CopyTo(error, 5);
        await stream.WriteAsync(error, cancellationToken);
    }
}
