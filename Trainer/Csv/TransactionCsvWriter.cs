using System.Buffers;
using System.Globalization;
using System.Text;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Trainer.Csv;

/// <summary>
/// Writes rows in the <see cref="TransactionCsvSchema"/> format: UTF-8 formatted straight into a 64 KiB
/// buffer, no intermediate strings, so writing keeps up with the simulator.
/// </summary>
internal sealed class TransactionCsvWriter : IDisposable
{
    private const int InitialBufferSize = 1 << 16;
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _position;
    private bool _disposed;

    /// <summary>Starts a CSV on <paramref name="stream"/> and writes the header row.</summary>
    public TransactionCsvWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        WriteLiteral(Encoding.ASCII.GetBytes(TransactionCsvSchema.Header + "\n"));
    }

    public long RowsWritten { get; private set; }

    /// <summary>Creates (or truncates) the file at <paramref name="path"/>.</summary>
    public static TransactionCsvWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan));

    public void Write(SimulatedTransaction row)
    {
        ArgumentNullException.ThrowIfNull(row);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var transaction = row.Transaction;
        WriteText(transaction.TransactionId);
        WriteByte((byte)',');
        WriteText(transaction.CardId);
        WriteByte((byte)',');
        WriteTimestamp(transaction.Timestamp);
        WriteByte((byte)',');
        WriteAmount(transaction.Amount);
        WriteByte((byte)',');
        WriteText(transaction.Currency);
        WriteByte((byte)',');
        WriteText(transaction.MerchantId);
        WriteByte((byte)',');
        WriteText(transaction.MerchantCategory);
        WriteByte((byte)',');
        WriteLiteral(transaction.Channel == Channel.Online ? "online"u8 : "card_present"u8);
        WriteByte((byte)',');
        WriteText(transaction.City);
        WriteByte((byte)',');
        WriteCoordinate(transaction.Latitude);
        WriteByte((byte)',');
        WriteCoordinate(transaction.Longitude);
        WriteByte((byte)',');
        WriteText(transaction.DeviceId);
        WriteByte((byte)',');
        WriteByte(row.IsFraud ? (byte)'1' : (byte)'0');
        WriteByte((byte)',');
        WriteText(row.FraudScenario);
        WriteByte((byte)'\n');
        RowsWritten++;
    }

    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Flush();
        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void WriteText(string? value)
    {
        if (value is null)
        {
            return; // empty unquoted field = null
        }

        if (value.Length == 0)
        {
            WriteLiteral("\"\""u8);
            return;
        }

        if (value.AsSpan().IndexOfAny(NeedsQuoting) < 0)
        {
            Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
            _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
            return;
        }

        Reserve(Encoding.UTF8.GetMaxByteCount((value.Length * 2) + 2));
        _buffer[_position++] = (byte)'"';
        var rest = value.AsSpan();
        while (true)
        {
            var quote = rest.IndexOf('"');
            var segment = quote < 0 ? rest : rest[..quote];
            _position += Encoding.UTF8.GetBytes(segment, _buffer.AsSpan(_position));
            if (quote < 0)
            {
                break;
            }

            _buffer[_position++] = (byte)'"';
            _buffer[_position++] = (byte)'"';
            rest = rest[(quote + 1)..];
        }

        _buffer[_position++] = (byte)'"';
    }

    private void WriteTimestamp(DateTimeOffset timestamp)
    {
        Reserve(32);
        var utc = timestamp.UtcDateTime;
        var span = _buffer.AsSpan(_position);
        WriteDigits(span, utc.Year, 4);
        span[4] = (byte)'-';
        WriteDigits(span[5..], utc.Month, 2);
        span[7] = (byte)'-';
        WriteDigits(span[8..], utc.Day, 2);
        span[10] = (byte)'T';
        WriteDigits(span[11..], utc.Hour, 2);
        span[13] = (byte)':';
        WriteDigits(span[14..], utc.Minute, 2);
        span[16] = (byte)':';
        WriteDigits(span[17..], utc.Second, 2);
        var length = 19;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            span[length++] = (byte)'.';
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            WriteDigits(span[length..], fraction, digits);
            length += digits;
        }

        span[length++] = (byte)'Z';
        _position += length;
    }

    private void WriteAmount(decimal amount)
    {
        Reserve(64);
        // Two decimals as documented; more only when the value has them, so imported amounts round-trip.
        var format = amount.Scale <= 2 ? "F2" : null;
        amount.TryFormat(_buffer.AsSpan(_position), out var written, format, CultureInfo.InvariantCulture);
        _position += written;
    }

    private void WriteCoordinate(double? value)
    {
        if (value is not { } number)
        {
            return;
        }

        Reserve(32);
        number.TryFormat(_buffer.AsSpan(_position), out var written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    private void WriteLiteral(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    private void WriteByte(byte value)
    {
        if (_position == _buffer.Length)
        {
            FlushBuffer();
        }

        _buffer[_position++] = value;
    }

    private void Reserve(int bytes)
    {
        if (_position + bytes <= _buffer.Length)
        {
            return;
        }

        FlushBuffer();
        if (bytes > _buffer.Length)
        {
            _buffer = new byte[Math.Max(bytes, _buffer.Length * 2)];
        }
    }

    private void FlushBuffer()
    {
        if (_position > 0)
        {
            _stream.Write(_buffer, 0, _position);
            _position = 0;
        }
    }

    private static void WriteDigits(Span<byte> destination, int value, int digits)
    {
        for (var i = digits - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
