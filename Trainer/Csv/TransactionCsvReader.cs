using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Trainer.Csv;

/// <summary>
/// Reads the <see cref="TransactionCsvSchema"/> format (RFC 4180: quoted fields may hold commas, doubled
/// quotes and line breaks). Columns are found by header name, in any order; unknown columns are ignored;
/// the label columns may be absent. A bad row yields one line that names the line and the column at fault,
/// e.g. <c>line 17: column 'amount' must be a number like 12.50, got 'abc'.</c>; reading continues after it.
/// </summary>
internal sealed class TransactionCsvReader : IDisposable
{
    private const int MaxPooledStrings = 200_000;

    private readonly TextReader _text;
    private readonly bool _leaveOpen;
    private readonly string[] _header;
    private readonly int[] _position; // schema column index → field position in the file, -1 when absent
    private readonly List<CsvField> _fields = new(16);
    private readonly HashSet<string> _pool = new(StringComparer.Ordinal);
    private string _record = "";
    private (int Field, string Reason)? _recordError;
    private int _nextLine = 1;

    private TransactionCsvReader(TextReader text, bool leaveOpen, string[] header, int[] position, int nextLine)
    {
        _text = text;
        _leaveOpen = leaveOpen;
        _header = header;
        _position = position;
        _nextLine = nextLine;
    }

    /// <summary>The first physical line of the current record (the header is line 1).</summary>
    public int LineNumber { get; private set; }

    /// <summary>Whether the file has an <c>is_fraud</c> column.</summary>
    public bool HasLabels => _position[12] >= 0;

    /// <summary>Reads and checks the header; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryOpen(TextReader text, [NotNullWhen(true)] out TransactionCsvReader? reader, [NotNullWhen(false)] out string? error, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        reader = null;
        var fields = new List<CsvField>();
        var line = 1;
        string? record;
        (int Field, string Reason)? structural;
        do
        {
            (record, structural) = ReadRecordText(text, ref line, fields);
        }
        while (record is { Length: 0 });

        if (record is null)
        {
            error = $"the file is empty; expected a header row: {TransactionCsvSchema.Header}";
            return false;
        }

        if (structural is not null)
        {
            error = $"line 1 (header): field {structural.Value.Field + 1} {structural.Value.Reason}";
            return false;
        }

        var header = new string[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            header[i] = Text(record, fields[i]).Trim().ToLowerInvariant();
        }

        var columns = TransactionCsvSchema.Columns;
        var position = new int[columns.Count];
        for (var k = 0; k < columns.Count; k++)
        {
            position[k] = Array.IndexOf(header, columns[k]);
            if (position[k] >= 0 && Array.LastIndexOf(header, columns[k]) != position[k])
            {
                error = $"line 1 (header): column '{columns[k]}' appears twice.";
                return false;
            }
        }

        foreach (var required in TransactionCsvSchema.RequiredColumns)
        {
            if (Array.IndexOf(header, required) < 0)
            {
                error = $"line 1 (header): missing required column '{required}'; expected {TransactionCsvSchema.Header}";
                return false;
            }
        }

        reader = new TransactionCsvReader(text, leaveOpen, header, position, line);
        error = null;
        return true;
    }

    /// <summary>Opens a file; I/O problems come back as a one-line <paramref name="error"/>.</summary>
    public static bool TryOpen(string path, [NotNullWhen(true)] out TransactionCsvReader? reader, [NotNullWhen(false)] out string? error)
    {
        StreamReader stream;
        try
        {
            stream = new StreamReader(path, new FileStreamOptions { Options = FileOptions.SequentialScan, BufferSize = 1 << 16 });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            reader = null;
            error = $"cannot read '{path}': {exception.Message}";
            return false;
        }

        if (TryOpen(stream, out reader, out error))
        {
            return true;
        }

        stream.Dispose();
        error = $"{path}: {error}";
        return false;
    }

    /// <summary>Every row of a file; throws <see cref="InvalidDataException"/> with the reader's message at the first bad row.</summary>
    public static IEnumerable<SimulatedTransaction> ReadAll(string path)
    {
        if (!TryOpen(path, out var reader, out var error))
        {
            throw new InvalidDataException(error);
        }

        using (reader)
        {
            while (reader.ReadRecord())
            {
                yield return reader.TryParse(out var row, out error) ? row : throw new InvalidDataException($"{path}: {error}");
            }
        }
    }

    /// <summary>Moves to the next record (blank lines are skipped); false at the end of the input.</summary>
    public bool ReadRecord()
    {
        string? record;
        do
        {
            LineNumber = _nextLine;
            (record, _recordError) = ReadRecordText(_text, ref _nextLine, _fields);
        }
        while (record is { Length: 0 });

        _record = record ?? "";
        return record is not null;
    }

    /// <summary>Parses and validates the current record.</summary>
    public bool TryParse([NotNullWhen(true)] out SimulatedTransaction? row, [NotNullWhen(false)] out string? error)
    {
        row = null;
        if (_recordError is { } broken)
        {
            var where = broken.Field < _header.Length ? $"column '{_header[broken.Field]}'" : $"field {broken.Field + 1}";
            error = $"line {LineNumber}: {where} {broken.Reason}";
            return false;
        }

        if (_fields.Count != _header.Length)
        {
            error = _fields.Count < _header.Length
                ? $"line {LineNumber}: column '{_header[_fields.Count]}' is missing (expected {_header.Length} fields, found {_fields.Count})."
                : $"line {LineNumber}: expected {_header.Length} fields, found {_fields.Count}; quote fields that contain commas.";
            return false;
        }

        error = null;
        var transactionId = Pooled(0, pool: false);
        var cardId = Pooled(1, pool: true);
        var currency = Pooled(4, pool: true);
        var merchantId = Pooled(5, pool: true);
        var city = Pooled(8, pool: true);
        var deviceId = Pooled(11, pool: true);
        var scenario = Pooled(13, pool: true);
        if (!TryTimestamp(out var timestamp, ref error)
            || !TryAmount(out var amount, ref error)
            || !TryCategory(out var category, ref error)
            || !TryChannel(out var channel, ref error)
            || !TryCoordinate(9, out var latitude, ref error)
            || !TryCoordinate(10, out var longitude, ref error)
            || !TryLabel(out var isFraud, ref error))
        {
            error ??= $"line {LineNumber}: unreadable row.";
            return false;
        }

        var transaction = new CardTransaction(
            transactionId ?? "", cardId ?? "", timestamp, amount, currency ?? "", merchantId ?? "", category, channel,
            city, latitude, longitude, deviceId);
        var problems = TransactionValidator.Validate(transaction);
        if (problems.Count > 0)
        {
            var reasons = new string[problems.Count];
            for (var i = 0; i < problems.Count; i++)
            {
                reasons[i] = $"column '{TransactionCsvSchema.ColumnOf(problems[i].Field)}' {problems[i].Message}";
            }

            error = $"line {LineNumber}: {string.Join("; ", reasons)}";
            return false;
        }

        row = new SimulatedTransaction(transaction, isFraud, scenario);
        return true;
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _text.Dispose();
        }
    }

    private bool TryTimestamp(out DateTimeOffset timestamp, ref string? error)
    {
        var text = Field(2);
        if (TryParseUtc(text, out timestamp))
        {
            return true;
        }

        return Fail(2, text, "must be an ISO-8601 timestamp with a UTC designator, like 2026-01-01T08:30:00Z", ref error);
    }

    private bool TryAmount(out decimal amount, ref string? error)
    {
        var text = Field(3);
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount))
        {
            return true;
        }

        return Fail(3, text, "must be a number with '.' as the decimal separator, like 12.50", ref error);
    }

    private bool TryCategory(out string category, ref string? error)
    {
        var text = Field(6);
        var names = MerchantCategories.Names;
        for (var i = 0; i < names.Count; i++)
        {
            if (text.SequenceEqual(names[i]))
            {
                category = names[i];
                return true;
            }
        }

        category = "";
        return Fail(6, text, $"must be one of: {string.Join(", ", names)}", ref error);
    }

    private bool TryChannel(out Channel channel, ref string? error)
    {
        var text = Field(7);
        if (text.Equals(TransactionCsvSchema.CardPresentChannel, StringComparison.OrdinalIgnoreCase)
            || text.Equals("cardPresent", StringComparison.OrdinalIgnoreCase))
        {
            channel = Channel.CardPresent;
            return true;
        }

        if (text.Equals(TransactionCsvSchema.OnlineChannel, StringComparison.OrdinalIgnoreCase))
        {
            channel = Channel.Online;
            return true;
        }

        channel = default;
        return Fail(7, text, "must be card_present or online", ref error);
    }

    private bool TryCoordinate(int column, out double? value, ref string? error)
    {
        value = null;
        if (IsNull(column))
        {
            return true;
        }

        var text = Field(column);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return Fail(column, text, "must be a number in decimal degrees, like 48.8566, or empty", ref error);
    }

    private bool TryLabel(out bool isFraud, ref string? error)
    {
        isFraud = false;
        if (IsNull(12))
        {
            return true;
        }

        var text = Field(12);
        if (text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            isFraud = true;
            return true;
        }

        if (text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Fail(12, text, "must be 0 or 1", ref error);
    }

    private bool Fail(int column, ReadOnlySpan<char> text, string reason, ref string? error)
    {
        var shown = text.Length > 40 ? string.Concat(text[..40], "…") : text.ToString();
        error = $"line {LineNumber}: column '{TransactionCsvSchema.Columns[column]}' {reason}, got '{shown}'.";
        return false;
    }

    private bool IsNull(int column) => _position[column] < 0 || _fields[_position[column]].IsNull;

    private ReadOnlySpan<char> Field(int column)
    {
        if (_position[column] < 0)
        {
            return [];
        }

        var field = _fields[_position[column]];
        return field.Unescaped is { } unescaped ? unescaped.AsSpan() : _record.AsSpan(field.Start, field.Length);
    }

    /// <summary>The column as a string, null when empty; repeated values (cards, merchants, cities) share one instance.</summary>
    private string? Pooled(int column, bool pool)
    {
        if (IsNull(column))
        {
            return null;
        }

        var text = Field(column);
        if (!pool)
        {
            return text.ToString();
        }

        var lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var shared))
        {
            return shared;
        }

        var value = text.ToString();
        if (_pool.Count < MaxPooledStrings)
        {
            _pool.Add(value);
        }

        return value;
    }

    /// <summary>
    /// Fast path for the writer's own form (yyyy-MM-ddTHH:mm:ss[.fffffff]Z); anything else ISO-8601 with an
    /// explicit offset is accepted too and converted to UTC. A timestamp without an offset is ambiguous: rejected.
    /// </summary>
    internal static bool TryParseUtc(ReadOnlySpan<char> text, out DateTimeOffset timestamp)
    {
        if (TryParseCompactUtc(text, out timestamp))
        {
            return true;
        }

        if (!HasExplicitOffset(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            timestamp = default;
            return false;
        }

        timestamp = parsed.ToUniversalTime();
        return true;
    }

    private static bool TryParseCompactUtc(ReadOnlySpan<char> s, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (s.Length < 20 || s[^1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
            || !TryDigits(s.Slice(11, 2), out var hour) || !TryDigits(s.Slice(14, 2), out var minute) || !TryDigits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        long fractionTicks = 0;
        if (s.Length > 20)
        {
            var fraction = s[19..^1];
            if (fraction.Length < 2 || fraction.Length > 8 || fraction[0] != '.' || !TryDigits(fraction[1..], out var digits))
            {
                return false;
            }

            fractionTicks = digits;
            for (var i = fraction.Length - 1; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fractionTicks;
        timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool HasExplicitOffset(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && (s[^1] == 'Z' || s[^1] == 'z'))
        {
            return true;
        }

        var t = s.IndexOfAny('T', 't');
        return t >= 0 && s[(t + 1)..].IndexOfAny('+', '-') >= 0;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static string Text(string record, CsvField field) =>
        field.Unescaped ?? record.Substring(field.Start, field.Length);

    /// <summary>
    /// Reads one record (one line, or several when a quoted field holds line breaks, joined with \n) and splits
    /// it into <paramref name="fields"/>. Returns null at the end of input, "" for a blank line, and a structural
    /// error (naming the field number) when the quoting is broken.
    /// </summary>
    private static (string? Record, (int Field, string Reason)? Error) ReadRecordText(TextReader text, ref int nextLine, List<CsvField> fields)
    {
        fields.Clear();
        var record = text.ReadLine();
        if (record is null)
        {
            return (null, null);
        }

        nextLine++;
        while (HasOpenQuote(record))
        {
            var more = text.ReadLine();
            if (more is null)
            {
                break;
            }

            nextLine++;
            record = string.Concat(record, "\n", more);
        }

        return (record, record.Length == 0 ? null : Split(record, fields));
    }

    /// <summary>Whether the record ends inside a quoted field (RFC 4180: a quote opens a field only at its start).</summary>
    private static bool HasOpenQuote(string record)
    {
        if (!record.Contains('"'))
        {
            return false;
        }

        var inQuotes = false;
        var atFieldStart = true;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < record.Length && record[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }

                continue;
            }

            inQuotes = c == '"' && atFieldStart;
            atFieldStart = c == ',';
        }

        return inQuotes;
    }

    private static (int Field, string Reason)? Split(string record, List<CsvField> fields)
    {
        var position = 0;
        while (true)
        {
            if (position < record.Length && record[position] == '"')
            {
                var start = position + 1;
                var i = start;
                string? unescaped = null;
                while (true)
                {
                    var quote = record.IndexOf('"', i);
                    if (quote < 0)
                    {
                        return (fields.Count, "has an opening quote but no closing quote.");
                    }

                    if (quote + 1 < record.Length && record[quote + 1] == '"')
                    {
                        unescaped = string.Concat(unescaped ?? "", record.AsSpan(i, quote + 1 - i));
                        i = quote + 2;
                        continue;
                    }

                    if (unescaped is not null)
                    {
                        unescaped = string.Concat(unescaped, record.AsSpan(i, quote - i));
                    }

                    fields.Add(new CsvField(start, quote - start, Quoted: true, unescaped));
                    position = quote + 1;
                    break;
                }

                if (position == record.Length)
                {
                    return null;
                }

                if (record[position] != ',')
                {
                    return (fields.Count - 1, "has text after its closing quote; double the quotes inside a quoted field.");
                }

                position++;
                if (position == record.Length)
                {
                    fields.Add(new CsvField(position, 0, Quoted: false, null));
                    return null;
                }

                continue;
            }

            var comma = record.IndexOf(',', position);
            var end = comma < 0 ? record.Length : comma;
            if (record.AsSpan(position, end - position).Contains('"'))
            {
                return (fields.Count, "has a quote inside an unquoted value; quote the whole field and double the inner quotes.");
            }

            fields.Add(new CsvField(position, end - position, Quoted: false, null));
            if (comma < 0)
            {
                return null;
            }

            position = comma + 1;
            if (position == record.Length)
            {
                fields.Add(new CsvField(position, 0, Quoted: false, null));
                return null;
            }
        }
    }
}
