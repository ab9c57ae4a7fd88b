using System.Globalization;
using FraudActors.Grains.Abstractions.Audit;

namespace FraudActors.Silo.Audit;

/// <summary>
/// Rows waiting on disk for the store, as numbered segment files (<c>audit-NNNNNNNNNN.spill</c>) in one
/// directory. New rows go to the active segment; the writer seals it before replaying, so appends never race
/// a reader, and deletes a sealed segment only once every row of it is in the store. Segments left by an
/// earlier run are sealed at start and replayed first. Batches are fsync'd; single rows appended from the
/// ingestion path (buffer full) reach the disk at the writer's next <see cref="Sync"/>.
/// </summary>
internal sealed class SpillFile : IDisposable
{
    private const string Prefix = "audit-";
    private const string RejectedPrefix = "rejected-";
    private const string Extension = ".spill";

    private readonly Lock _lock = new();
    private readonly List<string> _sealed = [];
    private readonly MemoryStream _record = new();
    private readonly BinaryWriter _recordWriter;
    private FileStream? _active;
    private long _nextSegment;
    private bool _dirty;
    private int _hasPending;

    public SpillFile(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _recordWriter = new BinaryWriter(_record);
        foreach (var path in System.IO.Directory.GetFiles(Directory, Prefix + "*" + Extension))
        {
            _sealed.Add(path);
            _nextSegment = Math.Max(_nextSegment, SegmentNumber(path) + 1);
        }

        foreach (var path in System.IO.Directory.GetFiles(Directory, RejectedPrefix + "*" + Extension))
        {
            _nextSegment = Math.Max(_nextSegment, SegmentNumber(path) + 1);
        }

        _sealed.Sort(StringComparer.Ordinal);
        _hasPending = _sealed.Count > 0 ? 1 : 0;
    }

    public string Directory { get; }

    /// <summary>True while some row is on disk and not yet in the store (cheap; read on every writer turn).</summary>
    public bool HasPending => Volatile.Read(ref _hasPending) != 0;

    /// <summary>Appends one row without fsync (the ingestion path must not wait for the disk).</summary>
    public void Append(AuditedDecision row)
    {
        lock (_lock)
        {
            AppendLocked(row);
        }
    }

    /// <summary>Appends rows and fsyncs them before returning.</summary>
    public void AppendDurably(IReadOnlyList<AuditedDecision> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                AppendLocked(rows[i]);
            }

            SyncLocked();
        }
    }

    /// <summary>Flushes appended rows to the disk (fsync) if any arrived since the last sync.</summary>
    public void Sync()
    {
        lock (_lock)
        {
            SyncLocked();
        }
    }

    /// <summary>Closes the active segment (if it holds rows) and returns every sealed segment, oldest first.</summary>
    public IReadOnlyList<string> SealForReplay()
    {
        lock (_lock)
        {
            if (_active is not null)
            {
                SyncLocked();
                _active.Dispose();
                _sealed.Add(_active.Name);
                _active = null;
            }

            return [.. _sealed];
        }
    }

    /// <summary>Deletes a replayed segment.</summary>
    public void Delete(string segment)
    {
        lock (_lock)
        {
            File.Delete(segment);
            _sealed.Remove(segment);
            if (_sealed.Count == 0 && _active is null)
            {
                Volatile.Write(ref _hasPending, 0);
            }
        }
    }

    /// <summary>Reads a sealed segment in batches; a torn last record (crash while writing) is skipped.</summary>
    public static IEnumerable<List<AuditedDecision>> Read(string segment, int batchSize)
    {
        using var stream = new FileStream(segment, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var length = new byte[4];
        var batch = new List<AuditedDecision>(batchSize);
        while (SpillCodec.TryRead(stream, length, out var row))
        {
            batch.Add(row!);
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<AuditedDecision>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Keeps rows the store refused (not an outage: the rows themselves were at fault) in a file of their own,
    /// which is never replayed automatically; returns its path.
    /// </summary>
    public string WriteRejected(IReadOnlyList<AuditedDecision> rows)
    {
        lock (_lock)
        {
            var path = Path.Combine(Directory, RejectedPrefix + (_nextSegment++).ToString("D10", CultureInfo.InvariantCulture) + Extension);
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            for (var i = 0; i < rows.Count; i++)
            {
                _record.SetLength(0);
                SpillCodec.Write(rows[i], _record, _recordWriter);
                file.Write(_record.GetBuffer(), 0, (int)_record.Length);
            }

            file.Flush(flushToDisk: true);
            return path;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_active is not null)
            {
                SyncLocked();
                _active.Dispose();
                _active = null;
            }
        }
    }

    private void AppendLocked(AuditedDecision row)
    {
        if (_active is null)
        {
            var path = Path.Combine(Directory, Prefix + (_nextSegment++).ToString("D10", CultureInfo.InvariantCulture) + Extension);
            _active = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        }

        _record.SetLength(0);
        SpillCodec.Write(row, _record, _recordWriter);
        _active.Write(_record.GetBuffer(), 0, (int)_record.Length);
        _dirty = true;
        Volatile.Write(ref _hasPending, 1);
    }

    private void SyncLocked()
    {
        if (_dirty && _active is not null)
        {
            _active.Flush(flushToDisk: true);
        }

        _dirty = false;
    }

    private static long SegmentNumber(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var digits = name[(name.IndexOf('-', StringComparison.Ordinal) + 1)..];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
    }
}
