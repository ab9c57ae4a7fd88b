using System.Runtime.InteropServices;

namespace FraudActors.Trainer.Csv;

/// <summary>Where one field of the current record is: a slice of the record text, or its unescaped copy.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct CsvField(int Start, int Length, bool Quoted, string? Unescaped)
{
    /// <summary>Only an empty unquoted field is null; <c>""</c> is an empty string.</summary>
    public bool IsNull => Length == 0 && !Quoted;
}
